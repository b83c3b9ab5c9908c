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


def typesetting_reader(reader_class):
    """``reader_class`` with its output typeset: done when the file is read, so Pelican's
    content cache keeps the result and a cached rebuild does not do it again."""

    class TypesettingReader(reader_class):
        def read(self, source_path):
            content, metadata = super().read(source_path)
            for field in ("title", "summary"):
                if isinstance(metadata.get(field), str):
                    metadata[field] = typeset(metadata[field])
            return typeset(content), metadata

    return TypesettingReader


def typeset_markdown(readers):
    for extension in ("md", "markdown", "mkd", "mdown"):
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = typesetting_reader(
                readers.reader_classes[extension]
            )


def register():
    # After strict_metadata (PLUGINS order): its strict reader is the one wrapped.
    signals.readers_init.connect(typeset_markdown)
