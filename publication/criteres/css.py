"""The style sheets of a page, read without a browser: ``rules`` splits them into one rule per
selector with the at-rules around it (« @media print », prefers-color-scheme), and ``Cascade``
says which rules reach which elements and which declaration wins (10.5, 10.6, 10.8, 13.8).
"""

import functools
import re
from dataclasses import dataclass

import soupsieve


@dataclass(frozen=True)
class Rule:
    contexts: tuple  # the at-rules around it, outermost first (« @media print »)
    selector: str  # one selector of the rule's list
    declarations: tuple  # (property, value, important)
    order: int


def _skip_string(css, i):
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _block_end(css, i):
    depth = 0
    while i < len(css):
        if css[i] in "\"'":
            i = _skip_string(css, i)
            continue
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        if depth == 0:
            return i
        i += 1
    return len(css)


def _split(text, separator):
    """``text`` split on ``separator`` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def _declarations(body):
    found = []
    for part in _split(body, ";"):
        name, colon, value = part.partition(":")
        if not colon or not name.strip():
            continue
        value = value.strip()
        important = bool(re.search(r"!\s*important$", value, re.I))
        value = re.sub(r"!\s*important$", "", value, flags=re.I).strip()
        found.append((name.strip().lower(), value, important))
    return tuple(found)


def rules(css):
    """The style rules of ``css``, one per selector, with the at-rules around them."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, contexts, start, i = [], [], 0, 0
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _skip_string(css, i)
            continue
        if char == "{":
            prelude = " ".join(css[start:i].split())
            if prelude.startswith("@"):
                contexts.append(prelude)
            else:
                end = _block_end(css, i)
                declarations = _declarations(css[i + 1 : end])
                for selector in _split(prelude, ","):
                    if selector.strip():
                        found.append(
                            Rule(tuple(contexts), selector.strip(), declarations, len(found))
                        )
                i = end
            start = i + 1
        elif char == "}":
            if contexts:
                contexts.pop()
            start = i + 1
        elif char == ";" and (not contexts or css[start:i].lstrip().startswith("@")):
            start = i + 1
        i += 1
    return found


STATES = re.compile(r":(hover|focus-visible|focus-within|focus|active)\b")


REST = re.compile(
    r":(visited|link|any-link|target)\b|::?(before|after|marker|placeholder|selection|first-line|first-letter)\b"
)


def _printed(rule):
    return any(c.startswith("@media") and "print" in c and "screen" not in c for c in rule.contexts)


def _scheme(rule):
    for context in rule.contexts:
        found = re.search(r"prefers-color-scheme\s*:\s*(dark|light)", context)
        if found:
            return found.group(1)
    return None


def _on_screen(rule):
    return not _printed(rule) and _scheme(rule) is None


def _specificity(selector):
    selector = re.sub(r":where\([^)]*\)", "", selector)
    selector = re.sub(r"\[[^\]]*\]", "[a]", selector)
    ids = len(re.findall(r"#[\w-]+", selector))
    classes = len(re.findall(r"\.[\w-]+|\[a\]|(?<!:):(?!not\(|is\(|where\()[\w-]+", selector))
    types = len(re.findall(r"(?:^|[\s>+~(])([a-zA-Z][\w-]*)", selector)) + selector.count("::")
    return (ids, classes, types)


@dataclass(frozen=True)
class Matched:
    rule: Rule
    specificity: tuple
    state: bool  # only on hover, focus or activation
    pseudo: bool  # on a ::before or ::after box, not the element itself


class Cascade:
    """Which rules of a page's style sheets reach which of its elements."""

    def __init__(self, page):
        self.rules = [
            r for r in rules(page.styles) if not any("keyframes" in c for c in r.contexts)
        ]
        self.matches = {}
        # Elements by tag and by class: a rule is tried on the elements its last part names.
        self.by_name, self.by_class = {}, {}
        for element in page.soup.find_all(True):
            self.by_name.setdefault(element.name, []).append(element)
            for name in element.get("class") or []:
                self.by_class.setdefault(name, []).append(element)
        for rule in self.rules:
            if any(re.match(r"@(font-face|page|counter-style|property)", c) for c in rule.contexts):
                continue
            rest = STATES.sub("", REST.sub("", rule.selector)).strip() or "*"
            if rest.endswith((">", "+", "~")):
                rest += " *"
            try:
                elements = self.select(page.soup, rest)
            except Exception:  # a selector soupsieve does not know: no element for us
                continue
            matched = Matched(
                rule,
                _specificity(rule.selector),
                bool(STATES.search(rule.selector)),
                bool(re.search(r"::?(before|after|marker)\b", rule.selector)),
            )
            for element in elements:
                self.matches.setdefault(id(element), []).append(matched)
        self.schemes = sorted({s for r in self.rules if (s := _scheme(r))})

    def select(self, soup, selector):
        # The last compound of each selector of the list (« .menu a » → « a »), to pick
        # candidates from the indexes rather than trying every element of the page.
        candidates = []
        for one in _split(selector, ","):
            last = re.split(r"[\s>+~]+(?![^\[(]*[\])])", one.strip())[-1]
            name = re.match(r"^([a-zA-Z][\w-]*)", last)
            classes = re.findall(r"(?<!\()\.([\w-]+)(?![^(]*\))", last)
            if classes:
                candidates.append(self.by_class.get(classes[0], []))
            elif name:
                candidates.append(self.by_name.get(name.group(1).lower(), []))
            else:
                return soup.select(selector)
        compiled = _compiled(selector)
        return [e for group in candidates for e in group if compiled.match(e)]

    def declared(self, element, properties, accept, state=False):
        """(property, value, rule) of the winning declaration of one of ``properties`` on
        ``element``, among the rules ``accept`` takes (the style attribute included), or None."""
        best = None
        for matched in self.matches.get(id(element), ()):
            if matched.state != state or matched.pseudo or not accept(matched.rule):
                continue
            for prop, value, important in matched.rule.declarations:
                if prop in properties:
                    key = (important, False, matched.specificity, matched.rule.order)
                    if best is None or key >= best[0]:
                        best = (key, prop, value, matched.rule)
        if not state:
            for prop, value, important in _declarations(element.get("style") or ""):
                if prop in properties:
                    key = (important, True, (0, 0, 0), 0)
                    if best is None or key >= best[0]:
                        best = (key, prop, value, Rule((), "style", (), -1))
        return best[1:] if best else None

    def all_matches(self, element):
        return self.matches.get(id(element), ())


@functools.lru_cache(maxsize=1024)
def _compiled(selector):
    return soupsieve.compile(selector)
