"""What a reader would see as a typographic fault, in a rendered page or mail: the checks
the tests run over the site, formsvc's pages and the mails (commune/typographie.py fixes)."""

import re
from html.parser import HTMLParser

from commune.typographie import MONTH, PROTECTED, SLOT, SPACE, WEEKDAY

SOFT = r"[ \t\r\n]"  # a space where a line may break
FAULTS = [
    ("apostrophe droite", re.compile("'")),
    ("« e-mail » au lieu de « courriel »", re.compile(r"\b(?:e-?)?mails?\b", re.IGNORECASE)),
    ("espace sécable avant : ; ! ?", re.compile(rf"{SOFT}[:;!?]")),
    ("espace sécable dans « »", re.compile(rf"«{SOFT}|{SOFT}»")),
    ("heure coupable", re.compile(rf"\b\d{{1,2}}(?:{SOFT}+h\b|{SPACE}h{SOFT}+\d\d\b)")),
    (
        "date coupable",
        re.compile(
            rf"\b(?:1er|\d{{1,2}}){SOFT}+{MONTH}|\b{MONTH}{SOFT}+\d{{4}}\b"
            rf"|\b(?:{WEEKDAY}){SOFT}+(?:1er|\d{{1,2}})\b",
            re.IGNORECASE,
        ),
    ),
    ("« 1 » au lieu de « 1er »", re.compile(rf"\b1{SPACE}+{MONTH}", re.IGNORECASE)),
]
UNSHOWN = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "template"}


class _Texts(HTMLParser):
    """The text nodes a reader sees: not code, scripts, styles or what a field holds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in UNSHOWN

    def handle_endtag(self, tag):
        self.hidden = max(0, self.hidden - (tag in UNSHOWN))

    def handle_data(self, data):
        if not self.hidden:
            self.texts.append(data)


def faults(text, html=True):
    """``(fault, excerpt)`` for each typographic fault a reader would see in ``text``."""
    if html:
        parser = _Texts()
        parser.feed(text)
        parser.close()
        texts = parser.texts
    else:
        texts = [text]
    found = []
    for piece in texts:
        piece = PROTECTED.sub(SLOT, piece)  # URLs and addresses are not prose
        for fault, pattern in FAULTS:
            for m in pattern.finditer(piece):
                found.append((fault, piece[max(0, m.start() - 30) : m.end() + 30]))
    return found
