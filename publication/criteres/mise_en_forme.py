"""Presentation of the information (theme 10): elements and attributes that only present
(10.1), content hidden by the style sheets (10.8), links in running text told apart from it
(10.6) and content revealed on hover and not on focus (10.13, 10.14, ``hover_only``). Colours
(10.5) are in ``couleurs``.
"""

import re

from .couleurs import contrast, transparent
from .css import on_screen, rules
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
        if _off_screen(cascade, element) or any(
            pattern.search(declared.value)
            for name, pattern in HIDING.items()
            if (declared := cascade.declared(element, (name,), on_screen))
        ):
            found.append(_tag(element))
    return found


# What hides an element from sight while a screen reader may still read it (10.8).
HIDING = {
    "display": re.compile(r"^none\b", re.I),
    "visibility": re.compile(r"^(hidden|collapse)\b", re.I),
    "clip": re.compile(r"^rect\(\s*0", re.I),
    "clip-path": re.compile(r"^inset\(\s*50%", re.I),
}


# Pushed out of the window (a skip link until it gets the focus): hidden, yet read.
OFFSET = re.compile(r"^-\s*(\d+(?:\.\d+)?)(px|em|rem|vw|vh|%)?$")
FAR = {"px": 500, "em": 30, "rem": 30, "vw": 100, "vh": 100, "%": 100, None: 500}


def _off_screen(cascade, element):
    for side in ("left", "top", "right"):
        found = cascade.declared(element, (side,), on_screen)
        offset = found and OFFSET.match(found.value.strip())
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


def _running_links(page):
    """The links of the page set in running text: their paragraph, cell or list item says more
    than the link itself."""
    found = []
    for link in _body(page).find_all("a", href=True):
        block = _block(link)
        if block is None or block.name not in RUNNING:
            continue
        around = re.sub(r"[\W_]+", "", _text(block).replace(_text(link), "", 1))
        if around:
            found.append(link)
    return found


def _block(link):
    """The paragraph, cell, item… a link sits in."""
    return next((p for p in link.parents if p.name not in INLINE), None)


def _underlined(cascade, link, accept, state=False):
    line = _value(cascade, link, "text-decoration-line", accept, state)
    if line is None:
        return None if state else True  # browsers underline links
    return "underline" in line.lower()


def _value(cascade, element, name, accept, state):
    """The declared value of ``name`` on ``element``; with ``state``, the one a rule of that
    state declares, else the one at rest (a hover rule may change a border's colour only)."""
    found = cascade.declared(element, (name,), accept, state) if state else None
    found = found or cascade.declared(element, (name,), on_screen if state else accept)
    return found.value.strip().lower() if found else None


def _drawn(cascade, link, side, accept, state):
    """True when a border (``side`` « border-bottom ») or an outline (« outline ») shows."""
    style = _value(cascade, link, f"{side}-style", accept, state) or "none"
    width = _value(cascade, link, f"{side}-width", accept, state) or "medium"
    colour = _value(cascade, link, f"{side}-color", accept, state) or "currentcolor"
    return style not in ("none", "hidden") and not ZERO.match(width) and not transparent(colour)


ZERO = re.compile(r"^[+-]?0*\.?0*([a-z%]+)?$")


def _marked(cascade, link, accept, state=False):
    """A mark of the link that is not its colour: a border below, an outline, a shadow, a
    background image (an icon), bold type (its own or inherited) in text that is not bold."""
    if _drawn(cascade, link, "border-bottom", accept, state):
        return True
    if _drawn(cascade, link, "outline", accept, state):
        return True
    for name in ("box-shadow", "background-image"):
        value = _value(cascade, link, name, accept, state)
        if value and value not in ("none", "initial", "unset", "inherit"):
            return True
    # Bold type marks a link when the text around it is not bold.
    weight = (
        _value(cascade, link, "font-weight", accept, state)
        if state
        else cascade.computed(link, "font-weight", accept)
    )
    around = cascade.computed(_block(link), "font-weight", on_screen)
    return _bold(weight) and not _bold(around)


def _bold(weight):
    return bool(weight and re.match(r"^(bold|bolder|[6-9]\d\d|1000)$", weight.strip().lower()))


def _colour_of_link(cascade, link, accept):
    # Browsers give links a colour of their own (#0000ee): an author's colour on an ancestor
    # reaches a link only through « inherit » or « currentcolor ».
    if cascade.declared(link, ("color",), accept) is None:
        return "#0000ee"
    return cascade.computed(link, "color", accept)


def link_visibility(page):
    """10.6: a link in running text is underlined or otherwise marked (border, icon, weight),
    or else its colour stands out from the text around it at 3:1 and hover and focus add a
    mark that is not a colour (RGAA test 10.6.1)."""
    cascade = page.cascade
    accept = on_screen
    found = []
    for link in _running_links(page):
        if _underlined(cascade, link, accept) or _marked(cascade, link, accept):
            continue
        shown = f"lien « {_shown(link)} »"
        colour = _colour_of_link(cascade, link, accept)
        around = cascade.computed(link.parent, "color", accept) or "black"
        ratio = contrast(colour, around) if colour else None
        if ratio is None:
            continue  # a colour code cannot read: a person measures it
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
    return _STATES.setdefault(pseudo, lambda rule: on_screen(rule) and pseudo in rule.selector)


_STATES = {}  # one function per state: the cascade keeps what it computed with it


# What a rule may change on hover without making anything appear: how a thing looks, never
# whether it is there. Anything else (display, visibility, opacity, height, position…) on
# :hover must be matched by the same rule on :focus (RGAA 10.14, 10.13).
LOOKS = re.compile(
    r"^(color|background(-color|-image)?|border(-\w+)*-color|text-decoration(-\w+)*"
    r"|outline(-\w+)*|box-shadow|cursor)$"
)


FOCUS = (":focus", ":focus-within", ":focus-visible")


def hover_only(css):
    """The selectors of ``css`` that reveal something on hover and not on keyboard focus."""
    changes = {}  # selector → the properties its rules set, as written
    for rule in rules(css):
        names = {d.name for d in rule.declarations if d.via is None}
        changes.setdefault(rule.selector, set()).update(names)
    found = []
    for selector, properties in changes.items():
        if ":hover" not in selector:
            continue
        revealing = {p for p in properties if not LOOKS.match(p)}
        focus = (selector.replace(":hover", pseudo) for pseudo in FOCUS)
        if revealing and not any(revealing <= changes.get(f, set()) for f in focus):
            found.append(selector)
    return found
