"""RGAA criteria Chromium can check on the sample's pages, beyond axe-core: scripts usable with
the keyboard (7.3, 12.11), status messages (7.5), information kept without style sheets
(10.2, 10.3), text at 200 % (10.4), focus visible and never hidden (10.7), hidden content
(10.8), reflow (10.11), text spacing (10.12), content shown on hover (10.13, 10.14), tab order
(12.8), no keyboard trap (12.9), both screen orientations (13.9); and axe-core itself on each
page in its state.

The pages are the 14 of the grid (content/data/accessibilite.toml), static and formsvc's
alike, served together as in production. Each is brought into its state once, as a visitor or
an agent reaches it (tests/browser/rgaa_etats.py), and every check runs on it; a check that
changes the page (zoom, styles off, keyboard walks) gets the page again, in its state, from
memory. One test a page: it runs every check and lists every finding, each naming its
criteria. What Chromium is asked on a page is in tests/browser/rgaa_navigateur.py and
tests/browser/js/. Passing proves no regression; the grid still asks a person to judge these
criteria (docs/accessibilite.md).
"""

import re

import pytest

from commune import accessibilite
from tests.browser.helpers import assert_accessible_and_local, new_tab
from tests.browser.rgaa_etats import SEARCHED, bring, serve_sample
from tests.browser.rgaa_navigateur import (
    DECORATIVE,
    DRIVERS,
    LANDSCAPE,
    LIVE,
    LOW,
    NARROW,
    POINTER_ONLY,
    PORTRAIT,
    SPACING,
    USER_EVENTS,
    WINDOW,
    accessibility_tree,
    first_missing,
    from_the_top,
    scripted,
    tab_walk,
    the_skip_link_shows_on_focus_and_leads_to_the_main_content,
)
from tests.browser.scripts import called, js

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
    """One tab for the module, sparing a new one for each page: each test starts with no
    cookie and the default window, and every load starts afresh, so nothing a check injected
    stays."""
    # A reader's own style sheet (a browser extension) applies whatever the page's Content
    # Security Policy says: the checks' injected style must too.
    with new_tab(browser, bypass_csp=True) as tab:
        tab.add_init_script(called("watch-changes", LIVE))
        yield tab


@pytest.fixture(autouse=True)
def fresh_start(page):
    page.context.clear_cookies()
    page.set_viewport_size(WINDOW)
    page.urls.clear()
    yield
    page.unroute_all(behavior="ignoreErrors")


class Findings:
    """What the checks of one page found, each named by its criteria: one check failing does
    not hide the others."""

    def __init__(self):
        self.found = []

    def check(self, criteria, check, *args):
        try:
            return check(*args)
        except AssertionError as error:
            # The check's own message, without pytest's rewriting of the expression.
            message = str(error).split("\nassert ", 1)[0]
            self.found.append(f"RGAA {criteria} ({check.__name__}) : {message}")
            return None


def test_a_state_the_tests_cannot_reach_fails_naming_it():
    # A state added to the grid without its steps is not left out of the checks.
    unknown = accessibilite.PageEchantillon("p", "Une page", "/", etat="après la signature")
    with pytest.raises(pytest.fail.Exception, match="« après la signature »"):
        bring(None, None, unknown)


