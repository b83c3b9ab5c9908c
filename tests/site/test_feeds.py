"""The Atom feeds, the sitemap and robots.txt parse and list what they should."""

from xml.etree import ElementTree

from tests.site.pages import html_files, page_url

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGIN = "http://127.0.0.1:8000"


def article_urls(site):
    return {
        page_url(site, f) for f in html_files(site / "actualites") if "/page/" not in f.as_posix()
    } - {"/actualites/"}


def feed_links(path):
    root = ElementTree.parse(path).getroot()
    assert root.tag == ATOM + "feed"
    return [e.find(ATOM + "link").get("href") for e in root.iter(ATOM + "entry")]


def test_main_feed_lists_every_article_with_absolute_links(site):
    links = feed_links(site / "feeds/all.atom.xml")
    assert len(links) >= 5
    assert {ORIGIN + u for u in article_urls(site)} == set(links)


def test_each_category_has_a_feed_with_only_its_articles(site):
    feeds = sorted((site / "feeds/categories").glob("*.atom.xml"))
    assert {f.name.removesuffix(".atom.xml") for f in feeds} == {
        d.name for d in (site / "categories").iterdir() if d.is_dir()
    }
    numerique = feed_links(site / "feeds/categories/numerique.atom.xml")
    assert ORIGIN + "/actualites/2013/label-ville-internet-2013/" in numerique
    assert ORIGIN + "/actualites/2013/ecoles-haut-debit/" not in numerique


def test_sitemap_lists_every_public_page(site):
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter(SITEMAP + "loc")}
    technical = {"/404.html", "/410.html", "/429.html", "/maintenance.html"}  # nginx errors
    public = {page_url(site, f) for f in html_files(site)} - technical
    public = {u for u in public if not u.startswith(("/pagefind/", "/drafts/"))}
    assert len(locs) > 50
    assert {ORIGIN + u for u in public} == locs


def test_robots_txt_points_to_the_sitemap(site):
    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /drafts/" in robots.splitlines()
