"""axe-core in Chromium finds no WCAG 2.2 AA violation, and no page calls another host."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def describe(violations):
    """One block per violation: id, help, link, then each offending node's target and fix."""
    lines = [f"{len(violations)} violation(s) axe-core :"]
    for violation in violations:
        lines.append(f"- {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' > '.join(map(str, node['target']))} : {summary}")
    return "\n".join(lines)


def axe_violations(page):
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def outside_requests(urls):
    """The requested URLs whose host is not the local test server."""
    assert urls, "aucune requête enregistrée"
    return [url for url in urls if urlsplit(url).hostname != "127.0.0.1"]


def assert_accessible_and_local(page, urls):
    violations = axe_violations(page)
    outside = outside_requests(urls)
    report = [describe(violations)] if violations else []
    if outside:
        report.append("Requêtes hors de 127.0.0.1 :\n" + "\n".join(f"    {url}" for url in outside))
    assert not report, f"{page.url}\n" + "\n".join(report)


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