@SAMPLE
def test_sample_page_in_its_state(page, live, sample_page):
    findings = Findings()
    etat = bring(page, live, sample_page)
    # As the page was reached: first what its scripts changed, before a check changes it.
    findings.check("7.5", what_scripts_change_is_announced, page, sample_page)
    controls = findings.check("7.3, 12.11", scripts_listen_to_the_keyboard_too, page) or []
    findings.check("10.8", hidden_content_is_hidden_from_everyone_and_read_when_meant, page)
    findings.check("3.2 et autres (axe-core)", assert_accessible_and_local, page, page.urls)
    findings.check("10.2, 10.3", without_styles_every_word_stays_in_the_same_order, page)

    page.set_viewport_size(NARROW)
    etat.reopen(page)
    findings.check("10.11", at_400_percent_the_page_scrolls_one_way_only, page)
    findings.check("13.9", the_same_content_upright_and_turned, page)

    page.set_viewport_size(WINDOW)
    etat.reopen(page)
    findings.check("10.12", wider_text_spacing_cuts_nothing_off, page)
    findings.check("10.4", text_at_200_percent_stays_whole, page)

    etat.reopen(page)
    findings.check("12.7", the_skip_link_shows_on_focus_and_leads_to_the_main_content, page)

    etat.reopen(page)
    findings.check("10.7, 12.8", focus_is_drawn_never_hidden_and_follows_the_page, page)
    findings.check("12.9", the_keyboard_goes_through_the_page_and_out_both_ways, page)

    etat.reopen(page)
    findings.check("10.13, 10.14", what_the_mouse_reveals_the_keyboard_reveals, page)

    # Last: the drivers leave the page, and the agent's one ends the session.
    etat.reopen(page)
    for driver in controls:
        findings.check("7.3, 12.11", DRIVERS[driver], page, live, sample_page)
    assert not findings.found, (
        f"{sample_page.id} ({sample_page.adresse}, {sample_page.etat or 'à l’arrivée'}) :\n"
        + "\n".join(findings.found)
    )


# -- the checks on the page as reached ----------------------------------------------------


def what_scripts_change_is_announced(page, sample_page):
    """7.5: a change a script makes is in a live region shown; an alert there at arrival has
    the focus; the search's count is announced and matches the results shown."""
    changes = page.evaluate("() => window.__rgaaChanges")
    announced = [c for c in changes if c["region"]]
    silent = [c for c in changes if not c["region"]]
    assert announced or not silent, f"la page change sans message de statut : {silent[:3]}"
    regions = page.evaluate(js("regions"), LIVE)
    alerts = [r for r in regions if r["role"] == "alert" and r["text"]]
    unread = [r["text"][:60] for r in alerts if not r["focused"]]
    # There at arrival, not a change: read only because the focus is on it.
    assert unread == [], f"alerte lue par personne : {unread}"
    if sample_page.etat != SEARCHED:
        return
    messages = [r["text"] for r in regions if r["role"] == "status"]
    assert len(messages) == 1, f"un seul message de statut attendu : {messages}"
    [message] = messages
    said = [c["text"] for c in announced if c["region"] == "status"]
    assert said and message.startswith(said[-1]), f"« {message} » n'est pas annoncé"
    count = int(re.match(r"(\d+) résultats? pour", message).group(1))
    shown = page.locator("#recherche-resultats > li").count()
    best = re.search(r"les (\d+) plus pertinents", message)
    assert shown == (int(best.group(1)) if best else count), (
        f"« {message} », mais {shown} résultats affichés"
    )


def scripts_listen_to_the_keyboard_too(page):
    """7.3 and 12.11, first half: no listener for the mouse alone, none on the whole page,
    and each scripted control has its keyboard check (``DRIVERS``). Returns those to run."""
    listeners = scripted(page)
    pointer_only = [(event, what) for event, what, _ in listeners if event in POINTER_ONLY]
    assert pointer_only == [], f"réagit à la souris seulement : {pointer_only}"
    page_wide = [
        (event, what)
        for event, what, drivers in listeners
        if drivers is None and event in USER_EVENTS
    ]
    assert page_wide == [], f"une action sur toute la page, sans contrôle à vérifier : {page_wide}"
    unchecked = [(event, what) for event, what, drivers in listeners if drivers == []]
    assert unchecked == [], (
        "contrôle piloté par un script sans vérification au clavier : ajoutez-la à DRIVERS "
        f"({unchecked})"
    )
    found = list(dict.fromkeys(d for _, _, drivers in listeners for d in drivers or []))
    # A control of DRIVERS on the page that no listener shows: the scan missed it.
    present = [selector for selector in DRIVERS if page.locator(selector).count()]
    assert set(present) <= set(found), (
        f"écouteurs introuvables sur {sorted(set(present) - set(found))}"
    )
    return found


