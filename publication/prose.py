"""The short texts of the data files (an act's summary, an event's text) in HTML.

They are written in Markdown, like the pages, and set with the site's French typography.
"""

import re

from markdown import Markdown

from commune.typographie import smarten, typeset

# A summary that is only sentences in paragraphs: no character Markdown (with its "extra"
# extensions) reads as syntax, no line that could open a list, a quote, a heading, a table,
# a definition or code, no entity, no trailing space (a line break).
_SYNTAX = re.compile(r"[\\`*_\[\]{}<>#|~&]|^[ \t+=:>-]|^\d+[.)]|[ \t]$", re.MULTILINE)


def summary_html(text, markdown):
    """The HTML of a summary, as ``markdown`` (a markdown.Markdown) writes it.

    Most summaries are plain paragraphs: they skip Markdown, which would cost a build of
    2,000 acts a second (docs/benchmarks.md); the tests check both give the same HTML.
    """
    text = text.strip()
    if not _SYNTAX.search(text):
        return "\n".join(f"<p>{part}</p>" for part in re.split(r"\n{2,}", text))
    markdown.reset()
    return markdown.convert(text)


def renderer(settings):
    """A function: Markdown text → HTML with French typography, with the site's settings."""
    markdown = Markdown(**settings["MARKDOWN"])
    return lambda text: typeset(smarten(summary_html(text, markdown)))
