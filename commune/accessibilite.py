"""Accessibility measured as French law does: the RGAA 4.1.2 criteria, the sample, the rate.

``referentiel()`` reads the 106 criteria (``commune/rgaa.toml``, shared by every commune).
``load()`` reads a commune's evidence grid (``content/data/accessibilite.toml``): the pages of
the sample and, for each criterion, its result on each page with the evidence behind it — the
automated tests that prove it, or the manual check done (procedure, tool, role, date; the
last three may come from a ``[[controle]]``, a check several criteria share); and the
results axe-core leaves to a person (``[[axe_a_verifier]]``), each with the person's verdict.
A grid with a criterion missing, a result without evidence, or « conforme » for a criterion no
code can judge without a manual check stops the build, naming the file, the criterion and the
field.

The rates follow the RGAA method: on a page, the conforming criteria over the applicable ones;
for the site, a criterion is « non conforme » when it fails on one page of the sample at
least, « non applicable » when it applies to none, « conforme » otherwise, and the rate is
the conforming criteria over the applicable ones. 100 % is « totalement conforme », 50 % or
more « partiellement conforme », less « non conforme ». While an audit is under way, a
criterion may be « à vérifier » with the procedure that will judge it: there is then no rate,
and the site is declared « non conforme ».
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from commune.datafiles import DataError, Fields, read_toml
from commune.typographie import typeset

REFERENTIEL = Path(__file__).resolve().parent / "rgaa.toml"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "data" / "accessibilite.toml"
CONFORME, NON_CONFORME, NON_APPLICABLE = "conforme", "non conforme", "non applicable"
# An audit under way: the criterion is not judged yet; ``procedure`` says how it will be.
A_VERIFIER = "à vérifier"
RESULTATS = (CONFORME, NON_CONFORME, NON_APPLICABLE, A_VERIFIER)
TOTAL, PARTIEL, AUCUN = "totalement conforme", "partiellement conforme", "non conforme"
YEAR = datetime.timedelta(days=366)  # a leap year's check, a year later, is not late


@dataclass(frozen=True)
class Critere:
    numero: str
    thematique: str
    niveau: str
    intitule: str
    # True when code alone can judge it on a page (a title is there, a field has a label):
    # any other criterion is « conforme » only with a manual check behind it.
    automatique: bool


@dataclass(frozen=True)
class Referentiel:
    version: str
    thematiques: tuple[tuple[int, str], ...]
    criteres: tuple[Critere, ...]

    def critere(self, numero):
        return next((c for c in self.criteres if c.numero == numero), None)


@dataclass(frozen=True)
class PageEchantillon:
    id: str
    titre: str
    adresse: str
    etat: str = ""  # a state of the page: « envoyé incomplet », « agent connecté »…


@dataclass(frozen=True)
class Verification:
    """A manual check: what was done, with what, by whom, when."""

    procedure: str
    outil: str
    role: str
    date: datetime.date


@dataclass(frozen=True)
class AxeAVerifier:
    """A result axe-core cannot decide alone (« incomplete »: the contrast of a text over an
    image, a gradient or a box laid over another…), as a person judged it."""

    regle: str  # axe's rule, « color-contrast »
    page: str  # the page's address; « <reference> » (any « <…> ») stands for a changing part
    cible: str  # the element, as axe names it (a CSS selector)
    verdict: str  # conforme or non conforme
    verification: Verification  # what the person did and saw (procedure), with what, who, when
    critere: str = ""  # the RGAA criterion a « non conforme » verdict fails (« 3.2 »)

    def concerne(self, path):
        """Whether the entry is about the page at ``path`` (an address, without its query)."""
        parts = re.split(r"<[^<>/]+>", self.page)
        return re.fullmatch("[^/]+".join(map(re.escape, parts)), path) is not None


@dataclass(frozen=True)
class Resultat:
    critere: Critere
    par_page: dict  # page id → conforme / non conforme / non applicable
    tests: tuple[str, ...] = ()  # « tests/…py::test_name »: run by every `make test`
    verification: Verification | None = None
    remarque: str = ""  # what fails and why, for the declaration's non-accessible content
    procedure: str = ""  # for a criterion still « à vérifier »: how it will be checked

    @property
    def a_verifier(self):
        return A_VERIFIER in self.par_page.values()


@dataclass
class Grille:
    referentiel: Referentiel
    nature: str  # « audit interne » or « audit externe (…) »
    date: datetime.date
    outils: tuple[str, ...]
    technologies: tuple[str, ...]
    pages: tuple[PageEchantillon, ...]
    resultats: tuple[Resultat, ...]
    derogations: tuple[str, ...] = field(default=())
    axe_a_verifier: tuple[AxeAVerifier, ...] = field(default=())

    def taux_page(self, page_id):
        """The page's rate (0–100, one decimal) by the RGAA method, or None if nothing applies
        or a criterion is still to check there."""
        statuses = [r.par_page[page_id] for r in self.resultats]
        return None if A_VERIFIER in statuses else _rate(statuses)

    def statut_critere(self, resultat):
        """The criterion's result for the whole sample."""
        statuses = set(resultat.par_page.values())
        if A_VERIFIER in statuses:
            return A_VERIFIER
        if NON_CONFORME in statuses:
            return NON_CONFORME
        if statuses == {NON_APPLICABLE}:
            return NON_APPLICABLE
        return CONFORME

    def compte(self, statut):
        """How many criteria have ``statut`` for the whole sample."""
        return sum(1 for r in self.resultats if self.statut_critere(r) == statut)

    def a_verifier(self):
        """The criteria not judged yet: while there is one, there is no rate to publish."""
        return [r for r in self.resultats if r.a_verifier]

    def taux(self):
        """The site's rate by the RGAA method (0–100, one decimal), or None: nothing
        applicable, or an audit still under way (a criterion « à vérifier »)."""
        if self.a_verifier():
            return None
        return _rate([self.statut_critere(r) for r in self.resultats])

    def taux_moyen(self):
        """The mean of the pages' rates (the RGAA's second figure), or None."""
        rates = [rate for p in self.pages if (rate := self.taux_page(p.id)) is not None]
        return round(sum(rates) / len(rates), 1) if rates else None

    def etat(self):
        """« totalement conforme », « partiellement conforme » or « non conforme »."""
        rate = self.taux()
        if rate is None or rate < 50:
            return AUCUN
        return TOTAL if rate == 100 else PARTIEL

    def a_refaire(self, today):
        """The manual checks more than a year old on ``today``: the commune redoes them at
        least yearly (docs/accessibilite.md), or its declaration says what it no longer knows."""
        return [r for r in self.resultats if r.verification and today - r.verification.date > YEAR]

    def non_conformes(self):
        """The criteria failing on at least one page, with the pages where they fail."""
        return [
            (r, [p for p in self.pages if r.par_page[p.id] == NON_CONFORME])
            for r in self.resultats
            if self.statut_critere(r) == NON_CONFORME
        ]


