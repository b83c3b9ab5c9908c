"""What Chromium is asked on a sample page, for tests/browser/test_rgaa.py: the JavaScript
snippets run in the page (what is cut off, where the focus is, what is tabbable, what is
hidden, what the mouse reveals…), the window sizes and style the checks apply, and the Python
helpers that walk the page with the keyboard, read its listeners and its accessibility tree,
and drive its scripted controls by the mouse and the keyboard alike (``DRIVERS``).
"""

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, tab_to
from tests.browser.rgaa_etats import SEARCH_WORDS

# WCAG 1.4.12's values, on every element: nothing may be cut off or overlap.
SPACING = """
* { letter-spacing: 0.12em !important; word-spacing: 0.16em !important;
    line-height: 1.5 !important; }
p { margin-bottom: 2em !important; }
"""
# Elements whose own box cuts off their text (overflow hidden or clip, content larger).
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  const cuts = (v) => v === "hidden" || v === "clip";
  if (!el.innerText || !el.innerText.trim() || el.closest("[hidden], .visuellement-cache")) {
    return false;
  }
  return (cuts(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
    || (cuts(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map((el) => el.localName + (el.className ? "." + el.className : "")).slice(0, 5)"""
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
# The focused element: is its focus drawn, and is its middle really on top (not under a
# sticky header or any other box)?
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  el.scrollIntoView({ block: "center" });
  const box = el.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: el.localName + (el.id ? "#" + el.id : "")
      + " « " + (el.innerText || el.name || "").trim().slice(0, 30) + " »",
    drawn: outline || shadow,
    visible: top !== null && (el === top || el.contains(top) || top.contains(el)),
    key: el.getAttribute("data-rgaa-ordre"),
  };
}"""
# Number the elements a Tab can reach, in document order, as a browser would reach them.
TABBABLE = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";
  // A group of radio buttons is one stop: its checked button, else its first.
  const radioStop = (el) => {
    const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
    const checked = group.find((r) => r.checked);
    return el === (checked || group[0]);
  };
  const reachable = [...document.querySelectorAll(selector)].filter((el) =>
    !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden"
    && (el.type !== "radio" || radioStop(el)));
  reachable.forEach((el, n) => el.setAttribute("data-rgaa-ordre", String(n)));
  return {
    count: reachable.length,
    positive: [...document.querySelectorAll("[tabindex]")].filter((el) => el.tabIndex > 0).length,
  };
}"""
# Where each Tab takes the keyboard, recorded by the page itself (a round trip per key would
# double the time): the number TABBABLE gave the element that gets the focus, -1 for one it
# did not number, null when the focus leaves the page for the browser's own controls.
# ``reveals`` also records what the focus shows that was hidden (see SHOWN_NOW).
RECORD_FOCUS = """(reveals) => {
  window.__rgaaFocus = [];
  document.addEventListener("focusin", (event) => {
    const key = event.target.getAttribute("data-rgaa-ordre");
    const entry = key === null ? -1 : Number(key);
    window.__rgaaFocus.push(reveals ? [entry, window.__rgaaRevealed()] : entry);
  });
  document.addEventListener("focusout", (event) => {
    if (!event.relatedTarget) window.__rgaaFocus.push(reveals ? [null, []] : null);
  });
}"""
# Put the keyboard back at the top of the page, as on arriving: a state may have moved the
# focus (the error summary takes it), and a Tab goes on from where the focus was.
FROM_THE_TOP = """() => {
  const body = document.body;
  body.tabIndex = -1;
  body.focus();
  body.removeAttribute("tabindex");
  window.scrollTo(0, 0);
}"""

WINDOW = {"width": 1280, "height": 720}  # Playwright's default window

# 10.11: 1280 px zoomed to 400 % is 320 px wide; 1024 px zoomed to 400 % is 256 px high.
NARROW = {"width": 320, "height": 640}
LOW = {"width": 1280, "height": 256}
# Boxes fixed on screen that take half the window or more: at 256 px high, they leave no
# room to read the page beneath.
COVERING = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const position = getComputedStyle(el).position;
  return (position === "fixed" || position === "sticky")
    && el.getBoundingClientRect().height >= window.innerHeight / 2;
}).map((el) => el.localName + (el.className ? "." + el.className : ""))"""

# 13.9: a phone held upright, then turned.
PORTRAIT = {"width": 390, "height": 844}
LANDSCAPE = {"width": 844, "height": 390}
MAIN_SHOWN = """() => {
  const main = document.querySelector("main");
  const box = main.getBoundingClientRect();
  return {
    portrait: matchMedia("(orientation: portrait)").matches,
    shown: main.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      && box.width > 0 && box.height > 0 && box.left >= -0.5
      && box.right <= window.innerWidth + 0.5,
    text: main.innerText,
  };
}"""
# Style rules that apply in one orientation only and hide what they select.
ORIENTATION_HIDES = """() => {
  const found = [];
  const hides = (style) => style.display === "none" || style.visibility === "hidden"
    || style.contentVisibility === "hidden" || style.opacity === "0";
  const walk = (rules, media) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        walk(rule.cssRules, [...media, rule.media.mediaText]);
      } else if (rule instanceof CSSStyleRule) {
        if (media.some((m) => m.includes("orientation")) && hides(rule.style)) {
          found.push(`@media ${media.join(" and ")} { ${rule.selectorText} }`);
        }
      } else if (rule.cssRules) {
        walk(rule.cssRules, media);
      }
    }
  };
  for (const sheet of document.styleSheets) {
    walk(sheet.cssRules, sheet.media.mediaText ? [sheet.media.mediaText] : []);
  }
  return found;
}"""

# 10.2 and 10.3: the words a visitor reads, then the page without any style.
WORDS = "() => document.body.innerText.split(/\\s+/).filter(Boolean)"
NO_STYLE = """() => {
  document.querySelectorAll("link[rel~=stylesheet], style").forEach((el) => el.remove());
  document.querySelectorAll("[style]").forEach((el) => el.removeAttribute("style"));
  document.adoptedStyleSheets = [];
}"""
# Text the style sheets write (::before, ::after): gone without them.
GENERATED = """() => {
  const found = [];
  for (const el of [document.body, ...document.body.querySelectorAll("*")]) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== "none" && content !== "normal" && content !== '""') {
        found.push({ content, where: el.localName + (el.className ? "." + el.className : "") });
      }
    }
  }
  return found;
}"""
# Text a style sheet writes and declares decorative with an empty alternative
# (`content: "\203a" / ""`, the breadcrumb's separator): screen readers skip it, and nothing is
# lost without the style sheet.
DECORATIVE = re.compile(r'/\s*""\s*$')
# Style that shows boxes in another order than the page's: without it, the order changes.
REORDERED = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  return style.order !== "0" || style.flexDirection.endsWith("reverse")
    || style.flexWrap === "wrap-reverse" || style.gridAutoFlow.includes("dense")
    || /^-?[0-9]/.test(style.gridRowStart) || /^-?[0-9]/.test(style.gridColumnStart);
}).map((el) => el.localName + (el.className ? "." + el.className : "")).slice(0, 5)"""

# 7.5: every change a script makes to the page's text once it is loaded, and the live
# region (role status, alert…, aria-live) that holds it if any. A region created with its
# text counts as no region: a screen reader announces only changes inside a region already
# there.
LIVE = "[role=status], [role=alert], [role=log], [role=marquee], [role=timer], [aria-live]"
WATCH_CHANGES = """(() => {
  window.__rgaaChanges = [];
  const live = "LIVE";
  const watch = () => new MutationObserver((records) => {
    for (const record of records) {
      const text = record.type === "characterData" ? record.target.data
        : [...record.addedNodes].map((node) => node.textContent).join(" ");
      if (!text.trim()) continue;
      const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const region = target && target.closest(live);
      const polite = region && region.getAttribute("aria-live") !== "off";
      window.__rgaaChanges.push({
        region: polite ? region.getAttribute("role") || "aria-live" : null,
        text: text.trim().slice(0, 80),
      });
    }
  }).observe(document.documentElement, { childList: true, characterData: true, subtree: true });
  // Once the page is parsed, before its scripts run: what the parser adds is no change.
  document.addEventListener("readystatechange", watch, { once: true });
})()""".replace("LIVE", LIVE)
# The live regions shown (a hidden one says nothing), and whether the focus is on them.
REGIONS = """(live) => [...document.querySelectorAll(live)].filter((el) => el.checkVisibility())
  .map((el) => {
    const focus = document.activeElement;
    const focused = focus !== document.body && (el.contains(focus) || focus.contains(el));
    return { role: el.getAttribute("role") || "aria-live", text: el.innerText.trim(), focused };
  })"""
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
DESCRIBE_NODE = """function () {
  if (this.nodeType !== 1) return { name: this === window ? "window" : "document" };
  return {
    name: this.outerHTML.slice(0, 90),
    drivers: DRIVERS.filter((selector) => this.matches(selector)),
  };
}"""

# 10.8: the texts a sighted visitor does not see, and why.
UNSEEN_TEXTS = """() => {
  const skip = "script, style, template, noscript, title, option, textarea, svg";
  const transparent = (colour) => colour === "transparent" || /, 0\\)$/.test(colour);
  const unseen = (text, el) => {
    if (!el.checkVisibility({ opacityProperty: true })) return "transparent";
    if (transparent(getComputedStyle(el).color)) return "transparent";
    const range = document.createRange();
    range.selectNodeContents(text);
    const boxes = [...range.getClientRects()];
    if (!boxes.length) return "sans boîte";
    if (boxes.every((b) => b.right + scrollX <= 0 || b.bottom + scrollY <= 0)) {
      return "hors de la page";
    }
    for (let box = el; box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      const size = box.getBoundingClientRect();
      const cuts = style.overflowX !== "visible" || style.clipPath !== "none"
        || (style.clip !== "auto" && style.position === "absolute");
      if (cuts && (size.width <= 1 || size.height <= 1)) return "rogné";
    }
    return null;
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!text.data.trim() || el.closest(skip)) continue;
    const toNobody = !el.checkVisibility({ visibilityProperty: true });
    const why = toNobody ? "caché à tous" : unseen(text, el);
    const visually = el.closest(".visuellement-cache") !== null;
    if (!why && !visually) continue;
    // A skip link is out of sight until it has the focus: then it shows.
    const focusable = el.closest("a[href], button, [tabindex]");
    let onFocus = false;
    if (why && !toNobody && focusable) {
      focusable.focus();
      onFocus = unseen(text, el) === null;
      focusable.blur();
    }
    const n = found.length;
    const mark = (node, name) => node.setAttribute(name, `${node.getAttribute(name) || ""} ${n}`);
    mark(el, "data-rgaa-texte");
    // What may take the text as its name: its ancestors, the field its label names, what
    // points at one of them with aria-labelledby.
    for (let box = el; box !== document.body; box = box.parentElement) {
      mark(box, "data-rgaa-nomme");
      if (box.control) mark(box.control, "data-rgaa-nomme");
      if (box.id) {
        document.querySelectorAll(`[aria-labelledby~="${box.id}"]`)
          .forEach((named) => mark(named, "data-rgaa-nomme"));
      }
    }
    found.push({ n, text: text.data.trim(), why, toNobody, visually, onFocus });
  }
  return found;
}"""

# 10.13 and 10.14: what is shown on screen, compared with what was before: each element gets
# a number once; __rgaaRevealed() gives those shown now and not at the start.
SHOWN_NOW = """() => {
  const all = [...document.body.querySelectorAll("*")];
  const shown = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right + scrollX > 0 && box.bottom + scrollY > 0;
  };
  // Only what was not shown at the start can be revealed: the rest is not measured again.
  const hidden = all.map((el, n) => n).filter((n) => !shown(all[n]));
  const known = new Set(all);
  window.__rgaaRevealed = () => {
    // An element a script added since is numbered too, as hidden at the start.
    if (document.body.getElementsByTagName("*").length !== known.size) {
      for (const el of document.body.querySelectorAll("*")) {
        if (!known.has(el)) {
          known.add(el);
          hidden.push(all.push(el) - 1);
        }
      }
    }
    return hidden.filter((n) => shown(all[n]));
  };
  window.__rgaaElement = (n) => all[n];
  window.__rgaaDescribe = (numbers) => numbers.map((n) => {
    const el = all[n];
    return el.localName + (el.className ? "." + el.className : "")
      + " « " + (el.innerText || el.textContent).trim().replace(/\\s+/g, " ").slice(0, 40) + " »";
  });
}"""
# Every element the mouse can point at to some effect: what the keyboard reaches, and what
# a :hover rule of the style sheets selects; for each, the tabbable elements it is in or
# holds (hovering them is hovering it).
HOVER_TARGETS = """() => {
  const selectors = new Set(["[data-rgaa-ordre]"]);
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSStyleRule) {
        for (const one of rule.selectorText.split(",")) {
          if (one.includes(":hover")) selectors.add(one.split(":hover")[0].trim() || "*");
        }
      } else if (rule.cssRules) {
        walk(rule.cssRules);
      }
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  const targets = new Set();
  for (const selector of selectors) {
    try {
      document.querySelectorAll(selector).forEach((el) => targets.add(el));
    } catch (error) {
      // A selector ending in a combinator once :hover is cut off: nothing to point at.
    }
  }
  const keyed = [...document.querySelectorAll("[data-rgaa-ordre]")];
  window.__rgaaTargets = [...targets].filter((el) => document.body.contains(el));
  return window.__rgaaTargets.map((el) => keyed.filter((k) => k.contains(el) || el.contains(k))
    .map((k) => Number(k.getAttribute("data-rgaa-ordre"))));
}"""
# One round trip per target: what the mouse revealed where it is, then the next target
# scrolled to the middle of the window and its middle, if the mouse can reach it there.
HOVER_STEP = """(next) => {
  const revealed = window.__rgaaRevealed();
  if (next === null) return { revealed, point: null };
  const el = window.__rgaaTargets[next];
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
    return { revealed, point: null };
  }
  el.scrollIntoView({ block: "center", inline: "center" });
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  if (box.width < 1 || box.height < 1 || x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
    return { revealed, point: null };
  }
  const top = document.elementFromPoint(x, y);
  const reachable = top && (el === top || el.contains(top) || top.contains(el));
  return { revealed, point: reachable ? { x, y } : null };
}"""
MIDDLE = """(n) => {
  const box = window.__rgaaElement(n).getBoundingClientRect();
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}"""

# -- walking the page with the keyboard ---------------------------------------------------


def from_the_top(page):
    page.evaluate(FROM_THE_TOP)


def tab_walk(page, key, count):
    """Press Tab (or Shift+Tab with ``key``) ``count`` times: where the focus went each time
    (as RECORD_FOCUS notes it; a press that moves nothing notes nothing)."""
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
        page.evaluate(
            "() => { window.__rgaaPrints = 0;"
            " addEventListener('beforeprint', () => { window.__rgaaPrints += 1; }); }"
        )
        if way == "souris":
            page.locator("[data-imprimer]").click()
        else:
            tab_to(page, "[data-imprimer]")
            page.keyboard.press(way)
        try:
            page.wait_for_function("() => window.__rgaaPrints === 1")
        except PlaywrightTimeoutError:
            pytest.fail(f"« Imprimer cette page » n'imprime pas ({way})", pytrace=False)


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
    describe = DESCRIBE_NODE.replace("DRIVERS", json.dumps(list(DRIVERS)))
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
                    {"objectId": handle_of, "functionDeclaration": describe, "returnByValue": True},
                )["result"]["value"]
                found.append((listener["type"], what["name"], what.get("drivers")))
    finally:
        cdp.detach()
    return found


# -- 10.8: hidden content -----------------------------------------------------------------


def accessibility_tree(page):
    """What Chromium's accessibility tree (what a screen reader reads) gives of the texts
    UNSEEN_TEXTS numbered: ({number: its text node is exposed}, {number: the names of the
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
