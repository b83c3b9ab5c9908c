"""Every page of the built site in Chromium, loaded once, every check on it: axe-core finds no
WCAG 2.2 AA violation (and what it leaves to a person is judged in the grid), no request
leaves for another host, and at 320 CSS px wide (WCAG 1.4.10, RGAA 10.11) nothing scrolls
sideways. One test a page; its failure lists every finding."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import accessibility_report, new_tab
from tests.browser.scripts import js

pytestmark = pytest.mark.browser

WINDOW = {"width": 1280, "height": 720}  # Playwright's default window
SMALL_SCREEN = {"width": 320, "height": 640}  # CSS pixels: 1280 px zoomed to 400 %


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the module's pages, sparing a new one for each (static pages: no cookie,
    nothing kept from one to the next but the cache)."""
    with new_tab(browser) as tab:
        yield tab


@pytest.fixture(autouse=True)
def fresh_start(tab):
    tab.set_viewport_size(WINDOW)
    tab.urls.clear()


def findings(tab):
    """Everything ``tab``'s page fails, in its window and then 320 px wide (the reader's zoom
    changes the window, not the page)."""
    found = accessibility_report(tab, tab.urls)
    tab.set_viewport_size(SMALL_SCREEN)
    result = tab.evaluate(js("overflow"))
    if result["overflow"] > 0:
        found.append(
            f"déborde de {result['overflow']} px à 320 px de large ; "
            f"dépassent : {', '.join(result['culprits']) or '?'}"
        )
    return found


def assert_passes(tab):
    found = findings(tab)
    assert not found, f"{tab.url}\n" + "\n".join(found)


def test_page_is_accessible_reflows_and_stays_on_the_site(tab, site_url, site_path):
    response = tab.goto(site_url + site_path)
    assert response.status == 200, f"{site_path} : {response.status}"
    assert_passes(tab)


def test_not_found_page_is_accessible_reflows_and_stays_on_the_site(tab, not_found_url):
    response = tab.goto(not_found_url)
    assert response.status == 404
    expect(tab.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    assert_passes(tab)


def test_search_results_are_accessible_reflow_and_stay_on_the_site(tab, search):
    search(tab, "arobases")
    expect(tab.locator("#recherche-resultats li").first).to_be_visible()
    assert_passes(tab)
