"""On a phone (360 CSS px wide), a time or a date is never split across two lines."""

import pytest

from tests.browser.scripts import js
from tests.servers import serve_site

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}  # CSS pixels, a common Android phone
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# JavaScript's \s matches every space, the no-break ones included: what the page may hold.
UNBREAKABLE = (
    rf"(?<![\d\p{{L}}])(?:(?:(?:{WEEKDAYS})\s)?(?:1er|\d{{1,2}})\s(?:{MONTHS})(?:\s\d{{4}})?"
    rf"|\d{{1,2}}\sh(?:\s\d{{2}})?)(?![\d\p{{L}}])"
)


@pytest.fixture
def context_options():
    return {"viewport": PHONE}


def assert_never_split(page, selector):
    result = page.evaluate(js("split"), [selector, UNBREAKABLE])
    assert result["count"] > 0, f"aucune heure ni date dans {selector} de {page.url}"
    assert result["split"] == [], page.url


@pytest.mark.parametrize(
    "path",
    [
        "/actualites/2013/premiere-permanence-en-ligne/",  # « mercredi 30 janvier 2013 … 18 h 30 »
        "/permanence-en-ligne/",
        "/actualites/2013/label-ville-internet-2013/",  # « le 31 janvier 2013, à Metz »
        "/actualites/",  # the dates of publication and the summaries
    ],
)
def test_times_and_dates_of_the_site_stay_whole(page, site_url, path):
    page.goto(site_url + path)
    assert_never_split(page, "main")


def test_the_form_announces_the_creneau_on_whole_lines(page, site, tmp_path):
    with serve_site(site, tmp_path) as live:
        page.goto(live.url + "/formulaires/permanence/")
        assert_never_split(page, ".encart")


def test_the_check_sees_a_date_typed_with_ordinary_spaces(page, site_url):
    """The same check on text that was not typeset finds the breaks: it can fail."""
    page.goto(site_url + "/permanence-en-ligne/")
    raw = "Rendez-vous le mercredi 30 janvier 2013, de 18 h 30 à 20 h 30."
    page.evaluate(js("append-paragraph"), ["brut", raw])
    result = page.evaluate(js("split"), ["#brut", UNBREAKABLE])
    assert result["count"] == 3
    assert len(result["split"]) == 3
