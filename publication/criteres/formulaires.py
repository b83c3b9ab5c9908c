"""Forms (theme 11): fields and their labels (11.1), buttons and their names (11.9), groups of
choices, checked fields, and the purpose of the fields about the person (11.13, autocomplete).
"""

import re
import unicodedata

from .page import BUTTONS, FIELDS, _name, _tag


def _fields(page):
    return [_tag(e) for e in page.soup.select(FIELDS)]


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


def _buttons(page):
    return [_tag(e) for e in page.soup.select(BUTTONS)]


def buttons(page):
    """11.9: every button has a name."""
    found = []
    for button in page.select("button, input[type=submit], input[type=button]"):
        name = _name(button) or (button.get("value") or "").strip()
        if not name:
            found.append("bouton sans intitulé")
    return found


def _grouped_choices(page):
    found = []
    for kind in ("radio", "checkbox"):
        names = [f.get("name") for f in page.soup.select(f"input[type={kind}]")]
        found += [f"cases « {n} »" for n in sorted({n for n in names if n and names.count(n) > 1})]
    return found


def _groupings(page):
    return [_tag(e) for e in page.soup.select("fieldset, [role=group], [role=radiogroup]")]


def _choice_lists(page):
    return [_tag(e) for e in page.soup.select("select, [role=listbox]")]


def _controlled_fields(page):
    return [
        _tag(e)
        for e in page.soup.select(FIELDS)
        if e.has_attr("required")
        or e.get("aria-required") == "true"
        or e.get("aria-invalid") == "true"
        or e.has_attr("pattern")
        or e.get("type") in ("email", "tel", "url", "number", "date")
    ]


# WCAG 2.1 « Input purposes for user interface components » (RGAA glossary), and what HTML
# allows besides.
# fmt: off
PURPOSES = {
    "name", "honorific-prefix", "given-name", "additional-name", "family-name",
    "honorific-suffix", "nickname", "organization-title", "username", "new-password",
    "current-password", "organization", "street-address", "address-line1", "address-line2",
    "address-line3", "address-level4", "address-level3", "address-level2", "address-level1",
    "country", "country-name", "postal-code", "cc-name", "cc-given-name", "cc-additional-name",
    "cc-family-name", "cc-number", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc", "cc-type",
    "transaction-currency", "transaction-amount", "language", "bday", "bday-day", "bday-month",
    "bday-year", "sex", "url", "photo", "tel", "tel-country-code", "tel-national",
    "tel-area-code", "tel-local", "tel-local-prefix", "tel-local-suffix", "tel-extension",
    "email", "impp",
}
# fmt: on


# fmt: on
CONTACT = {"tel", "email", "impp"} | {p for p in PURPOSES if p.startswith("tel-")}


# Words of a field's name or id that say it is about the person filling it in.
# fmt: off
PERSONAL = {
    "nom", "prenom", "name", "firstname", "lastname", "surname", "email", "courriel", "mail",
    "tel", "telephone", "phone", "mobile", "portable", "adresse", "address", "rue", "street",
    "cp", "codepostal", "postal", "zip", "ville", "city", "pays", "country", "naissance",
    "birthday", "bday", "identifiant", "login", "username", "password", "passwd", "motdepasse",
    "mdp",
}
# fmt: on


# fmt: on
EXPECTED = {
    "email": lambda purpose: purpose in ("email", "username"),
    "tel": lambda purpose: purpose.startswith("tel"),
    "password": lambda purpose: purpose.endswith("-password") or purpose == "one-time-code",
}


def _purpose(value):
    """The field name an autocomplete value gives (« email »), « off »/« on », or None when
    the value is not one HTML allows."""
    tokens = value.lower().split()
    if tokens in (["on"], ["off"]):
        return tokens[0]
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if tokens and tokens[0].startswith("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0] in ("home", "work", "mobile", "fax", "pager"):
        tokens = tokens[1:] if tokens[1] in CONTACT else tokens
    if len(tokens) == 1 and (tokens[0] in PURPOSES or tokens[0] == "one-time-code"):
        return tokens[0]
    return None


def _words(identifier):
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", identifier or "")
    words = [w for w in re.split(r"[^a-zA-Z0-9éè]+", unicodedata.normalize("NFC", spaced)) if w]
    words = [
        unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower() for w in words
    ]
    return set(words) | {"".join(words)}


def _about_the_person(field):
    if field.get("type") in EXPECTED:
        return True
    return bool((_words(field.get("name")) | _words(field.get("id"))) & PERSONAL)


def _personal_fields(page):
    return [
        _tag(f)
        for f in page.soup.select(FIELDS)
        if _about_the_person(f) or (_purpose(f.get("autocomplete", "")) not in (None, "on", "off"))
    ]


def _posted_forms(page):
    return [
        f"formulaire vers {form.get('action', 'la page')}"
        for form in page.soup.find_all("form")
        if (form.get("method") or "get").lower() == "post" and form.select(FIELDS)
    ]


def autocomplete(page):
    """11.13: every field about the person filling it in (name, e-mail, phone, address, user
    name, password) says its purpose with an autocomplete value from WCAG's list that fits its
    type; no field has a value HTML does not know. autocomplete="off" is read as « this field
    is not about you » (a trap for robots, someone else's address)."""
    found = []
    for field in page.select(FIELDS):
        name = field.get("name") or field.get("id") or "?"
        value = field.get("autocomplete")
        purpose = _purpose(value) if value is not None else None
        if value is not None and purpose is None:
            found.append(f"champ « {name} » : valeur d'autocomplétion « {value} » inconnue")
        elif not _about_the_person(field) or purpose == "off":
            continue
        elif value is None or purpose == "on":
            found.append(
                f"champ « {name} » sur la personne sans autocomplete qui dise ce qu'il attend"
            )
        elif field.get("type") in EXPECTED and not EXPECTED[field["type"]](purpose):
            found.append(
                f"champ « {name} » de type {field['type']} avec l'autocomplétion « {purpose} »"
            )
    return found
