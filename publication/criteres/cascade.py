"""Which rules of a page's style sheets reach which of its elements (matched by cssselect2),
which declaration wins (!important, the style attribute, specificity, order) and what an
element inherits from its parent (10.5, 10.6, 10.8, 13.8).
"""

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

import cssselect2
from bs4 import Comment, NavigableString, Tag

from .css import Rule, declarations_of, rules, scheme, substitute
from .shorthands import longhand

# Properties an element takes from its parent when no rule sets them (CSS: « Inherited: yes »),
# among those the checks read; custom properties (--*) inherit too.
INHERITED = {
    "color",
    "font-weight",
    "font-style",
    "font-size",
    "visibility",
    "cursor",
    "direction",
    "line-height",
    "letter-spacing",
    "word-spacing",
    "white-space",
    "text-align",
}
STYLE_ATTRIBUTE = Rule((), "style", (), -1)


@dataclass(frozen=True)
class Matched:
    rule: Rule
    specificity: tuple
    position: int  # in the page's order of rules
    pseudo: bool  # on a ::before or ::after box, not the element itself


@dataclass(frozen=True)
class Declared:
    """The winning declaration of a property on an element: ``value`` (var() replaced, read
    from its shorthand when a shorthand set it), ``written`` (as in the sheet), its ``rule``."""

    name: str
    value: str
    written: str
    rule: Rule


class Cascade:
    """The cascade of a page's style sheets ``sheets`` ([(text, media)]) over ``soup``."""

    def __init__(self, sheets, soup):
        self.rules = [rule for text, media in sheets for rule in rules(text, media)]
        self.schemes = sorted({s for r in self.rules if (s := scheme(r))})
        self._matchers = {False: cssselect2.Matcher(), True: cssselect2.Matcher()}
        for position, rule in enumerate(self.rules):
            if rule.compiled is not None:
                selector = rule.in_state if rule.state else rule.compiled
                self._matchers[rule.state].add_selector(selector, (position, rule))
        self._copies, self._wrappers = _wrappers(soup)
        self._matched, self._computed, self._inline = {}, {}, {}

    def all_matches(self, element, state=False):
        """The rules that reach ``element`` at rest, or (``state``) only on hover, focus or
        activation, as Matched, in no particular order."""
        key = (id(element), state)
        if key not in self._matched:
            wrapper = self._wrappers.get(id(element))
            found = self._matchers[state].match(wrapper) if wrapper is not None else ()
            self._matched[key] = [
                Matched(rule, rule.compiled.specificity, position, pseudo is not None)
                for _specificity, _order, pseudo, (position, rule) in found
            ]
        return self._matched[key]

    def declared(self, element, properties, accept, state=False):
        """The winning declaration of one of ``properties`` on ``element`` (a Declared), among
        the rules ``accept`` takes and the style attribute; with ``state``, among the rules
        that apply only in a state. None when nothing declares them."""
        best = None
        for matched in self.all_matches(element, state):
            if matched.pseudo or not accept(matched.rule):
                continue
            for index, declaration in enumerate(matched.rule.declarations):
                if declaration.name in properties:
                    key = (declaration.important, False, matched.specificity, matched.position)
                    if best is None or (*key, index) >= best[0]:
                        best = ((*key, index), declaration, matched.rule)
        if not state:
            for index, declaration in enumerate(self._style_attribute(element)):
                if declaration.name in properties:
                    key = (declaration.important, True, (0, 0, 0), 0, index)
                    if best is None or key >= best[0]:
                        best = (key, declaration, STYLE_ATTRIBUTE)
        if best is None:
            return None
        _key, declaration, rule = best
        value = substitute(declaration.value, lambda name: self.computed(element, name, accept))
        value = "unset" if value is None else longhand(declaration, value)
        return Declared(declaration.name, value, declaration.value, rule)

    def computed(self, element, name, accept):
        """The value of ``name`` on ``element`` once inheritance is done (CSS-wide keywords
        and currentcolor followed to the parent), or None for the property's initial value."""
        key = (id(element), name, accept)
        if key in self._computed:
            return self._computed[key]
        self._computed[key] = None  # a variable that reads itself has no value
        found = self.declared(element, (name,), accept)
        value = found.value.strip() if found else None
        word = (value or "").lower()
        inherits = name in INHERITED or name.startswith("--")
        if (
            word == "inherit"
            or (word in ("unset", "revert", "revert-layer") and inherits)
            or (value is None and inherits)
            or (name == "color" and word == "currentcolor")
        ):
            parent = element.parent
            value = self.computed(parent, name, accept) if _is_element(parent) else None
        elif word in ("initial", "unset", "revert", "revert-layer"):
            value = None
        self._computed[key] = value
        return value

    def _style_attribute(self, element):
        if id(element) not in self._inline:
            style = element.get("style") if isinstance(element, Tag) else None
            self._inline[id(element)] = declarations_of(style) if style else ()
        return self._inline[id(element)]


def _is_element(node):
    return isinstance(node, Tag) and node.name != "[document]"


def _wrappers(soup):
    """An ElementTree copy of ``soup``'s elements (cssselect2 matches ElementTree elements),
    and the wrapper cssselect2 gives each, by the id() of BeautifulSoup's element."""
    top = soup.find("html") if soup.name == "[document]" else soup
    if top is None:
        return {}, {}
    copies = {}
    root = _copy(top, copies)
    stack = [(top, root)]
    while stack:
        tag, element = stack.pop()
        for child in tag.children:
            if isinstance(child, Tag):
                copy = _copy(child, copies)
                element.append(copy)
                stack.append((child, copy))
    wrappers = {
        id(copies[wrapper.etree_element]): wrapper
        for wrapper in cssselect2.ElementWrapper.from_html_root(root).iter_subtree()
    }
    return copies, wrappers


def _copy(tag, copies):
    attributes = {k: " ".join(v) if isinstance(v, list) else v for k, v in tag.attrs.items()}
    element = ElementTree.Element(tag.name, attributes)
    # Text, for :empty (comments do not count).
    texts = [
        s for s in tag.children if isinstance(s, NavigableString) and not isinstance(s, Comment)
    ]
    element.text = "".join(texts) or None
    copies[element] = tag
    return element
