"""Stops the build on an editor's mistake in content/, with one French line per problem.

Pelican alone would guess (a missing category becomes the folder's name, "31/01/2013" is
read as a date), skip a file with a terse English line, crash on a long title, or publish a
broken table as raw pipes. Editors are not developers: each problem gets one plain line
naming the file and the field (``champ "title" …``) or the line (``ligne 12 : …``), and the
build stops once every file is read, even without ``--fatal``, so that the editor's preview
and the publication stop alike. What is checked lives in ``editor_checks/``.
"""

import functools
import logging
import os
import re

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican import signals
from pelican.readers import MarkdownReader

from plugins.editor_checks import addresses, body, fields, sources

logger = logging.getLogger(__name__)

CONTENT_KINDS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
# Pelican warns in English about every alt="" (fatal with --fatal warnings), yet an empty
# alternative is what RGAA asks of a decorative image, as the editors' guide teaches
# (``![](…)``). The bare attribute means the same to browsers and screen readers.
EMPTY_ALT = re.compile(r"""(<img\b[^>]*?\s)alt=(?:""|'')""", re.I)


class MetadataError(Exception):
    """Raised to stop the build once every faulty file has been reported."""


class Problems:
    """The problems of the current build, by file; each message is logged once."""

    def __init__(self):
        self.by_file = {}

    def clear(self):
        self.by_file.clear()

    def report(self, source, texts):
        """Log the new messages about ``source`` as one record; return them."""
        messages = [f"{source}: {text}" for text in dict.fromkeys(texts)]
        known = self.by_file.setdefault(source, [])
        new = [message for message in messages if message not in known]
        known.extend(new)
        # One record per file: with --fatal, Pelican raises on the first error logged.
        if new:
            logger.error("\n".join(new))
        return "\n".join(messages)

    def summary(self):
        files = sorted(self.by_file)
        return (
            f"construction arrêtée : {len(files)} fichier(s) à corriger ({', '.join(files)}). "
            "Voir docs/guide-redaction.md."
        )


PROBLEMS = Problems()


class StrictMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, checking the file as written before Pelican interprets it."""

    _shared_md = None
    _slugs = None

    def read(self, source_path):
        """As Pelican's, but with one Markdown instance reset between files: building one per
        file, with its extensions, was ~0.5 s of a 2,000-article build (docs/benchmarks.md)."""
        self._source_path = source_path
        text = self._text()
        if self._shared_md is None:
            self._shared_md = Markdown(**self.settings["MARKDOWN"])
        self._md = self._shared_md
        self._md.reset()
        if "meta" not in self._md.preprocessors:  # Pelican's _parse_metadata removes it
            self._md.preprocessors.register(MetaPreprocessor(self._md), "meta", 27)
        content = self._md.convert(text)
        meta = getattr(self._md, "Meta", {})
        lines, kind = text.split("\n"), self._kind()
        header = fields.read_header(lines, kind)
        if self._slugs is None:
            self._slugs = fields.Slugs(self.settings)
        found = fields.problems(kind, {k.lower(): v for k, v in meta.items()}, header, self._slugs)
        found += body.problems(content, lines, header.end, self._images_folder)
        if found:
            raise MetadataError(PROBLEMS.report(self._display_path(), found))
        metadata = self._parse_metadata(meta)
        if "contact" in metadata:
            metadata["contact"] = [c.strip() for c in metadata["contact"].split(",") if c.strip()]
        if 'alt=""' in content or "alt=''" in content:
            content = EMPTY_ALT.sub(r"\1alt", content)
        return content, metadata

    def _text(self):
        """The file's text, as Pelican's ``pelican_open`` reads it, or a French stop."""
        with open(self._source_path, "rb") as source:
            raw = source.read().removeprefix(b"\xef\xbb\xbf")  # a BOM, as utf-8-sig drops it
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:  # reported outside: no chained traceback
            text, line = None, raw[: error.start].count(b"\n") + 1
        if text is None:
            problem = (
                f"ligne {line} : caractère illisible : le fichier n'est pas enregistré en UTF-8 "
                "(sans doute en Windows-1252 ou Latin-1) ; rouvrez-le et enregistrez-le avec "
                "l'encodage « UTF-8 »"
            )
            raise MetadataError(PROBLEMS.report(self._display_path(), [problem]))
        if not text.strip():
            problem = (
                "le fichier est vide : écrivez-y ses champs (Title…) et son texte, ou supprimez-le"
            )
            raise MetadataError(PROBLEMS.report(self._display_path(), [problem]))
        return text.replace("\r\n", "\n").replace("\r", "\n")  # universal newlines

    def _kind(self):
        relative = os.path.relpath(self._source_path, self.settings["PATH"])
        top = relative.split(os.sep, 1)[0]
        return "page" if top in self.settings["PAGE_PATHS"] else "article"

    @functools.cached_property
    def _images_folder(self):
        """Where images go, as editors see it (content/images/): named by some messages."""
        return shown_folder(self.settings, (self.settings.get("STATIC_PATHS") or [""])[0])

    def _display_path(self):
        """The path from the project root, as the editor sees it: content/articles/x.md."""
        return display_path(self.settings, self._source_path)


def display_path(settings, path):
    """``path`` (absolute, or relative to PATH) from the parent of PATH: content/x.md."""
    content = os.path.abspath(settings["PATH"])
    full, parent = os.path.join(content, path), os.path.dirname(content)
    if full.startswith(content + os.sep) and os.sep + "." not in full:  # relpath is slow
        return full[len(parent) :].lstrip(os.sep)
    return os.path.relpath(full, parent)


def shown_folder(settings, folder):
    """A folder of PATH as editors see it: ``images`` → ``content/images/``."""
    return display_path(settings, folder).replace(os.sep, "/").rstrip("/") + "/"


def start_build(pelican):
    """Forget the last build's problems: ``pelican -r`` and the preview rebuild in one
    process. Sent by Pelican at the start of every run, for generator classes: none here."""
    PROBLEMS.clear()


def no_translations(pelican):
    """No field names a language (``Lang`` is unknown), so Pelican's grouping of translations
    by slug can only misfire: two texts with one slug got an English warning, fatal with
    ``--fatal warnings``, before the French line of the address check."""
    pelican.settings["ARTICLE_TRANSLATION_ID"] = None
    pelican.settings["PAGE_TRANSLATION_ID"] = None


def use_strict_reader(readers):
    for extension in MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = StrictMarkdownReader


def check_site(generators):
    """The checks that need every file read, then the stop if any file has a problem."""
    settings, context = generators[0].settings, generators[0].context
    items = contents(generators)
    static = [item.save_as for item in context.get("static_content", {}).values() if item]
    found = addresses.address_problems(items, settings, static)
    found += addresses.spelling_problems(items)
    found += sources.template_problems(items, sources.theme_templates(settings), settings)
    read, copied = context.get("generated_content", {}), context.get("static_content", {})
    for path, text in sources.ignored_files(
        settings, read, copied, MARKDOWN_EXTENSIONS, lambda folder: shown_folder(settings, folder)
    ):
        found.append((display_path(settings, path), text))
    by_file = {}
    for source, text in found:
        by_file.setdefault(source, []).append(text)
    for source in sorted(by_file):
        PROBLEMS.report(source, by_file[source])
    if PROBLEMS.by_file:
        raise MetadataError(PROBLEMS.summary())


def contents(generators):
    """Every source read, once each, in path order: ``(content/…/x.md, content object)``."""
    items = {}
    for generator in generators:
        for kind in CONTENT_KINDS:
            for content in getattr(generator, kind, []):
                for item in (content, *getattr(content, "translations", [])):
                    items.setdefault(item.source_path, item)
    settings = generators[0].settings
    shown = ((display_path(settings, path), item) for path, item in items.items())
    return sorted(shown, key=lambda pair: pair[0])


def register():
    signals.initialized.connect(no_translations)
    signals.get_generators.connect(start_build)
    signals.readers_init.connect(use_strict_reader)
    signals.all_generators_finalized.connect(check_site)
