"""Stops the build when an editor's metadata is wrong, with a message naming file and field.

Pelican alone would guess (a missing category becomes the folder's name, "31/01/2013" is
read as a date) or skip a file with a terse log line. Editors are not developers: they get
one plain French line per problem, and the build stops even without ``--fatal``.
"""

import datetime
import logging
import os
import re

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

logger = logging.getLogger(__name__)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")
STATUSES = ("published", "draft", "hidden")
CONTACTS = ("mairie", "dpo")
REQUIRED = {"article": ("title", "date", "category", "summary"), "page": ("title",)}
KNOWN = {
    "article": {"title", "date", "modified", "category", "tags", "slug", "summary", "status"},
    "page": {
        "title",
        "slug",
        "summary",
        "status",
        "template",
        "url",
        "save_as",
        "contact",
        "accueil",
    },
}


class MetadataError(Exception):
    """Raised to stop the build once every faulty file has been reported."""


def check_date(raw):
    if not ISO_DATE.fullmatch(raw):
        return f"invalide « {raw} » (format attendu AAAA-MM-JJ)"
    try:
        datetime.datetime.fromisoformat(raw)
    except ValueError:
        return f"invalide « {raw} » (cette date n'existe pas)"
    return None


def problems(kind, meta):
    """Return ``(field, problem)`` pairs for the raw metadata of one Markdown file."""
    found = []
    for field in sorted(set(meta) - KNOWN[kind]):
        expected = ", ".join(sorted(KNOWN[kind]))
        found.append((field, f"inconnu (champs possibles : {expected})"))
    for field in REQUIRED[kind]:
        if not "".join(meta.get(field, [])).strip():
            found.append((field, "manquant"))
    for field in ("date", "modified"):
        if field in meta and "".join(meta[field]).strip():
            problem = check_date(meta[field][0].strip())
            if problem:
                found.append((field, problem))
    status = "".join(meta.get("status", ["published"])).strip()
    if status not in STATUSES:
        allowed = ", ".join(STATUSES)
        found.append(("status", f"invalide « {status} » (valeurs possibles : {allowed})"))
    order = "".join(meta.get("accueil", ["1"])).strip()
    if not order.isdigit():
        found.append(("accueil", f"invalide « {order} » (un numéro d'ordre attendu, par ex. 1)"))
    for contact in (c.strip() for c in ",".join(meta.get("contact", [])).split(",")):
        if contact and contact not in CONTACTS:
            found.append(("contact", f"invalide « {contact} » (valeurs possibles : mairie, dpo)"))
    return found


class StrictMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, checking the raw metadata before Pelican interprets it."""

    _shared_md = None

    def read(self, source_path):
        """As Pelican's, but with one Markdown instance reset between files: building one per
        file, with its extensions, was ~0.5 s of a 2,000-article build (docs/benchmarks.md)."""
        self._source_path = source_path
        if self._shared_md is None:
            self._shared_md = Markdown(**self.settings["MARKDOWN"])
        self._md = self._shared_md
        self._md.reset()
        if "meta" not in self._md.preprocessors:  # Pelican's _parse_metadata removes it
            self._md.preprocessors.register(MetaPreprocessor(self._md), "meta", 27)
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata

    def _parse_metadata(self, meta):
        raw = {name.lower(): values for name, values in meta.items()}
        found = problems(self._kind(), raw)
        if found:
            name = self._display_path()
            report = "\n".join(f'{name}: champ "{field}" {problem}' for field, problem in found)
            _failed.append(name)
            # One record per file: with --fatal, Pelican raises on the first error logged.
            logger.error(report)
            raise MetadataError(report)
        metadata = super()._parse_metadata(meta)
        if "contact" in metadata:
            metadata["contact"] = [c.strip() for c in metadata["contact"].split(",") if c.strip()]
        return metadata

    def _kind(self):
        relative = os.path.relpath(self._source_path, self.settings["PATH"])
        top = relative.split(os.sep, 1)[0]
        return "page" if top in self.settings["PAGE_PATHS"] else "article"

    def _display_path(self):
        """The path from the project root, as the editor sees it: content/articles/x.md."""
        content_root = os.path.dirname(os.path.abspath(self.settings["PATH"]))
        return os.path.relpath(self._source_path, content_root)


_failed = []  # files rejected during the current build


def reset(pelican):
    _failed.clear()


def use_strict_reader(readers):
    readers.reader_classes["md"] = readers.reader_classes["markdown"] = StrictMarkdownReader
    readers.reader_classes["mkd"] = readers.reader_classes["mdown"] = StrictMarkdownReader


def duplicate_urls(generators):
    """Report two sources that would be written to the same address (same slug)."""
    kinds = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")
    items = [
        (os.path.relpath(item.source_path, os.path.dirname(generator.path)), item)
        for generator in generators
        for kind in kinds
        for content in getattr(generator, kind, [])
        for item in (content, *getattr(content, "translations", []))
    ]
    seen = {}
    for source, item in sorted(items, key=lambda pair: pair[0]):  # the same report every time
        first = seen.setdefault(item.save_as, source)
        if first != source:
            report = (
                f'{source}: champ "slug" en double : {first} a déjà l\'adresse '
                f"/{item.url} (changez le slug de l'un des deux)"
            )
            _failed.append(source)
            logger.error(report)


def stop_if_failed(generators):
    duplicate_urls(generators)
    if _failed:
        raise MetadataError(
            f"construction arrêtée : {len(_failed)} fichier(s) avec des métadonnées invalides "
            f"({', '.join(sorted(_failed))}). Voir docs/guide-redaction.md."
        )


def register():
    signals.initialized.connect(reset)
    signals.readers_init.connect(use_strict_reader)
    signals.all_generators_finalized.connect(stop_if_failed)
