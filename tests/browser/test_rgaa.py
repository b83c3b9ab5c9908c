"""RGAA criteria Chromium can check on the sample's pages, beyond axe-core: text spacing
(10.12), text at 200 % (10.4), focus visible and never hidden (10.7), tab order (12.8).

The pages are those of the grid (content/data/accessibilite.toml) a visitor opens by address,
static and formsvc's alike, served together as in production. Passing proves no regression;
the grid still asks a person to judge these criteria (docs/accessibilite.md).
"""

import pytest

from commune import accessibilite
from tests.servers import serve_site

pytestmark = pytest.mark.browser

GRID = accessibilite.load()
OPENED = [p for p in GRID.pages if not p.etat]

# WCAG 1.4.12's values, on every element: nothing may be cut off or overlap.
SPACING = """
* { letter-spacing: 0.12em !important; word-spacing: 0.16em !important;
    line-height: 1.5 !important; }
p { margin-bottom: 2em !important; }
"""
# Elements whose own box cuts off their text (overflow hidden or clip, content larger).
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  const cuts = (v) => v === "hidden" || v === "clip";
  if (!el.innerText || !el.innerText.trim() || el.closest("[hidden], .visuellement-cache")) {
    return false;
  }
  return (cuts(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
    || (cuts(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map((el) => el.localName + (el.className ? "." + el.className : "")).slice(0, 5)"""
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
# The focused element: is its focus drawn, and is its middle really on top (not under a
# sticky header or any other box)?
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  el.scrollIntoView({ block: "center" });
  const box = el.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: el.localName + (el.id ? "#" + el.id : "")
      + " « " + (el.innerText || el.name || "").trim().slice(0, 30) + " »",
    drawn: outline || shadow,
    visible: top !== null && (el === top || el.contains(top) || top.contains(el)),
    key: el.getAttribute("data-rgaa-ordre"),
  };
}"""
# Number the elements a Tab can reach, in document order, as a browser would reach them.
TABBABLE = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";
  // A group of radio buttons is one stop: its checked button, else its first.
  const radioStop = (el) => {
    const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
    const checked = group.find((r) => r.checked);
    return el === (checked || group[0]);
  };
  const reachable = [...document.querySelectorAll(selector)].filter((el) =>
    !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden"
    && (el.type !== "radio" || radioStop(el)));
  reachable.forEach((el, n) => el.setAttribute("data-rgaa-ordre", String(n)));
  return {
    count: reachable.length,
    positive: [...document.querySelectorAll("[tabindex]")].filter((el) => el.tabIndex > 0).length,
  };
}"""


@pytest.fixture
def context_options():
    # A reader's own style sheet (a browser extension) applies whatever the page's Content
    # Security Policy says: the test's injected style must too.
    return {"bypass_csp": True}


@pytest.fixture(scope="module")
def live(site, tmp_path_factory):
    with serve_site(site, tmp_path_factory.mktemp("rgaa-navigateur")) as server:
        yield server


def open_page(page, live, sample_page):
    response = page.goto(live.url + sample_page.adresse)
    assert response.status == 200, sample_page.adresse


@pytest.mark.parametrize("sample_page", OPENED, ids=[p.id for p in OPENED])
def test_wider_text_spacing_cuts_nothing_off(page, live, sample_page):
    open_page(page, live, sample_page)
    page.add_style_tag(content=SPACING)
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(SIDEWAYS) <= 0


@pytest.mark.parametrize("sample_page", OPENED, ids=[p.id for p in OPENED])
def test_text_at_200_percent_stays_whole(page, live, sample_page):
    open_page(page, live, sample_page)
    before = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    after = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert after >= 2 * before - 0.5, "the text does not follow the reader's text size"
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(SIDEWAYS) <= 0


@pytest.mark.parametrize("sample_page", OPENED, ids=[p.id for p in OPENED])
def test_focus_is_drawn_never_hidden_and_follows_the_page(page, live, sample_page):
    open_page(page, live, sample_page)
    tabbable = page.evaluate(TABBABLE)
    assert tabbable["positive"] == 0, "a positive tabindex changes the order"
    reached = []
    for _ in range(tabbable["count"]):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None and focused["key"] is not None, reached
        assert focused["drawn"], f"focus not drawn on {focused['name']}"
        assert focused["visible"], f"focused {focused['name']} is under another box"
        reached.append(int(focused["key"]))
    assert reached == list(range(tabbable["count"]))
