"""Links (theme 6) and scripts (theme 7, and what scripts do for 12.10, 13.2, 13.9 to 13.12):
the checks of 6.1 and 6.2, ``script_features``, which reads what a script listens to, and
``_window_openers``, what in the page's scripts may open a window (13.2).
"""

import re

from .page import _javascript, _name, _shown, _tag, _text

# Links that say nothing read on their own (a screen reader's list of links): RGAA 6.1.
VAGUE = {
    "ici",
    "cliquez ici",
    "cliquer ici",
    "lire la suite",
    "en savoir plus",
    "plus",
    "lien",
    "suite",
    "voir",
    "page",
    "ce lien",
}


def _links(page):
    return [_tag(a) for a in page.soup.select("a[href], area[href], [role=link]")]


def explicit_links(page):
    """6.1: no link whose text says nothing out of context, unless its name says more."""
    found = []
    for link in page.find_all("a", href=True):
        said = _name(link).lower().strip(" .…:»«")
        if said in VAGUE:
            found.append(
                f"lien « {_text(link)} » vers {link['href']} : son intitulé ne dit pas où il mène"
            )
    return found


def link_names(page):
    """6.2: every link has a name."""
    return [
        f"lien vers {link['href']} sans intitulé"
        for link in page.find_all("a", href=True)
        if not _name(link)
    ]


EVENT = re.compile(
    r"""addEventListener\(\s*["'`]([a-zA-Z]+)["'`]|\.on([a-z]+)\s*=(?!=)"""
    r"""|\bon\(\s*["'`]([a-zA-Z]+)"""  # jQuery's .on("click", …)
)


# What a script does that makes a criterion apply, by name → the events or code that show it.
FEATURES = {
    "clavier": {"keydown", "keypress", "keyup"},
    "pointeur": {
        "click",
        "dblclick",
        "auxclick",
        "contextmenu",
        "mousedown",
        "mouseup",
        "pointerdown",
        "pointerup",
        "touchstart",
        "touchend",
    },
    # Pressed or put down (RGAA glossary « pressé ou posé »): an action there cannot be
    # cancelled by moving away before release, unless the script says how (13.11).
    "appui": {"mousedown", "pointerdown", "touchstart"},
    "trajectoire": {"touchmove", "pointermove", "mousemove", "dragstart", "drag", "drop"},
    "plusieurs doigts": {"gesturestart", "gesturechange", "gestureend"},
    "mouvement de l'appareil": {"devicemotion", "deviceorientation", "deviceorientationabsolute"},
    "survol ou focus": {"mouseover", "mouseenter", "focus", "focusin"},
}


CODE = {
    "plusieurs doigts": re.compile(r"\b(touches|targetTouches)\.length|\btouches\[1\]"),
    "mouvement de l'appareil": re.compile(r"\bDevice(Motion|Orientation)Event\b"),
    "verrouillage de l'orientation": re.compile(r"\borientation\.lock\(|\blockOrientation\("),
}


def _script_code(js):
    # Comments may name what the script does not do.
    js = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$", "", js)


def script_features(js, handlers=()):
    """{feature: [what shows it]} in the JavaScript ``js`` (and the page's inline ``handlers``,
    attribute names such as onclick): keyboard listeners, pointer and touch handlers, gestures,
    device motion, orientation lock (see FEATURES and CODE)."""
    js = _script_code(js)
    events = {next(g for g in m.groups() if g).lower() for m in EVENT.finditer(js)}
    events |= {name[2:].lower() for name in handlers}
    found = {}
    for feature, names in FEATURES.items():
        if events & names:
            found[feature] = sorted(events & names)
    for feature, pattern in CODE.items():
        shown = [m.group(0).rstrip("(") for m in pattern.finditer(js)]
        if shown:
            found.setdefault(feature, []).extend(sorted(set(shown)))
    if events:
        found["gestionnaires"] = sorted(events)
    return found


def _handlers(page):
    return sorted(
        {
            attribute
            for element in page.soup.find_all(True)
            for attribute in element.attrs
            if attribute.startswith("on")
        }
    )


def _scripts(page):
    found = [_tag(s) for s in page.soup.find_all("script") if _javascript(s)]
    found += [f"attribut {a}" for a in _handlers(page)]
    found += [
        f"lien javascript: « {_shown(a)} »"
        for a in page.soup.find_all(href=re.compile(r"^\s*javascript:", re.I))
    ]
    return found


def _features(page):
    return script_features(page.scripts, _handlers(page))


def _feature(*names):
    return lambda page: [f"{n} ({', '.join(v)})" for n, v in _features(page).items() if n in names]


def _scripted_components(page):
    # A script that listens to events controls the component it listens on (7.1, 7.3).
    if not _scripts(page):
        return []
    return _feature("gestionnaires")(page)


def _noscript_alternatives(page):
    return [_tag(n) for n in page.soup.find_all("noscript")] if _scripts(page) else []


def _status_messages(page):
    if not _scripts(page):
        return []
    regions = "[role=status], [role=alert], [role=log], [role=progressbar], [aria-live]"
    return [_tag(e) for e in page.soup.select(regions) if e.get("aria-live") != "off"]


# What opens a window or a tab from a script: window.open(), a target « _blank » given to a
# link or a form, showModalDialog(); open() alone too, unless the script names a function of
# its own « open ».
WINDOWS = re.compile(
    r"\b(?:window|self|top|parent|globalThis)\s*\.\s*open\s*\("
    r"|[\"'`]_blank[\"'`]"
    r"|\bshowModalDialog\s*\("
)
BARE_OPEN = re.compile(r"(?<![\w.$])(?<!function )open\s*\(")
OWN_OPEN = re.compile(r"\b(?:const|let|var|function)\s+open\b")


def _window_openers(page):
    """What, in the scripts the page loads (its own, the site's files and the modules they
    import, its event attributes, its javascript: links), may open a window (13.2): code
    cannot tell whether it waits for the visitor's action, a person does."""
    sources = [*page.script_files]
    sources += [
        (f"attribut {name} de {_tag(element)}", element[name])
        for element in page.soup.find_all(True)
        for name in element.attrs
        if name.startswith("on")
    ]
    sources += [
        (f"lien {_tag(a)}", a["href"])
        for a in page.soup.find_all(href=re.compile(r"^\s*javascript:", re.I))
    ]
    found = []
    for where, code in sources:
        code = _script_code(code)
        matches = [*WINDOWS.finditer(code)]
        if not OWN_OPEN.search(code):
            matches += BARE_OPEN.finditer(code)
        found += [f"{m.group(0).rstrip('(').strip()} ({where})" for m in matches]
    return list(dict.fromkeys(found))
