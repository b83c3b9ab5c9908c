"""Presentation of the information (theme 10): elements and attributes that only present
(10.1), content hidden by the style sheets (10.8), links in running text told apart from it
(10.6) and content revealed on hover and not on focus (10.13, 10.14, ``hover_only``). Colours
(10.5) are in ``couleurs``.
"""

import re

from bs4 import Tag

from .couleurs import _colour_set, _resolve, _rgb, _variables, contrast
from .css import _on_screen
from .liens import _scripts
from .page import FOCUSABLE, _body, _shown, _tag, _text, _texts, _within

# RGAA glossary « Présentation de l'information »: elements and attributes that only present.
PRESENTATIONAL_ELEMENTS = (
    "basefont",
    "blink",
    "center",
    "font",
    "marquee",
    "s",
    "strike",
    "tt",
    "big",
)


# fmt: off
PRESENTATIONAL_ATTRIBUTES = {
    "align", "alink", "background", "bgcolor", "border", "cellpadding", "cellspacing", "char",
    "charoff", "clear", "compact", "color", "frameborder", "hspace", "link", "marginheight",
    "marginwidth", "text", "valign", "vlink", "vspace", "size",
}
# fmt: on


# fmt: on
SIZED = ("img", "object", "embed", "canvas", "svg", "video", "iframe", "source")


SPACED_LETTERS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][ \u00a0]){3,}[^\W\d_](?![^\W\d_])")


SPACING = re.compile(r"(?:[\u00a0\u2002-\u200a\u202f] ?){3,}")


def presentation(page):
    """10.1: no element or attribute that only presents (RGAA glossary « Présentation de
    l'information »; width and height only on images and embedded content, size only on fields),
    and no spaces to space out the letters of a word or to line text up."""
    found = [
        f"élément de présentation <{e.name}> : « {_shown(e)} »"
        for e in page.find_all(list(PRESENTATIONAL_ELEMENTS))
    ]
    for element in (page.body or page).find_all(True):
        if element.name == "svg" or _within(element, ("svg", "math")):
            continue  # SVG and MathML have presentation attributes of their own
        for attribute in element.attrs:
            if attribute == "size" and element.name in ("input", "select"):
                continue
            if attribute in PRESENTATIONAL_ATTRIBUTES or (
                attribute in ("width", "height") and element.name not in SIZED
            ):
                found.append(f"attribut de présentation {attribute} sur {_tag(element)}")
    for string in _texts(page, skip=("script", "style", "template", "pre", "code", "textarea")):
        if SPACED_LETTERS.search(string):
            found.append(f"lettres espacées par des espaces : « {string.strip()[:40]} »")
        elif SPACING.search(string):
            found.append(f"espaces répétées pour aligner du texte : « {string.strip()[:40]} »")
    return found


def _styled(page):
    found = ["feuilles de style"] if page.styles.strip() else []
    return found + [_tag(e) for e in _body(page).find_all(style=True)][:5]


def _focusable(page):
    return [_tag(e) for e in page.soup.select(FOCUSABLE)][:5]


def _hidden_content(page):
    hidden = "body [hidden], body [aria-hidden=true], body dialog:not([open]), details:not([open])"
    found = [_tag(e) for e in page.soup.select(hidden)]
    cascade = page.cascade
    for element in _body(page).find_all(True):
        hidden = cascade.declared(element, ("display",), _on_screen)
        invisible = cascade.declared(element, ("visibility",), _on_screen)
        clipped = cascade.declared(element, ("clip", "clip-path"), _on_screen)
        if (
            _off_screen(cascade, element)
            or (hidden and hidden[1].startswith("none"))
            or (invisible and invisible[1].startswith("hidden"))
            or (clipped and re.search(r"rect\(0|inset\(50%", clipped[1]))
        ):
            found.append(_tag(element))
    return found


# Pushed out of the window (a skip link until it gets the focus): hidden, yet read.
OFFSET = re.compile(r"^-\s*(\d+(?:\.\d+)?)(px|em|rem|vw|vh|%)?$")
FAR = {"px": 500, "em": 30, "rem": 30, "vw": 100, "vh": 100, "%": 100, None: 500}


def _off_screen(cascade, element):
    for side in ("left", "top", "right"):
        found = cascade.declared(element, (side,), _on_screen)
        offset = found and OFFSET.match(found[1].replace("!important", "").strip())
        if offset and float(offset.group(1)) >= FAR[offset.group(2)]:
            return True
    return False


def _possibly_hidden(page):
    return _hidden_content(page) + _scripts(page)


