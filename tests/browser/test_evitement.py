"""RGAA 12.7 in Chromium, on every page of the sample in its state: the first Tab reaches the
skip link, which then shows whole inside the window, on top, readable (axe-core's contrast),
and following it takes the keyboard to the main content.

Where the link leads and that it comes first are checked without a browser
(publication/criteres/navigation.py, tests/site/test_rgaa_echantillon.py); what the visitor
sees when it gets the focus needs one. The grid cites both as the evidence of 12.7.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from commune import accessibilite
from tests.browser.rgaa_etats import bring, serve_sample

pytestmark = pytest.mark.browser

GRID = accessibilite.load()

# The focused element as a visitor sees it: its words, its box against the window, whether
# an ancestor cuts it off, whether its middle is on top of every other box.
SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  let cut = style.clipPath !== "none" || (style.clip !== "auto" && style.clip !== "");
  for (let up = el.parentElement; up; up = up.parentElement) {
    const s = getComputedStyle(up);
    if (s.overflow === "visible" && s.clipPath === "none") continue;
    const around = up.getBoundingClientRect();
    cut = cut || box.left < around.left - 0.5 || box.right > around.right + 0.5
      || box.top < around.top - 0.5 || box.bottom > around.bottom + 0.5;
  }
  const middle = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  el.setAttribute("data-rgaa-evitement", "");
  return {
    tag: el.localName,
    text: el.innerText.trim(),
    href: el.getAttribute("href"),
    inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth
      && box.bottom <= innerHeight,
    big: box.width >= 16 && box.height >= 16,
    cut: cut,
    shown: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    onTop: middle !== null && (middle === el || el.contains(middle)),
  };
}"""
# Where the keyboard is once the link is followed: the main content, in the window.
ARRIVED = """() => {
  const main = document.querySelector("main");
  const el = document.activeElement;
  return {
    inMain: main !== null && (el === main || main.contains(el)),
    top: main ? main.getBoundingClientRect().top : null,
  };
}"""
CONTRAST = {
    "runOnly": {"type": "rule", "values": ["color-contrast"]},
    "resultTypes": ["violations", "incomplete", "passes"],
}


@pytest.fixture(scope="module")
def live(site, tmp_path_factory, browser):
    with serve_sample(site, tmp_path_factory.mktemp("evitement"), browser) as server:
        yield server


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 720})
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("sample_page", GRID.pages, ids=[p.id for p in GRID.pages])
def test_the_skip_link_shows_on_focus_and_leads_to_the_main_content(tab, live, sample_page):
    tab.context.clear_cookies()
    bring(tab, live, sample_page)
    # A keyboard visitor arriving on the page: the focus at its start, the page at its top.
    tab.evaluate(
        "() => { document.body.tabIndex = -1; document.body.focus();"
        " document.body.removeAttribute('tabindex'); window.scrollTo(0, 0); }"
    )
    tab.keyboard.press("Tab")
    shown = tab.evaluate(SHOWN)
    assert shown is not None, "le premier Tab n'atteint rien"
    assert (shown["tag"], shown["text"], shown["href"]) == ("a", "Aller au contenu", "#contenu")
    assert shown["shown"] and shown["big"], shown
    assert shown["inside"], f"le lien d'évitement sort de la fenêtre : {shown}"
    assert not shown["cut"], "le lien d'évitement est coupé par un parent"
    assert shown["onTop"], "le lien d'évitement est sous une autre boîte"
    results = Axe().run(tab, context="[data-rgaa-evitement]", options=CONTRAST).response
    assert [r["id"] for r in results["passes"]] == ["color-contrast"], results
    assert results["violations"] == [] and results["incomplete"] == []
    tab.keyboard.press("Enter")
    arrived = tab.evaluate(ARRIVED)
    assert arrived["inMain"], "suivre le lien ne mène pas le clavier au contenu principal"
    assert -1 <= arrived["top"] < 720 / 2, arrived  # scrolled to it, or already in view
