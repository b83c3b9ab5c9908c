"""The style sheets of a page, read by tinycss2: ``rules`` gives one rule per selector of each
style rule, its selector compiled by cssselect2, with the at-rules around it (« @media print »,
prefers-color-scheme) and its declarations, shorthands expanded into the longhands the checks
read (``background`` gives ``background-color`` and ``background-image``…). ``cascade`` says
which rules reach which elements.
"""

import functools
from dataclasses import dataclass

import cssselect2
import tinycss2
from tinycss2.ast import FunctionBlock, LiteralToken

from .shorthands import SHORTHANDS, significant, split

# Pseudo-classes of a state the visitor brings (hover, focus): a rule that needs one applies
# only in that state, and is matched as if the element (or its ancestor) were in it.
STATES = {"hover", "focus", "focus-visible", "focus-within", "active"}
# At-rules whose content is not style rules on the page's elements.
NOT_STYLE = {"keyframes", "font-face", "page", "counter-style", "property", "font-feature-values"}


@dataclass(frozen=True)
class Declaration:
    """One declaration of a rule: ``value`` as written; for a longhand a shorthand sets,
    ``via`` names the shorthand (the longhand's own value is read from it, see ``longhand``)."""

    name: str
    value: str
    important: bool
    via: str | None = None


@dataclass(eq=False)
class Rule:
    contexts: tuple  # the at-rules around it, outermost first (« @media print »)
    selector: str  # one selector of the rule's list, as written
    declarations: tuple  # Declaration, shorthands followed by their longhands
    order: int
    compiled: object = None  # cssselect2's selector, None when cssselect2 does not know it
    in_state: object = None  # the selector as if its states held, when it needs one

    @property
    def state(self):
        """True when the rule applies only on hover, focus or activation."""
        return self.in_state is not None


def rules(css, media=""):
    """The style rules of ``css``, one per selector, with the at-rules around them (and
    ``@media media`` around them all, for a sheet linked with a media attribute)."""
    contexts = (f"@media {media}",) if media.strip() else ()
    return list(_sheet(css, contexts))


@functools.lru_cache(maxsize=64)  # every page of a site loads the same sheet
def _sheet(css, contexts):
    found = []
    _read(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), contexts, found)
    return tuple(found)


def _read(nodes, contexts, found):
    for node in nodes:
        if node.type == "at-rule" and node.content is not None:
            if node.lower_at_keyword in NOT_STYLE:
                continue
            prelude = tinycss2.serialize(node.prelude).strip()
            inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            _read(inner, (*contexts, f"@{node.lower_at_keyword} {prelude}".strip()), found)
        elif node.type == "qualified-rule":
            declarations = declarations_of(node.content)
            for tokens in split(node.prelude, ","):
                selector = tinycss2.serialize(tokens).strip()
                if selector:
                    rule = Rule(contexts, selector, declarations, len(found))
                    rule.compiled, rule.in_state = _compiled(tokens)
                    found.append(rule)


def declarations_of(content):
    """The declarations of a rule's block or of a style attribute (a string or tokens)."""
    found = []
    for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if node.type != "declaration":
            continue
        value = tinycss2.serialize(node.value).strip()
        found.append(Declaration(node.lower_name, value, node.important))
        found += [
            Declaration(longhand, value, node.important, node.lower_name)
            for longhand in SHORTHANDS.get(node.lower_name, ())
        ]
    return tuple(found)


def _compiled(tokens):
    """(the selector at rest, the selector in the state it needs or None); None for a
    selector cssselect2 does not know (a browser's own pseudo-class…): no element for us."""
    try:
        [rest] = cssselect2.compile_selector_list(tokens)
        in_state = _with_states(tokens)
        if in_state is None:
            return rest, None
        [state] = cssselect2.compile_selector_list(in_state)
        return rest, state
    except Exception:  # cssselect2's parser raises more than SelectorError on what it lacks
        return None, None


