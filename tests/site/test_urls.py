"""Every stable URL of DESIGN.md exists, with the content visitors expect."""

import re

import pytest

from tests.site.pages import file_for, soup

STATIC_URLS = [
    "/",
    "/actualites/",
    "/categories/",
    "/etiquettes/",
    "/archives/",
    "/permanence-en-ligne/",
    "/arras-famille/",
    "/recherche/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/plan-du-site/",
    "/ecoles/",
    "/conseil-municipal/",
    "/ville-internet/",
    "/reseaux-sociaux/",
    "/feeds/all.atom.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/404.html",
    "/429.html",
    "/410.html",  # nginx shows it for an address withdrawn on purpose (redirections.toml)
    "/maintenance.html",  # nginx shows it when formsvc is down
]
LABEL_ARTICLE = "/actualites/2013/label-ville-internet-2013/"


@pytest.mark.parametrize("url", STATIC_URLS)
def test_stable_url_exists(site, url):
    assert file_for(site, url) is not None, f"{url} n'est pas généré"


@pytest.mark.parametrize("url", [u for u in STATIC_URLS if u.endswith("/")])
def test_each_page_has_one_h1_and_a_specific_title(site, url):
    page = soup(site, url)
    assert len(page.select("h1")) == 1
    assert page.title.string.strip().endswith("Ville d’Arras")
    assert page.html["lang"] == "fr"


def test_label_article_shows_its_date_in_french(site):
    page = soup(site, LABEL_ARTICLE)
    date = page.select_one("main time")
    assert date["datetime"] == "2013-01-31"
    assert date.get_text() == "31\u00a0janvier\u00a02013"
    assert "arobases" in page.select_one("[data-pagefind-body]").get_text()


def test_at_least_five_articles_in_three_categories(site):
    items = soup(site, "/archives/").select("main ul.archives li a")
    assert len(items) >= 5
    categories = soup(site, "/categories/").select("main li a")
    assert len(categories) >= 3


def test_navigation_marks_the_current_page_and_section(site):
    menu = soup(site, "/permanence-en-ligne/").select_one('nav[aria-label="Menu principal"]')
    assert menu.select_one('[aria-current="page"]').get_text() == "Permanence en ligne"
    article_menu = soup(site, LABEL_ARTICLE).select_one('nav[aria-label="Menu principal"]')
    assert article_menu.select_one('[aria-current="true"]').get_text() == "Actualités"


def test_breadcrumbs_lead_home_through_the_news(site):
    crumbs = soup(site, LABEL_ARTICLE).select('nav[aria-label="Fil d\'Ariane"] li')
    assert [li.get_text(strip=True) for li in crumbs[:2]] == ["Accueil", "Actualités"]
    assert crumbs[-1]["aria-current"] == "page"


def test_town_hall_contacts_come_from_the_one_setting(site):
    from commune import identity

    mairie = identity.load().mairie
    # Every page's footer, and the pages whose text asks for them (Contact: mairie).
    for url, where in [
        ("/", "footer address.contact"),
        ("/mentions-legales/", "main address.contact"),
        ("/accessibilite/", "main address.contact"),
    ]:
        card = soup(site, url).select_one(where)
        assert card is not None, (url, where)
        text = card.get_text(" ")
        assert mairie.telephone in text and mairie.courriel in text, url


def test_canonical_and_open_graph_use_absolute_urls(site):
    page = soup(site, LABEL_ARTICLE)
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://127.0.0.1:8000" + LABEL_ARTICLE
    assert page.select_one('meta[property="og:url"]')["content"] == canonical
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[property="og:title"]')["content"].startswith("Arras")


def test_home_page_lists_services_and_latest_news(site):
    home = soup(site, "/")
    services = [a["href"] for a in home.select("ul.cartes a")]
    assert "/permanence-en-ligne/" in services
    assert "/arras-famille/" in services
    assert home.select_one(f'a[href="{LABEL_ARTICLE}"]') is not None


def test_site_map_links_every_page_and_article(site):
    links = {a["href"] for a in soup(site, "/plan-du-site/").select("main a")}
    for url in ["/permanence-en-ligne/", "/donnees-personnelles/", LABEL_ARTICLE, "/archives/"]:
        assert url in links
    assert "/404.html" not in links
    # Every destination of the main menu, generated sections included (the agenda, the
    # council's séances and acts): the map shows how the whole site is built (RGAA 12.3).
    menu = {a["href"] for a in soup(site, "/").select("header nav a")}
    assert menu - {"/recherche/"} <= links, menu - links
    assert {"/agenda/", "/actes/", "/conseil-municipal/seances/", "/actes/matieres/"} <= links


def test_home_page_weighs_at_most_30_kb(site):
    stylesheets = soup(site, "/").select('link[rel="stylesheet"]')
    weight = (site / "index.html").stat().st_size + sum(
        file_for(site, link["href"]).stat().st_size for link in stylesheets
    )
    assert weight <= 30 * 1024, f"accueil HTML + CSS = {weight} octets"


def test_permanence_page_leads_to_the_form(site):
    links = soup(site, "/permanence-en-ligne/").select('main a[href="/formulaires/permanence/"]')
    texts = [link.get_text() for link in links]
    assert "Écrire au maire avec le formulaire de la permanence en ligne" in texts


def test_arras_famille_page_lists_every_demarche_with_its_stable_link(site):
    from commune import demarches

    portail = demarches.load()
    page = soup(site, "/arras-famille/")
    links = {a["href"]: a.get_text() for a in page.select("main .demarches a")}
    assert links == {f"/portail/{d.slug}": d.titre for d in portail.demarches}
    groups = [h.get_text() for h in page.select("main .demarches h3")]
    assert groups == ["Petite enfance", "Écoles", "Loisirs", "Restauration scolaire", "Paiement"]
    text = page.select_one("main").get_text()
    assert text.index("Les démarches") < text.index("Petite enfance") < text.index("Besoin")


def test_theme_files_are_linked_by_fingerprinted_names(site):
    href = soup(site, "/").select_one('link[rel="stylesheet"]')["href"]
    assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", href)
    assert file_for(site, href).read_bytes() == (site / "theme/css/site.css").read_bytes()
