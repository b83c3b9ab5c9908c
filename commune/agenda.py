"""The agenda (« agenda ») : every event of the commune, each from its one source.

- the mayor's online office hours: ``content/data/permanences.toml`` (commune/permanences.py,
  the file formsvc reads too);
- the council's séances: the acts' register (``content/actes/seances/``, commune/actes.py);
- any other event: one file per event in ``content/agenda/``, written by the editors::

    titre = "Remise du label « Ville Internet »"
    debut = 2013-01-31            # a day: an all-day event; or 2013-01-31T18:30:00
    fin = 2013-01-31              # optional; after the start
    lieu = "Metz"                 # or en_ligne = true
    fuseau = "Europe/Paris"       # optional, the default
    texte = \"\"\"Markdown.\"\"\"
    lien = { url = "/…", libelle = "…" }   # optional: what to do about it

An event is never typed twice: the agenda reads the other two sources. Every mistake is a
DataError naming the file and the field.
"""

import contextlib
import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from commune import actes, identity, permanences
from commune.datafiles import DataError, Fields, read_toml
from commune.identity import Link
from commune.typographie import typeset

PARIS = ZoneInfo("Europe/Paris")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FORM_URL = "/formulaires/permanence/"


@dataclass(frozen=True)
class Evenement:
    """One event: ``debut``/``fin`` are aware datetimes, or dates for an all-day event."""

    slug: str  # unique in the agenda; with the year, its address and its calendar UID
    genre: str  # "permanence", "seance" or "evenement"
    titre: str
    debut: object
    fin: object  # None: the end is not known (a council séance)
    lieu: str | None  # None with en_ligne
    en_ligne: bool
    texte: str  # Markdown
    lien: Link | None  # what to do about it: its text (titre) and address
    source: str  # the file it comes from, as the editor sees it
    exemple: bool = False

    @property
    def journee(self):
        """An all-day event (dates, no times)."""
        return not isinstance(self.debut, datetime.datetime)

    @property
    def annee(self):
        return self.debut.year

    def termine(self, now):
        """Over at ``now`` (aware): past events stay, marked « passé »."""
        if self.journee:
            last = self.fin or self.debut
            return now.astimezone(PARIS).date() > last
        return now >= (self.fin or self.debut)

    def en_cours(self, now):
        if self.journee:
            return self.debut <= now.astimezone(PARIS).date() <= (self.fin or self.debut)
        return self.fin is not None and self.debut <= now < self.fin


@dataclass
class Agenda:
    evenements: list  # chronological
    problems: list  # DataErrors

    def a_venir(self, now):
        return [e for e in self.evenements if not e.termine(now)]

    def passes(self, now):
        return [e for e in reversed(self.evenements) if e.termine(now)]

    def prochaine_permanence(self, now):
        """The office hour going on at ``now``, or the next one, or None."""
        return next(
            (e for e in self.evenements if e.genre == "permanence" and not e.termine(now)), None
        )


def _office_hours(path, shown):
    found = []
    for creneau in permanences.load(path).creneaux:
        found.append(
            Evenement(
                slug=f"permanence-en-ligne-{creneau.debut:%Y-%m-%d-%Hh%M}",
                genre="permanence",
                titre="Permanence en ligne du maire",
                debut=creneau.debut,
                fin=creneau.fin,
                lieu=None,
                en_ligne=True,
                texte=(
                    "Le maire répond lui-même aux demandes des habitants, depuis son bureau. "
                    "Écrivez-lui avec le formulaire de la permanence en ligne : votre demande "
                    "reste confidentielle. Vous pouvez aussi lui écrire en dehors de la "
                    "permanence : il vous répond dans les jours qui suivent."
                ),
                lien=Link("Écrire au maire", FORM_URL),
                source=shown,
            )
        )
    return found


def _town_hall(content):
    """Where the council sits unless a séance says otherwise: the town hall of commune.toml."""
    with contextlib.suppress(DataError, FileNotFoundError):  # data_files names the mistake
        return identity.load(content / "data" / "commune.toml").mairie.nom
    return "la mairie"


