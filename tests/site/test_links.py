"""Every internal link and asset resolves, and no page loads anything from another host.

The pages are read as the build's link check reads them (publication.markup: the same parser,
the same attributes, srcset and style sheets included); the addresses are resolved here the
way a static web server answers them (tests/site/pages.py), a second opinion on the check's
own resolution (publication/liens/pages.py).
"""

from urllib.parse import urljoin, urlsplit

import pytest

from commune import FORMSVC_PREFIXES
from publication import markup
from tests.site.pages import file_for, html_files, page_url


@pytest.fixture(scope="module")
def pages(site):
    """{file: (its root element, its references)} for every page but Pagefind's own."""
    found = {}
    for path in html_files(site):
        if "pagefind" not in path.relative_to(site).parts:
            root = markup.tree(path.read_text(encoding="utf-8"))
            found[path] = (root, markup.references(root))
    return found


def test_every_internal_link_and_asset_resolves(site, pages):
    broken, checked = [], 0
    for path, (_root, references) in pages.items():
        for reference in references:
            parts = urlsplit(reference.url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # external, mailto:, tel:, or a fragment on the same page
            address = urljoin(page_url(site, path), parts.path)
            if address.startswith(FORMSVC_PREFIXES):
                continue
            checked += 1
            if file_for(site, address) is None:
                broken.append(f"{path.relative_to(site)} → {reference.url}")
    assert not broken, "liens cassés :\n" + "\n".join(broken)
    # Each page links to the menu's pages and loads the style sheet at least.
    assert len(pages) > 50 and checked > 10 * len(pages), (len(pages), checked)


def test_no_page_fetches_from_another_host(site, pages):
    fetched = [
        (path, reference.url)
        for path, (_root, references) in pages.items()
        for reference in references
        if reference.kind == markup.RESOURCE
    ]
    foreign = [
        f"{path.relative_to(site)} → {url}"
        for path, url in fetched
        if urlsplit(url).netloc or url.startswith("//")
    ]
    assert not foreign, "ressources tierces :\n" + "\n".join(foreign)
    assert {path for path, _url in fetched} == set(pages)  # the style sheet, on every page


def test_stylesheets_fetch_nothing_from_another_host(site):
    sheets = list((site / "theme").rglob("*.css"))
    assert sheets
    for css in sheets:
        for url in markup.css_urls(css.read_text(encoding="utf-8")):
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{css}: {url}"


def test_fragments_point_to_existing_ids(pages):
    missing, checked = [], set()
    for path, (root, references) in pages.items():
        ids = markup.ids(root)
        for reference in references:
            if reference.kind == markup.LINK and reference.url.startswith("#"):
                checked.add(path)
                if reference.url[1:] not in ids:
                    missing.append(f"{path}: {reference.url}")
    assert missing == []
    assert checked == set(pages)  # the skip link, on every page
