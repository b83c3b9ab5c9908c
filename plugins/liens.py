"""``{filename}``/``{static}`` references that resolve, or the build stops before rendering.

Every reference of every text must lead to a file of ``content/`` (and, at publication,
not to a draft or a scheduled article). The links of the built pages are checked after the
build by the ``sortie`` plugin. See publication/liens/.
"""

import logging
import os
from itertools import chain

from pelican import signals

from publication import sources
from publication.construction import StopBuild
from publication.liens import located, missing_references

logger = logging.getLogger(__name__)
LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def contents(generators):
    seen = set()
    for generator in generators:
        for item in chain.from_iterable(getattr(generator, name, []) for name in LISTS):
            if id(item) not in seen:
                seen.add(id(item))
                yield item


def check_references(generators):
    problems = []
    for content in contents(generators):
        if not hasattr(content, "_get_intrasite_link_regex"):
            continue
        found = missing_references(content) + held_back_targets(content)
        if found:  # only then the source is read, for the line numbers
            shown = sources.shown_path(content.source_path, content.settings)
            with open(content.source_path, encoding="utf-8", errors="replace") as source:
                text = source.read()
            problems += located(shown, text, found)
    for problem in problems:
        logger.error(str(problem))
    if problems:
        raise StopBuild(f"{len(problems)} lien(s) vers des fichiers introuvables")


def held_back_targets(content):
    """Links from a published text to one the publication holds back (draft, scheduled)."""
    if getattr(content, "held_back", None):
        return []
    problems = []
    for match in content._get_intrasite_link_regex().finditer(content._content or ""):
        if match.group("what") != "filename":
            continue
        path = match.group("value").split("#")[0].lstrip("/")
        if not match.group("value").startswith("/"):
            path = os.path.normpath(os.path.join(content.relative_dir, path))
        reason = getattr(content._context["generated_content"].get(path), "held_back", None)
        if reason:
            written = match.group("path")
            problems.append(
                (
                    written,
                    f"le lien {written} vise un texte qui ne sera pas publié maintenant "
                    f"({reason}) : retirez le lien, ou attendez que ce texte soit publié",
                )
            )
    return problems


def register():
    signals.all_generators_finalized.connect(check_references)
