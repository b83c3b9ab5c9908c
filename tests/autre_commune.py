"""Exempleville, the second commune of the tests, and what of Arras must never show in it.

The kit is reused by changing content and settings only: tests/communes/exempleville/ holds
nothing else. Whatever a build or formsvc writes for it is searched for Arras's name and for
every value of Arras's own data files (names, addresses, phone, e-mails, portal, formalities,
service), so a word left in code or a template is found wherever it shows.
"""

import gzip
from pathlib import Path
from urllib.parse import urlsplit

from commune import demarches, identity, permanences

ROOT = Path(__file__).resolve().parent.parent
EXEMPLEVILLE = ROOT / "tests" / "communes" / "exempleville"
SETTINGS = EXEMPLEVILLE / "exempleconf.py"
CONTENT = EXEMPLEVILLE / "content"
DATA = CONTENT / "data"
ARRAS_DATA = ROOT / "content" / "data"


def _contact(contact):
    return [contact.nom, *contact.adresse, contact.courriel, contact.telephone]


def arras_marks(data=ARRAS_DATA):
    """Every value that is Arras's own: read from its data files, never written here."""
    town = identity.load(data / "commune.toml")
    portal = demarches.load(data / "demarches.toml")
    service = permanences.load(data / "permanences.toml")
    marks = [
        "arras",  # the name, also in « Arrageois », « arras.fr », « /arras-famille/ »
        town.nom,
        town.slogan,
        town.siret,
        town.prefecture,
        *_contact(town.mairie),
        *_contact(town.dpo),
        portal.nom,
        portal.page,
        urlsplit(portal.url).hostname,
        *(d.titre for d in portal.demarches),
        *(f"/portail/{d.slug}" for d in portal.demarches),
        service.service,
    ]
    # Case-insensitive, apostrophes either way: the typography turns ' into ’.
    # A placeholder such as the SIRET « 00000000000000 » is nobody's: it is left out.
    found = {m.lower().replace("’", "'") for m in marks if m and len(set(m)) > 1}
    return sorted(found)


def mentions_of_arras(text, marks):
    """The marks of Arras found in ``text`` (a page, a mail, a file of the build)."""
    folded = text.lower().replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ")
    return [m for m in marks if m.replace("\u202f", " ").replace("\u00a0", " ") in folded]


def file_text(path):
    """A built file as text, gzip'd files (Pagefind's index) opened as the browser would;
    the words in a binary file (Pagefind's index, images) are read too."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")
