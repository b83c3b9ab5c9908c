"""The family portal and its formalities (« démarches »), from ``content/data/demarches.toml``.

Read by the build (the site's page presenting the portal) and by formsvc (/portail/ and its
redirects), so that one file decides where families are sent and what the portal is called:
neither its name nor its page's address is written in code or templates.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from commune.datafiles import Fields, read_toml
from commune.permanences import PARIS
from commune.typographie import typeset

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "data" / "demarches.toml"
GROUPS = ("petite enfance", "écoles", "loisirs", "restauration scolaire", "paiement")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The site's page presenting the portal: one address at the root, as pages are (/<slug>/).
PAGE = re.compile(r"/[a-z0-9]+(-[a-z0-9]+)*/")


@dataclass(frozen=True)
class Maintenance:
    texte: str
    fin: datetime.datetime  # aware, Europe/Paris


@dataclass(frozen=True)
class Demarche:
    slug: str
    titre: str
    description: str
    groupe: str
    url: str  # the portal's page, https
    maintenance: Maintenance | None = None

    def en_maintenance(self, now):
        """The maintenance going on at ``now`` (aware), or None."""
        m = self.maintenance
        return m if m and now < m.fin else None


@dataclass(frozen=True)
class Portail:
    nom: str  # « Arras famille »: how residents know the portal
    page: str  # the site's page presenting it, « /arras-famille/ »
    url: str
    demarches: tuple[Demarche, ...]

    def get(self, slug):
        return next((d for d in self.demarches if d.slug == slug), None)

    def par_groupe(self):
        """[(group, [démarches])] in the fixed order of GROUPS, empty groups left out."""
        groups = [(g, [d for d in self.demarches if d.groupe == g]) for g in GROUPS]
        return [(g, items) for g, items in groups if items]


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _https(fields, field, value):
    """An https:// address; plain http:// only on this machine (a local stand-in portal)."""
    parts = urlsplit(value)
    local = parts.scheme == "http" and parts.hostname in LOOPBACK
    if not (parts.scheme == "https" or local) or not parts.netloc:
        raise fields.error(field, f"invalide « {value} » (une adresse https:// est attendue)")
    return value.rstrip("/")


def _maintenance(entry):
    raw = entry.table.get("maintenance")
    if raw is None:
        return None
    fields = Fields(entry.path, raw, entry=entry.entry)
    fin = raw.get("fin")
    if not isinstance(fin, datetime.datetime) or fin.tzinfo is not None:
        raise fields.error(
            "maintenance.fin", f"invalide « {fin} » (format attendu AAAA-MM-JJTHH:MM)"
        )
    texte = typeset(fields.text("texte"), html=False)
    return Maintenance(texte=texte, fin=fin.replace(tzinfo=PARIS))


def load(path=DEFAULT_PATH):
    """Return the Portail of ``path``; raise DataError naming the file, entry and field."""
    fields = Fields(path, read_toml(path))
    base = _https(fields, "portail", fields.text("portail"))
    nom = typeset(fields.text("nom"), html=False)
    page = fields.text("page")
    if not PAGE.fullmatch(page):
        raise fields.error(
            "page", f"invalide « {page} » (l'adresse d'une page du site, comme /portail-famille/)"
        )
    demarches, seen = [], set()
    for n, entry in enumerate(fields.entries("demarche"), 1):
        slug = entry.text("slug")
        entry.entry = f"demarche n° {n} (« {slug} »)"
        if not SLUG.fullmatch(slug):
            raise entry.error("slug", f"invalide « {slug} » (minuscules, chiffres et tirets)")
        if slug in seen:
            raise entry.error("slug", f"en double « {slug} » (chaque démarche a le sien)")
        seen.add(slug)
        groupe = entry.text("groupe")
        if groupe not in GROUPS:
            raise entry.error("groupe", f"inconnu « {groupe} » (possibles : {', '.join(GROUPS)})")
        chemin = entry.text("chemin")
        if not chemin.startswith("/"):
            raise entry.error("chemin", f"invalide « {chemin} » (doit commencer par /)")
        demarches.append(
            Demarche(
                slug=slug,
                titre=typeset(entry.text("titre"), html=False),
                description=typeset(entry.text("description"), html=False),
                groupe=groupe,
                url=_https(entry, "chemin", base + chemin),
                maintenance=_maintenance(entry),
            )
        )
    return Portail(nom=nom, page=page, url=base, demarches=tuple(demarches))
