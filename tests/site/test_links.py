"""Every internal link and asset resolves, and no page loads anything from another host."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.site.pages import file_for, html_files

# Elements whose URL the browser fetches by itself (as opposed to links a visitor follows).
FETCHED = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "frame": "src",
    "embed": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "object": "data",
    "input": "src",
}
# Served by formsvc, not by the static site (DESIGN.md): checked in tests/formsvc.
FORMSVC_PREFIXES = ("/formulaires/", "/portail/", "/gestion/", "/suivi/")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def references(page):
    """Yield (kind, url) for each link, stylesheet and fetched resource of a parsed page."""
    for tag in page.select("a[href], link[href]"):
        rel = tag.get("rel") or []
        fetched = tag.name == "link" and ({"stylesheet", "icon", "preload", "manifest"} & set(rel))
        yield ("resource" if fetched else "link"), tag["href"]
    for name, attribute in FETCHED.items():
        for tag in page.select(f"{name}[{attribute}]"):
            yield "resource", tag[attribute]
        for tag in page.select(f"{name}[srcset]"):
            for candidate in tag["srcset"].split(","):
                yield "resource", candidate.split()[0]
    for style in page.select("style"):
        for match in CSS_URL.finditer(style.get_text()):
            yield "resource", match.group(1) or match.group(2)


@pytest.fixture(scope="module")
def parsed(site):
    return {f: BeautifulSoup(f.read_text(encoding="utf-8"), "lxml") for f in html_files(site)}


def test_every_internal_link_and_asset_resolves(site, parsed):
    broken = []
    for path, page in parsed.items():
        if "pagefind" in path.parts:
            continue
        for _kind, url in references(page):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, mailto:, tel:, or a fragment on the same page
            if parts.path.startswith(FORMSVC_PREFIXES):
                continue
            if file_for(site, parts.path) is None:
                broken.append(f"{path.relative_to(site)} → {url}")
    assert not broken, "liens cassés :\n" + "\n".join(broken)


def test_no_page_fetches_from_another_host(site, parsed):
    foreign = [
        f"{path.relative_to(site)} → {url}"
        for path, page in parsed.items()
        for kind, url in references(page)
        if kind == "resource" and (urlsplit(url).netloc or url.startswith("//"))
    ]
    assert not foreign, "ressources tierces :\n" + "\n".join(foreign)


def test_stylesheets_fetch_nothing_from_another_host(site):
    for css in (site / "theme").rglob("*.css"):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{css}: {url}"


def test_fragments_point_to_existing_ids(parsed):
    for path, page in parsed.items():
        ids = {tag["id"] for tag in page.select("[id]")}
        for link in page.select('a[href^="#"]'):
            assert link["href"][1:] in ids, f"{path}: {link['href']}"
