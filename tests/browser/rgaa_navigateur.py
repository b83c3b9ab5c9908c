"""What Chromium is asked on a sample page, for tests/browser/test_rgaa.py: the window sizes and
style the checks apply, and the Python helpers that walk the page with the keyboard, read its
listeners and its accessibility tree, and drive its scripted controls by the mouse and the
keyboard alike (``DRIVERS``), and follow the skip link (12.7). The scripts they run in the
page (what is cut off, where the focus is, what is tabbable, what is hidden, what the mouse
reveals…) are in tests/browser/js/.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, tab_to
from tests.browser.rgaa_etats import SEARCH_WORDS
from tests.browser.scripts import js

# WCAG 1.4.12's values, on every element: nothing may be cut off or overlap.
SPACING = """
* { letter-spacing: 0.12em !important; word-spacing: 0.16em !important;
    line-height: 1.5 !important; }
p { margin-bottom: 2em !important; }
"""

WINDOW = {"width": 1280, "height": 720}  # Playwright's default window

# 10.11: 1280 px zoomed to 400 % is 320 px wide; 1024 px zoomed to 400 % is 256 px high.
NARROW = {"width": 320, "height": 640}
LOW = {"width": 1280, "height": 256}

# 13.9: a phone held upright, then turned.
PORTRAIT = {"width": 390, "height": 844}
LANDSCAPE = {"width": 844, "height": 390}

# Text a style sheet writes and declares decorative with an empty alternative
# (`content: "\203a" / ""`, the breadcrumb's separator): screen readers skip it, and nothing is
# lost without the style sheet.
DECORATIVE = re.compile(r'/\s*""\s*$')

# 7.5: the live regions (role status, alert…, aria-live), watched by js/watch-changes.js.
LIVE = "[role=status], [role=alert], [role=log], [role=marquee], [role=timer], [aria-live]"
# 7.3 and 12.11: what a script drives, and the checks that drive it with the keyboard.
# Events only a mouse or a finger makes: a control listening to these alone fails.
POINTER_ONLY = {
    "mousedown",
    "mouseup",
    "mouseover",
    "mouseout",
    "mouseenter",
    "mouseleave",
    "mousemove",
    "dblclick",
    "contextmenu",
    "pointerdown",
    "pointerup",
    "pointerover",
    "pointerout",
    "pointerenter",
    "pointerleave",
    "pointermove",
    "touchstart",
    "touchend",
    "touchmove",
    "wheel",
}
# Events of a visitor's action: on the document or the window, they drive the whole page.
USER_EVENTS = POINTER_ONLY | {
    "click",
    "keydown",
    "keyup",
    "keypress",
    "submit",
    "change",
    "input",
    "focus",
    "blur",
    "focusin",
    "focusout",
}

# -- walking the page with the keyboard ---------------------------------------------------


def from_the_top(page):
    page.evaluate(js("from-the-top"))


def tab_walk(page, key, count):
    """Press Tab (or Shift+Tab with ``key``) ``count`` times: where the focus went each time
    (as js/record-focus.js notes it; a press that moves nothing notes nothing)."""
    page.evaluate("() => { window.__rgaaFocus = []; }")
    for _ in range(count):
        page.keyboard.press(key)
    return page.evaluate("() => window.__rgaaFocus")


# -- 10.2 and 10.3: without style sheets --------------------------------------------------


def first_missing(seen, kept):
    """Where ``seen`` stops being a subsequence of ``kept`` (None: every word, in order)."""
    at = 0
    for n, word in enumerate(seen):
        while at < len(kept) and kept[at] != word:
            at += 1
        if at == len(kept):
            return n
        at += 1
    return None


# -- 7.3 and 12.11: what scripts drive works with the keyboard ----------------------------


def search_results(page, way):
    """What the search shows: its count (the status message) and the pages found."""
    status = page.get_by_role("status")
    expect(status, f"la recherche ({way}) ne donne rien").to_contain_text(
        f"pour « {SEARCH_WORDS} »"
    )
    links = page.locator("#recherche-resultats a")
    return status.inner_text(), links.evaluate_all("(links) => links.map((a) => a.href)")


def search_form(page, live, sample_page):
    """The search, by the mouse and by the keyboard alone (Enter in the field, Space on the
    button): the same count, the same results."""
    got = {}
    for way in ("souris", "Entrée", "Espace"):
        page.goto(live.url + sample_page.adresse)
        if way == "souris":
            page.get_by_role("searchbox").click()
            page.keyboard.type(SEARCH_WORDS)
            page.get_by_role("button", name="Rechercher").click()
        else:
            tab_to(page, "form[role=search] input")
            page.keyboard.type(SEARCH_WORDS)
            if way == "Espace":
                tab_to(page, "form[role=search] button")
            page.keyboard.press("Enter" if way == "Entrée" else "Space")
        got[way] = search_results(page, way)
    assert got["souris"][1], "la recherche à la souris ne trouve rien"
    assert got["Entrée"] == got["souris"] == got["Espace"], got


def print_button(page, live, sample_page):
    """« Imprimer cette page »: the browser prepares the printing by the mouse, by Enter and
    by Space alike."""
    for way in ("souris", "Enter", "Space"):
        # Headless Chromium keeps a page's print dialog open: the page is shown again.
        assert page.reload().status == 200
        page.evaluate(js("count-prints"))
        if way == "souris":
            page.locator("[data-imprimer]").click()
        else:
            tab_to(page, "[data-imprimer]")
            page.keyboard.press(way)
        try:
            page.wait_for_function("() => window.__rgaaPrints === 1")
        except PlaywrightTimeoutError:
            raise AssertionError(f"« Imprimer cette page » n'imprime pas ({way})") from None


def idle(tab, live, seconds):
    """``seconds`` pass with nothing done, for the server and for the page (both clocks set
    by the test, nobody waits): the page's timers due meanwhile run."""
    live.formsvc.config["CLOCK"].advance(seconds=seconds)
    tab.clock.fast_forward(seconds * 1000)


