"""formsvc's addresses are written once (commune.FORMSVC_PREFIX): its blueprints take their
prefix from there, and nginx proxies exactly those (deploy/nginx/site.conf). A journey added
without its nginx location would answer nowhere in production; a location left behind would
send visitors to formsvc's 404."""

import re

import pytest

from commune import FORMSVC_PREFIX, FORMSVC_PREFIXES
from tests.support import ROOT

PROXY = "formsvc-proxy.conf"
LISTED = {prefix.strip("/") for prefix in FORMSVC_PREFIX.values()}
# The one regular expression form the test reads: ^/(a|b|c)(/|$)
ALTERNATIVES = re.compile(r"\^/\(([\w|-]+)\)\(/\|\$\)")


def locations(text):
    """[(modifier, pattern, body)] of the ``location`` blocks of an nginx configuration."""
    text = re.sub(r"#[^\n]*", "", text)  # comments may hold braces or the word location
    found = []
    for start in re.finditer(r"\blocation\s+(?:(=|~\*|~|\^~)\s+)?(\"[^\"]+\"|\S+)\s*\{", text):
        depth, end = 1, start.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        found.append((start.group(1) or "", start.group(2).strip('"'), text[start.end() : end]))
    return found


def proxied_segments(text):
    """The first path segments nginx hands to formsvc, read from its locations."""
    segments = set()
    for modifier, pattern, body in locations(text):
        if PROXY not in body:
            continue
        if modifier in ("~", "~*"):
            match = ALTERNATIVES.fullmatch(pattern)
            assert match, f"location ~ {pattern}: écrire ^/(a|b)(/|$) pour que le test la lise"
            segments.update(match.group(1).split("|"))
        else:
            segments.add(pattern.strip("/").split("/")[0])
    return segments


def nginx_text():
    return "\n".join(
        conf.read_text(encoding="utf-8") for conf in sorted((ROOT / "deploy/nginx").glob("*.conf"))
    )


def test_nginx_proxies_exactly_the_listed_prefixes():
    assert proxied_segments(nginx_text()) == LISTED


@pytest.mark.parametrize(
    ("change", "seen"),
    [
        (("|suivi)", ")"), LISTED - {"suivi"}),  # a journey nginx forgot
        (("(formulaires|", "(formulaires|ancien|"), LISTED | {"ancien"}),  # a location left
    ],
)
def test_the_check_sees_a_location_missing_or_left_behind(change, seen):
    text = nginx_text()
    assert change[0] in text
    assert proxied_segments(text.replace(*change)) == seen != LISTED


def test_every_route_of_formsvc_is_under_a_listed_prefix(app):
    rules = [rule.rule for rule in app.url_map.iter_rules()]
    assert rules
    outside = [rule for rule in rules if not rule.startswith(FORMSVC_PREFIXES)]
    assert outside == []
    used = {rule.split("/")[1] for rule in rules}
    assert used == LISTED
