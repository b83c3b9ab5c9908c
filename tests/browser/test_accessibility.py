"""axe-core in Chromium finds no WCAG 2.2 AA violation, and no page calls another host."""

import pytest

from tests.browser.helpers import assert_accessible_and_local

pytestmark = pytest.mark.browser


def test_page_is_accessible_and_stays_on_the_site(page, requested_urls, site_url, site_path):
    page.goto(site_url + site_path)
    assert_accessible_and_local(page, requested_urls)


def test_not_found_page_is_accessible_and_stays_on_the_site(page, requested_urls, not_found_url):
    response = page.goto(not_found_url)
    assert response.status == 404
    assert_accessible_and_local(page, requested_urls)


def test_search_results_are_accessible_and_stay_on_the_site(page, requested_urls, search):
    search(page, "arobases")
    assert_accessible_and_local(page, requested_urls)
