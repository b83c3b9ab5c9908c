"""French typography on the built site: no-break spaces, ’, « 1er », « courriel »."""

import datetime
import shutil
import tomllib

import pytest
from jinja2 import DictLoader, Environment

from commune import accessibilite, identity
from commune.dates import date_fr, datetime_fr
from commune.typographie import FILTERS, TypographieExtension, typeset
from tests.site.pages import html_files, page_url, soup
from tests.support import ROOT
from tests.support.site import build_site
from tests.typographie import faults

NBSP, NNBSP = "\u00a0", "\u202f"
# Typed the way editors type: ordinary spaces, straight apostrophes, a date on the 1st.
ARTICLE = """Title: Réunion d'information : qui vient ?
Date: 2012-06-01
Category: Vie municipale
Tags: réunion, vie d'Arras
Summary: Rendez-vous le 31 janvier 2013 à 18 h 30 à l'hôtel de ville.

Rendez-vous le mercredi 30 janvier 2013 à 18 h 30, salle « Robespierre » ; l'entrée
est libre ! Fin vers 20 h. Écrivez-nous : c'est simple. Et le 1 juin, on recommence.

Le code `l'x : y ?` reste tel quel, comme l'adresse <https://exemple.fr/l'avis?a=1>
et contact@exemple.fr.

    x = 'brut' ; y = 1 : 2
"""
ARTICLE_URL = "/actualites/2012/reunion-dinformation-qui-vient/"


@pytest.fixture(scope="module")
def typed_site(tmp_path_factory):
    """The real site plus one article typed with ordinary spaces and straight apostrophes."""
    folder = tmp_path_factory.mktemp("typographie")
    content = shutil.copytree(ROOT / "content", folder / "content")
    (content / "articles" / "2012-06-01-reunion.md").write_text(ARTICLE, encoding="utf-8")
    return build_site(folder / "output", PATH=str(content), SEARCH_INDEX=False)


def test_article_text_keeps_guillemets_with_their_words(site):
    text = soup(site, "/actualites/2013/label-ville-internet-2013/").select_one("main").get_text()
    assert "«\u00a0villes numériques\u00a0»" in text
    assert "« villes" not in text