INLINE = {
    "a",
    "span",
    "strong",
    "em",
    "b",
    "i",
    "small",
    "code",
    "abbr",
    "time",
    "mark",
    "q",
    "cite",
    "sup",
    "sub",
    "bdi",
    "bdo",
    "kbd",
    "samp",
    "var",
    "u",
    "data",
    "dfn",
}


RUNNING = {
    "p",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
    "figcaption",
    "caption",
    "address",
    "label",
    "legend",
}


MARKS = ("border", "border-bottom", "border-block-end", "box-shadow", "outline", "background-image")


def _running_links(page):
    """The links of the page set in running text: their paragraph, cell or list item says more
    than the link itself."""
    found = []
    for link in _body(page).find_all("a", href=True):
        block = next((p for p in link.parents if p.name not in INLINE), None)
        if block is None or block.name not in RUNNING:
            continue
        around = re.sub(r"[\W_]+", "", _text(block).replace(_text(link), "", 1))
        if around:
            found.append(link)
    return found


def _underlined(cascade, link, accept, state=False):
    line = cascade.declared(link, ("text-decoration", "text-decoration-line"), accept, state)
    if line is None:
        return None if state else True  # browsers underline links
    return "underline" in line[1].lower()


def _marked(cascade, link, accept, state=False):
    for prop in MARKS:
        declared = cascade.declared(link, (prop,), accept, state)
        value = declared[1].strip().lower() if declared else "none"
        if not re.match(r"^(none|0|0px)\b", value) and "transparent" not in value:
            return True
    weight = cascade.declared(link, ("font-weight",), accept, state)
    return bool(weight and re.match(r"^(bold|bolder|[6-9]00)$", weight[1].strip()))


def _colour_of(cascade, element, accept, variables, default):
    for candidate in [element, *element.parents]:
        if not isinstance(candidate, Tag) or candidate.name == "[document]":
            break
        declared = cascade.declared(candidate, ("color",), accept)
        if declared and _colour_set(declared[1]):
            return _rgb(_resolve(declared[1], variables))
        if candidate is element and element.name == "a":
            return default
    return (0, 0, 0)


def link_visibility(page):
    """10.6: a link in running text is underlined or otherwise marked (border, icon, weight),
    or else its colour stands out from the text around it at 3:1 and hover and focus add a
    mark that is not a colour (RGAA test 10.6.1)."""
    cascade = page.cascade
    accept = _on_screen
    variables = _variables(cascade, page.soup, accept)
    found = []
    for link in _running_links(page):
        if _underlined(cascade, link, accept) or _marked(cascade, link, accept):
            continue
        shown = f"lien « {_shown(link)} »"
        colour = _colour_of(cascade, link, accept, variables, (0, 0, 238))
        around = _colour_of(cascade, link.parent, accept, variables, (0, 0, 0))
        if colour is None or around is None:
            continue  # a colour code cannot read: a person measures it
        ratio = contrast(colour, around)
        if ratio < 3:
            found.append(
                f"{shown} signalé par sa couleur seule, à {ratio:.1f}:1 du texte qui l'entoure "
                "(3:1 au moins, ou un soulignement)"
            )
            continue
        for state, what in ((":hover", "au survol"), (":focus", "au focus")):
            if not (
                _underlined(cascade, link, _state_of(state), True)
                or _marked(cascade, link, _state_of(state), True)
            ):
                found.append(f"{shown} signalé par sa couleur seule, sans autre marque {what}")
    return list(dict.fromkeys(found))


def _state_of(pseudo):
    return lambda rule: _on_screen(rule) and pseudo in rule.selector


# What a rule may change on hover without making anything appear: how a thing looks, never
# whether it is there. Anything else (display, visibility, opacity, height, position…) on
# :hover must be matched by the same rule on :focus (RGAA 10.14, 10.13).
LOOKS = re.compile(
    r"^(color|background(-color)?|border(-\w+)*-color|text-decoration(-\w+)*|outline(-\w+)*"
    r"|box-shadow|cursor)$"
)


RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


FOCUS = (":focus", ":focus-within", ":focus-visible")


def hover_only(css):
    """The selectors of ``css`` that reveal something on hover and not on keyboard focus."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    changes = {}  # selector → the properties its rules set
    for selectors, body in RULE.findall(css):
        properties = {d.split(":", 1)[0].strip() for d in body.split(";") if ":" in d}
        for one in (s.strip() for s in selectors.split(",")):
            changes.setdefault(one, set()).update(properties)
    found = []
    for selector, properties in changes.items():
        if ":hover" not in selector:
            continue
        revealing = {p for p in properties if not LOOKS.match(p)}
        focus = (selector.replace(":hover", pseudo) for pseudo in FOCUS)
        if revealing and not any(revealing <= changes.get(f, set()) for f in focus):
            found.append(selector)
    return found
