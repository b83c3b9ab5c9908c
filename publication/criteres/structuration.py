"""Structure of the information (theme 9) and the landmarks a keyboard or screen reader user
reaches (12.6): headings (9.1), the page's zones (9.2), lists (9.3) and quotations (9.4).
"""

import re

from .page import _shown, _tag, _text, _within

SECTIONING = ("article", "aside", "main", "nav", "section")


def _visible(element):
    return not element.has_attr("hidden") and element.get("aria-hidden") != "true"


def _banners(soup):
    headers = [h for h in soup.find_all("header") if not _within(h, SECTIONING)]
    return [e for e in headers + soup.select("[role=banner]") if _visible(e)]


def _contentinfos(soup):
    footers = [f for f in soup.find_all("footer") if not _within(f, SECTIONING)]
    return [e for e in footers + soup.select("[role=contentinfo]") if _visible(e)]


def _mains(soup):
    return [e for e in soup.select("main, [role=main]") if _visible(e)]


def _navs(soup):
    return soup.select("nav, [role=navigation]")


def _label(element):
    labelled = element.get("aria-labelledby")
    if labelled:
        named = [element.find_parent("html") or element]
        found = [n.find(id=i) for n in named for i in labelled.split()]
        return " ".join(_text(f) for f in found if f)
    return (element.get("aria-label") or "").strip()


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


def _lists(page):
    return [_tag(e) for e in page.soup.select("ul, ol, dl, [role=list]")]


def _quotations(page):
    return [_tag(e) for e in page.soup.find_all(["q", "blockquote"])]


def structure(page):
    """9.2: one page header (<header> outside any section), one visible <main>, one page
    footer; <nav> holds links, and no list of links in the page header sits outside a <nav>."""
    found = []
    for count, what in (
        (len(_banners(page)), "zones d'en-tête de page (<header> hors des sections)"),
        (len(_mains(page)), "zones de contenu principal (<main>) visibles"),
        (len(_contentinfos(page)), "zones de pied de page (<footer> hors des sections)"),
    ):
        if count != 1:
            found.append(f"{count} {what} au lieu d'une")
    for nav in _navs(page):
        if not nav.find("a", href=True):
            found.append(
                f"zone de navigation « {_label(nav) or _shown(nav)} » sans aucun lien : <nav> "
                "est réservée aux menus et barres de navigation"
            )
    for banner in _banners(page):
        for listing in banner.find_all(["ul", "ol"]):
            items = listing.find_all("li", recursive=False)
            if (
                len(items) < 2
                or listing.find_parent(["nav"])
                or listing.find_parent(attrs={"role": "navigation"})
            ):
                continue
            # Links within the site, each alone in its item: a menu, whatever it looks like.
            if all(
                len(li.find_all("a", href=True)) == 1
                and _text(li) == _text(li.a)
                and not re.match(r"^[a-z][a-z0-9+.-]*:|//", li.a["href"], re.I)
                for li in items
            ):
                found.append(
                    f"liste de liens « {_shown(listing)} » dans l'en-tête hors d'une <nav>"
                )
    return found


def landmarks(page):
    """12.6: the zones a keyboard or screen reader user reaches or skips are landmarks: the
    main content; the site's search form (role=search, or a heading that names it)."""
    found = [] if _mains(page) else ["pas de zone de contenu principal (<main>) à atteindre"]
    for form in page.find_all("form"):
        if not form.select("input[type=search]"):
            continue
        if (
            form.get("role") == "search"
            or form.find_parent(["search"])
            or form.find_parent(attrs={"role": "search"})
        ):
            continue
        before = form.find_previous_sibling(True)
        if form.find(re.compile(r"^h[1-6]$")) or (before and re.match(r"^h[1-6]$", before.name)):
            continue
        found.append(
            "le formulaire de recherche n'est ni une zone de recherche (role=search) ni précédé "
            "d'un titre"
        )
    return found
