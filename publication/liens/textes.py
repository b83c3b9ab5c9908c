"""Before rendering: the ``{filename}``/``{static}`` references of the editors' texts lead to a
file of ``content/`` (checked before Pelican renders, so it never prints its English warning).
"""

import html
import os
import posixpath
from urllib.parse import unquote, urlsplit

from .probleme import Problem

INDICATORS = {"filename", "static", "attach", "category", "tag", "index", "author"}


def line_of(text, needle):
    """The 1-based line of ``needle`` in ``text``, or None."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _lookup(content, key, path):
    """Pelican's own lookup of a ``{filename}``/``{static}`` target (pelican/contents.py)."""
    if path.startswith("/"):
        path = path[1:]
    else:
        path = content.get_relative_source_path(os.path.join(content.relative_dir, path))
    return content._context[key].get(path)


def _sought(content, path):
    """Where the target was looked for, as the editor sees it: content/pages/x.md."""
    top = os.path.basename(os.path.normpath(content.settings["PATH"]))  # usually "content"
    if path.startswith("/"):
        return f"{top}{path}"
    return posixpath.normpath(f"{top}/{content.relative_dir}/{path}")


def _target_exists(content, what, value):
    key = "generated_content" if what == "filename" else "static_content"
    path = urlsplit(value).path
    for candidate in (path, unquote(path), urlsplit(html.unescape(value)).path):
        found = _lookup(content, key, candidate)
        if found is None and what == "filename":
            found = _lookup(content, "static_content", candidate)
        # Pelican makes a static object for any {static} target, even a missing file.
        if found is not None and os.path.exists(found.source_path):
            return True
    return False


def missing_references(content):
    """``(reference as written, problem)`` for the ``{…}`` references of a content object
    that lead nowhere (checked before rendering)."""
    problems = []
    for match in content._get_intrasite_link_regex().finditer(content._content or ""):
        what, value, written = match.group("what"), match.group("value"), match.group("path")
        if what not in INDICATORS:
            problems.append(
                (
                    written,
                    f"{written} : « {{{what}}} » n'est pas reconnu ; écrivez {{filename}} pour "
                    "une page ou un article, {static} pour une image ou un document",
                )
            )
        elif what == "filename" and _lookup(content, "static_content", urlsplit(value).path):
            fixed = written.replace("{filename}", "{static}", 1)
            problems.append(
                (
                    written,
                    f"{written} vise une image ou un document : écrivez {fixed} ({{filename}} "
                    "est pour les pages et les articles)",
                )
            )
        elif what in {"filename", "static", "attach"} and not _target_exists(content, what, value):
            kind = "le lien" if what == "filename" else "l'image ou le document"
            sought = _sought(content, urlsplit(value).path)
            problems.append(
                (
                    written,
                    f"{kind} {written} vise un fichier qui n'existe pas ({sought}) : vérifiez le "
                    "nom du fichier et son dossier",
                )
            )
    return problems


def located(shown_path, source_text, found):
    """Problems naming the file and, where the reference is found in it, the line."""
    problems = []
    for written, message in found:
        line = line_of(source_text, written)
        problems.append(Problem(shown_path, (f"ligne {line} : " if line else "") + message))
    return problems
