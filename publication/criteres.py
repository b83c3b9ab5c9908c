"""RGAA criteria a program can check in a page's HTML, without a browser.

Each check returns the problems it finds on one page, as French sentences. Finding none does
not always prove a criterion met (an alternative may be present and still say nothing: only a
person can judge); finding one always proves it failed. ``invoke publish`` runs them on the
pages of the RGAA sample and refuses to publish when a criterion the grid declares met fails
(publication/publier.py), so an editor's missing alternative or an empty link never goes
online unnoticed. The tests run them on every page of the sample (tests/site/test_rgaa.py).
"""

import re

from bs4 import BeautifulSoup
from pypdf import PdfReader

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
FIELDS = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])"
    ":not([type=image]), select, textarea"
)


def parse(html):
    return BeautifulSoup(html, "html.parser")


def _text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def _name(element):
    """The accessible name a screen reader gives a link or a button (the common cases)."""
    for attribute in ("aria-label", "title"):
        if (element.get(attribute) or "").strip():
            return element[attribute].strip()
    labelled = element.get("aria-labelledby")
    if labelled:
        return labelled  # an id list: named, whatever it says
    images = " ".join((img.get("alt") or "") for img in element.find_all("img"))
    return " ".join(f"{_text(element)} {images}".split())


def _shown(element):
    return _text(element)[:60] or str(element)[:60]


def images(page):
    """1.1: every image has an alternative attribute (empty when decorative)."""
    found = [
        f"image {img.get('src', '?')} sans attribut alt"
        for img in page.find_all("img")
        if img.get("alt") is None
        and img.get("role") != "presentation"
        and img.get("aria-hidden") != "true"
    ]
    for svg in page.select("svg[role=img]"):
        if not (svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")):
            found.append("image SVG (role=img) sans alternative")
    return found


def frames(page):
    """2.1: every frame has a title."""
    return [
        f"cadre {f.get('src', '?')} sans titre (title)"
        for f in page.find_all(["iframe", "frame"])
        if not (f.get("title") or "").strip()
    ]


def table_headers(page):
    """5.6: a data table declares its headers (a layout table says role=presentation)."""
    return [
        f"tableau sans en-tête (th) : « {_shown(t)} »"
        for t in page.find_all("table")
        if t.get("role") not in ("presentation", "none") and not t.find("th")
    ]


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


def doctype(html):
    """8.1: the document type is declared."""
    return [] if html.lstrip().lower().startswith("<!doctype html") else ["pas de <!doctype html>"]


def language(page):
    """8.3: the page's language is declared."""
    root = page.find("html")
    return (
        []
        if root is not None and (root.get("lang") or "").strip()
        else ["langue de la page non déclarée (<html lang>)"]
    )


def title(page):
    """8.5: the page has a title."""
    found = page.find("title")
    return [] if found is not None and _text(found) else ["page sans titre (<title>)"]


def headings(page):
    """9.1: one main heading, and no level skipped on the way down (h2 then h4)."""
    found, previous = [], 0
    levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
    if levels.count(1) != 1:
        found.append(f"{levels.count(1)} titre(s) de niveau 1 au lieu d'un")
    for level in levels:
        if previous and level > previous + 1:
            found.append(f"titre de niveau {level} après un titre de niveau {previous}")
        previous = level
    return found


def _labelled(page, field):
    if (
        (field.get("aria-label") or "").strip()
        or field.get("aria-labelledby")
        or field.get("title")
    ):
        return True
    if field.find_parent("label") is not None:
        return True
    identifier = field.get("id")
    return bool(identifier and page.find("label", attrs={"for": identifier}))


def labels(page):
    """11.1: every form field has a label."""
    return [
        f"champ « {f.get('name', '?')} » sans étiquette"
        for f in page.select(FIELDS)
        if not _labelled(page, f)
    ]


def buttons(page):
    """11.9: every button has a name."""
    found = []
    for button in page.select("button, input[type=submit], input[type=button]"):
        name = _name(button) or (button.get("value") or "").strip()
        if not name:
            found.append("bouton sans intitulé")
    return found


def skip_link(page):
    """12.7: the first link leads to the main content, which exists."""
    first = page.find("a", href=True)
    if first is None or not first["href"].startswith("#"):
        return ["pas de lien d'évitement vers le contenu principal en tête de page"]
    target = first["href"][1:]
    if not page.find(id=target):
        return [f"le lien d'évitement mène à #{target}, qui n'existe pas"]
    return []


def no_automatic_window(page):
    """13.2: nothing opens or reloads a page without the visitor's action."""
    found = []
    if page.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
        found.append("rechargement ou redirection automatique (meta refresh)")
    if any("window.open" in (script.string or "") for script in page.find_all("script")):
        found.append("ouverture de fenêtre par un script (window.open)")
    return found


# Criterion → its check, on the parsed page (8.1 reads the HTML text itself).
CHECKS = {
    "1.1": images,
    "2.1": frames,
    "5.6": table_headers,
    "6.1": explicit_links,
    "6.2": link_names,
    "8.3": language,
    "8.5": title,
    "9.1": headings,
    "11.1": labels,
    "11.9": buttons,
    "12.7": skip_link,
    "13.2": no_automatic_window,
}


def check(html):
    """{criterion: [problems]} for one page's HTML, criteria without a problem left out."""
    page = parse(html)
    found = {"8.1": doctype(html)} | {numero: run(page) for numero, run in CHECKS.items()}
    return {numero: problems for numero, problems in found.items() if problems}


def duplicate_titles(pages):
    """8.6 (in part): two pages of the sample with one title. ``pages``: {address: html}."""
    seen, found = {}, {}
    for address, html in pages.items():
        shown = parse(html).find("title")
        text = _text(shown) if shown else ""
        if text in seen:
            found[address] = [f"même titre que {seen[text]} : « {text} »"]
        else:
            seen[text] = address
    return found


def tagged_pdf(path):
    """13.3: a PDF a screen reader can follow is tagged (a structure tree, marked content)."""
    root = PdfReader(path).trailer["/Root"]
    marked = root.get("/MarkInfo")
    return "/StructTreeRoot" in root and bool(marked and marked.get_object().get("/Marked"))


def linked_pdfs(page):
    """The addresses of the PDF files a page offers to download."""
    return [a["href"] for a in page.find_all("a", href=True) if a["href"].lower().endswith(".pdf")]


# What a rule may change on hover without making anything appear: how a thing looks, never
# whether it is there. Anything else (display, visibility, opacity, height, position…) on
# :hover must be matched by the same rule on :focus (RGAA 10.14, 10.13).
LOOKS = re.compile(
    r"^(color|background(-color)?|border(-\w+)*-color|text-decoration(-\w+)*|outline(-\w+)*"
    r"|box-shadow|cursor)$"
)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
FOCUS = (":focus", ":focus-within", ":focus-visible")


def hover_only(css):
    """The selectors of ``css`` that reveal something on hover and not on keyboard focus."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    changes = {}  # selector → the properties its rules set
    for selectors, body in RULE.findall(css):
        properties = {d.split(":", 1)[0].strip() for d in body.split(";") if ":" in d}
        for one in (s.strip() for s in selectors.split(",")):
            changes.setdefault(one, set()).update(properties)
    found = []
    for selector, properties in changes.items():
        if ":hover" not in selector:
            continue
        revealing = {p for p in properties if not LOOKS.match(p)}
        focus = (selector.replace(":hover", pseudo) for pseudo in FOCUS)
        if revealing and not any(revealing <= changes.get(f, set()) for f in focus):
            found.append(selector)
    return found