def _with_states(tokens):
    """``tokens`` with each state pseudo-class made always true (« a:hover » as « a:is(*) »),
    or None when the selector has none."""
    changed, found = False, []
    for index, token in enumerate(tokens):
        # A pseudo-class: one colon before the name (two for a pseudo-element).
        pseudo_class = (
            index and tokens[index - 1] == ":" and not (index > 1 and tokens[index - 2] == ":")
        )
        if token.type == "ident" and token.lower_value in STATES and pseudo_class:
            found.append(FunctionBlock(0, 0, "is", [LiteralToken(0, 0, "*")]))  # after the colon
            changed = True
            continue
        if token.type == "function":
            inner = _with_states(token.arguments)
            if inner is not None:
                found.append(FunctionBlock(0, 0, token.name, inner))
                changed = True
                continue
        found.append(token)
    return found if changed else None


# -- at-rules: the media a rule is for ----------------------------------------------------


@functools.lru_cache(maxsize=256)
def _queries(context):
    """For an « @media … » context, one (type, negated, {feature: value}) per query."""
    if not context.startswith("@media"):
        return ()
    found = []
    for query in split(tinycss2.parse_component_value_list(context[len("@media") :]), ","):
        tokens = significant(query)
        negated = bool(tokens) and tokens[0].type == "ident" and tokens[0].lower_value == "not"
        words = [t.lower_value for t in tokens if t.type == "ident"]
        kind = next((w for w in words if w in ("all", "screen", "print", "speech")), "all")
        features = {}
        for block in (t for t in tokens if t.type == "() block"):
            inner = significant(block.content)
            if len(inner) == 3 and inner[0].type == "ident" and inner[1] == ":":
                features[inner[0].lower_value] = tinycss2.serialize([inner[2]]).lower()
        found.append((kind, negated, features))
    return tuple(found)


def printed(rule):
    """True for a rule only for print (« @media print »)."""
    for context in rule.contexts:
        queries = _queries(context)
        if queries and all(kind == "print" and not negated for kind, negated, _f in queries):
            return True
    return False


def media_feature(rule, name):
    """The value the rule's media queries ask of ``name`` (« dark » for
    prefers-color-scheme), or None."""
    for context in rule.contexts:
        for _kind, _negated, features in _queries(context):
            if name in features:
                return features[name]
    return None


def scheme(rule):
    """« dark » or « light » for a rule of one colour scheme only, else None."""
    found = media_feature(rule, "prefers-color-scheme")
    return found if found in ("dark", "light") else None


def on_screen(rule):
    """True for a rule of the page as shown by default (not for print, any colour scheme)."""
    return not printed(rule) and scheme(rule) is None


def uses(value):
    """The custom properties a value reads (« var(--fond) » → {"--fond"})."""
    return set(_uses(tinycss2.parse_component_value_list(value))) if "var(" in value else set()


def _uses(tokens):
    for token in tokens:
        if token.type == "function":
            arguments = significant(token.arguments)
            if token.lower_name == "var" and arguments and arguments[0].type == "ident":
                yield arguments[0].value
            yield from _uses(token.arguments)


def substitute(value, lookup, depth=0):
    """``value`` with each var() replaced by ``lookup(name)`` (or its fallback); None when a
    variable has no value and no fallback (the declaration is then invalid)."""
    if "var(" not in value:
        return value
    if depth > 8:
        return None  # a loop of variables
    pieces = []
    for token in tinycss2.parse_component_value_list(value):
        if token.type == "function" and token.lower_name == "var":
            name, fallback = _var_parts(token.arguments)
            found = lookup(name) if name else None
            if found is None and fallback is not None:
                found = substitute(fallback, lookup, depth + 1)
            if found is None:
                return None
            pieces.append(found)
        elif token.type == "function" and "var(" in tinycss2.serialize(token.arguments):
            inner = substitute(tinycss2.serialize(token.arguments), lookup, depth + 1)
            if inner is None:
                return None
            pieces.append(f"{token.name}({inner})")
        else:
            pieces.append(tinycss2.serialize([token]))
    return substitute("".join(pieces).strip(), lookup, depth + 1)


def _var_parts(arguments):
    """(the variable's name, its fallback as written or None) of var()'s arguments."""
    parts = split(list(arguments), ",")
    names = significant(parts[0])
    name = names[0].value if names and names[0].type == "ident" else None
    if len(parts) == 1:
        return name, None
    rest = list(arguments)[len(parts[0]) + 1 :]
    return name, tinycss2.serialize(rest).strip()
