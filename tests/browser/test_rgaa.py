"""RGAA criteria Chromium can check on the sample's pages, beyond axe-core: scripts usable with
the keyboard (7.3, 12.11), status messages (7.5), information kept without style sheets
(10.2, 10.3), text at 200 % (10.4), focus visible and never hidden (10.7), hidden content
(10.8), reflow (10.11), text spacing (10.12), content shown on hover (10.13, 10.14), tab order
(12.8), no keyboard trap (12.9), both screen orientations (13.9).

The pages are the 14 of the grid (content/data/accessibilite.toml), static and formsvc's
alike, served together as in production, each brought into its state as a visitor or an agent
reaches it (tests/browser/rgaa_etats.py). What Chromium is asked on a page (the scripts run in
it, the window sizes, the walks with the keyboard, the drivers of scripted controls) is in
tests/browser/rgaa_navigateur.py; here are the fixtures and the tests. Passing proves no
regression; the grid still asks a person to judge these criteria (docs/accessibilite.md).
"""

import re

import pytest

from commune import accessibilite
from tests.browser.rgaa_etats import bring, serve_sample
from tests.browser.rgaa_navigateur import (
    CLIPPED,
    COVERING,
    DECORATIVE,
    DRIVERS,
    FOCUSED,
    GENERATED,
    HOVER_STEP,
    HOVER_TARGETS,
    LANDSCAPE,
    LIVE,
    LOW,
    MAIN_SHOWN,
    MIDDLE,
    NARROW,
    NO_STYLE,
    ORIENTATION_HIDES,
    POINTER_ONLY,
    PORTRAIT,
    RECORD_FOCUS,
    REGIONS,
    REORDERED,
    SHOWN_NOW,
    SIDEWAYS,
    SPACING,
    TABBABLE,
    UNSEEN_TEXTS,
    USER_EVENTS,
    WATCH_CHANGES,
    WINDOW,
    WORDS,
    accessibility_tree,
    first_missing,
    from_the_top,
    scripted,
    tab_walk,
)

pytestmark = pytest.mark.browser

GRID = accessibilite.load()
SAMPLE = pytest.mark.parametrize("sample_page", GRID.pages, ids=[p.id for p in GRID.pages])


