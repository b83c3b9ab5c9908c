"""The one way the publication's checks read HTML: lxml's HTML parser.

The link check reads every built page with ``tree`` (lxml itself: thousands of pages at each
build); the RGAA checks read the sample's pages with ``soup``, BeautifulSoup over the same
parser, for its search functions. Both see the same elements, whatever the page's mistakes.
``references`` says what a page links to and what the browser fetches for it: the build's
link check and the tests read pages through it, so they cannot disagree on an attribute.
"""

from dataclasses import dataclass

import lxml.etree
import tinycss2
from bs4 import BeautifulSoup

LINK, RESOURCE = "lien", "ressource"

# Attributes holding one address, by element ("*": any element), and what the address is.
ADDRESSES = {
    ("a", "href"): LINK,
    ("area", "href"): LINK,
    ("form", "action"): LINK,
    ("button", "formaction"): LINK,
    ("input", "formaction"): LINK,
    ("*", "src"): RESOURCE,  # img, script, iframe, frame, embed, source, video, audio, track…
    ("video", "poster"): RESOURCE,
    ("object", "data"): RESOURCE,
    ("image", "href"): RESOURCE,  # an image in inline SVG
    ("image", "xlink:href"): RESOURCE,
    ("use", "href"): RESOURCE,  # a symbol of an SVG file, drawn in inline SVG
    ("use", "xlink:href"): RESOURCE,
}
# Attributes holding a list of candidates (« /a.jpg 1x, /b.jpg 2x »).
SOURCE_SETS = {("img", "srcset"), ("source", "srcset"), ("link", "imagesrcset")}
# A <link> the browser fetches by itself; the others (alternate, canonical…) are links.
FETCHED_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
}


# The attributes that may hold an address (lxml's parser writes names in lower case).
_HOLDERS = {
    *(attribute for _element, attribute in ADDRESSES),
    *(attribute for _element, attribute in SOURCE_SETS),
    "style",
}


@dataclass(frozen=True)
class Reference:
    """An address a page holds: ``kind`` is LINK (a visitor follows it) or RESOURCE (the
    browser fetches it); ``where`` names the element and attribute (« img srcset »)."""

    url: str
    kind: str
    where: str


def tree(html):
    """The root element of ``html`` (text) as lxml's HTML parser reads it (an empty <html>
    when there is nothing to read)."""
    data = html.encode("utf-8", "surrogatepass")
    root = lxml.etree.fromstring(data, _PARSER) if html.strip() else None
    return root if root is not None else lxml.etree.Element("html")


# The text is given as UTF-8 bytes: lxml refuses text that declares an encoding (<?xml …?>).
_PARSER = lxml.etree.HTMLParser(encoding="utf-8")


def soup(html):
    """``html`` parsed by the same parser, as BeautifulSoup's tree."""
    return BeautifulSoup(html, "lxml")


def references(root):
    """The references of the page ``root`` (from ``tree``), in the page's order."""
    found = []
    for element in root.iter(tag=lxml.etree.Element):
        for attribute, value in element.items():
            if attribute in _HOLDERS:
                found += _addresses(element.tag, attribute, value, element)
    for style in root.iter("style"):
        found += [Reference(url, RESOURCE, "style") for url in css_urls(style.text or "")]
    return found


def _addresses(name, attribute, value, element):
    kind = ADDRESSES.get((name, attribute)) or ADDRESSES.get(("*", attribute))
    if name == "link" and attribute == "href":
        rels = set((element.get("rel") or "").lower().split())
        kind = RESOURCE if rels & FETCHED_RELS else LINK
    if kind:
        return [Reference(value.strip(), kind, f"{name} {attribute}")]
    if (name, attribute) in SOURCE_SETS:
        return [Reference(url, RESOURCE, f"{name} {attribute}") for url in srcset(value)]
    if attribute == "style":
        return [Reference(url, RESOURCE, f"{name} style") for url in css_urls(value)]
    return []


def ids(root):
    """The fragments the page ``root`` answers to: its ids and the names of its <a name>."""
    found = set(root.xpath("//@id"))
    found.update(a.get("name") for a in root.iter("a") if a.get("name"))
    return frozenset(found)


def srcset(value):
    """The addresses of a srcset attribute's candidates, as HTML parses them: an address
    (which may hold commas) up to a space, then descriptors up to a comma."""
    found, position, end = [], 0, len(value)
    while True:
        while position < end and (value[position].isspace() or value[position] == ","):
            position += 1
        if position == end:
            return found
        start = position
        while position < end and not value[position].isspace():
            position += 1
        address = value[start:position]
        found.append(address.rstrip(","))
        if address.endswith(","):
            continue  # no descriptor: the next candidate starts here
        comma = value.find(",", position)  # the descriptors (« 2x », « 640w ») end there
        position = end if comma < 0 else comma


def css_urls(css):
    """The addresses a style sheet or a style attribute fetches: url() and @import."""
    return list(_urls(tinycss2.parse_component_value_list(css, skip_comments=True)))


def _urls(tokens):
    importing = False
    for token in tokens:
        if token.type == "url":
            yield token.value
        elif token.type == "function":
            arguments = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
            if token.lower_name in ("url", "src") and arguments and arguments[0].type == "string":
                yield arguments[0].value
            else:
                yield from _urls(token.arguments)
        elif token.type == "string" and importing:
            yield token.value
        elif token.type in ("{} block", "[] block", "() block"):
            yield from _urls(token.content)
        if token.type not in ("whitespace", "comment"):
            importing = token.type == "at-keyword" and token.lower_value == "import"
