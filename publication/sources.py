"""Which editor's file each output page comes from, recorded as the writer writes it.

Messages about a page (a broken link, an address that would vanish) name the Markdown file
an editor can open, not only the page.
"""

import os
from functools import lru_cache

_written = {}  # output path, relative to OUTPUT_PATH → (source as content/…, content object)


def shown_path(source_path, settings):
    """The path of a source as the editor sees it: relative to the folder holding content/."""
    return _shown(source_path, settings["PATH"])


@lru_cache(maxsize=16384)  # each page of a build asks for its source's
def _shown(source_path, content_path):
    return os.path.relpath(source_path, os.path.dirname(os.path.abspath(content_path)))


_pages = {}  # output path → final HTML of the pages written by this build
_extras = set()  # output paths of files a plugin copied itself (the acts' PDFs)
_examples = set()  # output paths that only the example acts make (they may go without notice)


def reset():
    _written.clear()
    _pages.clear()
    _extras.clear()
    _examples.clear()


def copied(output_name):
    """Note a file a plugin copied into the output (the preview serves it from the disk)."""
    _extras.add(output_name.replace(os.sep, "/"))


def extras():
    return set(_extras)


def example(output_name):
    """Note an output that shows only example acts (commune/actes.py: ``exemple = true``)."""
    _examples.add(output_name.replace(os.sep, "/"))


def examples():
    return set(_examples)


class TextTemplate:
    """A "template" whose text is already made (CSV, JSON, Atom, iCalendar): it goes through
    Pelican's writer like a page, so that the editors' preview serves it too."""

    def __init__(self, text):
        self.text = text

    def render(self, context):
        return self.text


def keep_page(output_name, text):
    _pages[output_name.replace(os.sep, "/")] = text


def rendered():
    """Output path → HTML of every page the current build wrote."""
    return dict(_pages)


def record(output_name, content, settings):
    """Note that ``output_name`` was rendered from ``content`` (an article or a page)."""
    source = getattr(content, "source_path", None)
    if source:
        _written[output_name.replace(os.sep, "/")] = (shown_path(source, settings), content)


def written():
    """Output path → source path, for the pages of the current build."""
    return {name: source for name, (source, _content) in _written.items()}


def pages(written_contents=None):
    """Output path → :class:`Page` (source, body HTML, unpublished) of the current build."""
    items = written_contents if written_contents is not None else _written
    return {name: Page(source, content) for name, (source, content) in items.items()}


class Page:
    """What the checks need to know of a page rendered from an editor's file."""

    def __init__(self, source, content):
        self.source, self._content = source, content

    @property
    def body(self):
        """The HTML of the text itself (not the layout around it)."""
        return self._content.content or ""

    @property
    def unpublished(self):
        """A draft, or an article dated in the future: its page is a preview."""
        content = self._content
        return content.status == "draft" or bool(getattr(content, "scheduled", False))