def session_timing(tab, address):
    """Open the agent's page at ``address`` with the focus on its first element, as the agent
    left it: (seconds the session has left, how long before the end the warning comes)."""
    tab.goto(address)
    from_the_top(tab)
    tab.keyboard.press("Tab")
    tab.evaluate("() => { window.__rgaaLeftOn = document.activeElement; }")
    root = tab.locator("[data-session]")
    return int(root.get_attribute("data-restant")), int(root.get_attribute("data-avance"))


def focus_is_back(tab):
    return tab.evaluate("() => document.activeElement === window.__rgaaLeftOn")


def session_dialogs(page, live, sample_page):
    """The agent's session about to end, then ended (theme/static/js/session-gestion.js).
    « Rester connecté » by the mouse, Enter, Space, or Escape on the warning: it closes, the
    focus goes back where it was, the server starts the idle time again. The last dialog
    closed by the mouse, Enter or Space: it closes, the focus goes back."""
    clock, address = live.formsvc.config["CLOCK"], page.url
    tab = page.context.new_page()  # a page whose clock the test sets, as the server's
    try:
        tab.clock.install(time=clock().timestamp())
        warning = tab.locator("dialog:has(form[data-prolonger])")
        for way in ("souris", "Enter", "Space", "Escape"):
            left, lead = session_timing(tab, address)
            idle(tab, live, left - lead + 5)
            expect(warning).to_be_visible()
            if way == "souris":
                warning.locator("form[data-prolonger] button").click()
            else:
                tab.keyboard.press(way)
            expect(warning, f"l'avertissement reste ouvert ({way})").to_be_hidden()
            assert focus_is_back(tab), f"le focus ne revient pas où il était ({way})"
            state = tab.locator("[data-session]").get_attribute("data-etat")
            restarted = tab.evaluate(
                "async (url) => (await (await fetch(url)).json()).restant", state
            )
            full = live.formsvc.config["GESTION_IDLE_MINUTES"] * 60
            assert restarted == full, f"la session n'est pas prolongée ({way})"
        ended = tab.locator("dialog:has([data-fermer])")
        for way in ("souris", "Enter", "Space"):
            left, lead = session_timing(tab, address)
            idle(tab, live, left - lead + 5)
            expect(warning).to_be_visible()
            idle(tab, live, lead)  # nobody answers
            expect(ended).to_be_visible()
            if way == "souris":
                ended.locator("[data-fermer]").click()
            else:
                tab.keyboard.press(way)
            expect(ended, f"le message reste ouvert ({way})").to_be_hidden()
            assert focus_is_back(tab), f"le focus ne revient pas où il était ({way})"
            sign_in(tab, live)  # a new session, for the next way and the next tests
            expect(tab.get_by_role("heading", level=1)).to_have_text("Demandes")
        live.agent_cookies = tab.context.cookies()
    finally:
        tab.close()


