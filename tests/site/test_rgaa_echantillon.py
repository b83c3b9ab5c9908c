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
from tests.site.rgaa import page_of, sample_html
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
    assert criteres.colours(page_of("<p>Texte</p>", "body { color: #1b1b1b; }")) == [
        "« body » donne une couleur au texte sans couleur de fond, ni sur l'élément ni sur un "
        "parent"
    ]
    assert criteres.colours(page_of('<p class="encart">Texte</p>', ".encart { background: #eee; }"))
    dark = (
        ":root { --texte: #1b1b1b; --fond: #fff; } body { color: var(--texte); background: "
        "var(--fond); } .carte { background: #f3f2f1; } @media (prefers-color-scheme: dark) { "
        ":root { --texte: #eee; --fond: #111; } }"
    )
    assert criteres.colours(page_of("<p>Texte</p>", dark)) == []
    assert criteres.colours(page_of('<p class="carte">Carte</p>', dark)) == [
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
    assert criteres.link_visibility(page_of(sentence, ruled)) == [
        "lien « maire » signalé par sa couleur seule, sans autre marque au survol",
        "lien « maire » signalé par sa couleur seule, sans autre marque au focus",
    ]
    marked = ruled + " a:hover, a:focus { text-decoration: underline; }"
    assert criteres.link_visibility(page_of(sentence, marked)) == []


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
