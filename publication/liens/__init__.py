"""Links and images that resolve, checked twice, both naming the editor's file whenever a link
comes from one:

- ``textes``, before rendering: the ``{filename}``/``{static}`` references of the editors'
  texts lead to a file of ``content/`` (plugin ``liens``);
- ``pages``, after rendering: every internal address of the built pages, ``#fragments``
  included, leads to a file of the output (plugin ``sortie``, publication/sortie.py).
"""

from .pages import Seen, broken_links, url_of
from .probleme import Problem
from .textes import located, missing_references

__all__ = ["Problem", "Seen", "broken_links", "located", "missing_references", "url_of"]
