"""French typography for what the city publishes: no-break spaces, ’ and « 1er ».

Editors, data files and templates are typed with ordinary spaces and straight apostrophes;
a browser may then wrap « 18 h » away from « 30 », or a lone « : » onto the next line.
``typeset`` fixes the text, never tags, attributes, code, URLs or e-mail addresses. It is a
few regular-expression passes, each skipping ahead at C speed to what it may change: cheap
enough to run when a Markdown file is read, a data file loaded or a template compiled, so
that no page pays for it when it is served.
"""

import re
from functools import lru_cache

from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup

NBSP, NNBSP = "\u00a0", "\u202f"  # espace insécable, espace fine insécable
SLOT = "\ue000"  # stands for a template expression while a template's text is typeset
KEEP_NBSP, KEEP_NNBSP = "\ue001", "\ue002"  # no-break spaces while ``striptags`` runs
SEP = "\x00"  # joins the text pieces of a page, so that each rule runs once per page
SPACE = r"[ \t\r\n\u00a0\u202f]"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
MONTH = rf"(?:(?:{MONTHS})(?![^\W\d_])|janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\.)"
WEEKDAY = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DAY = r"(?:1er|\d{1,2})"


def _rule(before, after, space):
    """(what must end just before a space, what must start just after it, the space to put)."""
    return (
        re.compile(f"(?:{before})$", re.IGNORECASE) if before else None,
        re.compile(after, re.IGNORECASE),
        space,
    )


# A space (or a run of them) becomes unbreakable when what ends before it and what starts
# after it say so. Punctuation followed by a letter, "/" or "=" is not prose (« ?a=1 »).
SPACE_RULES = [
    _rule("", r":(?![\w/=])", NBSP),  # Le maire : oui
    _rule("", r"[;!?](?![\w/=])", NNBSP),  # Qui ? Non ! Oui ;
    _rule("", "»", NBSP),  # « mot »
    _rule(r"\d", "%", NNBSP),  # 50 %
    _rule(r"\d", "€", NBSP),  # 20 €
    _rule(r"\bn°", r"\d", NBSP),  # n° 5
    _rule(rf"\b(?:{WEEKDAY})", rf"{DAY}\b", NBSP),  # mercredi 30
    _rule(rf"(?<![\w,.]){DAY}", MONTH, NBSP),  # 30 janvier
    _rule(rf"\b{MONTH}", r"\d{4}\b", NBSP),  # janvier 2013
    _rule(r"(?<![\w,.])\d{1,2}", r"h\b", NBSP),  # 18 h
    _rule(rf"(?<![\w,.])\d{{1,2}}{SPACE}+h", r"\d\d\b", NBSP),  # h 30
    _rule(rf"\bh{SPACE}+\d\d", r"min\b", NBSP),  # 30 min
    _rule(r"\bmin", r"\d\d\b", NBSP),  # min 05
    _rule(rf"\bmin{SPACE}+\d\d", r"s\b", NBSP),  # 05 s
    _rule(rf"(?<![\d,.])\d{{1,3}}(?:{SPACE}\d{{3}})*", r"\d{3}\b(?![,.]\d)", NNBSP),  # 10 000
]
# Only spaces after a number, or before punctuation or a number, can need a rule. Each
# pattern begins with a literal (a space, a line break), so that re skips ahead to the next
# one at C speed: a pattern that begins with a set of characters would cost twice as much.
SPACES = [
    re.compile(rf"{first}(?:(?<=\d{first})|(?<=1er{first})|(?={SPACE}*[:;!?»%€\d])){SPACE}*")
    for first in (" ", "\n")
]


def _unbreakable(match):
    text, start, end = match.string, match.start(), match.end()
    for before, after, space in SPACE_RULES:
        if after.match(text, end) and (
            before is None or before.search(text, max(0, start - 24), start)
        ):
            return space
    return match.group()