@pytest.mark.parametrize("built", ["site", "typed_site"])
def test_no_page_shows_a_typographic_fault(request, built):
    output = request.getfixturevalue(built)
    pages = [path for path in html_files(output) if "pagefind" not in path.parts]
    assert len(pages) > 50
    found = [
        f"{page_url(output, path)}: {fault} : « {excerpt} »"
        for path in pages
        for fault, excerpt in faults(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_an_article_of_the_1st_says_1er(typed_site):
    page = soup(typed_site, ARTICLE_URL)
    meta = page.select_one(".article-meta").get_text(" ", strip=True)
    assert meta.startswith(f"Publié le 1er{NBSP}juin{NBSP}2012 dans")
    listed = soup(typed_site, "/archives/").select_one(f'a[href="{ARTICLE_URL}"]').parent
    assert listed.select_one("time").get_text() == f"1er{NBSP}juin{NBSP}2012"


def test_markdown_typed_with_ordinary_spaces_is_typeset(typed_site):
    text = soup(typed_site, ARTICLE_URL).select_one(".contenu").get_text()
    for expected in [
        f"le mercredi{NBSP}30{NBSP}janvier{NBSP}2013 à 18{NBSP}h{NBSP}30,",
        f"salle «{NBSP}Robespierre{NBSP}»{NNBSP}; l’entrée",
        f"libre{NNBSP}! Fin vers 20{NBSP}h.",
        f"Écrivez-nous{NBSP}: c’est simple.",
        f"le 1er{NBSP}juin, on recommence",
    ]:
        assert expected in text


def test_code_urls_and_addresses_are_left_as_typed(typed_site):
    body = soup(typed_site, ARTICLE_URL).select_one(".contenu")
    assert body.select_one("p code").get_text() == "l'x : y ?"
    assert body.select_one("pre").get_text() == "x = 'brut' ; y = 1 : 2\n"
    link = body.select_one('a[href^="https://"]')
    assert link["href"] == link.get_text() == "https://exemple.fr/l'avis?a=1"
    assert "contact@exemple.fr." in body.get_text()


def test_title_summary_and_tags_are_typeset(typed_site):
    page = soup(typed_site, ARTICLE_URL)
    assert page.select_one("h1").get_text() == f"Réunion d’information{NBSP}: qui vient{NNBSP}?"
    tag = page.select_one('.etiquettes a[href="/etiquettes/vie-darras/"]')
    assert tag.get_text() == "vie d’Arras"  # the tag's address does not change
    listed = soup(typed_site, "/actualites/").select_one(f'a[href="{ARTICLE_URL}"]')
    summary = listed.find_parent(class_="article-resume").get_text()
    assert f"le 31{NBSP}janvier{NBSP}2013 à 18{NBSP}h{NBSP}30 à l’hôtel" in summary


def test_site_name_from_the_data_file_has_a_typographic_apostrophe(site):
    with (ROOT / "content/data/commune.toml").open("rb") as fh:
        typed = tomllib.load(fh)["nom"]
    page = soup(site, "/")
    shown = page.select_one(".marque-nom").get_text()
    assert shown == typed.replace("'", "’")
    assert page.title.get_text() == shown
    footer = [a.get_text() for a in page.select("footer nav a")]
    assert f"Accessibilité{NBSP}: {accessibilite.load().etat()}" in footer


# --- The functions, edge by edge ----------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>Qui ? Le maire : oui ; non !</p>",
            "<p>Qui\u202f? Le maire\u00a0: oui\u202f; non\u202f!</p>",
        ),
        (
            '<a href="/x?a=1" title="« t »">« lien »</a>',
            '<a href="/x?a=1" title="« t »">«\u00a0lien\u00a0»</a>',
        ),
        ("<pre><code>a ? b : c</code></pre> d ?", "<pre><code>a ? b : c</code></pre> d\u202f?"),
        ("https://exemple.fr", "https://exemple.fr"),
        ("<p>«mot»</p>", "<p>«\u00a0mot\u00a0»</p>"),
        ("« <em>mot</em> »", "«\u00a0<em>mot</em>\u00a0»"),
        ("l'école d'Arras", "l’école d’Arras"),
        ("aujourd'hui, l'«\u00a0appel\u00a0»", "aujourd’hui, l’«\u00a0appel\u00a0»"),
        ("'cité' et l' espace", "'cité' et l' espace"),  # not an elision: left alone
        ('<img alt="l\'école" src="/l\'x.png">', '<img alt="l\'école" src="/l\'x.png">'),
        ("<textarea>l'x : y</textarea>", "<textarea>l'x : y</textarea>"),
        ("<script>a = b ? 'c' : d</script>", "<script>a = b ? 'c' : d</script>"),
        ("voir https://ex.fr/l'x ?a=1 !", "voir https://ex.fr/l'x ?a=1\u202f!"),
        ("écrire à jean.d'arc@ex.fr : merci", "écrire à jean.d'arc@ex.fr\u00a0: merci"),
        ("a:hover, x ?b=1, 10:30", "a:hover, x ?b=1, 10:30"),
        ("18 h 30, 18 h, 8 h 05", "18\u00a0h\u00a030, 18\u00a0h, 8\u00a0h\u00a005"),
        ("18 hôtels et 2 heures", "18 hôtels et 2 heures"),
        ("10 h 30 min 05 s", "10\u00a0h\u00a030\u00a0min\u00a005\u00a0s"),
        ("le 31 janvier 2013 à 18 h 30", "le 31\u00a0janvier\u00a02013 à 18\u00a0h\u00a030"),
        ("Mercredi 30\njanvier 2013", "Mercredi\u00a030\u00a0janvier\u00a02013"),
        ("le 1 juin, le 1er mai 2030", "le 1er\u00a0juin, le 1er\u00a0mai\u00a02030"),
        ("1 janv. 2013, 3 sept. 2014", "1er\u00a0janv.\u00a02013, 3\u00a0sept.\u00a02014"),
        ("en janvier 2013, 1 maison, 3 mars", "en janvier\u00a02013, 1 maison, 3\u00a0mars"),
        ("10 000 caractères, 50 %, 20 €", "10\u202f000 caractères, 50\u202f%, 20\u00a0€"),
        ("loi n° 2005-102", "loi n°\u00a02005-102"),
        ("<!-- demarches -->", "<!-- demarches -->"),
    ],
)
def test_typeset_touches_prose_only(html, expected):
    assert typeset(html) == expected
    assert typeset(expected) == expected  # typesetting twice changes nothing


