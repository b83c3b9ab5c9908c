"""The RGAA grid of Arras (content/data/accessibilite.toml) against the sample's real pages.

The grid cites these tests as evidence: each proves what it claims on every page of the
sample, static pages and formsvc's in their states alike, with the style sheets and scripts
each page loads from the built site. A criterion the grid declares met that a check finds
failing, a criterion declared « non applicable » on a page that has what makes it apply, or a
test cited that does not exist fails here, before `invoke publish` would refuse it.
"""

import pytest

from commune import accessibilite
from publication import criteres, validation
from tests.site.rgaa import MANUAL, REAL_TEST, grid_text, sample_html
from tests.support import ROOT

# Every criterion code decides something about: a check, or where it applies.
DECIDED = {
    "8.1",
    "8.6",
    "12.2",
    "12.4",
    "12.5",
    *criteres.CHECKS,
    *criteres.STYLE_CHECKS,
    *criteres.ONLY_WHERE,
    *criteres.UNDECIDED,
    *(n for key in criteres.APPLIES for n in ((key,) if isinstance(key, str) else key)),
}
NUMBERS = [c.numero for c in accessibilite.referentiel().criteres if c.numero in DECIDED]


@pytest.fixture(scope="module")
def grid():
    return accessibilite.load(tests_root=ROOT)


@pytest.fixture(scope="module")
def sample(grid, site, tmp_path_factory):
    return sample_html(grid, site, tmp_path_factory.mktemp("rgaa"))


@pytest.fixture(scope="module")
def pages(grid, sample, site):
    return {page.id: criteres.read(sample[page.id], site) for page in grid.pages}


@pytest.fixture(scope="module")
def verdict(grid, pages):
    return criteres.verdict(grid, pages)


def test_the_grid_gives_each_criterion_a_result_and_its_evidence(grid):
    assert len(grid.resultats) == 106
    assert len(grid.pages) >= 10
    for resultat in grid.resultats:
        assert resultat.tests or resultat.verification or resultat.procedure


def test_every_sample_page_loads_its_style_sheets_and_scripts_from_the_site(grid, pages):
    # The checks of 10.5, 10.6 and 13.x read what the page loads: nothing may be missing.
    for page in grid.pages:
        assert pages[page.id].unread == [], page.id
        assert "--couleur-texte" in pages[page.id].styles, page.id


@pytest.mark.parametrize("numero", NUMBERS)
def test_what_the_html_shows_holds_on_every_sample_page(verdict, numero):
    # The verdict of `invoke publish` (criteres.verdict), on every page of the sample, the
    # agent's included: a failure where the grid does not say « non conforme », « non
    # applicable » where the page has what makes the criterion apply, a result declared where
    # what it needs is not there. The lines are those `invoke publish` would print.
    assert verdict.about(numero).sections() == []


def test_sample_page_titles_are_unique(grid, sample):
    # Two states of one formsvc page may share a title only if the grid says they are
    # one page in two states; the static pages and the others never do.
    pages = {p.id: sample[p.id] for p in grid.pages if not p.etat}
    assert criteres.duplicate_titles(pages) == {}


def test_the_sample_has_no_media_frame_or_captcha(grid, sample):
    absent = "video, audio, object, embed, iframe, frame, canvas, form img, form svg"
    for page in grid.pages:
        assert criteres.parse(sample[page.id]).select(absent) == [], page.id


def test_every_sample_page_is_valid_html(grid, sample, tmp_path):
    for page in grid.pages:
        (tmp_path / f"{page.id}.html").write_text(sample[page.id], encoding="utf-8")
    assert validation.errors(tmp_path) == []


def test_formsvc_pages_link_the_declaration_with_the_grid_s_status(grid, sample):
    for page in grid.pages:
        footer = criteres.parse(sample[page.id]).find("footer")
        [link] = footer.find_all("a", href="/accessibilite/")
        assert link.get_text() == f"Accessibilité\xa0: {grid.etat()}", page.id


def test_downloadable_pdfs_are_tagged_or_declared_not(grid, sample, site):
    # The grid says « non conforme » on a page whose PDFs are not all tagged, with why, and
    # « non applicable » where there is none: when the PDFs get tagged, this says so.
    [resultat] = [r for r in grid.resultats if r.critere.numero == "13.3"]
    for page in grid.pages:
        pdfs = criteres.linked_pdfs(criteres.parse(sample[page.id]))
        declared = resultat.par_page[page.id]
        if not pdfs:
            assert declared == accessibilite.NON_APPLICABLE, page.id
            continue
        files = [site / href.lstrip("/") for href in pdfs]
        if all(criteres.tagged_pdf(path) for path in files):
            assert declared != accessibilite.NON_CONFORME, f"{page.id}: now tagged"
        else:
            assert declared == accessibilite.NON_CONFORME, page.id
            assert resultat.remarque