RULES = [
    # Patterns begin with a literal where they can: re then skips ahead at C speed.
    (re.compile(rf"'(?<=[^\W\d_]')(?=[^\W_]|[«{SLOT}])"), "’"),  # l'école
    (re.compile(rf"«{SPACE}*"), "«" + NBSP),  # «mot, « mot
    (re.compile(r"»(?<![ \t\r\n\u00a0\u202f]»)"), NBSP + "»"),  # mot»
    (re.compile(rf"1(?<![\w,.]1)(?={SPACE}+(?i:{MONTH}))"), "1er"),  # 1 juin
    *((spaces, _unbreakable) for spaces in SPACES),
]
TAG = re.compile(r"(<[^>]*>)")
VERBATIM = re.compile(r"<(/?)(code|pre|kbd|samp|script|style|textarea)\b", re.IGNORECASE)
PROTECTED = re.compile(
    r"((?:https?://|ftp://|www\.|mailto:)[^\s<>\"\x00]+|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)"
)
PROTECTED_HINTS = ("@", "://", "www.", "mailto:")


def _typeset_text(text):
    # Looking for an address costs a pass over the text: only when one may be there.
    pieces = PROTECTED.split(text) if any(h in text for h in PROTECTED_HINTS) else [text]
    for i in range(0, len(pieces), 2):  # odd pieces: URLs and e-mail addresses
        piece = pieces[i]
        for pattern, replacement in RULES:
            piece = pattern.sub(replacement, piece)
        pieces[i] = piece
    return "".join(pieces)


def typeset(text, html=True):
    """Return ``text`` (HTML, or plain text when ``html`` is false) with French typography."""
    if not text:
        return text
    if not html:
        return _typeset_text(text)
    parts, depth, prose = TAG.split(text), 0, []
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            verbatim = VERBATIM.match(part)
            if verbatim:
                depth = max(0, depth + (-1 if verbatim.group(1) else 1))
        elif depth == 0 and part:
            prose.append(i)
    if SEP in text:  # cannot join the pieces with SEP: one at a time, a little slower
        done = [_typeset_text(parts[i]) for i in prose]
    else:
        done = _typeset_text(SEP.join(parts[i] for i in prose)).split(SEP) if prose else []
    for i, piece in zip(prose, done, strict=True):
        parts[i] = piece
    return "".join(parts)


SIGNS = (("---", "—"), ("--", "–"), ("...", "…"))  # em dash, en dash, ellipsis


def smarten(text):
    """Dashes and ellipses typed as ``---``, ``--`` and ``...``, in the prose of HTML only.

    What Markdown's ``smarty`` extension did for the site's texts, with plain string
    replacements instead of its inline patterns (half a second of a 2,000-article build).
    """
    if "--" not in text and "..." not in text:
        return text
    parts, depth = TAG.split(text), 0
    for i, part in enumerate(parts):
        if i % 2:
            verbatim = VERBATIM.match(part)
            if verbatim:
                depth = max(0, depth + (-1 if verbatim.group(1) else 1))
        elif depth == 0:
            for typed, sign in SIGNS:
                part = part.replace(typed, sign)
            parts[i] = part
    return "".join(parts)


def typeset_filter(value):
    """Jinja filter: typeset a value from code; Markup is typeset as HTML, anything else as text."""
    if isinstance(value, Markup):
        return Markup(typeset(str(value)))
    return typeset(value, html=False) if isinstance(value, str) else value


def striptags(value):
    """Jinja's ``striptags`` keeping no-break spaces, which it would collapse to plain ones."""
    return _striptags(value.__html__() if hasattr(value, "__html__") else str(value))


@lru_cache(maxsize=8192)  # a summary is shown on five or six list pages of a build
def _striptags(html):
    kept = html.replace(NBSP, KEEP_NBSP).replace(NNBSP, KEEP_NNBSP)
    return Markup(kept).striptags().replace(KEEP_NBSP, NBSP).replace(KEEP_NNBSP, NNBSP)


FILTERS = {"typeset": typeset_filter, "striptags": striptags}


class TypographieExtension(Extension):
    """Typesets a template's own text when it is compiled, so rendering costs nothing more.

    Expressions (``{{ … }}``, ``{% … %}``) are left out: each stands as SLOT in the text,
    so that rules see « le SLOT : » and tags such as ``<a href="SLOT">`` whole.
    Templates named ``*.txt`` (mails) are plain text.
    """

    def filter_stream(self, stream):
        tokens = list(stream)
        data = [i for i, token in enumerate(tokens) if token.type == "data"]
        html = not (stream.name or "").endswith(".txt")
        done = typeset(SLOT.join(tokens[i].value for i in data), html=html).split(SLOT)
        if len(done) != len(data):  # the template itself contains SLOT: leave it as it is
            return tokens
        for i, value in zip(data, done, strict=True):
            tokens[i] = Token(tokens[i].lineno, "data", value)
        return tokens
