"""The editors' preview in Chromium: a save reloads the page by itself; an error shows in
the page, accessibly, until the file is fixed."""

import pytest
from playwright.sync_api import expect

from tests.apercu.preview import Preview
from tests.browser.helpers import assert_accessible_and_local

pytestmark = pytest.mark.browser

ARTICLE = "articles/2013-01-22-ecoles-haut-debit.md"
ARTICLE_URL = "/actualites/2013/ecoles-haut-debit/"
SETTLE_MS = 20_000  # a rebuild of the real content takes well under a second here


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """One preview for the module (its start, a build and formsvc, is most of the time): each
    test edits a file of its own."""
    with Preview(tmp_path_factory.mktemp("apercu")) as running:
        yield running


def test_a_broken_file_shows_its_error_in_the_page_and_a_fix_clears_it(
    page, requested_urls, preview
):
    page.goto(preview.url + ARTICLE_URL)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Toutes les écoles d’Arras reliées au haut débit")

    preview.edit(ARTICLE, "Date: 2013-01-22", "Date: 2013-13-01")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text('champ "date" invalide « 2013-13-01 »', timeout=SETTLE_MS)
    expect(alert).to_contain_text("dernière version correcte")
    expect(heading).to_be_visible()  # the last good page stays readable under the notice
    assert_accessible_and_local(page, requested_urls)

    preview.edit(ARTICLE, "Date: 2013-13-01", "Date: 2013-01-22")
    preview.edit(ARTICLE, "Title: Toutes les écoles", "Title: Les écoles")
    expect(heading).to_have_text("Les écoles d’Arras reliées au haut débit", timeout=SETTLE_MS)
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_text_saved_shows_without_reloading_by_hand(page, preview):
    page.goto(preview.url + "/ecoles/")
    preview.edit("pages/ecoles.md", "\n\n", "\n\nUn paragraphe tout neuf.\n\n")
    expect(page.get_by_text("Un paragraphe tout neuf.")).to_be_visible(timeout=SETTLE_MS)
