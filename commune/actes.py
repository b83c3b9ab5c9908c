"""The council's acts and séances (« actes », « séances »), from ``content/actes/``.

::

    content/actes/
      seances/2013-01-14.toml   a council séance: its deliberations, its procès-verbal
      arretes/A2013-015.toml    one arrêté or one décision of the mayor
      pdf/D2013-001.pdf         each act's file, named after its number

Every mistake is a DataError naming the file, the entry and the field. The PDFs are checked
(commune/pdf.py). The site builds the acts' pages from this register (plugins/actes.py).
"""

import datetime
import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from dateutil.relativedelta import relativedelta

from commune import matieres
from commune.datafiles import DataError, Fields, read_toml
from commune.pdf import inspect
from commune.typographie import typeset

NATURES = {"délibération": "deliberations", "arrêté": "arretes", "décision": "decisions"}
RESULTS = ("adoptée", "rejetée")
NUMBER = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
SHOWN_FOR = relativedelta(months=2)  # an act stays online at least two months (R2131-1)
LIST_DUE = datetime.timedelta(days=7)  # L2121-25 and L2121-15: within the week


@dataclass(frozen=True)
class Auteur:
    prenom: str
    nom: str
    qualite: str


@dataclass(frozen=True)
class Vote:
    pour: int
    contre: int
    abstention: int
    votants: int | None = None
    effectif: int | None = None


@dataclass(frozen=True)
class Version:
    """A version of an act's file that a correction replaced: it stays downloadable."""

    fichier: Path
    remplacee_le: datetime.date
    motif: str


@dataclass(frozen=True)
class Retrait:
    date: datetime.date
    motif: str


@dataclass(frozen=True)
class Acte:
    type: str  # "délibération", "arrêté" or "décision"
    numero: str
    objet: str
    date: datetime.date  # adopted (deliberation) or signed
    mise_en_ligne: datetime.date
    matiere: str  # ACTES level-2 code, e.g. "5.2"
    fichier: Path
    resume: str  # Markdown: an accessible summary of what the act decides
    source: str  # the data file, as the editor sees it
    exemple: bool = False
    resultat: str | None = None  # deliberations: "adoptée" or "rejetée"
    vote: Vote | None = None
    seance: datetime.date | None = None
    auteur: Auteur | None = None
    budget_annee: str | None = None
    budget_nom: str | None = None
    prefecture: datetime.date | None = None  # registered by the legality control
    versions: tuple = ()  # Version, oldest first
    retrait: Retrait | None = None

    @property
    def annee(self):
        return self.date.year

    @property
    def slug(self):
        return self.numero.lower()

    @property
    def nature(self):
        """The nature in an address: deliberations, arretes, decisions."""
        return NATURES[self.type]

    @property
    def matiere_nom(self):
        return matieres.name(self.matiere)


@dataclass(frozen=True)
class ProcesVerbal:
    fichier: Path
    mise_en_ligne: datetime.date


@dataclass(frozen=True)
class Seance:
    date: datetime.datetime
    source: str
    lieu: str | None = None
    liste_mise_en_ligne: datetime.date | None = None
    proces_verbal: ProcesVerbal | None = None
    deliberations: tuple = ()
    exemple: bool = False
    fin: datetime.datetime | None = None  # when known: the agenda's calendars show it

    @property
    def slug(self):
        return self.date.date().isoformat()