def test_plain_text_has_no_tags_to_skip():
    assert typeset("a < b : c > d", html=False) == "a < b\u00a0: c > d"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("d MMMM y", "1er\u00a0juin\u00a02030"),
        ("EEEE d MMMM y", "samedi\u00a01er\u00a0juin\u00a02030"),
        ("d MMM y, H 'h' mm", "1er\u00a0juin\u00a02030, 18\u00a0h\u00a005"),
        ("d MMMM y 'à' H 'h' mm", "1er\u00a0juin\u00a02030 à 18\u00a0h\u00a005"),
        ("EEEE d", "samedi\u00a01er"),
        ("'le' d 'de' MMMM", "le 1er de juin"),
        ("'d''d' MMMM", "d’d juin"),  # d quoted: a literal, not the day
        ("dd/MM/y", "01/06/2030"),
        ("d/M/y", "1/6/2030"),  # a numeric date never says « 1er »
        ("long", "1er\u00a0juin\u00a02030, 18:05:00 +0200"),
    ],
)
def test_first_of_the_month_in_any_pattern(pattern, expected):
    summer = datetime.timezone(datetime.timedelta(hours=2))
    moment = datetime.datetime(2030, 6, 1, 18, 5, tzinfo=summer)
    assert datetime_fr(moment, pattern) == expected


def test_dates_of_other_days_keep_their_number():
    assert date_fr(datetime.date(2013, 1, 31)) == "31\u00a0janvier\u00a02013"
    assert date_fr(datetime.date(2013, 2, 1), "EEEE d MMMM") == "vendredi\u00a01er\u00a0février"


def test_data_file_texts_are_typeset_not_addresses(tmp_path):
    source = (ROOT / "content/data/commune.toml").read_text(encoding="utf-8")
    typed = source.replace('slogan = "', "slogan = \"Bienvenue : l'info ! ", 1).replace(
        'courriel = "contact@arras.example"', 'courriel = "o\'brien@arras.example"'
    )
    (tmp_path / "commune.toml").write_text(typed, encoding="utf-8")
    loaded = identity.load(tmp_path / "commune.toml")
    assert loaded.slogan.startswith("Bienvenue\u00a0: l’info\u202f! ")
    assert loaded.mairie.courriel == "o'brien@arras.example"
    assert all(link.url.startswith("/") and "’" not in link.url for link in loaded.menu)


def test_templates_text_is_typeset_when_compiled_values_are_not():
    env = Environment(
        loader=DictLoader(
            {
                "page.html": "<p title=\"l'x : y\">L'heure : {{ v }} ! "
                '<a href="{{ u }}">« {{ v }} »</a></p>',
                "mail.txt": "Reçu le {{ v }} : merci <à vous> !",
            }
        ),
        extensions=[TypographieExtension],
        autoescape=True,
    )
    env.filters.update(FILTERS)
    html = env.get_template("page.html").render(v="l'été : 18 h", u="/a?b=c")
    assert html == (
        '<p title="l\'x : y">L’heure\u00a0: l&#39;été : 18 h\u202f! '
        '<a href="/a?b=c">«\u00a0l&#39;été : 18 h\u00a0»</a></p>'
    )
    assert env.get_template("mail.txt").render(v="1") == "Reçu le 1\u00a0: merci <à vous>\u202f!"
    assert env.from_string("{{ v|typeset }}").render(v="l'été : 18 h") == ("l’été\u00a0: 18\u00a0h")


def test_striptags_keeps_no_break_spaces():
    assert (
        FILTERS["striptags"]("<p>18\u00a0h\u00a030 :\n <em>ok</em></p>") == "18\u00a0h\u00a030 : ok"
    )


TYPOGRAPHIC_FAULTS = [
    "Ville d'Arras",
    "Qui ?",
    "« mot »",
    "18 h 30",
    "18\u00a0h 30",
    "31 janvier\u00a02013",
    "mercredi 30\u00a0janvier",
    "le 1\u00a0juin",
]


@pytest.mark.parametrize("text", [*TYPOGRAPHIC_FAULTS, "votre adresse e-mail", "un Email"])
def test_the_checker_sees_each_fault(text):
    assert faults(f"<p>{text}</p>")
    assert faults(text, html=False)


@pytest.mark.parametrize("text", TYPOGRAPHIC_FAULTS)
def test_typeset_text_has_no_fault(text):
    assert faults(f"<p>{typeset(text)}</p>") == []


def test_dashes_and_ellipses_typed_in_a_text_become_signs(content_tree, tmp_path):
    """What Markdown's smarty extension did, now done with the rest of the typography."""
    (content_tree / "pages" / "signes.md").write_text(
        "Title: Signes\nSummary: Du 1er au 3 -- et plus...\n\n"
        "Ouvert -- sauf le lundi --- et voilà...\n\n`a -- b ...`\n",
        encoding="utf-8",
    )
    output = build_site(tmp_path / "output", PATH=str(content_tree))
    main = soup(output, "/signes/").select_one("main")
    assert "Ouvert – sauf le lundi — et voilà…" in main.get_text()
    assert main.select_one("code").get_text() == "a -- b ..."  # code is left as typed