def hidden_content_is_hidden_from_everyone_and_read_when_meant(page):
    """10.8: what nobody sees, no screen reader reads; a text hidden for the eyes only (or
    shown on focus) is read; nothing invisible is read."""
    texts = page.evaluate(js("unseen-texts"))
    # Every page has its skip link, out of sight until it has the focus.
    assert any(t["onFocus"] for t in texts), "aucun texte montré au focus (lien d'évitement)"
    exposed, naming = accessibility_tree(page)
    problems = []
    for text in texts:
        words = " ".join(text["text"].split())
        read = exposed.get(text["n"], False)
        heard = read or any(words in name for name in naming.get(text["n"], []))
        if text["toNobody"] and not text["visually"]:
            if read:
                problems.append(f"caché à l'écran mais lu : « {words} »")
        elif text["visually"] or text["onFocus"]:
            if not heard:
                problems.append(f"texte pour les lecteurs d'écran non lu : « {words} »")
        elif heard:
            problems.append(
                f"lu par un lecteur d'écran, mais invisible ({text['why']}) : « {words} »"
            )
    assert problems == [], "\n".join(problems)


def without_styles_every_word_stays_in_the_same_order(page):
    """10.2 and 10.3: no text written by the style sheets; without them, every word is
    still there, in the same order. Leaves the page without style."""
    generated = page.evaluate(js("generated"))
    written = [g for g in generated if not DECORATIVE.search(g["content"])]
    assert written == [], f"texte écrit par la feuille de style, perdu sans elle : {written}"
    reordered = page.evaluate(js("reordered"))
    assert reordered == [], f"la feuille de style change l'ordre du contenu : {reordered}"
    seen = [word.casefold() for word in page.evaluate(js("words"))]
    page.evaluate(js("no-style"))
    assert page.evaluate("() => document.styleSheets.length") == 0, "des styles restent"
    kept = [word.casefold() for word in page.evaluate(js("words"))]
    lost = first_missing(seen, kept)
    assert lost is None, (
        f"sans styles, « {seen[lost]} » manque ou change de place, après "
        f"« {' '.join(seen[max(0, lost - 8) : lost])} »"
    )


# -- the checks that change the window or the style ---------------------------------------


def at_400_percent_the_page_scrolls_one_way_only(page):
    """10.11: at 320 px wide, then 256 px high, no sideways scroll, nothing cut off, no
    fixed box hiding the page. ``page`` is loaded 320 px wide."""
    for size in (NARROW, LOW):  # the reader's zoom changes the window, not the page
        page.set_viewport_size(size)
        where = f"{size['width']} px de large sur {size['height']} px de haut"
        assert page.evaluate(js("sideways")) <= 0, f"défilement horizontal à {where}"
        clipped = page.evaluate(js("clipped"))
        assert clipped == [], f"texte coupé à {where} : {clipped}"
        covering = page.evaluate(js("covering"))
        assert covering == [], f"boîte fixe qui cache la page à {where} : {covering}"


def the_same_content_upright_and_turned(page):
    """13.9: a phone upright, then turned: the main content shown whole both ways, the same
    words, no style that hides something in one orientation."""
    seen = {}
    for size, portrait in ((PORTRAIT, True), (LANDSCAPE, False)):  # the phone is turned
        page.set_viewport_size(size)
        where = "en portrait" if portrait else "en paysage"
        main = page.evaluate(js("main-shown"))
        assert main["portrait"] is portrait, f"Chromium ne se croit pas {where}"
        assert main["shown"], f"contenu principal absent ou coupé {where}"
        assert page.evaluate(js("sideways")) <= 0, f"défilement horizontal {where}"
        seen[portrait] = main["text"].split()
    assert seen[True] == seen[False], "le contenu change avec l'orientation de l'écran"
    hides = page.evaluate(js("orientation-hides"))
    assert hides == [], f"une orientation cache du contenu : {hides}"


