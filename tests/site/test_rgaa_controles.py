"""Each check of publication/criteres/ on pages written for it: the defect it is for is found,
and nothing on a page without it; what a page contains makes criteria apply; the skip link
(12.7) comes first and leads to the main content."""

import pytest

from publication import criteres
from tests.site.rgaa import LAYOUT, page_of


@pytest.mark.parametrize(
    ("numero", "body", "expected"),
    [
        ("8.8", '<p lang="anglais">Hello</p>', "code de langue « anglais » invalide"),
        ("8.9", "<p>Un</p><p>&nbsp;</p><p>Deux</p>", "paragraphe vide"),
        ("8.9", "<p>Un<br><br>Deux</p>", "suite de <br>"),
        ("8.10", "<p>Bienvenue, مرحبا</p>", "texte écrit de droite à gauche sans attribut dir"),
        ("8.10", '<p dir="droite">x</p>', "attribut dir « droite »"),
        ("10.1", "<p><font color=red>Fermé</font></p>", "élément de présentation <font>"),
        ("10.1", '<p align="center">Horaires</p>', "attribut de présentation align"),
        ("10.1", "<h2>M A I R I E</h2>", "lettres espacées"),
        ("10.1", "<p>Lundi&nbsp;&nbsp;&nbsp;&nbsp;9 h</p>", "espaces répétées"),
        ("11.13", '<form><label for="n">Nom</label><input id="n" name="nom"></form>', "nom"),
        (
            "11.13",
            '<form><label>Courriel <input type="email" name="c" autocomplete="courriel">'
            "</label></form>",
            "valeur d'autocomplétion « courriel » inconnue",
        ),
        (
            "11.13",
            '<form><label>Courriel <input type="email" name="c" autocomplete="tel"></label></form>',
            "de type email avec l'autocomplétion « tel »",
        ),
        (
            "12.6",
            "<p>Cherchez :</p><form><label>Mots <input type=search name=q></label></form>",
            "recherche",
        ),
        ("13.8", "<marquee>Soldes</marquee>", "texte défilant"),
    ],
)
def test_each_check_finds_the_defect_it_is_for(numero, body, expected):
    page = page_of(LAYOUT.format(body))
    assert any(expected in problem for problem in criteres.check(page).get(numero, [])), (
        criteres.check(page)
    )
    assert numero not in criteres.check(page_of(LAYOUT.format("<p>Rien à redire.</p>")))


def test_a_page_without_its_zones_or_a_second_way_around_fails_9_2_12_1_12_6():
    bare = page_of('<div class="menu"><ul><li><a href="/">Accueil</a></li></ul></div><p>Texte</p>')
    found = criteres.check(bare)
    assert "0 zones de contenu principal (<main>) visibles au lieu d'une" in found["9.2"]
    assert found["12.1"] == [
        "aucun système de navigation : il en faut deux au moins parmi le menu, le plan du site "
        "et la recherche"
    ]
    assert "pas de zone de contenu principal (<main>) à atteindre" in found["12.6"]
    menu_outside_nav = page_of(
        LAYOUT.format("")
        .replace('<nav aria-label="Menu principal">', '<div class="menu">')
        .replace("</ul></nav></header>", "</ul></div></header>")
    )
    assert any("hors d'une <nav>" in p for p in criteres.check(menu_outside_nav)["9.2"])


@pytest.mark.parametrize(
    ("body", "criteria"),
    [
        ('<p><img src="/a.png" alt="Plan"></p>', ("1.1", "1.2")),
        ('<figure><img src="/a.png" alt=""><figcaption>Légende</figcaption></figure>', ("1.9",)),
        ('<iframe src="/carte/" title="Carte"></iframe>', ("2.1",)),
        ('<video src="/a.mp4" controls></video>', ("4.7", "4.11", "4.13")),
        ("<table><tr><td>1</td></tr></table>", ("5.3", "5.6")),
        ('<p lang="en">Hello</p>', ("8.8",)),
        ('<p dir="rtl">مرحبا</p>', ("8.10",)),
        ("<blockquote><p>Cité</p></blockquote>", ("9.4",)),
        (
            "<form><fieldset><legend>L</legend><label>A <input name=a></label></fieldset></form>",
            ("11.6",),
        ),
        ("<form><label>L <select name=s><option>1</option></select></label></form>", ("11.8",)),
        ('<p><a href="/docs/budget.odt">Budget</a></p>', ("13.3",)),
        ('<meta http-equiv="refresh" content="30">', ("13.1",)),
        ("<button onclick='x()'>Go</button>", ("7.1", "7.3", "13.11")),
        ("<script>window.addEventListener('devicemotion', f)</script>", ("13.12",)),
        # A skip link pushed out of the window until it has the focus: hidden, yet read.
        (
            "<style>.saut { position: absolute; left: -9999px; }</style>"
            '<a class="saut" href="#c">Aller au contenu</a>',
            ("10.8",),
        ),
    ],
)
def test_what_a_page_contains_makes_criteria_apply(body, criteria):
    page = page_of(LAYOUT.format(body))
    bare = page_of(LAYOUT.format("<p>Texte.</p>"))
    found = criteres.applies(page)
    key = criteria if len(criteria) > 1 else criteria[0]
    if isinstance(key, tuple) and key not in criteres.APPLIES:
        assert all(n in found for n in key), found
    else:
        assert key in found, found
    for numero in criteria:
        assert numero not in criteres.applies(bare)
        if numero in criteres.ONLY_WHERE:
            assert numero in criteres.cannot_apply(bare)
            assert numero not in criteres.cannot_apply(page)


# -- 12.7: the skip link; 13.2: windows a script may open -----------------------------------

SKIP = '<a href="#contenu">Aller au contenu</a>'


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (LAYOUT, []),
        (
            LAYOUT.replace('href="#contenu"', 'href="#titre"').replace(
                "<h1>Titre</h1>", '<h1 id="titre">Titre</h1>'
            ),
            [],
        ),
        (
            LAYOUT.replace('href="#contenu"', 'href="#menu"').replace(
                '<nav aria-label="Menu principal">', '<nav id="menu" aria-label="Menu principal">'
            ),
            [
                "le lien d'évitement mène à #menu (<nav>), qui n'est ni le contenu principal "
                "(<main>) ni son premier titre"
            ],
        ),
        (
            LAYOUT.replace('href="#contenu"', 'href="#absent"'),
            ["le lien d'évitement mène à #absent, qui n'existe pas"],
        ),
        (
            LAYOUT.replace(SKIP, ""),
            ["pas de lien d'évitement vers le contenu principal en tête de page"],
        ),
        (
            '<button type="button">Menu</button>' + LAYOUT,
            ["pas de lien d'évitement vers le contenu principal en tête de page"],
        ),
    ],
    ids=["to-main", "to-its-heading", "to-the-menu", "to-nothing", "none", "after-a-button"],
)
def test_the_skip_link_comes_first_and_leads_to_the_main_content(layout, expected):
    assert criteres.check(page_of(layout.format("<p>Texte.</p>"))).get("12.7", []) == expected
