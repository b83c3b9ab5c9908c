"""A keyboard user can skip the header straight to the page's content."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_first_tab_shows_the_skip_link_which_moves_focus_to_main(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()

    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box is not None, "le lien d'évitement n'est pas affiché"
    assert box["x"] >= 0 and box["y"] >= 0, f"lien d'évitement hors écran : {box}"
    assert box["x"] + box["width"] <= viewport["width"], f"lien d'évitement hors écran : {box}"
    assert box["y"] + box["height"] <= viewport["height"], f"lien d'évitement hors écran : {box}"

    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()