# Each control a script drives, and how to check it by the mouse and the keyboard alike.
DRIVERS = {
    "form[role=search], form[role=search] *": search_form,
    "[data-imprimer]": print_button,
    "[data-session] *": session_dialogs,
}


def scripted(page):
    """Every listener of the page, on an element, the document or the window (Chromium's
    DevTools protocol): ``[(event, what it is on, the drivers that match it)]``."""
    cdp = page.context.new_cdp_session(page)
    found = []
    try:
        for root in ("document", "window"):
            handle = cdp.send("Runtime.evaluate", {"expression": root})["result"]["objectId"]
            listeners = cdp.send(
                "DOMDebugger.getEventListeners", {"objectId": handle, "depth": -1}
            )["listeners"]
            for listener in listeners:
                if "backendNodeId" in listener:
                    node = cdp.send("DOM.resolveNode", {"backendNodeId": listener["backendNodeId"]})
                    handle_of = node["object"]["objectId"]
                else:
                    handle_of = handle
                what = cdp.send(
                    "Runtime.callFunctionOn",
                    {
                        "objectId": handle_of,
                        "functionDeclaration": js("describe-node"),
                        "arguments": [{"value": list(DRIVERS)}],
                        "returnByValue": True,
                    },
                )["result"]["value"]
                found.append((listener["type"], what["name"], what.get("drivers")))
    finally:
        cdp.detach()
    return found


# -- 10.8: hidden content -----------------------------------------------------------------


def accessibility_tree(page):
    """What Chromium's accessibility tree (what a screen reader reads) gives of the texts
    js/unseen-texts.js numbered: ({number: its text node is exposed}, {number: the names of the
    exposed elements that may take it as their name})."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1})["root"]
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    names = {
        n["backendDOMNodeId"]: " ".join(n.get("name", {}).get("value", "").split())
        for n in nodes
        if not n["ignored"] and "backendDOMNodeId" in n
    }
    exposed, naming = {}, {}

    def walk(node):
        pairs = node.get("attributes", [])
        attributes = dict(zip(pairs[::2], pairs[1::2], strict=True))
        for number in attributes.get("data-rgaa-nomme", "").split():
            naming.setdefault(int(number), []).append(names.get(node["backendNodeId"], ""))
        for child in node.get("children", []):
            if child["nodeType"] == 3 and "data-rgaa-texte" in attributes:
                for number in attributes["data-rgaa-texte"].split():
                    exposed[int(number)] = exposed.get(int(number)) or (
                        child["backendNodeId"] in names
                    )
            walk(child)

    walk(document)
    return exposed, naming


# axe-core's contrast rule alone, on the focused skip link (marked by skip-link-shown.js).
CONTRAST = {
    "runOnly": {"type": "rule", "values": ["color-contrast"]},
    "resultTypes": ["violations", "incomplete", "passes"],
}


def the_skip_link_shows_on_focus_and_leads_to_the_main_content(page):
    """12.7, what code cannot see without a browser (publication/criteres/navigation.py checks
    where the link leads and that it comes first): the first Tab reaches the skip link, which
    shows whole inside the window, on top, readable; following it takes the keyboard to the
    main content."""
    page.evaluate(js("focus-at-start"))
    page.keyboard.press("Tab")
    shown = page.evaluate(js("skip-link-shown"))
    assert shown is not None, "le premier Tab n'atteint rien"
    assert (shown["tag"], shown["text"], shown["href"]) == ("a", "Aller au contenu", "#contenu"), (
        f"le premier Tab atteint autre chose que le lien d'évitement : {shown}"
    )
    assert shown["shown"] and shown["big"], f"le lien d'évitement ne se voit pas : {shown}"
    assert shown["inside"], f"le lien d'évitement sort de la fenêtre : {shown}"
    assert not shown["cut"], "le lien d'évitement est coupé par un parent"
    assert shown["onTop"], "le lien d'évitement est sous une autre boîte"
    results = Axe().run(page, context="[data-rgaa-evitement]", options=CONTRAST).response
    assert [r["id"] for r in results["passes"]] == ["color-contrast"], (
        f"contraste du lien d'évitement non mesuré : {results['incomplete']}"
    )
    assert results["violations"] == [], f"contraste insuffisant : {results['violations']}"
    page.keyboard.press("Enter")
    arrived = page.evaluate(js("arrived-in-main"))
    assert arrived["inMain"], "suivre le lien ne mène pas le clavier au contenu principal"
    # Scrolled to it, or already in view.
    assert -1 <= arrived["top"] < WINDOW["height"] / 2, arrived
