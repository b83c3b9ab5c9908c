"""The site's writer: absolute links in feeds, and files rewritten only when they change.

- The site links root-relatively (``SITEURL = ""``) so that one build works behind any host
  and inside formsvc's pages; a feed is read out of context by feed readers, so its entry
  links, ids and content links are made absolute with ``SITE_ORIGIN``.
- Pelican renders every page on each build, even from its content cache; writing only the
  files whose bytes changed spares the disk most of a rebuild after an editor's correction
  (docs/benchmarks.md), and keeps unchanged files' dates for rsync and caches.
"""

import io
import os

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer


class WriteIfChanged(io.StringIO):
    """A text file to write that touches the disk on close only if its content changed."""

    def __init__(self, path, encoding):
        super().__init__()
        self.path, self.target_encoding = path, encoding

    def close(self):
        if not self.closed:
            data = self.getvalue().encode(self.target_encoding)
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
    def write_feed(self, elements, context, *args, **kwargs):
        context = {**context, "SITEURL": context["SITE_ORIGIN"]}
        return super().write_feed(elements, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own bookkeeping (pelican/writers.py, 4.12), then a write-if-changed file.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": already written')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return WriteIfChanged(filename, encoding)


def writer_class(pelican):
    return SiteWriter


def register():
    signals.get_writer.connect(writer_class)