@dataclass
class Registre:
    seances: list = field(default_factory=list)  # oldest first
    actes: list = field(default_factory=list)  # newest first
    problems: list = field(default_factory=list)  # DataErrors, one per faulty file at most

    def late(self, today):
        """French lines for each séance whose list or procès-verbal is overdue at ``today``."""
        lines = []
        for n, seance in enumerate(self.seances):
            if seance.exemple:
                continue  # the examples show the format: they are nobody's obligation
            day = seance.date.date()
            if seance.liste_mise_en_ligne is None and today > day + LIST_DUE:
                lines.append(
                    f"{seance.source}: la liste des délibérations de la séance du "
                    f"{day.isoformat()} devait être en ligne au plus tard le "
                    f"{(day + LIST_DUE).isoformat()} (CGCT L2121-25) : ajoutez "
                    "liste_mise_en_ligne une fois publiée"
                )
            following = self.seances[n + 1] if n + 1 < len(self.seances) else None
            pv = seance.proces_verbal
            if following is not None and (pv is None or pv.mise_en_ligne > today):
                due = following.date.date() + LIST_DUE
                if today > due:
                    lines.append(
                        f"{seance.source}: le procès-verbal de la séance du {day.isoformat()}, "
                        f"adopté à la séance suivante, devait être en ligne au plus tard le "
                        f"{due.isoformat()} (CGCT L2121-15) : ajoutez [proces_verbal]"
                    )
        return lines


def _nested(fields, name):
    """The table ``name`` of an entry, its errors naming both: « deliberation n° 2, vote »."""
    table = fields.table_of(name)
    if fields.entry:
        table.entry = f"{fields.entry}, {name}"
    return table


def _canonical(fields, name, allowed):
    """One of ``allowed``, whatever the case, accents or gender the clerk typed."""
    typed = fields.text(name)
    plain = _plain(typed)
    for value in allowed:
        if _plain(value) in (plain, plain + "e"):  # « adopté » as well as « adoptée »
            return value
    raise fields.error(name, f"invalide « {typed} » ({' ou '.join(allowed)})")


def _plain(text):
    table = str.maketrans("éèêàâîôûç", "eeeaaiouc")
    return text.strip().lower().translate(table)


def _prose(fields, name):
    """A text readers see, with French typography (as the other data files' texts)."""
    return typeset(fields.text(name), html=False)


def _date(fields, name, required=True):
    value = fields.table.get(name)
    if value is None:
        if required:
            raise fields.error(name, "manquant (date attendue, par ex. 2013-01-30)")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise fields.error(name, f"invalide « {value} » (date attendue, sans guillemets : 2013-01-30)")


def _number(fields, name, required=True):
    value = fields.table.get(name)
    if value is None:
        if required:
            raise fields.error(name, "manquant (un nombre entier)")
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise fields.error(name, f"invalide « {value} » (un nombre entier attendu)")
    return value


@dataclass(frozen=True)
class _Pdfs:
    """Where the acts' files are, and how they are inspected (remembered between builds or
    not: commune/pdf.py)."""

    folder: Path
    inspect: object = inspect


def _pdf(fields, name, pdfs, default=None):
    filename = fields.table.get(name, default)
    if not isinstance(filename, str) or not filename.strip():
        raise fields.error(name, "manquant (le nom du fichier PDF dans content/actes/pdf/)")
    path = pdfs.folder / filename.strip()
    if not path.is_file():
        raise fields.error(
            name, f"« {filename} » introuvable : déposez le fichier dans content/actes/pdf/"
        )
    problem = pdfs.inspect(path).problem
    if problem:
        raise fields.error(name, f"« {filename} » : {problem}")
    return path


def _act(fields, kind, pdfs, source, exemple, seance=None):
    numero = fields.text("numero")
    if not NUMBER.fullmatch(numero):
        raise fields.error(
            "numero",
            f"invalide « {numero} » (lettres sans accent, chiffres et tirets, par ex. D2013-001)",
        )
    matiere = fields.text("matiere")
    if matiere not in matieres.LEVEL_2:
        raise fields.error(
            "matiere",
            f"inconnue « {matiere} » (un code de la nomenclature ACTES, par ex. 5.2 pour "
            "« fonctionnement des assemblées » : voir docs/guide-redaction.md)",
        )
    date = seance.date() if seance else _date(fields, "date")
    online = _date(fields, "mise_en_ligne")
    if online < date:
        raise fields.error(
            "mise_en_ligne",
            f"« {online.isoformat()} » avant la date de l'acte ({date.isoformat()}) : un acte "
            "est mis en ligne après avoir été adopté ou signé",
        )
    values = {
        "type": kind,
        "numero": numero,
        "objet": _prose(fields, "objet"),
        "date": date,
        "mise_en_ligne": online,
        "matiere": matiere,
        "fichier": _pdf(fields, "fichier", pdfs, f"{numero}.pdf"),
        "resume": fields.text("resume"),
        "source": source,
        "exemple": exemple,
        "seance": seance.date() if seance else None,
        "prefecture": _prefecture(fields, date),
        "versions": tuple(_versions(fields, pdfs, online)),
        "retrait": _retrait(fields, online),
    }
    if kind == "délibération":
        values.update(_deliberation(fields))
    else:
        if "auteur" not in fields.table:
            raise fields.error(
                "auteur",
                f"manquant : un {kind} porte le prénom, le nom et la qualité de son auteur "
                "(CRPA L212-1) : [auteur] prenom = …, nom = …, qualite = …",
            )
        auteur = _nested(fields, "auteur")
        values["auteur"] = Auteur(
            auteur.text("prenom"), auteur.text("nom"), _prose(auteur, "qualite")
        )
    return Acte(**values)


