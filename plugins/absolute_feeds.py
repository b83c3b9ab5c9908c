"""Absolute links in Atom feeds.

The site links root-relatively (``SITEURL = ""``) so that one build works behind any host and
inside formsvc's pages; but a feed is read out of context by feed readers, so its entry links,
ids and content links are made absolute with ``SITE_ORIGIN``.
"""

from pelican import signals
from pelican.writers import Writer


class AbsoluteFeedWriter(Writer):
    def write_feed(self, elements, context, *args, **kwargs):
        context = {**context, "SITEURL": context["SITE_ORIGIN"]}
        return super().write_feed(elements, context, *args, **kwargs)


def writer_class(pelican):
    return AbsoluteFeedWriter


def register():
    signals.get_writer.connect(writer_class)
