"""Shorthands (``background``, ``border``, ``font``, ``animation``…) read as the longhands the
checks ask for: ``SHORTHANDS`` says which longhands each sets, ``longhand`` reads one from the
shorthand's value (the part that sets it, or the initial value the shorthand resets it to).
"""

import tinycss2
from tinycss2.color4 import parse_color


def split(tokens, separator):
    """``tokens`` split on the top-level ``separator`` (« , »)."""
    parts = [[]]
    for token in tokens:
        if token == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def significant(tokens):
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


SHORTHANDS = {
    "background": ("background-color", "background-image"),
    "text-decoration": ("text-decoration-line",),
    "font": ("font-weight",),
    "animation": ("animation-name", "animation-duration", "animation-iteration-count"),
    "border": ("border-bottom-style", "border-bottom-width", "border-bottom-color"),
    "border-bottom": ("border-bottom-style", "border-bottom-width", "border-bottom-color"),
    "border-block-end": ("border-bottom-style", "border-bottom-width", "border-bottom-color"),
    "border-style": ("border-bottom-style",),
    "border-width": ("border-bottom-width",),
    "border-color": ("border-bottom-color",),
    "outline": ("outline-style", "outline-width", "outline-color"),
    "inset": ("top", "right", "bottom", "left"),
}
WIDE = {"inherit", "initial", "unset", "revert", "revert-layer"}  # CSS-wide keywords
# fmt: off
BORDER_STYLES = {
    "none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset",
    "outset", "auto",
}
# The words of an animation shorthand that are not a name (timing, direction, fill, state).
ANIMATION_WORDS = {
    "infinite", "linear", "ease", "ease-in", "ease-out", "ease-in-out", "step-start", "step-end",
    "normal", "reverse", "alternate", "alternate-reverse", "forwards", "backwards", "both",
    "running", "paused",
}
# fmt: on


def longhand(declaration, value):
    """The value of ``declaration``'s property, read from ``value`` (its value once var() is
    replaced): the part a shorthand gives its longhand, or the initial value it resets."""
    if declaration.via is None or value.strip().lower() in WIDE:
        return value
    tokens = significant(tinycss2.parse_component_value_list(value))
    return _READERS[declaration.via](declaration.name, tokens)


def _colour(token):
    return parse_color(token) if token.type in ("ident", "hash", "function") else None


def _background(name, tokens):
    last = split(tokens, ",")[-1]  # only the last layer has a colour
    if name == "background-color":
        colour = next((t for t in last if _colour(t) is not None), None)
        return tinycss2.serialize([colour]) if colour else "transparent"
    images = [t for t in tokens if t.type == "url" or _is_image_function(t)]
    return ", ".join(tinycss2.serialize([t]) for t in images) or "none"


def _is_image_function(token):
    return token.type == "function" and (
        token.lower_name in ("url", "image-set", "cross-fade", "element", "image")
        or token.lower_name.endswith("gradient")
    )


def _text_decoration(_name, tokens):
    lines = [
        t.lower_value
        for t in tokens
        if t.type == "ident" and t.lower_value in ("underline", "overline", "line-through")
    ]
    return " ".join(lines) or "none"


def _font(_name, tokens):
    for token in tokens:
        if token.type == "ident" and token.lower_value in ("bold", "bolder", "lighter"):
            return token.lower_value
        if token.type == "number":
            return tinycss2.serialize([token])
        if token.type in ("dimension", "percentage", "string"):
            break  # the size, then the family: no weight after them
    return "normal"


def _animation(name, tokens):
    first = split(tokens, ",")[0]
    times = [t for t in first if t.type == "dimension" and t.lower_unit in ("s", "ms")]
    if name == "animation-duration":
        return tinycss2.serialize([times[0]]) if times else "0s"
    if name == "animation-iteration-count":
        counts = [
            t
            for t in first
            if t.type == "number" or (t.type == "ident" and t.lower_value == "infinite")
        ]
        return tinycss2.serialize([counts[0]]) if counts else "1"
    names = [
        t
        for t in first
        if (t.type == "ident" and t.lower_value not in ANIMATION_WORDS) or t.type == "string"
    ]
    return tinycss2.serialize([names[0]]) if names else "none"


def _border(name, tokens):
    if name.endswith("-style"):
        found = [t for t in tokens if t.type == "ident" and t.lower_value in BORDER_STYLES]
        return found[0].lower_value if found else "none"
    if name.endswith("-width"):
        found = [t for t in tokens if _is_width(t)]
        return tinycss2.serialize([found[0]]) if found else "medium"
    found = [t for t in tokens if _colour(t) is not None]
    return tinycss2.serialize([found[0]]) if found else "currentcolor"


def _is_width(token):
    if token.type == "ident":
        return token.lower_value in ("thin", "medium", "thick")
    return token.type == "dimension" or (token.type == "number" and token.value == 0)


def _bottom(_name, tokens):
    # border-style, -width, -color: top, right, bottom, left (a missing one repeats).
    return tinycss2.serialize([tokens[2] if len(tokens) > 2 else tokens[0]]) if tokens else ""


def _inset(name, tokens):
    if not tokens:
        return "auto"
    sides = {"top": 0, "right": 1, "bottom": 2, "left": 3}
    index = sides[name]
    while index >= len(tokens):
        index = {3: 1, 2: 0, 1: 0}[index]
    return tinycss2.serialize([tokens[index]])


_READERS = {
    "background": _background,
    "text-decoration": _text_decoration,
    "font": _font,
    "animation": _animation,
    "border": _border,
    "border-bottom": _border,
    "border-block-end": _border,
    "border-style": _bottom,
    "border-width": _bottom,
    "border-color": _bottom,
    "outline": _border,
    "inset": _inset,
}