def _seances(registre, lieu):
    found = []
    for seance in registre.seances:
        found.append(
            Evenement(
                slug=f"conseil-municipal-{seance.slug}",
                genre="seance",
                titre="Séance du conseil municipal",
                debut=seance.date.replace(tzinfo=PARIS),
                fin=seance.fin.replace(tzinfo=PARIS) if seance.fin else None,
                lieu=seance.lieu or lieu,
                en_ligne=False,
                texte=(
                    "Les séances du conseil municipal sont publiques : chacun peut y assister. "
                    "La liste des délibérations examinées est publiée dans la semaine qui suit."
                ),
                lien=Link("La séance et ses actes", f"/conseil-municipal/seances/{seance.slug}/"),
                source=seance.source,
                exemple=seance.exemple,
            )
        )
    return found


def _moment(fields, name, zone, required=True):
    value = fields.table.get(name)
    if value is None:
        if required:
            raise fields.error(name, "manquant (par ex. 2013-01-30T18:30:00, ou 2013-01-30)")
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            raise fields.error(name, f"invalide « {value} » : l'heure est locale, sans décalage")
        return value.replace(tzinfo=zone)
    if isinstance(value, datetime.date):
        return value
    raise fields.error(name, f"invalide « {value} » (sans guillemets : 2013-01-30T18:30:00)")


def _event(path, shown):
    fields = Fields(shown, read_toml(path))
    slug = path.stem
    if not SLUG.fullmatch(slug):
        raise DataError(
            shown, "nom de fichier invalide : lettres minuscules sans accent, chiffres, tirets"
        )
    name = fields.table.get("fuseau", "Europe/Paris")
    try:
        zone = ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise fields.error("fuseau", f"inconnu « {name} » (par ex. Europe/Paris)") from None
    debut, fin = _moment(fields, "debut", zone), _moment(fields, "fin", zone, required=False)
    if fin is not None:
        if isinstance(debut, datetime.datetime) != isinstance(fin, datetime.datetime):
            raise fields.error(
                "fin",
                "début et fin s'écrivent de la même façon : deux dates, ou deux dates et heures",
            )
        if fin < debut or (fin == debut and isinstance(fin, datetime.datetime)):
            raise fields.error(
                "fin",
                f"« {fin:%Y-%m-%d %H:%M} » : avant le début de l'événement"
                if isinstance(fin, datetime.datetime)
                else f"« {fin} » : avant le début de l'événement",
            )
    en_ligne = fields.table.get("en_ligne") is True
    if not en_ligne and "lieu" not in fields.table:
        raise fields.error("lieu", "manquant : le lieu, ou en_ligne = true")
    lien = None
    if "lien" in fields.table:
        table = fields.table_of("lien")
        url = table.text("url")
        if not url.startswith(("/", "https://")):
            raise table.error("url", f"invalide « {url} » (/adresse/ du site ou https://…)")
        lien = Link(typeset(table.text("libelle"), html=False), url)
    return Evenement(
        slug=slug,
        genre="evenement",
        titre=typeset(fields.text("titre"), html=False),
        debut=debut,
        fin=fin,
        lieu=None if en_ligne else typeset(fields.text("lieu"), html=False),
        en_ligne=en_ligne,
        texte=fields.text("texte") if "texte" in fields.table else "",
        lien=lien,
        source=shown,
        exemple=fields.table.get("exemple") is True,
    )


def _start(event):
    """A sort key mixing days and moments: an all-day event comes first on its day."""
    if event.journee:
        return datetime.datetime.combine(event.debut, datetime.time(), PARIS)
    return event.debut


def load(content, root=None, registre=None):
    """The Agenda of the content folder ``content``; its ``problems`` list the mistakes.

    ``registre`` is the acts' register when the caller has it (else it is read here). The
    mistakes of the office hours' file and of the register are theirs to report.
    """
    content = Path(content)
    root = Path(root) if root else content.resolve().parent

    def shown(path):
        return str(Path(path).resolve().relative_to(root.resolve()))

    events, problems = [], []
    office = content / "data" / "permanences.toml"
    if office.is_file():
        with contextlib.suppress(DataError):  # the data_files plugin names the mistake
            events += _office_hours(office, shown(office))
    if registre is None and (content / "actes").is_dir():
        registre = actes.load(content / "actes", root)
    if registre is not None:
        events += _seances(registre, _town_hall(content))
    for path in sorted((content / "agenda").glob("*.toml")):
        try:
            events.append(_event(path, shown(path)))
        except DataError as error:
            problems.append(error)
    events.sort(key=lambda e: (_start(e), e.slug))
    seen = {}
    for event in events:
        key = (event.annee, event.slug)
        if key in seen:
            problems.append(DataError(event.source, f"même adresse qu'un événement de {seen[key]}"))
        seen.setdefault(key, event.source)
    return Agenda(events, problems)
