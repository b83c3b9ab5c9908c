"""Mandatory elements (theme 8): doctype, language and title of the page (8.1, 8.3, 8.5),
titles shared by two pages (8.6), changes of language (8.8), tags used to make space (8.9) and
reading direction (8.10).
"""

import re
import unicodedata

from bs4 import NavigableString, Tag

from .page import _body, _shown, _tag, _text, _texts, read


def _always(page):
    return ["la page"]


def _text_in_body(page):
    return ["du texte"] if _text(_body(page)) else []


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


def _language_changes(page):
    return [
        _tag(e) for e in _body(page).find_all(lambda e: e.has_attr("lang") or "xml:lang" in e.attrs)
    ]


# A language tag (BCP 47, the common forms): a 2 or 3 letter language, then subtags.
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.I)


def language_codes(page):
    """8.8 (in part): each change of language has a valid code (whether it is the right
    language, only a person can say)."""
    body = page.body or page
    return [
        f"code de langue « {value} » invalide sur {_tag(element)}"
        for element in body.find_all(True)
        for value in (element.get("lang"), element.get("xml:lang"))
        if value is not None and value.strip() and not LANGUAGE_TAG.match(value.strip())
    ]


EMPTY_NAMES = {"p": "paragraphe", "li": "élément de liste"} | {
    f"h{n}": f"titre de niveau {n}" for n in range(1, 7)
}


def presentational_tags(page):
    """8.9 (in part): no empty paragraph, list item or heading, no run of <br>, used to make
    space. Elements a script fills (those with an id, a role or a live region) are left out."""
    found = []
    for element in (page.body or page).find_all(list(EMPTY_NAMES)):
        # Nothing but spaces and line breaks: an icon link or a field inside says something.
        if element.get_text().strip() or any(e.name != "br" for e in element.find_all(True)):
            continue
        if any(
            a == "id" or a == "role" or a == "hidden" or a.startswith("aria-")
            for a in element.attrs
        ):
            continue
        found.append(f"{EMPTY_NAMES[element.name]} vide ({_tag(element)}), utilisé pour espacer")
    for br in (page.body or page).find_all("br"):
        following = br.next_sibling
        while isinstance(following, NavigableString) and not following.strip():
            following = following.next_sibling
        if isinstance(following, Tag) and following.name == "br":
            where = br.find_parent(["p", "div", "li", "td", "address", "section", "main"])
            found.append(f"suite de <br> pour espacer le texte : « {_shown(where or br.parent)} »")
    return found


def _rtl(text):
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _direction_changes(page):
    found = [_tag(e) for e in _body(page).find_all(dir=True)]
    found += [f"texte « {s.strip()[:40]} »" for s in _texts(page.soup) if _rtl(s)]
    return found


def reading_direction(page):
    """8.10: text written right to left sits in an element with a dir attribute, and every dir
    says ltr or rtl."""
    found = [
        f"attribut dir « {e['dir']} » : le sens de lecture se déclare rtl ou ltr ({_tag(e)})"
        for e in page.find_all(dir=True)
        if e["dir"].strip().lower() not in ("ltr", "rtl")
    ]
    for string in _texts(page):
        if _rtl(string) and not any(
            p.has_attr("dir") for p in string.parents if isinstance(p, Tag)
        ):
            found.append(
                f"texte écrit de droite à gauche sans attribut dir : « {string.strip()[:40]} »"
            )
    return found


def duplicate_titles(pages):
    """8.6 (in part): two pages of the sample with one title. ``pages``: {address: html}."""
    seen, found = {}, {}
    for address, html in pages.items():
        shown = read(html).soup.find("title")
        text = _text(shown) if shown else ""
        if text in seen:
            found[address] = [f"même titre que {seen[text]} : « {text} »"]
        else:
            seen[text] = address
    return found
