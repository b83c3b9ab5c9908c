"""The mayor's online office hours (« créneaux »), read from ``content/data/permanences.toml``."""

import datetime
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from commune.datafiles import DataError, Fields, read_toml
from commune.typographie import typeset

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "data" / "permanences.toml"


@dataclass(frozen=True)
class Creneau:
    """One online office hour: the mayor answers between ``debut`` and ``fin``."""

    debut: datetime.datetime  # aware, Europe/Paris
    fin: datetime.datetime

    def __contains__(self, moment):
        return self.debut <= moment < self.fin


DELAI = re.compile(r"(\d+) jours?(?: (ouvrés?|ouvrables?))?")
WORKING_WEEK = {"ouvrés": 5, "ouvrables": 6}  # Monday to Friday, Monday to Saturday


@dataclass(frozen=True)
class Delai:
    """The answer delay the service announces: « 15 jours », « 10 jours ouvrés »…

    Working days (« ouvrés », Monday to Friday; « ouvrables », Monday to Saturday) skip
    French public holidays, from the maintained ``holidays`` library (``zone`` names a
    subdivision with holidays of its own, such as Alsace-Moselle's « 57 »).
    """

    jours: int
    unite: str = ""  # "", "ouvrés" or "ouvrables"
    zone: str | None = None

    def __str__(self):
        jours = "jours" if self.jours > 1 else "jour"
        unite = f"{jours} {self.unite.removesuffix('s') if self.jours == 1 else self.unite}"
        return f"dans un délai de {self.jours}\u00a0{unite.strip()}"

    def echeance(self, recue_le):
        """The date the answer is due for a request received on ``recue_le`` (a date)."""
        if not self.unite:
            return recue_le + datetime.timedelta(days=self.jours)
        feries = holidays.France(
            subdiv=self.zone, years=range(recue_le.year, recue_le.year + 2 + self.jours // 200)
        )
        day, left = recue_le, self.jours
        while left:
            day += datetime.timedelta(days=1)
            if day.weekday() < WORKING_WEEK[self.unite] and day not in feries:
                left -= 1
        return day


def _delai(service):
    text = service.text("delai").strip()
    match = DELAI.fullmatch(re.sub(r"\s+", " ", text))
    if not match or int(match.group(1)) == 0:
        raise service.error(
            "delai",
            f"invalide « {text} » : écrivez un nombre de jours, par exemple « 15 jours », "
            "« 10 jours ouvrés » ou « 12 jours ouvrables »",
        )
    zone = service.table.get("zone_feries")
    if zone is not None and zone not in holidays.France.subdivisions:
        raise service.error(
            "zone_feries",
            f"inconnue « {zone} » ; valeurs possibles : " + ", ".join(holidays.France.subdivisions),
        )
    unite = {"ouvré": "ouvrés", "ouvrable": "ouvrables"}.get(match.group(2), match.group(2))
    return Delai(int(match.group(1)), unite or "", zone)


@dataclass(frozen=True)
class Permanences:
    service: str
    delai: Delai
    creneaux: tuple[Creneau, ...]  # in chronological order

    def current(self, now):
        """The office hour going on at ``now`` (an aware datetime), or None."""
        return next((c for c in self.creneaux if now in c), None)

    def next(self, now):
        """The first office hour starting after ``now``, or None."""
        return next((c for c in self.creneaux if c.debut > now), None)


def _moment(entry, field):
    value = entry.table.get(field)
    if value is None:
        raise entry.error(field, "manquant")
    if not isinstance(value, datetime.datetime) or value.tzinfo is not None:
        raise entry.error(field, f"invalide « {value} » (format attendu AAAA-MM-JJTHH:MM)")
    return value.replace(tzinfo=PARIS)


def load(path=DEFAULT_PATH):
    """Return the Permanences of ``path``; raise DataError naming the faulty entry and field."""
    fields = Fields(path, read_toml(path))
    service = fields.table_of("service")
    if "seance" in fields.table:
        # The name of an office hour until version 0.1: one word, one meaning (a « séance »
        # is the council's), so the editor renames it rather than the file keeping two words.
        raise fields.error(
            "seance",
            "s'appelle désormais [[creneau]] : remplacez chaque [[seance]] par [[creneau]]",
        )
    creneaux = []
    # No [[creneau]] at all is allowed: no office hour is planned (the site and the form say so).
    for entry in fields.entries("creneau") if "creneau" in fields.table else []:
        creneau = Creneau(_moment(entry, "debut"), _moment(entry, "fin"))
        if creneau.fin <= creneau.debut:
            raise entry.error("fin", "doit être après le début du créneau")
        creneaux.append(creneau)
    creneaux.sort(key=lambda c: c.debut)
    for before, after in itertools.pairwise(creneaux):
        if after.debut < before.fin:
            raise DataError(path, f"deux créneaux se chevauchent le {after.debut:%Y-%m-%d}")
    nom = typeset(service.text("nom"), html=False)
    return Permanences(nom, _delai(service), tuple(creneaux))
