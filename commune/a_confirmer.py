"""Values still to be confirmed by the city: found in ``content/``, flagged in the preview.

A value is "à confirmer" when it uses a domain reserved for examples (``arras.example``,
``example.org``…), when a social-network link points to the network's home page instead of
the city's own page, or when an editor marked it: a ``# à confirmer`` comment after a value
of a data file, or ``<!-- à confirmer -->`` on a line of a Markdown text. ``invoke publish``
refuses to publish while any is left; the development preview shows each one in the page.
"""

import html
import re
from dataclasses import dataclass
from pathlib import Path

MARK = "à confirmer"
RESERVED = re.compile(
    r"(?:[\w.+-]+@)?(?:https?://)?(?:[\w-]+\.)*"
    r"(?:[\w-]+\.(?:example|invalid|test)|example\.(?:com|net|org))\b[^\s\"')<>\]]*",
    re.IGNORECASE,
)
SOCIAL = re.compile(
    r"https?://(?:www\.|m\.)?(facebook|twitter|x|instagram|linkedin|youtube|tiktok)\.com/?"
    r"(?=[\s\"')<>\]]|$)",
    re.IGNORECASE,
)
EDITOR_MARK = re.compile(r"<!--\s*à\s+(?:confirmer|compléter)\b.*?-->", re.IGNORECASE)
TOML_VALUE = re.compile(r"""^\s*[\w.-]+\s*=\s*(["'])(.*?)\1\s*#(.*)$""")
TEXT_SUFFIXES = {".md", ".toml"}


@dataclass(frozen=True)
class Finding:
    """One value to confirm: where it is, what it is, and why it is not final."""

    path: str
    line: int
    value: str
    reason: str

    def __str__(self):
        return f"{self.path}, ligne {self.line} : « {self.value} » ({self.reason})"


NEEDLES = (
    "example",
    ".invalid",
    ".test",
    "facebook.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "linkedin.com",
    "youtube.com",
    "tiktok.com",
)
HINTS = re.compile(
    r"example|\.invalid|\.test|facebook|twitter|x\.com|instagram|linkedin|youtube|tiktok",
    re.IGNORECASE,
)


def _in_line(text):
    """(value, reason) pairs a line of any text file holds."""
    if not HINTS.search(text):
        return  # the full patterns below backtrack on every character: look first
    for match in RESERVED.finditer(text):
        value = match.group()
        domain = re.search(r"example\.(com|net|org)\b", value) or re.search(
            r"\.(example|invalid|test)\b", value
        )
        yield value, f"domaine réservé aux exemples « {domain.group()} »"
    for match in SOCIAL.finditer(text):
        site = f"{match.group(1).lower()}.com"
        yield match.group(), f"lien vers la page d'accueil de {site}, pas vers la page voulue"


def find(path, shown=None):
    """The findings of one text file (``shown`` is the path printed in messages)."""
    path, found = Path(path), []
    shown = shown or str(path)
    is_toml = path.suffix == ".toml"
    text = path.read_text("utf-8", errors="replace")
    lowered = text.lower()
    if not any(word in lowered for word in (*NEEDLES, "confirmer", "compléter")):
        return []  # most files: a few substring searches, not a regex per line
    for number, line in enumerate(text.splitlines(), 1):
        if is_toml and line.lstrip().startswith("#"):
            continue  # an explanation for editors, not a value
        for value, reason in _in_line(line):
            found.append(Finding(shown, number, value, reason))
        if is_toml:
            value = TOML_VALUE.match(line)
            if value and re.search(r"à\s+(confirmer|compléter)", value.group(3), re.IGNORECASE):
                found.append(Finding(shown, number, value.group(2), f"marqué « {MARK} »"))
        elif EDITOR_MARK.search(line):
            text = EDITOR_MARK.sub("", line).strip(" -*#>")
            found.append(Finding(shown, number, text, f"marqué « {MARK} »"))
    return _merged(found)


def _merged(found):
    """One finding per value and line, its reasons joined."""
    reasons = {}
    for finding in found:
        reasons.setdefault((finding.path, finding.line, finding.value), []).append(finding.reason)
    return [Finding(*key, " ; ".join(dict.fromkeys(why))) for key, why in reasons.items()]


_scanned = {}  # absolute path → ((mtime, size), findings): the preview scans on each save


def scan(content_path):
    """Every finding in the text files under ``content_path``, in a stable order."""
    content = Path(content_path).resolve()
    found = []
    for path in sorted(content.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or path.name.startswith("."):
            continue
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue  # deleted while we looked
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _scanned.get(path)
        if cached is None or cached[0] != stamp:
            cached = _scanned[path] = (stamp, find(path, str(path.relative_to(content.parent))))
        found.extend(cached[1])
    return found


# --- The marker of the development preview -----------------------------------------------

BADGE = f' <mark class="a-confirmer">{MARK}</mark>'


def _pattern(value):
    """A regex matching ``value`` as rendered: escaped, typeset (’, no-break spaces)."""
    parts = []
    for char in html.escape(value, quote=False):
        if char == "'":
            parts.append("(?:'|’|&#39;|&#x27;)")
        elif char == " ":
            parts.append("[ \u00a0\u202f]")
        else:
            parts.append(re.escape(char))
    # "https://www.facebook.com/" must not match the start of "https://www.facebook.com/ville"
    return "".join(parts) + r"(?![\w/])"


class Marker:
    """Flags, in a page's HTML, each value to confirm with a visible « à confirmer »."""

    def __init__(self, values):
        values = sorted({v for v in values if len(v) >= 4}, key=len, reverse=True)
        self.values = re.compile("|".join(map(_pattern, values))) if values else None
        self.longest = max(map(len, values), default=0) * 8  # escaped and typeset, at worst
        # Plain substrings every candidate contains: str.find is far faster than a regex.
        self.needles = {*NEEDLES, *(max(re.split(r"[\s'&;#<>\"]+", v), key=len) for v in values)}

    def _flagged(self, link):
        return bool(
            RESERVED.search(link)
            or SOCIAL.search(link)
            or (self.values is not None and self.values.search(link))
        )

    def _positions(self, page, start):
        for needle in self.needles:
            at = page.find(needle, start)
            while at >= 0:
                yield at
                at = page.find(needle, at + len(needle))

    def mark(self, page):
        """``page`` with a badge after each link to, and each mention of, a value to confirm."""
        if "<!--" in page:
            page = EDITOR_MARK.sub(BADGE, page)
        after = set()
        for position in self._positions(page, max(page.find("<body"), 0)):
            opened, closed = page.rfind("<a ", 0, position), page.rfind("</a>", 0, position)
            if opened > closed:  # inside a link: flag the link as a whole
                end = page.find("</a>", position)
                if end >= 0 and self._flagged(page[opened : end + 4]):
                    after.add(end + 4)
            elif page.rfind("<", 0, position) > page.rfind(">", 0, position):
                continue  # inside a tag: an attribute of something else than a link
            elif self.values is not None:
                low = max(page.rfind(">", 0, position) + 1, position - self.longest)
                for match in self.values.finditer(page, low, position + self.longest):
                    if match.start() <= position < match.end():
                        after.add(match.end())
        pieces, last = [], 0
        for position in sorted(after):
            pieces += [page[last:position], BADGE]
            last = position
        pieces.append(page[last:])
        return "".join(pieces)