def test_nothing_appears_on_hover_only(site):
    # The theme's style sheets: a hover may change how a thing looks, never whether it is
    # there, unless keyboard focus does the same (10.13, 10.14).
    sheets = list((site / "theme").rglob("*.css"))
    assert sheets
    for sheet in sheets:
        assert criteres.hover_only(sheet.read_text(encoding="utf-8")) == [], sheet.name
    revealing = ".menu li:hover ul { display: block; } .menu li:focus-within ul { color: red; }"
    assert criteres.hover_only(revealing) == [".menu li:hover ul"]
    assert criteres.hover_only(revealing + " .menu li:focus-within ul { display: block; }") == []


def _page(body, css="body { color: #1b1b1b; background: #fff; }", head="", site=None):
    return criteres.read(
        f'<!doctype html><html lang="fr"><head><title>Essai</title><style>{css}</style>{head}'
        f"</head><body>{body}</body></html>",
        site,
    )


LAYOUT = (
    '<a href="#contenu">Aller au contenu</a><header><a href="/">Ville</a>'
    '<nav aria-label="Menu principal"><ul><li><a href="/">Accueil</a></li>'
    '<li><a href="/recherche/">Rechercher</a></li></ul></nav></header>'
    '<main id="contenu"><h1>Titre</h1>{}</main>'
    '<footer><nav aria-label="Liens utiles"><a href="/plan-du-site/">Plan du site</a></nav>'
    "</footer>"
)


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
    page = _page(LAYOUT.format(body))
    assert any(expected in problem for problem in criteres.check(page).get(numero, [])), (
        criteres.check(page)
    )
    assert numero not in criteres.check(_page(LAYOUT.format("<p>Rien à redire.</p>")))


def test_a_page_without_its_zones_or_a_second_way_around_fails_9_2_12_1_12_6():
    bare = _page('<div class="menu"><ul><li><a href="/">Accueil</a></li></ul></div><p>Texte</p>')
    found = criteres.check(bare)
    assert "0 zones de contenu principal (<main>) visibles au lieu d'une" in found["9.2"]
    assert found["12.1"] == [
        "aucun système de navigation : il en faut deux au moins parmi le menu, le plan du site "
        "et la recherche"
    ]
    assert "pas de zone de contenu principal (<main>) à atteindre" in found["12.6"]
    menu_outside_nav = _page(
        LAYOUT.format("")
        .replace('<nav aria-label="Menu principal">', '<div class="menu">')
        .replace("</ul></nav></header>", "</ul></div></header>")
    )
    assert any("hors d'une <nav>" in p for p in criteres.check(menu_outside_nav)["9.2"])


def test_navigation_is_consistent_across_the_sample(grid, pages):
    # 12.2, 12.4, 12.5: one menu per set of pages, in the same place with its links in the
    # same order; the site map and the search reached the same way everywhere.
    home = next(p.id for p in grid.pages if p.adresse == "/" and not p.etat)
    assert criteres.consistent_navigation(pages, home) == {}
    menus = {criteres.main_menu(pages[p.id].soup)["aria-label"] for p in grid.pages}
    assert menus == {"Menu principal", "Menu de l'espace de gestion"}
    html = pages["permanence"].html
    reordered = html.replace('<li><a href="/actualites/">Actualités</a></li>', "").replace(
        '<li><a href="/agenda/">Agenda</a></li>',
        '<li><a href="/agenda/">Agenda</a></li><li><a href="/actualites/">Actualités</a></li>',
    )
    moved = html.replace('<li><a href="/plan-du-site/">Plan du site</a></li>', "").replace(
        "</main>", '<p><a href="/plan-du-site/">Plan du site</a></p></main>'
    )
    renamed = html.replace(">Rechercher</a>", ">Recherche</a>")
    for changed, numero in ((reordered, "12.2"), (moved, "12.4"), (renamed, "12.5")):
        assert changed != html
        found = criteres.consistent_navigation({**pages, "permanence": changed}, home)
        assert list(found) == ["permanence"] and list(found["permanence"]) == [numero], found


def test_colours_come_with_their_background_in_every_colour_scheme(grid, pages):
    # 10.5 on every page, with the theme's real style sheet.
    for page in grid.pages:
        assert criteres.colours(pages[page.id]) == [], page.id
    assert criteres.colours(_page("<p>Texte</p>", "body { color: #1b1b1b; }")) == [
        "« body » donne une couleur au texte sans couleur de fond, ni sur l'élément ni sur un "
        "parent"
    ]
    assert criteres.colours(_page('<p class="encart">Texte</p>', ".encart { background: #eee; }"))
    dark = (
        ":root { --texte: #1b1b1b; --fond: #fff; } body { color: var(--texte); background: "
        "var(--fond); } .carte { background: #f3f2f1; } @media (prefers-color-scheme: dark) { "
        ":root { --texte: #eee; --fond: #111; } }"
    )
    assert criteres.colours(_page("<p>Texte</p>", dark)) == []
    assert criteres.colours(_page('<p class="carte">Carte</p>', dark)) == [
        "« body » change la couleur du texte (mode sombre), et « .carte » ne change pas l'autre "
        "couleur"
    ]


