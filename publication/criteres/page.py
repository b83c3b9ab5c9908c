"""A page as the checks see it (``read``, ``Page``): its HTML, parsed, with the style sheets
and the scripts it loads from the built site; and the text helpers every check shares (an
element's text, its accessible name, its opening tag as an editor looks for it).
"""

import functools
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4.element import Comment

from publication import markup

from .cascade import Cascade

FIELDS = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])"
    ":not([type=image]), select, textarea"
)


BUTTONS = "button, input[type=submit], input[type=button], input[type=reset], input[type=image]"


FOCUSABLE = f"a[href], area[href], {FIELDS}, {BUTTONS}, [tabindex], summary, iframe"


SCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
}


# A module a script imports by a literal address: import("…"), import … from "…", import "…".
IMPORT = re.compile(
    r"""\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)"""
    r"""|\b(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']"""
    r"""|\bimport\s*["']([^"']+)["']"""
)


def parse(html):
    """``html`` as the checks read it (publication.markup: lxml's parser)."""
    return markup.soup(html)


class Page:
    """A page as the checks see it. ``sheets``: its <style> elements and the site's style
    sheets it links, in the page's order, as (text, media); ``scripts``: its inline scripts
    and the site's script files it loads, as (address or « script dans la page », text);
    ``unread``: linked files the site does not have."""

    def __init__(self, html, site=None):
        self.html = html
        self.soup = parse(html)
        self.site = Path(site) if site else None
        sheets, scripts, unread = [], [], []
        for element in self.soup.find_all(["link", "style", "script"]):
            media = (element.get("media") or "").strip()
            if element.name == "style":
                sheets.append((element.string or "", media))
            elif element.name == "link" and "stylesheet" in (element.get("rel") or []):
                text = self.file_text(element.get("href", ""), unread)
                if text is not None:
                    sheets.append((text, media))
            elif element.name == "script" and _javascript(element):
                if element.get("src"):
                    text = self.file_text(element["src"], unread)
                    scripts.append((element["src"], text or ""))
                else:
                    scripts.append(("script dans la page", element.string or ""))
        self.sheets = sheets
        self.script_files = self._with_imports(scripts, unread)
        self.unread = unread

    def _with_imports(self, scripts, unread):
        """``scripts`` and the site's modules they import (« import("/pagefind/…") »): the
        page loads them too."""
        found, seen, queue = [], set(), list(scripts)
        while queue:
            where, text = queue.pop(0)
            found.append((where, text))
            for match in IMPORT.finditer(text):
                specifier = next(group for group in match.groups() if group)
                href = urljoin(where if where.startswith("/") else "/", specifier)
                if specifier.startswith(("/", "./", "../")) and href not in seen:
                    seen.add(href)
                    queue.append((href, self.file_text(href, unread) or ""))
        return found

    @property
    def styles(self):
        """The text of every style sheet of the page."""
        return "\n".join(text for text, _media in self.sheets)

    @property
    def scripts(self):
        """The text of every script of the page."""
        return "\n".join(text for _where, text in self.script_files)

    def file_bytes(self, href):
        """The bytes of a file of the site the page refers to by its address, or None."""
        if self.site is None or not href.startswith("/") or href.startswith("//"):
            return None
        path = self.site / href.split("?")[0].split("#")[0].lstrip("/")
        return path.read_bytes() if path.is_file() else None

    def file_text(self, href, unread):
        data = self.file_bytes(href)
        if data is None:
            unread.append(href)
            return None
        return data.decode("utf-8", errors="replace")

    @functools.cached_property
    def cascade(self):
        return Cascade(self.sheets, self.soup)


def read(html, site=None):
    """The page of ``html``, reading the style sheets and scripts it loads from ``site``."""
    return html if isinstance(html, Page) else Page(html, site)


def _javascript(script):
    return (script.get("type") or "").strip().lower() in SCRIPT_TYPES


def _text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def _name(element):
    """The accessible name a screen reader gives a link or a button (the common cases)."""
    for attribute in ("aria-label", "title"):
        if (element.get(attribute) or "").strip():
            return element[attribute].strip()
    labelled = element.get("aria-labelledby")
    if labelled:
        return labelled  # an id list: named, whatever it says
    images = " ".join((img.get("alt") or "") for img in element.find_all("img"))
    return " ".join(f"{_text(element)} {images}".split())


def _shown(element):
    return _text(element)[:60] or str(element)[:60]


def _tag(element):
    """The opening tag of ``element``, shortened: what an editor looks for in the page."""
    attributes = "".join(
        f' {key}="{" ".join(value) if isinstance(value, list) else value}"'
        for key, value in element.attrs.items()
        if key in ("src", "href", "alt", "type", "role", "name", "lang", "dir", "title")
    )
    shown = f"<{element.name}{attributes}>"
    return shown if len(shown) <= 100 else shown[:99] + "…>"


def _within(element, names):
    return any(parent.name in names for parent in element.parents)


def _body(page):
    return page.soup.body or page.soup


def _texts(soup, skip=("script", "style", "template", "noscript")):
    """The text nodes of the body of ``soup`` (a parsed page), outside the elements ``skip``."""
    for string in (soup.body or soup).find_all(string=True):
        if isinstance(string, Comment) or not string.strip():
            continue
        if string.parent.name in skip or _within(string, skip):
            continue
        yield string
