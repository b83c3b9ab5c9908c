"""Browser fixtures: the site's pages, one per test, and a visitor's search. Chromium itself
(``browser``, ``context``, ``page``) comes from tests/conftest.py."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import built_paths, built_site


def pytest_generate_tests(metafunc):
    if "site_path" in metafunc.fixturenames:
        metafunc.parametrize("site_path", built_paths())


@pytest.fixture(scope="session")
def site():
    """The real site, built once: the same build that named the pages' tests."""
    return built_site()


@pytest.fixture
def search(site_url):
    """Search like a visitor: open /recherche/, type the words, press Enter; return the status."""

    def search(page, words):
        page.goto(f"{site_url}/recherche/")
        page.get_by_label("Rechercher sur le site").fill(words)
        page.keyboard.press("Enter")
        status = page.get_by_role("status")
        expect(status).to_contain_text(f"pour « {words} »")
        return status

    return search


@pytest.fixture
def searched_page(page, search):
    """``page`` once a visitor has searched « arobases » (found in the Ville Internet pages)."""
    search(page, "arobases")
    return page


@pytest.fixture
def not_found_url(site_url):
    """An unknown address, a few folders deep: the server answers with the site's 404 page."""
    return f"{site_url}/actualites/2099/page-disparue/"