def test_links_in_running_text_stand_out_without_colour(grid, pages):
    # 10.6 on every page: the theme never takes the underline off a link in a sentence
    # (menus, buttons and a link alone in its paragraph are not in running text).
    for page in grid.pages:
        assert criteres.link_visibility(pages[page.id]) == [], page.id
    plain = pages["accueil"].html.replace(
        "</head>", "<style>a { text-decoration: none; }</style></head>"
    )
    stripped = criteres.read(plain, pages["accueil"].site)
    assert any("« écrire au maire »" in p for p in criteres.link_visibility(stripped))
    ruled = (
        "body { color: #1b1b1b; background: #fff; } a { text-decoration: none; color: #1a6dd8; }"
    )
    sentence = "<p>Écrivez au <a href='/contact/'>maire</a> ce soir.</p>"
    assert criteres.link_visibility(_page(sentence, ruled)) == [
        "lien « maire » signalé par sa couleur seule, sans autre marque au survol",
        "lien « maire » signalé par sa couleur seule, sans autre marque au focus",
    ]
    marked = ruled + " a:hover, a:focus { text-decoration: underline; }"
    assert criteres.link_visibility(_page(sentence, marked)) == []


def test_the_theme_starts_no_motion_and_needs_no_gesture_key_or_device_motion(site):
    # 13.7, 13.8: no animation starts on its own; 13.9: no content hidden in one orientation,
    # no orientation lock; 13.10: no gesture with several fingers or a path; 13.11: no action
    # on press, before release; 13.12: no device motion; 12.10: no keyboard shortcut.
    sheets = list((site / "theme").rglob("*.css"))
    scripts = list((site / "theme").rglob("*.js"))
    assert sheets and scripts
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        assert criteres.animations(css) == [], sheet.name
        assert criteres.orientation_hiding(css) == [], sheet.name
    forbidden = {
        "clavier",
        "appui",
        "plusieurs doigts",
        "trajectoire",
        "mouvement de l'appareil",
        "verrouillage de l'orientation",
    }
    for script in scripts:
        assert not forbidden & set(criteres.script_features(script.read_text("utf-8"))), script
    assert criteres.animations(".bandeau { animation: defile 20s linear infinite; }") == [
        "animation « defile » de « .bandeau » : 20 s, sans fin (plus de 5 secondes)"
    ]
    assert criteres.animations(".bandeau:hover { animation: defile 20s infinite; }") == []
    assert criteres.orientation_hiding(
        "@media (orientation: portrait) { .tableau { display: none; } }"
    ) == ["« .tableau » masqué en orientation portrait"]
    gestures = (
        "carte.addEventListener('touchstart', (e) => { if (e.touches.length > 1) zoom(); });"
        "window.addEventListener('devicemotion', secouer); screen.orientation.lock('portrait');"
        "document.addEventListener('keydown', raccourci);"
    )
    assert forbidden <= set(criteres.script_features(gestures)) | {"trajectoire"}


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
    page = _page(LAYOUT.format(body))
    bare = _page(LAYOUT.format("<p>Texte.</p>"))
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


# -- the verdict's rules, on grids and pages written for them ------------------------------

FIELD = '<form><p><input type="text" name="quartier"></p></form>'


def _grid(tmp_path, results):
    path = tmp_path / "accessibilite.toml"
    path.write_text(grid_text(results), encoding="utf-8")
    return accessibilite.load(path)


def _sample(contact_body):
    return {
        "accueil": _page(LAYOUT.format("<p>Bienvenue.</p>")),
        "contact": _page(LAYOUT.format(contact_body)),
    }