def wider_text_spacing_cuts_nothing_off(page):
    """10.12: with WCAG 1.4.12's spacing, nothing cut off, no sideways scroll. Takes its
    style off again."""
    style = page.add_style_tag(content=SPACING)
    clipped = page.evaluate(js("clipped"))
    sideways = page.evaluate(js("sideways"))
    style.evaluate("(element) => element.remove()")
    assert clipped == [], f"texte coupé avec l'espacement élargi : {clipped}"
    assert sideways <= 0, f"défilement horizontal de {sideways} px avec l'espacement élargi"


def text_at_200_percent_stays_whole(page):
    """10.4: the text follows the reader's size, and at 200 % nothing is cut off."""
    size = "() => parseFloat(getComputedStyle(document.body).fontSize)"
    before = page.evaluate(size)
    page.add_style_tag(content="html { font-size: 200% !important; }")
    after = page.evaluate(size)
    assert after >= 2 * before - 0.5, f"le texte ne suit pas la taille choisie ({before} → {after})"
    clipped = page.evaluate(js("clipped"))
    assert clipped == [], f"texte coupé à 200 % : {clipped}"
    sideways = page.evaluate(js("sideways"))
    assert sideways <= 0, f"défilement horizontal de {sideways} px à 200 %"


# -- the checks that walk the page ----------------------------------------------------------


def focus_is_drawn_never_hidden_and_follows_the_page(page):
    """10.7 and 12.8: each Tab reaches the next element in the page's order, its focus
    drawn and on top."""
    tabbable = page.evaluate(js("tabbable"))
    assert tabbable["count"] > 0, "rien à atteindre au clavier"
    assert tabbable["positive"] == 0, "un tabindex positif change l'ordre"
    from_the_top(page)
    reached = []
    for _ in range(tabbable["count"]):
        page.keyboard.press("Tab")
        focused = page.evaluate(js("focused"))
        assert focused is not None and focused["key"] is not None, (
            f"après {reached}, le focus va sur {focused and focused['name']}"
        )
        assert focused["drawn"], f"focus non dessiné sur {focused['name']}"
        assert focused["visible"], f"{focused['name']} a le focus sous une autre boîte"
        reached.append(int(focused["key"]))
    assert reached == list(range(tabbable["count"])), f"ordre de tabulation : {reached}"


def the_keyboard_goes_through_the_page_and_out_both_ways(page):
    """12.9: Tab goes through every element and out of the page, Shift+Tab back the same
    way: no trap."""
    count = page.evaluate(js("tabbable"))["count"]
    assert count > 0, "rien à atteindre au clavier"
    from_the_top(page)
    page.evaluate(js("record-focus"), False)
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


def what_the_mouse_reveals_the_keyboard_reveals(page):
    """10.13 and 10.14: what hovering shows, the focus shows too, and it stays while the
    pointer moves onto it."""
    page.mouse.move(-1, -1)  # hovering nothing
    count = page.evaluate(js("tabbable"))["count"]
    from_the_top(page)
    page.evaluate(js("shown-now"))
    page.evaluate(js("record-focus"), True)
    by_focus = {key: set(revealed) for key, revealed in tab_walk(page, "Tab", count)}
    from_the_top(page)
    targets = page.evaluate(js("hover-targets"))
    assert targets, "rien à survoler"
    hover_only, gone = set(), set()
    hovered = None  # (the tabbable elements related to the target under the mouse, where)
    for n in [*range(len(targets)), None]:
        step = page.evaluate(js("hover-step"), n)
        if hovered is not None:
            related, point = hovered
            revealed = set(step["revealed"])
            hover_only |= revealed - set().union(*(by_focus.get(key, set()) for key in related))
            for shown in sorted(revealed):  # the pointer moves onto what appeared
                middle = page.evaluate(js("middle"), shown)
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
    hover_only = page.evaluate(describe, sorted(hover_only))
    assert hover_only == [], f"visible au survol de la souris, pas au focus : {hover_only}"
    gone = page.evaluate(describe, sorted(gone))
    assert gone == [], f"disparaît quand la souris va dessus : {gone}"