def etat_declare(grid):
    """The status to declare: the grid's, or « non conforme » without a grid (no audit)."""
    return grid.etat() if grid is not None else AUCUN


def _rate(statuses):
    conformes = statuses.count(CONFORME)
    applicables = conformes + statuses.count(NON_CONFORME)
    return round(100 * conformes / applicables, 1) if applicables else None


def referentiel(path=REFERENTIEL):
    """The RGAA criteria of ``path``, in the official order."""
    fields = Fields(path, read_toml(path))
    themes, criteres = [], []
    for theme in fields.entries("thematique"):
        number, name = theme.table["numero"], theme.text("nom")
        themes.append((number, name))
        for entry in theme.entries("critere"):
            criteres.append(
                Critere(
                    numero=entry.text("numero"),
                    thematique=name,
                    niveau=entry.text("niveau"),
                    intitule=typeset(entry.text("intitule"), html=False),
                    automatique=bool(entry.table.get("automatique", False)),
                )
            )
    return Referentiel(fields.text("version"), tuple(themes), tuple(criteres))


def _controles(fields):
    """The manual checks (``[[controle]]``): who checked, with what, on which day,
    shared by the criteria checked together (``controle = "id"`` in their verification)."""
    found = {}
    for n, entry in enumerate(fields.entries("controle"), 1):
        ident = entry.text("id")
        entry.entry = f"contrôle n° {n} (« {ident} »)"
        if ident in found:
            raise entry.error("id", f"en double « {ident} »")
        found[ident] = (entry.text("outil"), entry.text("role"), entry.date("date"))
    return found


