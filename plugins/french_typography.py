"""French typographic spaces: no line break inside « guillemets » or before : ; ! ?

Editors type ordinary spaces; the browser may then wrap a lone « » » or « : » onto the next
line. Each ordinary space that French typography wants unbreakable is replaced, in text only:
tags, attributes and code are left alone.
"""

import re

from pelican import signals

NBSP, NNBSP = "\u00a0", "\u202f"  # espace insécable, espace fine insécable
RULES = [
    (re.compile(r"« "), "«" + NBSP),
    (re.compile(r" »"), NBSP + "»"),
    (re.compile(r" :(?=\s|$|<)"), NBSP + ":"),
    (re.compile(r" ([;!?])"), NNBSP + r"\1"),
]
TAG = re.compile(r"(<[^>]*>)")
VERBATIM = re.compile(r"<(/?)(code|pre|kbd|samp|script|style)\b", re.IGNORECASE)


def typeset(text):
    """Return ``text`` (plain text or HTML) with French no-break spaces."""
    if not text:
        return text
    parts, depth = TAG.split(text), 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            verbatim = VERBATIM.match(part)
            if verbatim:
                depth += -1 if verbatim.group(1) else 1
        elif depth == 0:
            for pattern, replacement in RULES:
                part = pattern.sub(replacement, part)
            parts[i] = part
    return "".join(parts)


def typeset_content(content):
    content._content = typeset(content._content)
    if "title" in content.metadata:
        content.title = content.metadata["title"] = typeset(content.metadata["title"])
    if hasattr(content, "_summary"):
        content._summary = content.metadata["summary"] = typeset(content._summary)


def register():
    signals.content_object_init.connect(typeset_content)
