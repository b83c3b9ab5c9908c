"""Colours in the style sheets (10.5): a text colour comes with a background colour and the
reverse, in each colour scheme. Colour values are read by tinycss2 (every CSS colour: the 148
named colours, hsl(), hwb(), lab()…), with their WCAG contrast ratio, which 10.6 uses too.
"""

import functools

from bs4 import Tag
from tinycss2.color4 import parse_color

from .css import on_screen, printed, scheme, uses
from .page import _body, _tag, _within


@functools.cache  # one function per mode: the cascade keeps what it computed with it
def in_mode(mode):
    """Whether a rule applies in the colour scheme ``mode`` (None: the default one)."""
    return lambda rule: not printed(rule) and scheme(rule) in (None, mode)


KEYWORDS = {"inherit", "initial", "unset", "revert", "revert-layer", "currentcolor"}


def colour_set(value):
    """True when a colour value sets a colour rather than taking one (inherit, currentcolor)."""
    return value.strip().lower() not in KEYWORDS


def _background_colour(value):
    colour = parse_color(value.strip()) if value.strip() else None
    return colour is not None and not isinstance(colour, str) and colour.alpha > 0


def transparent(value):
    """True for a colour value that shows nothing (transparent, an alpha of 0)."""
    colour = parse_color(value.strip()) if value.strip() else None
    return colour is not None and not isinstance(colour, str) and colour.alpha == 0


def _background_image(value):
    return value.strip().lower() not in KEYWORDS | {"none", ""}


def _text_holders(page):
    body = _body(page)
    for element in [body, *body.find_all(True)]:
        if element.name in ("script", "style", "template", "svg") or _within(element, ("svg",)):
            continue
        if element.name in ("input", "textarea", "select", "button") or element.get_text().strip():
            yield element


def _nearest(cascade, element, name, test, accept):
    """The first of ``element`` and its ancestors whose winning declaration of ``name``
    passes ``test``: (element, Declared), or None."""
    for candidate in [element, *element.parents]:
        if not isinstance(candidate, Tag) or candidate.name == "[document]":
            break
        found = cascade.declared(candidate, (name,), accept)
        if found and test(found.value):
            return candidate, found
    return None


def colours(page):
    """10.5: a text colour never comes without a background colour on the element or an
    ancestor, nor a background colour or image without a text colour (RGAA tests 10.5.1 to
    10.5.3, WCAG failure F24); in each colour scheme of the style sheets (prefers-color-scheme),
    a text colour that changes has the background behind it change too, and the reverse."""
    cascade = page.cascade
    found = []
    for mode in (None, *cascade.schemes):
        accept = in_mode(mode)
        changed = {
            declaration.name
            for rule in cascade.rules
            if mode and scheme(rule) == mode
            for declaration in rule.declarations
            if declaration.name.startswith("--")
        }

        def differs(declared, mode=mode, changed=changed):
            return scheme(declared.rule) == mode or bool(uses(declared.written) & changed)

        where = f" (mode {'sombre' if mode == 'dark' else 'clair'})" if mode else ""
        for element in _text_holders(page):
            text = cascade.declared(element, ("color",), accept)
            fill = cascade.declared(element, ("background-color",), accept)
            image = cascade.declared(element, ("background-image",), accept)
            nearest_text = _nearest(cascade, element, "color", colour_set, accept)
            nearest_fill = _nearest(
                cascade, element, "background-color", _background_colour, accept
            )
            if text and colour_set(text.value) and nearest_fill is None:
                found.append(
                    f"« {text.rule.selector} » donne une couleur au texte sans couleur de fond, "
                    f"ni sur l'élément ni sur un parent{where}"
                )
            if fill and _background_colour(fill.value) and nearest_text is None:
                found.append(
                    f"« {fill.rule.selector} » donne une couleur de fond sans couleur de texte, "
                    f"ni sur l'élément ni sur un parent{where}"
                )
            if image and _background_image(image.value) and nearest_fill is None:
                found.append(
                    f"« {image.rule.selector} » met une image de fond sans couleur de fond "
                    f"derrière{where}"
                )
            if not (mode and nearest_text and nearest_fill):
                continue
            # The text's colour and the background behind it change together, or neither.
            colour, behind = nearest_text[1], nearest_fill[1]
            if differs(colour) != differs(behind):
                what, rule, other = (
                    ("la couleur du texte", colour.rule, behind.rule)
                    if differs(colour)
                    else ("la couleur de fond", behind.rule, colour.rule)
                )
                found.append(
                    f"« {rule.selector} » change {what}{where}, et « {other.selector} » ne "
                    "change pas l'autre couleur"
                )
    return list(dict.fromkeys(found))


def luminance(value):
    """The WCAG relative luminance of a CSS colour value, or None when it cannot be told
    without a person (a translucent colour, one outside sRGB, not a colour)."""
    colour = parse_color(value.strip()) if value and value.strip() else None
    if colour is None or isinstance(colour, str) or colour.alpha < 1:
        return None
    if colour.space in ("hsl", "hwb"):
        colour = colour.to("srgb")
    if colour.space == "srgb":
        red, green, blue = (_linear(c) for c in colour.coordinates)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    if colour.space == "srgb-linear":
        red, green, blue = colour.coordinates
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    if colour.space in ("lab", "lch"):
        colour = colour.to("xyz-d50")
    elif colour.space in ("oklab", "oklch"):
        colour = colour.to("xyz-d65")
    if colour.space in ("xyz", "xyz-d50", "xyz-d65"):
        return min(max(colour.coordinates[1], 0.0), 1.0)  # Y is the luminance
    return None


def _linear(channel):
    channel = min(max(channel, 0.0), 1.0)
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def contrast(first, second):
    """The WCAG contrast ratio of two CSS colour values, or None when one cannot be read."""
    lights = [luminance(first), luminance(second)]
    if None in lights:
        return None
    light, dark = sorted(lights, reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours_declared(page):
    cascade = page.cascade
    names = ("color", "background-color", "background-image")
    return [_tag(e) for e in _text_holders(page) if cascade.declared(e, names, on_screen)][:5]
