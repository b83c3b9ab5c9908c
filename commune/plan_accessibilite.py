"""The accessibility plans the law asks for, from ``content/data/plan-accessibilite.toml``.

A commune publishes a multi-year plan (« schéma pluriannuel », three years at most) and,
each year, its action plan. The editors keep one file: the plan's years and commitments,
and every action with its year, its deadline and where it stands. The build writes the two
pages from it (plugins/accessibilite.py); a plan longer than three years, an action outside
its years or an unknown state stops the build, naming the file, the entry and the field.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from commune.datafiles import Fields, read_toml
from commune.typographie import typeset

DEFAULT_PATH = (
    Path(__file__).resolve().parent.parent / "content" / "data" / "plan-accessibilite.toml"
)
ETATS = ("prévue", "en cours", "faite", "reportée")
LONGEST = 3  # years: the law's limit for a « schéma pluriannuel »


@dataclass(frozen=True)
class Action:
    annee: int
    titre: str
    echeance: datetime.date
    etat: str
    detail: str = ""


@dataclass(frozen=True)
class Plan:
    debut: int
    fin: int
    adopte: datetime.date
    responsable: str
    engagements: tuple[str, ...]
    actions: tuple[Action, ...]

    def annees(self):
        return list(range(self.debut, self.fin + 1))

    def de(self, annee):
        """The actions of ``annee``, by deadline."""
        return sorted((a for a in self.actions if a.annee == annee), key=lambda a: a.echeance)

    def annee_courante(self, today):
        """The year whose action plan is published: today's, within the plan's years."""
        return min(max(today.year, self.debut), self.fin)


def _year(fields, name):
    value = fields.table.get(name)
    if not isinstance(value, int) or not 2000 <= value <= 2100:
        raise fields.error(name, f"invalide « {value} » (une année, comme 2026)")
    return value


def load(path=DEFAULT_PATH):
    """The Plan of ``path``; raise DataError naming the file, the entry and the field."""
    fields = Fields(path, read_toml(path))
    schema = fields.table_of("schema")
    debut, fin = _year(schema, "debut"), _year(schema, "fin")
    if not debut <= fin < debut + LONGEST:
        raise schema.error(
            "fin",
            f"invalide « {fin} » (le schéma couvre {LONGEST} ans au plus, de {debut} "
            f"à {debut + LONGEST - 1})",
        )
    actions = []
    for n, entry in enumerate(fields.entries("action"), 1):
        entry.entry = f"action n° {n}"
        annee = _year(entry, "annee")
        if not debut <= annee <= fin:
            raise entry.error("annee", f"invalide « {annee} » (hors du schéma, {debut}–{fin})")
        etat = entry.text("etat")
        if etat not in ETATS:
            raise entry.error("etat", f"inconnu « {etat} » (possibles : {', '.join(ETATS)})")
        actions.append(
            Action(
                annee=annee,
                titre=typeset(entry.text("titre"), html=False),
                echeance=entry.date("echeance"),
                etat=etat,
                detail=typeset(entry.text("detail"), html=False) if "detail" in entry.table else "",
            )
        )
    return Plan(
        debut=debut,
        fin=fin,
        adopte=schema.date("adopte"),
        responsable=typeset(schema.text("responsable"), html=False),
        engagements=tuple(typeset(e, html=False) for e in schema.texts("engagements")),
        actions=tuple(actions),
    )
