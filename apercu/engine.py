"""The site in memory: rebuilt on every save, each page rendered when it is asked for.

A full Pelican build of 2,000 articles takes seconds, most of it rendering and writing
3,000 pages the editor is not looking at. The preview instead keeps, per *generation*, what
each page would be rendered from (apercu/lazy.py) and renders a page on request. A save
that changes only the text of an article or a page (same metadata, same links to other
files) just swaps that text in; any other change (a title, a date, a new or deleted file,
a data file, a template) runs Pelican again, from an in-memory cache of the files that did
not change. Either way every page is rendered from the current state, so no listing is
ever stale; ``tests/apercu`` checks each page against a clean build after a series of edits.

A build that fails keeps the last good generation on screen, with its errors in the page.
"""

import datetime
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache
from pelican import Pelican
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals
from pelican.writers import Writer

from apercu.lazy import PageJob, lazy_writer_class
from commune import a_confirmer
from publication import construction, sources
from publication.redirections import NAME as REDIRECTIONS
from publication.redirections import Declared
from publication.redirections import load as load_redirections

logger = logging.getLogger(__name__)
MARKDOWN = {".md", ".markdown", ".mkd", ".mdown"}
# What a preview never writes itself: Pagefind's index and the theme files come from their
# own tools, the record of addresses from the checks.
KEPT_FOLDERS = ("pagefind/", "theme/", "_publication/")


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept across generations (Jinja checks each source's checksum)."""

    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


class PreviewPelican(Pelican):
    """Pelican with a lazy writer and the files read by earlier generations kept in memory."""

    reader_cache = None  # generator name → {absolute path: (stamp, (content, metadata))}

    def _get_generator_classes(self):
        pelican, found = self, []
        self.generators = found

        def remembering(base):
            class Remembering(base):
                def __init__(self, *args, **kwargs):
                    super().__init__(*args, **kwargs)
                    found.append(self)
                    if base in (ArticlesGenerator, PagesGenerator):
                        self.readers._cache = pelican.reader_cache.setdefault(base.__name__, {})
                        self.readers._cache_data_policy = True
                        self.readers.save_cache = self.save_cache = lambda: None

            Remembering.__name__ = base.__name__
            return Remembering

        return [remembering(base) for base in super()._get_generator_classes()]

    def _get_writer(self):
        # The class Pelican would use (the site_writer plugin's), without making one.
        classes = [w for _, w in signals.get_writer.send(self) if isinstance(w, type)]
        base = classes[0] if classes else Writer
        self.writer = lazy_writer_class(base)(self.output_path, settings=self.settings)
        return self.writer


@dataclass
class Generation:
    """One state of the site: what each page is rendered from, and what it rendered."""

    number: int
    jobs: dict  # output path (``a/b/index.html``) → PageJob or FeedJob
    writer: object
    settings: dict
    sources: dict  # output path → publication.sources.Page (the editor's file, its text)
    contents: dict  # absolute source path → Article or Page
    statics: set  # output paths of the static files copied to the output folder
    redirections: Declared
    placeholders: list
    lines: list  # warnings of the build that made it
    lock: threading.RLock  # shared by every generation of an engine (see Engine.rendering)
    renders: dict = field(default_factory=dict)

    def render(self, name):
        """The rendered text of output path ``name`` (cached for this generation)."""
        if name not in self.renders:
            # One render at a time: Pelican memoizes texts process-wide, and the text swap
            # of the fast path must not interleave with a render (a stale text would stick);
            # Pelican's write_feed keeps state on the writer too.
            with self.lock:
                if name not in self.renders:
                    self.renders[name] = self.jobs[name].render(self.writer)
        return self.renders[name]

    def content_of(self, name):
        job = self.jobs.get(name)
        if isinstance(job, PageJob):
            return job.context.get("article") or job.context.get("page")
        return None


def forget_rendered_texts():
    """Empty Pelican's memo of rendered texts (a process-wide dict keyed by content object)."""
    for name in ("get_content", "get_summary"):
        Content.__dict__[name].cache.clear()


class Engine:
    """Builds generations on request; serves the current one; reports errors as French lines."""

    def __init__(self, settings_file, override=None, echo=None):
        self.settings_file = settings_file
        self.override = {
            **(override or {}),
            "SEARCH_INDEX": False,  # indexed in the background (see materialize)
            "CHECK_OUTPUT": False,  # idem
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": False,
            "CONTENT_CACHING_LAYER": "reader",
            "DELETE_OUTPUT_DIRECTORY": False,
            "MARK_PLACEHOLDERS": True,  # « à confirmer » next to each value still to confirm
        }
        self.echo = echo
        self.reader_cache = {}
        self.bytecode = MemoryBytecodeCache()
        self.current = None  # the last good Generation
        self.errors = []  # lines of the last attempt, when it failed
        self.problems = []  # lines of the checks of the written output
        self.version = 0  # bumped whenever what a page shows may change
        self.materialized = 0  # number of the generation last written out and checked
        self.dirty = set()  # files saved since the last good generation
        self.links = {}  # what the link check learnt of each page (publication.liens)
        self.rendering = threading.RLock()  # see Generation.render
        self.changed = threading.Condition()
        self._numbers = 0

    # --- Building ------------------------------------------------------------------------

    def settings(self):
        settings = construction.load_settings(self.settings_file, self.override)
        jinja = dict(settings["JINJA_ENVIRONMENT"])
        jinja["bytecode_cache"] = self.bytecode
        settings["JINJA_ENVIRONMENT"] = jinja
        return settings

    def build(self, changed=()):
        """Bring the site up to date with the files ``changed`` (all of them when empty).

        Returns True when the current generation now shows every change.
        """
        start = time.perf_counter()
        # Saves since the last good generation: a file saved while another one had an error
        # must not be forgotten once that error is fixed.
        changed = set(changed) | self.dirty
        for path in changed:
            self._forget(path)
        fast = self._swap_texts(changed) if changed and self.current is not None else None
        ok = self._full() if fast is None else fast
        self.dirty = set() if ok else changed
        seconds = time.perf_counter() - start
        if ok and self.echo is not None:
            shown = [self._shown(p) for p in changed if os.path.exists(p) or self._known(p)]
            names = ", ".join(sorted(shown)) or "tout le site"
            how = "texte remplacé" if fast else "reconstruit"
            print(
                f"Aperçu à jour en {seconds:.2f} s ({how}) : {names}".replace(".", ",", 1),
                file=self.echo,
                flush=True,
            )
        return ok

    def _shown(self, path):
        root = Path(self.current.settings["PATH"] if self.current else ".").resolve().parent
        try:
            return str(Path(path).resolve().relative_to(root))
        except ValueError:
            return str(path)

    def _known(self, path):
        return self.current is not None and os.path.abspath(path) in self.current.contents

    def report_failure(self, error):
        """An unexpected error of a build step: one French line, the preview keeps going."""
        self._failed([construction.describe(error, Path.cwd())])

    def seconds_to_next_date(self):
        """Seconds until the first scheduled article's date (None: no such article)."""
        dates = [c.date for c in self._scheduled()]
        if not dates:
            return None
        now = datetime.datetime.now(datetime.UTC)
        return max(1.0, (min(dates) - now).total_seconds() + 1)

    def _scheduled(self):
        current = self.current
        if current is None:
            return []
        return [
            c for c in current.contents.values() if getattr(c, "scheduled", False) and c.date.tzinfo
        ]

    def _forget(self, path):
        key = os.path.abspath(path)
        for cache in self.reader_cache.values():
            cache.pop(key, None)

    def _full(self):
        try:
            settings = self.settings()
        except Exception as error:  # a data file read by the settings, or a bug
            return self._failed([construction.describe(error, Path.cwd())])
        PreviewPelican.reader_cache = self.reader_cache
        forget_rendered_texts()
        report = construction.run(settings, echo=self.echo, pelican_class=PreviewPelican)
        if not report.ok or report.pelican is None or not hasattr(report.pelican, "writer"):
            return self._failed(report.lines or ["la construction a échoué"])
        pelican = report.pelican
        contents = {}
        for generator in pelican.generators:
            for name in (
                "articles",
                "drafts",
                "hidden_articles",
                "pages",
                "hidden_pages",
                "draft_pages",
            ):
                for item in getattr(generator, name, []):
                    contents[os.path.abspath(item.source_path)] = item
        statics = {
            static.save_as
            for generator in pelican.generators
            for static in getattr(generator, "staticfiles", [])
        } | sources.extras()  # files plugins copied themselves (the acts' PDFs)
        path = os.path.join(settings["PATH"], "data", REDIRECTIONS)
        try:
            declared = load_redirections(path, sources.shown_path(path, settings))
        except Exception as error:
            return self._failed([construction.describe(error, Path.cwd())])
        self._numbers += 1
        self._publish(
            Generation(
                number=self._numbers,
                jobs=pelican.writer.jobs,
                writer=pelican.writer,
                settings=settings,
                sources=sources.pages(),
                contents=contents,
                statics=statics,
                redirections=declared,
                placeholders=a_confirmer.scan(settings["PATH"]),
                lines=report.lines,
                lock=self.rendering,
            )
        )
        self.readers = next(g.readers for g in pelican.generators if hasattr(g, "readers"))
        return True

    def _swap_texts(self, changed):
        """The fast path, when every change is the text of a known page or article.

        Returns True (swapped in), False (a file has an error, reported) or None (a full
        build is needed).
        """
        current = self.current
        replacements = []
        for path in changed:
            key = os.path.abspath(path)
            old = current.contents.get(key)
            if old is None and not os.path.exists(key) and Path(path).suffix != ".md":
                continue  # an editor's temporary file, already gone
            if old is None or Path(path).suffix not in MARKDOWN or not os.path.exists(key):
                return None
            new = self._read(old, key)
            if new is None:
                return False  # reported; the last good text stays on screen
            if not same_outline(old, new):
                return None
            replacements.append((old, new))
        if not replacements:
            return None
        placeholders = a_confirmer.scan(current.settings["PATH"])
        if placeholders != current.placeholders:
            return None  # the pages' « à confirmer » marks change: the writer must be new
        with self.rendering:
            for old, new in replacements:
                old._content = new._content
            forget_rendered_texts()
        self._numbers += 1
        generation = Generation(
            **{
                **{f: getattr(current, f) for f in current.__dataclass_fields__},
                "number": self._numbers,
                "renders": {},
            }
        )
        self._publish(generation)
        return True

    def _read(self, old, path):
        """A fresh content object for ``path``, read like Pelican reads it; None on error."""
        journal = construction.Journal(self.echo)
        construction.reset_pelican_logging()
        logging.getLogger().addHandler(journal)
        try:
            return self.readers.read_file(
                base_path=old.settings["PATH"],
                path=os.path.relpath(path, old.settings["PATH"]),
                content_class=Article if isinstance(old, Article) else Page,
                context=old._context,
            )
        except Exception as error:
            lines = journal.lines
            if not lines:
                # A plugin that logs each problem once per build stays silent on a second
                # read of the same file: its exception still carries the lines.
                editor = construction.is_editor_error(error)
                lines = str(error).splitlines() if editor else []
                lines = lines or [construction.describe(error, Path.cwd())]
                for line in lines if self.echo is not None else ():
                    print(line, file=self.echo, flush=True)
            self._failed(lines)
            return None
        finally:
            logging.getLogger().removeHandler(journal)

    def _failed(self, lines):
        if self.echo is not None:
            print(
                "L'aperçu garde la dernière version correcte du site : corrigez, puis "
                "enregistrez, il se met à jour tout seul.",
                file=self.echo,
                flush=True,
            )
        with self.changed:
            self.errors = list(lines)
            self.version += 1
            self.changed.notify_all()
        return False

    def _publish(self, generation):
        with self.changed:
            self.current = generation
            self.errors = []
            self.version += 1
            self.changed.notify_all()

    # --- Writing out, checking, indexing -------------------------------------------------

    def materialize(self, cancelled):
        """Write the current generation to the output folder, check it, index it.

        Stops early (returning False) as soon as ``cancelled()`` is true: a newer save wins.
        """
        generation = self.current
        if generation is None or self.materialized == generation.number:
            return True
        output = Path(generation.settings["OUTPUT_PATH"])
        pages, changed = {}, False
        for name in sorted(generation.jobs):
            if cancelled():
                return False
            text = generation.render(name)
            if name.endswith(".html"):
                pages[name] = text
            changed |= write_if_changed(output / name, text)
        changed |= remove_stale(output, set(generation.jobs) | generation.statics)
        if cancelled():
            return False
        from publication.sortie import finish

        problems = finish(
            output, generation.settings, generation.sources, pages=pages, memory=self.links
        )
        if changed or not (output / "pagefind").exists():
            index(output)
        with self.changed:
            if self.current is generation:
                if problems != self.problems:
                    self.version += 1
                self.problems = problems
                self.materialized = generation.number
                self.changed.notify_all()
        if problems and self.echo is not None:
            for line in problems:
                print(line, file=self.echo, flush=True)
        return True


def same_outline(old, new):
    """True when ``new`` differs from ``old`` by its text only: nothing a listing shows."""
    if old.metadata != new.metadata or type(old) is not type(new):
        return False
    return references(old) == references(new)


def references(content):
    regex = content._get_intrasite_link_regex()
    return sorted(m.group("path") for m in regex.finditer(content._content or ""))


def write_if_changed(path, text):
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def remove_stale(output, kept):
    """Delete the pages and files an earlier generation wrote and this one no longer has."""
    removed = False
    for path in output.rglob("*"):
        relative = path.relative_to(output).as_posix()
        if path.is_file() and relative not in kept and not relative.startswith(KEPT_FOLDERS):
            path.unlink()
            removed = True
    return removed


def index(output):
    """Pagefind over the written pages (the search page of the preview)."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--silent"]
    subprocess.run(command, capture_output=True, check=False)