def _deliberation(fields):
    result = _canonical(fields, "resultat", RESULTS)
    if "vote" not in fields.table:
        raise fields.error("vote", "manquant : vote = { pour = …, contre = …, abstention = … }")
    table = _nested(fields, "vote")
    vote = Vote(
        pour=_number(table, "pour"),
        contre=_number(table, "contre"),
        abstention=_number(table, "abstention"),
        votants=_number(table, "votants", required=False),
        effectif=_number(table, "effectif", required=False),
    )
    counted = vote.pour + vote.contre + vote.abstention
    if vote.votants is not None and counted > vote.votants:
        raise table.error(
            "votants",
            f"{vote.votants} votants, mais {counted} voix comptées (pour + contre + abstention) : "
            "corrigez l'un des nombres",
        )
    if vote.effectif is not None and (vote.votants or counted) > vote.effectif:
        raise table.error("effectif", "moins de membres que de votants")
    # A tie is decided by the president's vote (CGCT L2121-20): either result then stands.
    if (result == "adoptée" and vote.pour < vote.contre) or (
        result == "rejetée" and vote.pour > vote.contre
    ):
        raise fields.error(
            "resultat",
            f"« {result} » avec {vote.pour} pour et {vote.contre} contre : vérifiez le résultat "
            "ou le vote",
        )
    budget = fields.table.get("budget_annee")
    if budget is not None and not re.fullmatch(r"\d{4}(/\d{4})?", str(budget)):
        raise fields.error("budget_annee", f"invalide « {budget} » (AAAA ou AAAA/AAAA)")
    return {
        "resultat": result,
        "vote": vote,
        "budget_annee": str(budget) if budget is not None else None,
        "budget_nom": _prose(fields, "budget_nom") if "budget_nom" in fields.table else None,
    }


def _prefecture(fields, date):
    when = _date(fields, "prefecture", required=False)
    if when is not None and when < date:
        raise fields.error("prefecture", f"« {when.isoformat()} » avant la date de l'acte")
    return when


def _versions(fields, pdfs, online):
    if "correction" not in fields.table:
        return []
    versions = []
    for entry in fields.entries("correction"):
        if fields.entry:
            entry.entry = f"{fields.entry}, {entry.entry}"
        when = _date(entry, "date")
        if when < online:
            raise entry.error("date", "avant la mise en ligne de l'acte")
        versions.append(
            Version(_pdf(entry, "fichier_precedent", pdfs), when, _prose(entry, "motif"))
        )
    return versions


def _retrait(fields, online):
    if "retrait" not in fields.table:
        return None
    table = _nested(fields, "retrait")
    when = _date(table, "date")
    if when < online + SHOWN_FOR:
        raise table.error(
            "date",
            f"« {when.isoformat()} » : un acte reste en ligne au moins deux mois après sa mise en "
            f"ligne (le {online.isoformat()}) : pas avant le {(online + SHOWN_FOR).isoformat()}",
        )
    return Retrait(when, _prose(table, "motif"))


