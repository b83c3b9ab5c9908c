"""The mayor's online office hours (« séances »), read from ``content/data/permanences.toml``."""

import datetime
import itertools
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from commune.datafiles import DataError, Fields, read_toml
from commune.typographie import typeset

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "data" / "permanences.toml"


@dataclass(frozen=True)
class Seance:
    debut: datetime.datetime  # aware, Europe/Paris
    fin: datetime.datetime

    def __contains__(self, moment):
        return self.debut <= moment < self.fin


@dataclass(frozen=True)
class Permanences:
    service: str
    delai: str
    seances: tuple[Seance, ...]  # in chronological order

    def current(self, now):
        """The session going on at ``now`` (an aware datetime), or None."""
        return next((s for s in self.seances if now in s), None)

    def next(self, now):
        """The first session starting after ``now``, or None."""
        return next((s for s in self.seances if s.debut > now), None)


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
    seances = []
    # No [[seance]] at all is allowed: no office hour is planned (the site and the form say so).
    for entry in fields.entries("seance") if "seance" in fields.table else []:
        seance = Seance(_moment(entry, "debut"), _moment(entry, "fin"))
        if seance.fin <= seance.debut:
            raise entry.error("fin", "doit être après le début de la séance")
        seances.append(seance)
    seances.sort(key=lambda s: s.debut)
    for before, after in itertools.pairwise(seances):
        if after.debut < before.fin:
            raise DataError(path, f"deux séances se chevauchent le {after.debut:%Y-%m-%d}")
    nom, delai = (typeset(service.text(field), html=False) for field in ("nom", "delai"))
    return Permanences(nom, delai, tuple(seances))