def _verification(entry, controles):
    raw = entry.table.get("verification")
    if raw is None:
        return None
    return _check_made(Fields(entry.path, raw, entry=entry.entry), controles, "verification.")


def _check_made(fields, controles, prefix=""):
    """A check a person made: ``procedure``, and ``controle`` (the check's outil, role and
    date) or those three of its own."""
    if "controle" in fields.table:
        ident = fields.text("controle")
        if ident not in controles:
            known = ", ".join(controles) or "aucun [[controle]] dans le fichier"
            raise fields.error(f"{prefix}controle", f"inconnu « {ident} » ({known})")
        outil, role, date = controles[ident]
    else:
        outil, role, date = fields.text("outil"), fields.text("role"), fields.date("date")
    return Verification(procedure=fields.text("procedure"), outil=outil, role=role, date=date)


def _axe_a_verifier(fields, controles):
    """The results axe-core leaves to a person (``[[axe_a_verifier]]``), each judged."""
    if "axe_a_verifier" not in fields.table:
        return ()
    found = {}
    for n, entry in enumerate(fields.entries("axe_a_verifier"), 1):
        entry.entry = f"axe à vérifier n° {n}"
        regle, page = entry.text("regle"), entry.text("page")
        entry.entry = f"axe à vérifier n° {n} (« {regle} » sur {page})"
        cible = entry.text("cible")
        if not page.startswith("/"):
            raise entry.error("page", f"invalide « {page} » (doit commencer par /)")
        if (regle, page, cible) in found:
            raise entry.error("cible", f"en double « {cible} » (même règle, même page)")
        verdict = entry.text("verdict")
        if verdict not in (CONFORME, NON_CONFORME):
            raise entry.error(
                "verdict", f"invalide « {verdict} » (possibles : {CONFORME}, {NON_CONFORME})"
            )
        critere = entry.text("critere") if "critere" in entry.table else ""
        if verdict == NON_CONFORME and not critere:
            raise entry.error(
                "critere",
                "manquant : un défaut trouvé par une personne se reporte dans le critère qu'il "
                'fait échouer (par exemple critere = "3.2" pour un contraste)',
            )
        found[regle, page, cible] = AxeAVerifier(
            regle, page, cible, verdict, _check_made(entry, controles), critere
        )
    return tuple(found.values())


def _axe_reported(entries, resultats, pages, path):
    """A « non conforme » verdict is carried into its criterion: the grid says « non
    conforme » for it on that page when the page is in the sample, somewhere otherwise (the
    declaration then lists the defect). Else the rate would count as met what a person
    found failing."""
    for n, found in enumerate(entries, 1):
        if found.verdict != NON_CONFORME:
            continue
        where = f"axe à vérifier n° {n} (« {found.regle} » sur {found.page})"
        resultat = resultats.get(found.critere)
        if resultat is None:
            raise DataError(path, f"inconnu « {found.critere} »", field="critere", entry=where)
        sampled = [p.id for p in pages if found.concerne(p.adresse.split("?")[0])]
        failing = [i for i, statut in resultat.par_page.items() if statut == NON_CONFORME]
        if not (set(sampled) <= set(failing) if sampled else failing):
            pages_named = ", ".join(sampled) if sampled else "au moins une page"
            raise DataError(
                path,
                f"« non conforme » ici, mais le critère {found.critere} ne l'est pas pour "
                f"{pages_named} : déclarez-le « non conforme » (avec sa remarque)",
                field="verdict",
                entry=where,
            )


def _par_page(entry, pages):
    """Each page's result: ``statut`` for all, ``pages = { id = "…" }`` where it differs."""
    default = entry.text("statut")
    if default not in RESULTATS:
        raise entry.error("statut", f"invalide « {default} » (possibles : {', '.join(RESULTATS)})")
    found = {page.id: default for page in pages}
    for page_id, status in (entry.table.get("pages") or {}).items():
        if page_id not in found:
            known = ", ".join(found)
            raise entry.error(
                "pages", f"page inconnue « {page_id} » (pages de l'échantillon : {known})"
            )
        if status not in RESULTATS:
            raise entry.error(
                f"pages.{page_id}", f"invalide « {status} » (possibles : {', '.join(RESULTATS)})"
            )
        found[page_id] = status
    return found


