"""The commune's identity: its name, the town hall's contacts, the menu and footer links.

One data file (``content/data/commune.toml``) holds them; the static site and formsvc render
the same layout from it, so a change of phone number is made once.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from commune.datafiles import Fields, read_toml
from commune.typographie import typeset

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "data" / "commune.toml"


@dataclass(frozen=True)
class Contact:
    """A postal address with a phone and an e-mail, as shown on contact cards."""

    nom: str
    adresse: tuple[str, ...]
    courriel: str
    telephone: str | None = None

    @property
    def telephone_uri(self):
        """The ``tel:`` link target in international form (``+33…``) for French numbers."""
        if not self.telephone:
            return None
        digits = "".join(c for c in self.telephone if c.isdigit())
        return "tel:+33" + digits[1:] if digits.startswith("0") else "tel:" + digits


@dataclass(frozen=True)
class Link:
    titre: str
    url: str


@dataclass(frozen=True)
class Identity:
    """What the layout needs about the commune, and nothing about any page."""

    nom: str
    commune: str
    slogan: str
    mairie: Contact
    dpo: Contact
    menu: tuple[Link, ...]
    pied_de_page: tuple[Link, ...]
    siret: str | None = None  # 14 digits: the open data of the council's acts need it
    prefecture: str | None = None  # the legality control's code, e.g. PREF062


def _collectivite(fields):
    """The administrative identifiers of ``[collectivite]`` (optional table)."""
    if "collectivite" not in fields.table:
        return {}
    table = fields.table_of("collectivite")
    siret = table.text("siret")
    if not re.fullmatch(r"\d{14}", siret):
        raise table.error("siret", f"invalide « {siret} » (14 chiffres)")
    prefecture = table.table.get("prefecture") and table.text("prefecture")
    if prefecture and not re.fullmatch(r"PREF\d{3}", prefecture):
        raise table.error("prefecture", f"invalide « {prefecture} » (par ex. PREF062)")
    return {"siret": siret, "prefecture": prefecture}


def _prose(fields, name):
    """A text field as readers see it, typeset (not for addresses of any kind: URLs, mails)."""
    return typeset(fields.text(name), html=False)


def _contact(fields):
    return Contact(
        nom=_prose(fields, "nom"),
        adresse=tuple(typeset(line, html=False) for line in fields.texts("adresse")),
        courriel=fields.text("courriel"),
        telephone=fields.table.get("telephone") and fields.text("telephone"),
    )


def _links(fields, name):
    links = []
    for entry in fields.entries(name):
        url = entry.text("url")
        if not url.startswith("/"):
            problem = f"invalide « {url} » (chemin du site attendu, par ex. /actualites/)"
            raise entry.error("url", problem)
        links.append(Link(titre=_prose(entry, "titre"), url=url))
    return tuple(links)


def load(path=DEFAULT_PATH):
    """Return the Identity read from ``path``; raise DataError naming the faulty field."""
    fields = Fields(path, read_toml(path))
    return Identity(
        nom=_prose(fields, "nom"),
        commune=_prose(fields, "commune"),
        slogan=_prose(fields, "slogan"),
        mairie=_contact(fields.table_of("mairie")),
        dpo=_contact(fields.table_of("dpo")),
        menu=_links(fields, "menu"),
        pied_de_page=_links(fields, "pied_de_page"),
        **_collectivite(fields),
    )
