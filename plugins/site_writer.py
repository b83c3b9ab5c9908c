"""The site's writer: absolute links in feeds, files rewritten only when they change.

- The site links root-relatively (``SITEURL = ""``) so that one build works behind any host
  and inside formsvc's pages; a feed is read out of context by feed readers, so its entry
  links, ids and content links are made absolute with ``SITE_ORIGIN``.
- Pelican renders every page on each build, even from its content cache; writing only the
  files whose bytes changed spares the disk most of a rebuild after an editor's correction
  (docs/benchmarks.md), and keeps unchanged files' dates for rsync and caches.
- Each page's source file is recorded (``publication.sources``), so that a problem found in
  the output names the Markdown file an editor can open.
- With ``MARK_PLACEHOLDERS`` (development), values still to confirm are flagged in the page.
"""

import io
import os

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from commune import a_confirmer
from publication import sources


class WriteIfChanged(io.StringIO):
    """A text file to write that touches the disk on close only if its content changed."""

    def __init__(self, path, encoding, transform=None, keep=None):
        super().__init__()
        self.path, self.target_encoding, self.transform = path, encoding, transform
        self.keep = keep

    def close(self):
        if not self.closed:
            text = self.getvalue()
            if self.transform is not None:
                text = self.transform(text)
            if self.keep is not None:
                self.keep(self.path, text)
            data = text.encode(self.target_encoding)
            try:
                with open(self.path, "rb") as existing:
                    unchanged = existing.read() == data
            except FileNotFoundError:
                unchanged = False
            if not unchanged:
                with open(self.path, "wb") as target:
                    target.write(data)
        super().close()


class SiteWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.output_root = os.path.abspath(output_path)  # OUTPUT_PATH may be relative
        self.marker = None
        if self.settings.get("MARK_PLACEHOLDERS"):
            found = a_confirmer.scan(self.settings["PATH"])
            self.marker = a_confirmer.Marker([finding.value for finding in found])

    def write_feed(self, elements, context, *args, **kwargs):
        context = {**context, "SITEURL": context["SITE_ORIGIN"]}
        return super().write_feed(elements, context, *args, **kwargs)

    def write_file(self, name, template, context, *args, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if content is not None and name:
            sources.record(name, content, self.settings)
        return super().write_file(name, template, context, *args, **kwargs)

    def render_html(self, html):
        """The final HTML of a page: flagged placeholders in development."""
        return self.marker.mark(html) if self.marker else html

    def claim(self, filename, override=False):
        """Pelican's bookkeeping (pelican/writers.py, 4.12): False if the file must be skipped."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": already written')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _open_w(self, filename, encoding, override=False):
        if not self.claim(filename, override):
            return open(os.devnull, "w", encoding=encoding)
        page = filename.endswith(".html")
        transform = self.render_html if page and self.marker else None
        keep = self.keep_page if page else None
        return WriteIfChanged(filename, encoding, transform, keep)

    def keep_page(self, path, text):
        """The output checks read the pages from memory rather than from the disk again."""
        sources.keep_page(os.path.relpath(path, self.output_root), text)


def writer_class(pelican):
    return SiteWriter


def forget_sources(pelican):
    sources.reset()


def register():
    signals.initialized.connect(forget_sources)
    signals.get_writer.connect(writer_class)
