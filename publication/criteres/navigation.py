"""Navigation (theme 12): the navigation systems a page offers (12.1), the skip link (12.7),
and the navigation kept the same across the pages of a set (12.2, 12.4, 12.5).
"""

import re

from .page import FOCUSABLE, _tag, _text, _within, read
from .structuration import SECTIONING, _banners, _contentinfos, _label, _mains, _navs


def main_menu(soup):
    """The page's main menu: the first navigation zone in the page header, else the first
    one outside the page footer that is not a breadcrumb trail."""
    for banner in _banners(soup):
        navs = banner.select("nav, [role=navigation]")
        if navs:
            return navs[0]
    for nav in _navs(soup):
        footer = any(nav in f.descendants for f in _contentinfos(soup))
        trail = re.search(r"ariane|breadcrumb", _label(nav), re.I)
        if not footer and not trail and nav.find("a", href=True):
            return nav
    return None


def _outside_main(elements):
    # A link in the content (« see the site map ») is not the way every page offers.
    repeated = [e for e in elements if not e.find_parent("main")]
    return repeated or elements


def _site_map_links(soup):
    links = [a for a in soup.find_all("a", href=True) if "plan du site" in _text(a).lower()]
    return _outside_main(links)


def _search_accesses(soup):
    links = [
        a for a in soup.find_all("a", href=True) if re.match(r"recherch|search", _text(a), re.I)
    ]
    return _outside_main(links + soup.select("[role=search], search"))


def navigation_systems(page):
    """12.1: each page offers two navigation systems at least, of menu, site map and search."""
    systems = [
        name
        for name, present in (
            ("menu", main_menu(page) is not None),
            ("plan du site", bool(_site_map_links(page))),
            ("recherche", bool(_search_accesses(page))),
        )
        if present
    ]
    if len(systems) >= 2:
        return []
    count = (
        f"un seul système de navigation ({systems[0]})"
        if systems
        else "aucun système de navigation"
    )
    return [f"{count} : il en faut deux au moins parmi le menu, le plan du site et la recherche"]


def skip_link(page):
    """12.7: the first element a Tab reaches is a link to the main content, the visible <main>
    (or role=main) itself or its first heading: placed before all the page repeats, the same
    on every page. That it shows when it has the focus is checked in Chromium
    (tests/browser/test_rgaa.py)."""
    first = next(
        (e for e in page.select(FOCUSABLE) if (e.get("tabindex") or "").strip() != "-1"), None
    )
    if first is None or first.name != "a" or not first.get("href", "").startswith("#"):
        return ["pas de lien d'évitement vers le contenu principal en tête de page"]
    target_id = first["href"][1:]
    target = page.find(id=target_id) if target_id else None
    if target is None:
        return [f"le lien d'évitement mène à #{target_id}, qui n'existe pas"]
    mains = _mains(page)
    main = mains[0] if mains else None
    heading = main.find(HEADING) if main else None
    if target is main or (heading is not None and target is heading):
        return []
    return [
        f"le lien d'évitement mène à #{target_id} ({_tag(target)}), qui n'est ni le contenu "
        "principal (<main>) ni son premier titre"
    ]


HEADING = re.compile(r"^h[1-6]$")


ROLES = {
    "banner": "en-tête",
    "contentinfo": "pied de page",
    "navigation": "navigation",
    "main": "contenu principal",
    "complementary": "complément",
    "search": "recherche",
}


def _landmark(element):
    role = element.get("role")
    if role:
        return ROLES.get(role)
    if element.name in ("header", "footer"):
        if _within(element, SECTIONING):
            return None
        return "en-tête" if element.name == "header" else "pied de page"
    names = {"nav": "navigation", "main": "contenu principal", "aside": "complément"}
    return names.get(element.name) or ("recherche" if element.name == "search" else None)


def _zone(element):
    """Where ``element`` sits in the page structure: the landmarks around it, named."""
    names = []
    for parent in reversed([p for p in element.parents if p.name != "[document]"]):
        kind = _landmark(parent)
        if kind:
            label = _label(parent)
            names.append(f"{kind} « {label} »" if label else kind)
    return " > ".join(names) or "hors des zones de la page"