def load(path=DEFAULT_PATH, reference=None, tests_root=None):
    """The Grille of ``path``; raise DataError naming the file, the criterion and the field.

    ``tests_root``: the project's folder, where each test named as evidence must exist.
    """
    reference = reference or referentiel()
    fields = Fields(path, read_toml(path))
    audit = fields.table_of("audit")
    pages, seen_pages = [], set()
    for n, entry in enumerate(fields.entries("page"), 1):
        page_id = entry.text("id")
        entry.entry = f"page n° {n} (« {page_id} »)"
        if page_id in seen_pages:
            raise entry.error("id", f"en double « {page_id} »")
        seen_pages.add(page_id)
        adresse = entry.text("adresse")
        if not adresse.startswith("/"):
            raise entry.error("adresse", f"invalide « {adresse} » (doit commencer par /)")
        etat = entry.text("etat") if "etat" in entry.table else ""
        titre = typeset(entry.text("titre"), html=False)
        pages.append(PageEchantillon(page_id, titre, adresse, etat))
    if not pages:
        raise fields.error("page", "manquant (l'échantillon a au moins une page)")

    controles = _controles(fields) if "controle" in fields.table else {}
    resultats, seen = {}, set()
    for entry in fields.entries("critere"):
        numero = entry.text("numero")
        entry.entry = f"critère {numero}"
        critere = reference.critere(numero)
        if critere is None:
            raise entry.error("numero", f"inconnu « {numero} » (RGAA {reference.version})")
        if numero in seen:
            raise entry.error("numero", f"en double « {numero} »")
        seen.add(numero)
        tests = tuple(entry.texts("tests")) if "tests" in entry.table else ()
        verification = _verification(entry, controles)
        par_page = _par_page(entry, pages)
        procedure = entry.text("procedure") if "procedure" in entry.table else ""
        if A_VERIFIER in par_page.values() and not procedure:
            raise entry.error(
                "procedure", "manquant : dites comment ce critère sera vérifié, par qui"
            )
        if not tests and verification is None and set(par_page.values()) != {A_VERIFIER}:
            raise entry.error(
                "tests", "manquant : donnez le test qui le prouve, ou la vérification faite"
            )
        if CONFORME in par_page.values() and not critere.automatique and verification is None:
            raise entry.error(
                "verification",
                "manquant : aucun outil ne juge seul ce critère ; « conforme » demande une "
                "vérification manuelle (procédure, outil, rôle, date)",
            )
        for test in tests:
            _check_test(entry, test, tests_root)
        resultats[numero] = Resultat(
            critere=critere,
            par_page=par_page,
            tests=tests,
            verification=verification,
            remarque=_prose(entry, "remarque"),
            procedure=procedure,
        )
    absent = [c.numero for c in reference.criteres if c.numero not in resultats]
    if absent:
        raise DataError(
            path,
            f"{len(absent)} critère(s) sans résultat : {', '.join(absent)} (chacun des "
            f"{len(reference.criteres)} critères a un résultat et sa preuve)",
            field="critere",
        )
    axe = _axe_a_verifier(fields, controles)
    _axe_reported(axe, resultats, pages, path)
    return Grille(
        referentiel=reference,
        nature=audit.text("nature"),
        date=audit.date("date"),
        outils=tuple(typeset(t, html=False) for t in audit.texts("outils")),
        technologies=tuple(typeset(t, html=False) for t in audit.texts("technologies")),
        pages=tuple(pages),
        resultats=tuple(resultats[c.numero] for c in reference.criteres),
        derogations=tuple(typeset(d, html=False) for d in audit.texts("derogations"))
        if "derogations" in audit.table
        else (),
        axe_a_verifier=axe,
    )


def _prose(fields, name):
    """An optional text shown on the site, in French typography (’, no-break spaces)."""
    return typeset(fields.text(name), html=False) if name in fields.table else ""


def _check_test(entry, test, root):
    """A test named as evidence exists: its file, and a function of that name in it."""
    if root is None:
        return
    module, _, name = test.partition("::")
    source = Path(root) / module
    if not name or not source.is_file():
        raise entry.error("tests", f"introuvable « {test} » (fichier::nom_du_test)")
    if f"def {name.split('[')[0]}(" not in source.read_text(encoding="utf-8"):
        raise entry.error("tests", f"introuvable « {test} » (aucun test de ce nom)")