@pytest.mark.parametrize(
    ("declared", "body", "expected"),
    [
        # A failure found by code: « conforme » is false, and « à vérifier » would keep a
        # known failure out of the declaration's list.
        (
            'statut = "non applicable"\npages = {{ contact = "conforme" }}\ntests = ["{t}"]',
            FIELD,
            "/permanence-en-ligne/ : critère 11.1 (Chaque champ de formulaire a une étiquette.) "
            ": champ « quartier » sans étiquette",
        ),
        (
            'statut = "non applicable"\npages = {{ contact = "à vérifier" }}\ntests = ["{t}"]\n'
            'procedure = "Relire le formulaire"',
            FIELD,
            "/permanence-en-ligne/ : critère 11.1 (Chaque champ de formulaire a une étiquette.) "
            ": champ « quartier » sans étiquette",
        ),
        # What makes it apply is on the page.
        (
            'statut = "non applicable"\ntests = ["{t}"]',
            FIELD.replace('<input type="text"', '<label>Quartier <input type="text"').replace(
                "</p>", "</label></p>"
            ),
            "/permanence-en-ligne/ (page « contact ») : critère 11.1 (Chaque champ de formulaire "
            "a une étiquette.) déclaré non applicable ; la page contient <input",
        ),
        # What it needs is not on the page.
        (
            'statut = "non applicable"\npages = {{ contact = "conforme" }}\ntests = ["{t}"]',
            "<p>Écrivez-nous.</p>",
            "/permanence-en-ligne/ (page « contact ») : critère 11.1 (Chaque champ de formulaire "
            "a une étiquette.) déclaré conforme, alors que ce qu'il vise n'est pas sur la page",
        ),
    ],
    ids=["conforme-failing", "a-verifier-failing", "non-applicable-applying", "not-applying"],
)
def test_the_verdict_finds_each_untrue_declaration(tmp_path, declared, body, expected):
    grid = _grid(tmp_path, {"11.1": declared.format(t=REAL_TEST) + "\n"})
    found = criteres.verdict(grid, _sample(body)).about("11.1")
    lines = [line for _heading, lines, _why in found.sections() for line in lines]
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_the_verdict_accepts_a_failure_declared_and_a_criterion_being_checked(tmp_path):
    failing = 'statut = "non applicable"\npages = { contact = "non conforme" }\n'
    failing += f'tests = ["{REAL_TEST}"]\nremarque = "Un champ sans étiquette"\n'
    found = criteres.verdict(_grid(tmp_path, {"11.1": failing}), _sample(FIELD))
    assert found.about("11.1").sections() == []
    labelled = FIELD.replace('<input type="text"', '<label>Quartier <input type="text"')
    checking = 'statut = "non applicable"\npages = { contact = "à vérifier" }\n'
    checking += f'tests = ["{REAL_TEST}"]\nprocedure = "Relire le formulaire"\n'
    found = criteres.verdict(_grid(tmp_path, {"11.1": checking}), _sample(labelled))
    assert found.about("11.1").sections() == []


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
    assert criteres.check(_page(layout.format("<p>Texte.</p>"))).get("12.7", []) == expected


@pytest.fixture
def scripted_site(tmp_path):
    folder = tmp_path / "site" / "theme" / "js"
    folder.mkdir(parents=True)
    (folder / "aide.js").write_text(
        "// window.open( in a comment opens nothing\n"
        'const requete = new XMLHttpRequest(); requete.open("GET", "/aide.json");\n'
        'import("./fenetre.js");\n',
        encoding="utf-8",
    )
    (folder / "fenetre.js").write_text(
        'document.querySelector("#aide").addEventListener("click", () => window.open("/aide/"));\n',
        encoding="utf-8",
    )
    (folder / "calme.js").write_text('requete.open("GET", "/x"); document.open();\n')
    return tmp_path / "site"


def test_a_window_a_script_may_open_leaves_13_2_to_a_person(scripted_site, tmp_path):
    # Every script the page loads is read, the modules they import too.
    body = LAYOUT.format("<p>Texte.</p>")
    calm = _page(body, head='<script src="/theme/js/calme.js"></script>', site=scripted_site)
    opening = _page(body, head='<script src="/theme/js/aide.js"></script>', site=scripted_site)
    handler = _page(LAYOUT.format("<button onclick=\"open('/aide/')\">Aide</button>"))
    assert criteres.undecided(calm) == {}
    assert criteres.undecided(opening) == {"13.2": ["window.open (/theme/js/fenetre.js)"]}
    assert criteres.undecided(handler) == {"13.2": ["open (attribut onclick de <button>)"]}
    # Declared « conforme » on the tests alone, it needs a person's verification there.
    automatic = f'statut = "conforme"\ntests = ["{REAL_TEST}"]\n'
    grid = _grid(tmp_path, {"13.2": automatic})
    found = criteres.verdict(grid, {"accueil": calm, "contact": opening}).about("13.2")
    assert [line for _h, lines, _w in found.sections() for line in lines] == [
        "/permanence-en-ligne/ (page « contact ») : critère 13.2 (Aucune nouvelle fenêtre ne "
        "s’ouvre sans action de l’utilisateur.) déclaré conforme sur la foi des tests, que le "
        "code ne peut pas juger ici : window.open (/theme/js/fenetre.js)"
    ]
    checked = _grid(tmp_path, {"13.2": automatic + MANUAL})
    assert (
        criteres.verdict(checked, {"accueil": calm, "contact": opening}).about("13.2").sections()
        == []
    )
