"""A Pelican writer that records what it would write, to render each page when it is asked.

A full build renders and writes every page (about 3,000 for 2,000 articles); the preview
only needs the one the editor is looking at. Pelican's own ``write_file`` still runs (its
pagination and context logic stay Pelican's): the template it gets records the context it
would have been rendered with, and nothing reaches the disk.
"""

import io
from dataclasses import dataclass

from pelican.utils import sanitised_join


@dataclass
class PageJob:
    """A page to render: Pelican's template and the exact context it would render it with."""

    template: object
    context: dict
    html: bool = True

    def render(self, writer):
        text = self.template.render(self.context)
        return writer.render_html(text) if self.html else text


@dataclass
class FeedJob:
    """A feed to write: the arguments of Pelican's ``write_feed``."""

    elements: list
    context: dict
    path: str
    url: str
    options: dict

    def render(self, writer):
        feed = writer.write_feed(self.elements, self.context, None, self.url, **self.options)
        buffer = io.StringIO()
        feed.write(buffer, "utf-8")  # as Pelican writes it to its file
        return buffer.getvalue()


class _Recording:
    def __init__(self, template, jobs):
        self.template, self.jobs = template, jobs

    def render(self, context):
        name = context["output_file"]
        self.jobs[name] = PageJob(self.template, context, name.endswith(".html"))
        return ""


def lazy_writer_class(base):
    """A subclass of the site's writer (``base``) that records jobs in ``self.jobs``."""

    class LazyWriter(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.jobs = {}

        def write_file(self, name, template, context, *args, **kwargs):
            return super().write_file(
                name, _Recording(template, self.jobs), context, *args, **kwargs
            )

        def write_feed(self, elements, context, path=None, url=None, **options):
            if path is None:  # rendering a recorded feed
                return super().write_feed(elements, context, None, url, **options)
            self.claim(
                sanitised_join(self.output_path, path), options.pop("override_output", False)
            )
            self.jobs[path] = FeedJob(list(elements), dict(context), path, url or path, options)
            return None

        def _open_w(self, filename, encoding, override=False):
            self.claim(filename, override)
            return io.StringIO()  # the page was recorded by its template: nothing to write

    return LazyWriter