def consistent_navigation(pages, home=None):
    """12.2, 12.4, 12.5 across pages ``{page id: html or Page}``: {page id: {criterion:
    [problems]}}.

    Pages are grouped by the name of their main menu: a set of pages (formsvc's back office,
    « Menu de l'espace de gestion ») may have a navigation of its own, consistent within
    itself. In a set, the main menu sits in the same zone of the page structure and the links
    two pages share come in the same order (a signed-out page may show fewer links: WCAG 3.2.3
    asks for the same relative order, not for the same links); the link to the site map and
    the access to the search sit at the same place with the same words on every page, or on
    none. ``home``: the id of the home page, which the RGAA leaves out of 12.2.
    """
    found, groups = {}, {}
    for page_id, html in pages.items():
        soup = read(html).soup
        menu = main_menu(soup)
        groups.setdefault(_label(menu) if menu else "", []).append((page_id, soup, menu))
    for members in groups.values():
        # The way most pages of the set do it is the reference; the others are compared to it.
        menus = [(i, m) for i, _soup, m in members if m is not None and i != home]
        if menus:
            reference = _most_common(menus, lambda m: (_zone(m), _hrefs(m)))
            for page_id, menu in menus:
                _compare_menus(page_id, menu, *reference, found)
        for numero, find, what in (
            ("12.4", _site_map_links, "lien vers le plan du site"),
            ("12.5", _search_accesses, "accès à la recherche"),
        ):
            accesses = [(i, find(soup)) for i, soup, _menu_ in members]
            first_id, first = _most_common(accesses, _access)
            for page_id, here in accesses:
                problem = _compare_accesses(here, first, what, first_id)
                if problem:
                    found.setdefault(page_id, {}).setdefault(numero, []).append(problem)
    return found


def _hrefs(menu):
    return tuple(a["href"] for a in menu.find_all("a", href=True))


def _access(elements):
    return (_text(elements[0]), _place(elements[0])) if elements else None


def _most_common(items, key):
    """The (id, thing) of ``items`` whose ``key`` most of them share (the first on a tie)."""
    counts = {}
    for _id, thing in items:
        counts[key(thing)] = counts.get(key(thing), 0) + 1
    best = max(counts.values())
    return next((i, t) for i, t in items if counts[key(t)] == best)


def _compare_menus(page_id, menu, first_id, first, found):
    if page_id == first_id:
        return
    ours, theirs = _hrefs(menu), _hrefs(first)
    problems = []
    if [h for h in ours if h in theirs] != [h for h in theirs if h in ours]:
        problems.append(f"les liens du menu ne sont pas dans le même ordre que sur {first_id}")
    if _zone(menu) != _zone(first):
        problems.append(
            f"le menu est dans « {_zone(menu)} », sur {first_id} dans « {_zone(first)} »"
        )
    if problems:
        found.setdefault(page_id, {}).setdefault("12.2", []).extend(problems)


def _compare_accesses(here, there, what, first_id):
    if here is there or (not here and not there):
        return None
    if not here:
        return f"pas de {what}, que {first_id} a ({_zone(there[0])})"
    if not there:
        return f"{what} ({_zone(here[0])}) absent de {first_id}"
    ours = (_text(here[0]), _place(here[0]))
    theirs = (_text(there[0]), _place(there[0]))
    if ours != theirs:
        return (
            f"{what} « {ours[0]} » ({ours[1]}) pas comme sur {first_id} : "
            f"« {theirs[0]} » ({theirs[1]})"
        )
    return None


def _place(element):
    """``element``'s zone and its rank among the elements of its kind in that zone."""
    zone = next((p for p in element.parents if p.name != "[document]" and _landmark(p)), None)
    among = (zone or element.find_parent("body") or element).find_all(element.name)
    return f"{_zone(element)}, n° {among.index(element) + 1}"