# -- the pages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live(site, tmp_path_factory, browser):
    with serve_sample(site, tmp_path_factory.mktemp("rgaa-navigateur"), browser) as server:
        yield server


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the module's 150-odd tests, sparing a new tab each time (a third of a
    second): each test opens its page afresh with ``bring``, so nothing a test injected
    stays, and starts with no cookie and the default window."""
    # A reader's own style sheet (a browser extension) applies whatever the page's Content
    # Security Policy says: the test's injected style must too.
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    context.set_default_timeout(5_000)  # as tests/conftest.py: every page is local
    tab = context.new_page()
    tab.add_init_script(WATCH_CHANGES)
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def fresh_start(page):
    page.context.clear_cookies()
    page.set_viewport_size(WINDOW)


def test_a_state_the_tests_cannot_reach_fails_naming_it():
    # A state added to the grid without its steps is not left out of the checks.
    unknown = accessibilite.PageEchantillon("p", "Une page", "/", etat="après la signature")
    with pytest.raises(pytest.fail.Exception, match="« après la signature »"):
        bring(None, None, unknown)


# -- 10.12, 10.4, 10.7 and 12.8 -----------------------------------------------------------


@SAMPLE
def test_wider_text_spacing_cuts_nothing_off(page, live, sample_page):
    bring(page, live, sample_page)
    page.add_style_tag(content=SPACING)
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(SIDEWAYS) <= 0


@SAMPLE
def test_text_at_200_percent_stays_whole(page, live, sample_page):
    bring(page, live, sample_page)
    before = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    after = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert after >= 2 * before - 0.5, "the text does not follow the reader's text size"
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(SIDEWAYS) <= 0


@SAMPLE
def test_focus_is_drawn_never_hidden_and_follows_the_page(page, live, sample_page):
    bring(page, live, sample_page)
    tabbable = page.evaluate(TABBABLE)
    assert tabbable["positive"] == 0, "a positive tabindex changes the order"
    from_the_top(page)
    reached = []
    for _ in range(tabbable["count"]):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None and focused["key"] is not None, reached
        assert focused["drawn"], f"focus not drawn on {focused['name']}"
        assert focused["visible"], f"focused {focused['name']} is under another box"
        reached.append(int(focused["key"]))
    assert reached == list(range(tabbable["count"]))


# -- 10.11: reflow ------------------------------------------------------------------------


@SAMPLE
def test_at_400_percent_the_page_scrolls_one_way_only(page, live, sample_page):
    page.set_viewport_size(NARROW)
    bring(page, live, sample_page)
    for size in (NARROW, LOW):  # the reader's zoom changes the window, not the page
        page.set_viewport_size(size)
        where = f"{size['width']} px de large sur {size['height']} px de haut"
        assert page.evaluate(SIDEWAYS) <= 0, f"défilement horizontal à {where}"
        assert page.evaluate(CLIPPED) == [], f"texte coupé à {where}"
        assert page.evaluate(COVERING) == [], f"boîte fixe qui cache la page à {where}"


# -- 13.9: both orientations --------------------------------------------------------------


@SAMPLE
def test_the_page_shows_the_same_content_upright_and_turned(page, live, sample_page):
    page.set_viewport_size(PORTRAIT)
    bring(page, live, sample_page)
    seen = {}
    for size, portrait in ((PORTRAIT, True), (LANDSCAPE, False)):  # the phone is turned
        page.set_viewport_size(size)
        where = "en portrait" if portrait else "en paysage"
        main = page.evaluate(MAIN_SHOWN)
        assert main["portrait"] is portrait
        assert main["shown"], f"contenu principal absent ou coupé {where}"
        assert page.evaluate(SIDEWAYS) <= 0, f"défilement horizontal {where}"
        seen[portrait] = main["text"].split()
    assert seen[True] == seen[False], "le contenu change avec l'orientation de l'écran"
    assert page.evaluate(ORIENTATION_HIDES) == [], "une orientation cache du contenu"


# -- 10.2 and 10.3: without style sheets --------------------------------------------------


@SAMPLE
def test_without_styles_every_word_stays_in_the_same_order(page, live, sample_page):
    bring(page, live, sample_page)
    generated = page.evaluate(GENERATED)
    assert [g for g in generated if not DECORATIVE.search(g["content"])] == [], (
        "texte écrit par la feuille de style, perdu sans elle"
    )
    assert page.evaluate(REORDERED) == [], "la feuille de style change l'ordre du contenu"
    seen = [word.casefold() for word in page.evaluate(WORDS)]
    page.evaluate(NO_STYLE)
    assert page.evaluate("() => document.styleSheets.length") == 0
    kept = [word.casefold() for word in page.evaluate(WORDS)]
    lost = first_missing(seen, kept)
    assert lost is None, (
        f"sans styles, « {seen[lost]} » manque ou change de place, après "
        f"« {' '.join(seen[max(0, lost - 8) : lost])} »"
    )


# -- 12.9: no keyboard trap ---------------------------------------------------------------


@SAMPLE
def test_the_keyboard_goes_through_the_page_and_out_both_ways(page, live, sample_page):
    bring(page, live, sample_page)
    count = page.evaluate(TABBABLE)["count"]
    assert count > 0
    from_the_top(page)
    page.evaluate(RECORD_FOCUS, False)
    forward = tab_walk(page, "Tab", count + 1)
    assert forward[:count] == list(range(count)), f"Tab : {forward}"
    # Past the last element, the focus leaves the page for the browser, or starts over
    # (Chromium notes it leaving, then coming back).
    assert forward[count:] in ([None], [0], [None, 0]), f"Tab après le dernier : {forward}"
    backward = tab_walk(page, "Shift+Tab", count + 1)
    assert backward[:count] == list(reversed(range(count))), f"Maj+Tab : {backward}"
    last = count - 1
    assert backward[count:] in ([None], [last], [None, last]), (
        f"Maj+Tab après le premier : {backward}"
    )


# -- 7.3 and 12.11: what scripts drive works with the keyboard ----------------------------


@SAMPLE
def test_what_scripts_drive_works_with_the_keyboard_as_with_the_mouse(page, live, sample_page):
    bring(page, live, sample_page)
    listeners = scripted(page)
    pointer_only = [(event, what) for event, what, _ in listeners if event in POINTER_ONLY]
    assert pointer_only == [], "réagit à la souris seulement"
    page_wide = [
        (event, what)
        for event, what, drivers in listeners
        if drivers is None and event in USER_EVENTS
    ]
    assert page_wide == [], "une action sur toute la page, sans contrôle à vérifier"
    unchecked = [(event, what) for event, what, drivers in listeners if drivers == []]
    assert unchecked == [], (
        "contrôle piloté par un script sans vérification au clavier : ajoutez-la à DRIVERS"
    )
    for driver in dict.fromkeys(d for _, _, drivers in listeners for d in drivers or []):
        DRIVERS[driver](page, live, sample_page)


# -- 7.5: status messages -----------------------------------------------------------------


@SAMPLE
def test_what_scripts_change_is_announced(page, live, sample_page):
    bring(page, live, sample_page)
    changes = page.evaluate("() => window.__rgaaChanges")
    announced = [c for c in changes if c["region"]]
    silent = [c for c in changes if not c["region"]]
    assert announced or not silent, f"la page change sans message de statut : {silent[:3]}"
    regions = page.evaluate(REGIONS, LIVE)
    for region in regions:
        if region["role"] == "alert" and region["text"]:
            # There at arrival, not a change: read because the focus is on it.
            assert region["focused"], f"alerte lue par personne : {region['text'][:60]}"
    status = [r for r in regions if r["role"] == "status"]
    if page.locator("form[role=search]").count():
        [message] = [r["text"] for r in status]
        said = [c["text"] for c in announced if c["region"] == "status"]
        assert said and message.startswith(said[-1]), f"« {message} » n'est pas annoncé"
        count = int(re.match(r"(\d+) résultats? pour", message).group(1))
        shown = page.locator("#recherche-resultats > li").count()
        best = re.search(r"les (\d+) plus pertinents", message)
        assert shown == (int(best.group(1)) if best else count), (
            f"« {message} », mais {shown} résultats affichés"
        )


# -- 10.8: hidden content -----------------------------------------------------------------


@SAMPLE
def test_hidden_content_is_hidden_from_everyone_and_visually_hidden_text_is_read(
    page, live, sample_page
):
    bring(page, live, sample_page)
    texts = page.evaluate(UNSEEN_TEXTS)
    exposed, naming = accessibility_tree(page)
    for text in texts:
        words = " ".join(text["text"].split())
        read = exposed.get(text["n"], False)
        heard = read or any(words in name for name in naming.get(text["n"], []))
        if text["toNobody"] and not text["visually"]:
            assert not read, f"caché à l'écran mais lu : « {words} »"
        elif text["visually"] or text["onFocus"]:
            assert heard, f"texte pour les lecteurs d'écran non lu : « {words} »"
        else:
            assert not heard, (
                f"lu par un lecteur d'écran, mais invisible ({text['why']}) : « {words} »"
            )


# -- 10.13 and 10.14: hover and keyboard focus --------------------------------------------


@SAMPLE
def test_what_the_mouse_reveals_the_keyboard_reveals_and_it_stays_under_the_pointer(
    page, live, sample_page
):
    bring(page, live, sample_page)
    page.mouse.move(-1, -1)  # hovering nothing
    count = page.evaluate(TABBABLE)["count"]
    from_the_top(page)
    page.evaluate(SHOWN_NOW)
    page.evaluate(RECORD_FOCUS, True)
    by_focus = {key: set(revealed) for key, revealed in tab_walk(page, "Tab", count)}
    from_the_top(page)
    targets = page.evaluate(HOVER_TARGETS)
    hover_only, gone = set(), set()
    hovered = None  # (the tabbable elements related to the target under the mouse, where)
    for n in [*range(len(targets)), None]:
        step = page.evaluate(HOVER_STEP, n)
        if hovered is not None:
            related, point = hovered
            revealed = set(step["revealed"])
            hover_only |= revealed - set().union(*(by_focus.get(key, set()) for key in related))
            for shown in sorted(revealed):  # the pointer moves onto what appeared
                middle = page.evaluate(MIDDLE, shown)
                page.mouse.move(middle["x"], middle["y"], steps=5)
                if shown not in page.evaluate("() => window.__rgaaRevealed()"):
                    gone.add(shown)
                page.mouse.move(point["x"], point["y"])
        hovered = None
        if step["point"] is not None:  # else out of sight or under another box: no mouse
            page.mouse.move(step["point"]["x"], step["point"]["y"])
            hovered = (targets[n], step["point"])
    page.mouse.move(-1, -1)
    describe = "(numbers) => window.__rgaaDescribe(numbers)"
    assert page.evaluate(describe, sorted(hover_only)) == [], (
        "visible au survol de la souris, pas au focus du clavier"
    )
    assert page.evaluate(describe, sorted(gone)) == [], "disparaît quand la souris va dessus"
