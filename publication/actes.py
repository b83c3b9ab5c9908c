"""The council's acts as the site shows them: pages' data, open data, manifest, feed.

The register comes from commune/actes.py; this module adds what publishing needs: the
addresses, each file's SHA-256, the accessible summary in HTML, the SCDL « Délibérations »
2.1.5 CSV, the manifest of every act (``/actes/manifeste.json``) and the Atom feed.
"""

import csv
import datetime
import io
import json
import zoneinfo
from dataclasses import dataclass

import feedgenerator

from commune import matieres
from commune.pdf import inspect

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ACTE_URL = "actes/{annee}/{slug}/"
SEANCE_URL = "conseil-municipal/seances/{slug}/"
SEANCES_URL = "conseil-municipal/seances/"
INDEX_URL = "actes/"
YEAR_URL = "actes/{annee}/"
NATURE_URL = "actes/{nature}/"
SUBJECTS_URL = "actes/matieres/"
SUBJECT_URL = "actes/matieres/{slug}/"
CSV_PATH = "donnees/deliberations.csv"
MANIFEST_PATH = "actes/manifeste.json"
FEED_PATH = "feeds/actes.atom.xml"
SCDL_COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE",
    "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)  # fmt: skip
NATURE_TITLES = {"deliberations": "Délibérations", "arretes": "Arrêtés", "decisions": "Décisions"}
LATEST = 50  # acts on /actes/: the whole register is by year, nature and subject


@dataclass
class Fichier:
    """A published PDF: where it is served, its fingerprint and size."""

    url: str
    source: object  # Path in content/actes/pdf/
    sha256: str
    taille: int

    @property
    def taille_ko(self):
        return max(1, round(self.taille / 1024))


def fichier(url, path):
    found = inspect(path)
    return Fichier(url, path, found.sha256, found.size)


@dataclass
class VueActe:
    """An act with what its page shows: addresses, file, fingerprint, summary in HTML."""

    acte: object
    url: str
    pdf: Fichier
    versions: list  # (Fichier, Version) of the files corrections replaced
    resume_html: str
    seance_url: str | None
    retire: bool = False  # its withdrawal has taken effect (on its date, not before)

    def __getattr__(self, name):
        return getattr(self.acte, name)

    @property
    def titre(self):
        return f"{self.acte.type.capitalize()} n° {self.acte.numero}"


@dataclass
class VueSeance:
    seance: object
    url: str
    deliberations: list  # VueActe
    proces_verbal: Fichier | None

    def __getattr__(self, name):
        return getattr(self.seance, name)


@dataclass
class Vues:
    """Everything the templates and outputs need, for one build."""

    actes: list  # VueActe, newest first
    seances: list  # VueSeance, newest first
    annees: list
    natures: list  # (slug, title, acts)
    matieres: list  # (code, slug, name, acts)
    derniers: list  # the LATEST acts put online, newest first
    par_annee: dict  # year → its acts


def build_views(registre, render_markdown, today=None):
    """Views of ``registre``; ``render_markdown`` turns a summary into HTML; ``today`` (the
    build's day) says which withdrawals have taken effect (all of them when None)."""
    seance_urls = {s.date.date(): SEANCE_URL.format(slug=s.slug) for s in registre.seances}
    views = []
    for acte in registre.actes:
        url = ACTE_URL.format(annee=acte.annee, slug=acte.slug)
        versions = [(fichier(url + v.fichier.name.lower(), v.fichier), v) for v in acte.versions]
        views.append(
            VueActe(
                acte=acte,
                url=url,
                pdf=fichier(f"{url}{acte.slug}.pdf", acte.fichier),
                versions=versions,
                resume_html=render_markdown(acte.resume),
                seance_url=seance_urls.get(acte.seance),
                retire=bool(acte.retrait and (today is None or acte.retrait.date <= today)),
            )
        )
    by_numero = {v.numero: v for v in views}
    seances = []
    for seance in reversed(registre.seances):
        url = SEANCE_URL.format(slug=seance.slug)
        pv = seance.proces_verbal
        seances.append(
            VueSeance(
                seance=seance,
                url=url,
                deliberations=[by_numero[d.numero] for d in seance.deliberations],
                proces_verbal=fichier(url + pv.fichier.name.lower(), pv.fichier) if pv else None,
            )
        )
    annees = sorted({v.annee for v in views}, reverse=True)
    by_year, by_nature, by_subject = {}, {}, {}
    for view in views:  # one pass: thousands of acts, dozens of lists
        by_year.setdefault(view.annee, []).append(view)
        by_nature.setdefault(view.nature, []).append(view)
        by_subject.setdefault(view.matiere, []).append(view)
    natures = [
        (slug, name, by_nature[slug]) for slug, name in NATURE_TITLES.items() if slug in by_nature
    ]
    codes = sorted(by_subject, key=lambda c: tuple(map(int, c.split("."))))
    subjects = [(c, matieres.slug(c), matieres.LEVEL_2[c], by_subject[c]) for c in codes]
    latest = sorted(views, key=lambda v: (v.mise_en_ligne, v.date, v.numero), reverse=True)
    return Vues(views, seances, annees, natures, subjects, latest[:LATEST], by_year)


# --- Open data, manifest, feed -----------------------------------------------------------


