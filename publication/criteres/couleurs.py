"""Colours in the style sheets (10.5): a text colour comes with a background colour and the
reverse, in each colour scheme; colour values read to (r, g, b) and their WCAG contrast ratio,
which 10.6 uses too.
"""

import re

from bs4 import Tag

from .css import _on_screen, _printed, _scheme
from .page import _body, _tag, _within


def _in_mode(mode):
    return lambda rule: not _printed(rule) and _scheme(rule) in (None, mode)


BACKGROUNDS = ("background", "background-color")


KEYWORDS = {"inherit", "initial", "unset", "revert", "revert-layer", "currentcolor"}


def _colour_set(value):
    return value.strip().lower() not in KEYWORDS


def _background_colour(prop, value):
    value = value.strip().lower()
    if prop == "background-color":
        return value not in KEYWORDS | {"transparent"}
    rest = re.sub(r"url\([^)]*\)|[\w-]*gradient\((?:[^()]|\([^()]*\))*\)", " ", value)
    rest = re.sub(
        r"\b(none|transparent|repeat|repeat-x|repeat-y|no-repeat|space|round|center|top|left|right|"
        r"bottom|fixed|scroll|local|cover|contain|auto|border-box|padding-box|content-box|text)\b"
        r"|[\d.]+(%|px|r?em|vh|vw|ch|ex)?|/",
        " ",
        rest,
    )
    return bool(rest.strip()) and rest.strip() not in KEYWORDS


def _background_image(value):
    return bool(re.search(r"url\(|gradient\(", value, re.I))


def _text_holders(page):
    body = _body(page)
    for element in [body, *body.find_all(True)]:
        if element.name in ("script", "style", "template", "svg") or _within(element, ("svg",)):
            continue
        if element.name in ("input", "textarea", "select", "button") or element.get_text().strip():
            yield element


def _nearest(cascade, element, properties, test, accept):
    """The first of ``element`` and its ancestors whose winning declaration of one of
    ``properties`` passes ``test``: (element, (property, value, rule)), or None."""
    for candidate in [element, *element.parents]:
        if not isinstance(candidate, Tag) or candidate.name == "[document]":
            break
        found = cascade.declared(candidate, properties, accept)
        if found and test(found):
            return candidate, found
    return None


def colours(page):
    """10.5: a text colour never comes without a background colour on the element or an
    ancestor, nor a background colour or image without a text colour (RGAA tests 10.5.1 to
    10.5.3, WCAG failure F24); in each colour scheme of the style sheets (prefers-color-scheme),
    a text colour that changes has the background behind it change too, and the reverse."""
    cascade = page.cascade
    found = []
    is_colour = lambda d: d[0] == "color" and _colour_set(d[1])  # noqa: E731
    is_background = lambda d: d[0] != "color" and _background_colour(d[0], d[1])  # noqa: E731
    for mode in (None, *cascade.schemes):
        accept = _in_mode(mode)
        changed = {
            prop
            for rule in cascade.rules
            if _scheme(rule) == mode and mode
            for prop, _value, _important in rule.declarations
            if prop.startswith("--")
        }

        def differs(declaration, mode=mode, changed=changed):
            _prop, value, rule = declaration
            uses = set(re.findall(r"var\(\s*(--[\w-]+)", value))
            return _scheme(rule) == mode or bool(uses & changed)

        where = f" (mode {'sombre' if mode == 'dark' else 'clair'})" if mode else ""
        for element in _text_holders(page):
            text = cascade.declared(element, ("color",), accept)
            fill = cascade.declared(element, BACKGROUNDS, accept)
            image = cascade.declared(element, ("background", "background-image"), accept)
            nearest_text = _nearest(cascade, element, ("color",), is_colour, accept)
            nearest_fill = _nearest(cascade, element, BACKGROUNDS, is_background, accept)
            if text and is_colour(text) and nearest_fill is None:
                found.append(
                    f"« {text[2].selector} » donne une couleur au texte sans couleur de fond, "
                    f"ni sur l'élément ni sur un parent{where}"
                )
            if fill and is_background(fill) and nearest_text is None:
                found.append(
                    f"« {fill[2].selector} » donne une couleur de fond sans couleur de texte, "
                    f"ni sur l'élément ni sur un parent{where}"
                )
            if image and _background_image(image[1]) and nearest_fill is None:
                found.append(
                    f"« {image[2].selector} » met une image de fond sans couleur de fond "
                    f"derrière{where}"
                )
            if not (mode and nearest_text and nearest_fill):
                continue
            # The text's colour and the background behind it change together, or neither.
            colour, behind = nearest_text[1], nearest_fill[1]
            if differs(colour) != differs(behind):
                what, rule, other = (
                    ("la couleur du texte", colour[2], behind[2])
                    if differs(colour)
                    else ("la couleur de fond", behind[2], colour[2])
                )
                found.append(
                    f"« {rule.selector} » change {what}{where}, et « {other.selector} » ne "
                    "change pas l'autre couleur"
                )
    return list(dict.fromkeys(found))


NAMED = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (255, 0, 0),
    "green": (0, 128, 0),
    "blue": (0, 0, 255),
    "navy": (0, 0, 128),
    "maroon": (128, 0, 0),
    "purple": (128, 0, 128),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "silver": (192, 192, 192),
    "yellow": (255, 255, 0),
    "orange": (255, 165, 0),
}


def _variables(cascade, soup, accept):
    root = soup.find("html") or soup
    found = {}
    for element in [root, soup.find("body")]:
        if element is None:
            continue
        for matched in sorted(
            cascade.all_matches(element), key=lambda m: (m.specificity, m.rule.order)
        ):
            if not matched.state and accept(matched.rule):
                found.update({p: v for p, v, _i in matched.rule.declarations if p.startswith("--")})
    return found


def _resolve(value, variables, depth=0):
    if depth > 8 or "var(" not in value:
        return value
    resolved = re.sub(
        r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)",
        lambda m: variables.get(m.group(1), m.group(2) or ""),
        value,
    )
    return _resolve(resolved, variables, depth + 1)


def _rgb(value):
    value = value.strip().lower()
    if value in NAMED:
        return NAMED[value]
    hexa = re.fullmatch(r"#([0-9a-f]{3,8})", value)
    if hexa:
        digits = hexa.group(1)
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits[:3])
        return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4)) if len(digits) >= 6 else None
    function = re.fullmatch(r"rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?).*\)", value)
    if function:
        return tuple(
            round(float(v[:-1]) * 2.55) if v.endswith("%") else round(float(v))
            for v in function.groups()
        )
    return None


def _luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    """The WCAG contrast ratio of two colours (r, g, b)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours_declared(page):
    cascade = page.cascade
    return [
        _tag(e)
        for e in _text_holders(page)
        if cascade.declared(e, ("color", "background", "background-color"), _on_screen)
    ][:5]