def _seance(path, shown, pdfs):
    fields = Fields(shown, read_toml(path))
    start = fields.table.get("date")
    if not isinstance(start, datetime.date):
        raise fields.error("date", "manquant ou invalide (date et heure : 2013-01-28T18:00:00)")
    if not isinstance(start, datetime.datetime):
        start = datetime.datetime.combine(start, datetime.time())
    exemple = fields.table.get("exemple") is True
    pv = None
    if "proces_verbal" in fields.table:
        table = _nested(fields, "proces_verbal")
        pv = ProcesVerbal(_pdf(table, "fichier", pdfs), _date(table, "mise_en_ligne"))
    acts = [
        _act(entry, "délibération", pdfs, shown, exemple, seance=start)
        for entry in (fields.entries("deliberation") if "deliberation" in fields.table else [])
    ]
    end = fields.table.get("fin")
    if end is not None and (not isinstance(end, datetime.datetime) or end <= start):
        raise fields.error(
            "fin", f"invalide « {end} » (date et heure, après le début de la séance)"
        )
    listed = _date(fields, "liste_mise_en_ligne", required=False)
    if listed is not None and listed < start.date():
        raise fields.error("liste_mise_en_ligne", "avant la séance")
    return Seance(
        date=start,
        source=shown,
        lieu=_prose(fields, "lieu") if "lieu" in fields.table else None,
        liste_mise_en_ligne=listed,
        proces_verbal=pv,
        deliberations=tuple(acts),
        exemple=exemple,
        fin=end,
    )


def _mayors_act(path, shown, pdfs):
    fields = Fields(shown, read_toml(path))
    kind = _canonical(fields, "type", ("arrêté", "décision"))
    return _act(fields, kind, pdfs, shown, fields.table.get("exemple") is True)


def _seance_order(seances):
    """Two séances on one day; a procès-verbal online before the séance that adopts it."""
    problems = []
    for before, after in itertools.pairwise(seances):
        if before.date.date() == after.date.date():
            problems.append(
                DataError(after.source, f"même jour qu'une autre séance ({before.source})", "date")
            )
        pv = before.proces_verbal
        if pv is not None and pv.mise_en_ligne < after.date.date():
            problems.append(
                DataError(
                    before.source,
                    f"« {pv.mise_en_ligne.isoformat()} » : le procès-verbal est adopté à la séance "
                    f"suivante (le {after.date.date().isoformat()}) : il est mis en ligne après",
                    "mise_en_ligne",
                    "proces_verbal",
                )
            )
    return problems


def load(folder, root=None, remembered=None):
    """The register under ``folder`` (``content/actes``); its ``problems`` list the mistakes.

    ``root`` is the folder paths are shown from (the one holding content/); ``remembered``
    a commune.pdf.Remembered, to skip the PDFs inspected by an earlier build.
    """
    folder = Path(folder)
    root = Path(root) if root else folder.resolve().parent.parent
    registre = Registre()
    pdfs = _Pdfs(folder / "pdf", remembered.inspect if remembered else inspect)
    numbers = {}

    base = os.path.realpath(root)

    def shown(path):
        return os.path.relpath(os.path.realpath(path), base)

    for path in sorted((folder / "seances").glob("*.toml")):
        try:
            registre.seances.append(_seance(path, shown(path), pdfs))
        except DataError as error:
            registre.problems.append(error)
    for path in sorted((folder / "arretes").glob("*.toml")):
        try:
            registre.actes.append(_mayors_act(path, shown(path), pdfs))
        except DataError as error:
            registre.problems.append(error)
    registre.seances.sort(key=lambda s: s.date)
    registre.problems += _seance_order(registre.seances)
    for seance in registre.seances:
        registre.actes.extend(seance.deliberations)
    for acte in registre.actes:
        if acte.numero.lower() in numbers:
            first = numbers[acte.numero.lower()]
            registre.problems.append(
                DataError(
                    acte.source,
                    f"« {acte.numero} » est déjà le numéro d'un acte de {first}",
                    "numero",
                )
            )
        numbers.setdefault(acte.numero.lower(), acte.source)
    registre.actes.sort(key=lambda a: (a.date, a.numero), reverse=True)
    return registre