def scdl_csv(views, commune, origin):
    """The deliberations as SCDL « Délibérations » 2.1.5: UTF-8, comma, ISO dates."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCDL_COLUMNS)
    deliberations = [v for v in views.actes if v.type == "délibération" and not v.retire]
    for view in sorted(deliberations, key=lambda v: (v.date, v.numero)):
        vote = view.vote
        writer.writerow(
            [
                commune.nom,
                commune.siret or "",
                view.numero,
                view.date.isoformat(),
                view.matiere,
                view.matiere_nom,
                view.objet,
                view.budget_annee or "",
                view.budget_nom or "",
                commune.prefecture or "",
                view.prefecture.isoformat() if view.prefecture else "",
                _number(vote.effectif),
                _number(vote.votants),
                vote.pour,
                vote.contre,
                vote.abstention,
                f"{origin}/{view.url}",
            ]
        )
    return out.getvalue()


def _number(value):
    return "" if value is None else value


def manifest(views, commune, origin, late=()):
    """The manifest of every act: what was put online, when, and the file's SHA-256."""
    entries = []
    for view in sorted(views.actes, key=lambda v: v.numero):
        entries.append(
            {
                "numero": view.numero,
                "type": view.type,
                "objet": view.objet,
                "url": f"{origin}/{view.url}",
                "pdf": f"{origin}/{view.pdf.url}",
                "sha256": view.pdf.sha256,
                "date": view.date.isoformat(),
                "mise_en_ligne": view.mise_en_ligne.isoformat(),
                "etat": "retiré" if view.retire else "en vigueur",
                "exemple": view.exemple,
                "retrait": (
                    {"date": view.retrait.date.isoformat(), "motif": view.retrait.motif}
                    if view.retrait
                    else None
                ),
                "versions_precedentes": [
                    {
                        "pdf": f"{origin}/{old.url}",
                        "sha256": old.sha256,
                        "remplacee_le": version.remplacee_le.isoformat(),
                        "motif": version.motif,
                    }
                    for old, version in view.versions
                ],
            }
        )
    data = {
        "version": 1,
        "collectivite": commune.nom,
        "description": (
            "Chaque acte publié sur ce site, avec l'empreinte SHA-256 de son fichier et sa "
            "date de mise en ligne. Un acte publié n'en disparaît jamais."
        ),
        "actes": entries,
        "retards_acceptes": list(late),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def feed(views, sitename, origin, count=50):
    """The Atom feed of the acts, last put online first."""
    atom = feedgenerator.Atom1Feed(
        title=f"Actes – {sitename}",
        link=f"{origin}/{INDEX_URL}",
        feed_url=f"{origin}/{FEED_PATH}",
        description="Les délibérations, arrêtés et décisions mis en ligne.",
        language="fr",
    )
    newest = sorted(views.actes, key=lambda v: (v.mise_en_ligne, v.numero), reverse=True)
    for view in newest[:count]:
        link = f"{origin}/{view.url}"
        online = datetime.datetime.combine(view.mise_en_ligne, datetime.time(), PARIS)
        atom.add_item(
            title=f"{view.titre}\u00a0: {view.objet}",
            link=link,
            unique_id=feedgenerator.get_tag_uri(link, online),
            description=view.resume_html,
            pubdate=online,
            updateddate=online,
            categories=[view.type, view.matiere_nom],
        )
    out = io.StringIO()
    atom.write(out, "utf-8")
    return out.getvalue()


def manifest_problems(previous, current):
    """Why the manifest ``current`` cannot replace ``previous`` (both parsed JSON): an act
    already published never vanishes, and its file or date never changes silently.

    The examples were never acts of the commune: they may go, so that the commune can replace
    them with its real register after a first test publication."""
    now = {entry["numero"]: entry for entry in current.get("actes", [])}
    problems = []
    for old in previous.get("actes", []):
        number, new = old["numero"], now.get(old["numero"])
        if old.get("exemple") and (new is None or new.get("exemple")):
            continue
        online = old["mise_en_ligne"]
        if new is None:
            problems.append(
                f"l'acte {number} (mis en ligne le {online}) n'est plus dans le registre : un acte "
                "publié reste en ligne ; pour le retirer, gardez-le et ajoutez-lui un [retrait] "
                "(date et motif)"
            )
            continue
        if new["mise_en_ligne"] != online:
            problems.append(
                f"l'acte {number} a été mis en ligne le {online} : cette date ne change plus "
                f"(le registre dit maintenant {new['mise_en_ligne']})"
            )
        known = {new["sha256"], *(v["sha256"] for v in new.get("versions_precedentes", []))}
        if old["sha256"] not in known:
            problems.append(
                f"le fichier de l'acte {number} a changé sans correction déclarée : ajoutez une "
                "[[correction]] (date, motif, fichier_precedent : l'ancien fichier, qui reste "
                "téléchargeable)"
            )
        kept = {v["sha256"] for v in new.get("versions_precedentes", [])}
        for version in old.get("versions_precedentes", []):
            if version["sha256"] not in kept:
                problems.append(
                    f"une version précédente de l'acte {number} a disparu : elle reste "
                    "téléchargeable, gardez sa [[correction]]"
                )
    return problems


def first_online_problems(previous, current, today):
    """An act published for the first time goes online today: its page must say so (the
    appeal period runs from that day). Examples are left alone."""
    known = {entry["numero"] for entry in previous.get("actes", [])}
    problems = []
    for entry in current.get("actes", []):
        if entry["numero"] in known or entry.get("exemple"):
            continue
        if entry["mise_en_ligne"] != today.isoformat():
            problems.append(
                f"l'acte {entry['numero']} est publié pour la première fois aujourd'hui "
                f"({today.isoformat()}), mais son registre dit mise_en_ligne = "
                f"{entry['mise_en_ligne']} : mettez la date du jour"
            )
    return problems
