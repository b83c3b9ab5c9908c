"""The council's acts as residents find them: pages, PDFs, open data, manifest and feed."""

import csv
import hashlib
import json
import warnings

import feedparser
import pytest
from markdown import Markdown

import pelicanconf
from commune import actes
from commune.dates import date_fr
from publication.actes import LATEST, build_views
from publication.prose import summary_html
from tests.actes_pdf import make_pdf
from tests.site.pages import file_for, soup
from tests.support import ROOT

REGISTER = actes.load(ROOT / "content/actes")
SCHEMA = ROOT / "tests/site/scdl_deliberations.json"


def test_the_examples_load_without_a_problem():
    assert REGISTER.problems == []
    assert {a.type for a in REGISTER.actes} == {"délibération", "arrêté"}
    assert len(REGISTER.seances) == 2


def test_the_council_page_leads_to_seances_and_acts(site):
    links = {a["href"] for a in soup(site, "/conseil-municipal/").select("main a")}
    assert {"/conseil-municipal/seances/", "/actes/", "/donnees/"} <= links


@pytest.mark.parametrize("acte", REGISTER.actes, ids=lambda a: a.numero)
def test_each_act_has_its_page_with_its_pdf_date_and_fingerprint(site, acte):
    url = f"/actes/{acte.annee}/{acte.numero.lower()}/"
    page = soup(site, url)
    text = " ".join(page.select_one("main").get_text(" ").split())
    assert page.select_one("h1").get_text() == acte.objet
    assert f"Mis en ligne le {date_fr(acte.mise_en_ligne)}" in page.select_one("main").get_text()
    assert acte.numero in text
    assert "fictif" in text  # the examples say they are examples
    link = page.select_one("a.telechargement")
    assert link["href"] == f"{url}{acte.numero.lower()}.pdf"
    served = file_for(site, link["href"]).read_bytes()
    assert served == acte.fichier.read_bytes()
    assert hashlib.sha256(served).hexdigest() == page.select_one(".empreinte code").get_text()
    if acte.type == "délibération":
        assert acte.resultat.capitalize() in text and f"{acte.vote.pour} pour" in text
    else:
        assert f"{acte.auteur.prenom} {acte.auteur.nom}, {acte.auteur.qualite}" in text


def test_each_seance_lists_its_deliberations_with_their_result(site):
    assert REGISTER.seances
    for seance in REGISTER.seances:
        page = soup(site, f"/conseil-municipal/seances/{seance.slug}/")
        rows = page.select("table tbody tr")
        assert len(rows) == len(seance.deliberations)
        for row, acte in zip(rows, seance.deliberations, strict=True):
            cells = [td.get_text(" ", strip=True) for td in row.select("td")]
            assert cells[0] == acte.numero and cells[2] == acte.resultat.capitalize()
            assert row.select_one("a")["href"] == f"/actes/{acte.annee}/{acte.numero.lower()}/"
        minutes = page.select_one('a.telechargement[href$=".pdf"]')
        assert (minutes is not None) == (seance.proces_verbal is not None)
    listed = soup(site, "/conseil-municipal/seances/").select("main ul a")
    assert len(listed) == len(REGISTER.seances)


def test_acts_are_found_by_year_kind_and_subject(site):
    assert REGISTER.actes
    for acte in REGISTER.actes:
        url = f"/actes/{acte.annee}/{acte.numero.lower()}/"
        for listing in (
            "/actes/",  # the latest acts put online: the examples are fewer than fifty
            f"/actes/{acte.annee}/",
            f"/actes/{actes.NATURES[acte.type]}/",
            f"/actes/matieres/{acte.matiere.replace('.', '-')}/",
        ):
            hrefs = {a["href"] for a in soup(site, listing).select("main .liste-actes a")}
            assert url in hrefs, listing


def test_the_deliberations_csv_follows_scdl_2_1_5(site):
    from frictionless import Resource, Schema

    descriptor = json.loads(SCHEMA.read_text(encoding="utf-8"))
    fields = [f["name"] for f in descriptor["fields"]]
    path = site / "donnees/deliberations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == fields  # the exact columns, in the schema's order
    deliberations = [a for a in REGISTER.actes if a.type == "délibération"]
    assert sorted(r[2] for r in rows[1:]) == sorted(a.numero for a in deliberations)
    schema = Schema.from_descriptor({"fields": descriptor["fields"], "missingValues": [""]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # inside frictionless's own deps
        resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
        report = resource.validate()
    assert report.valid, [e.message for task in report.tasks for e in task.errors]


def test_the_manifest_lists_every_act_with_the_hash_of_its_file(site):
    manifest = json.loads((site / "actes/manifeste.json").read_text(encoding="utf-8"))
    entries = {e["numero"]: e for e in manifest["actes"]}
    assert entries and set(entries) == {a.numero for a in REGISTER.actes}
    for acte in REGISTER.actes:
        entry = entries[acte.numero]
        local = entry["pdf"].split("://", 1)[1].split("/", 1)[1]
        served = (site / local).read_bytes()
        assert entry["sha256"] == hashlib.sha256(served).hexdigest()
        assert entry["mise_en_ligne"] == acte.mise_en_ligne.isoformat()
        assert entry["date"] == acte.date.isoformat()


def test_the_acts_feed_parses(site):
    parsed = feedparser.parse((site / "feeds/actes.atom.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == len(REGISTER.actes)
    for entry in parsed.entries:
        assert entry.link.startswith("http") and "/actes/2013/" in entry.link
    newest = max(REGISTER.actes, key=lambda a: (a.mise_en_ligne, a.numero))
    assert newest.objet in parsed.entries[0].title


def test_the_open_data_page_links_the_files_and_their_licence(site):
    links = {a["href"] for a in soup(site, "/donnees/").select("main a")}
    assert {"/donnees/deliberations.csv", "/actes/manifeste.json", "/feeds/actes.atom.xml"} <= links
    assert any("licence-ouverte" in href for href in links)


SUMMARIES = [
    *(acte.resume for acte in REGISTER.actes),
    "Une phrase.\nSur deux lignes.\n\n\nPuis un paragraphe, « entre guillemets » : 50 % !",
    "- une liste\n- de deux points",
    "1. d'abord\n2. ensuite",
    "Un mot en **gras** et un [lien](https://www.arras.fr/).",
    "Dupont & fils",
    "Une ligne  \nbrisée",
    "Terme\n: définition",
    "> une citation",
    "## Un titre",
    "    du code",
    "| a | b |\n|---|---|\n| 1 | 2 |",
]


@pytest.mark.parametrize("text", SUMMARIES)
def test_a_summary_reads_as_markdown_would_write_it(text):
    """The summaries skip Markdown when they are plain paragraphs: never with another result."""
    markdown = Markdown(**pelicanconf.MARKDOWN)
    expected = markdown.convert(text.strip())
    assert summary_html(text, Markdown(**pelicanconf.MARKDOWN)) == expected


def test_the_acts_index_shows_the_latest_put_online(tmp_path):
    """/actes/ stays light when the register grows: the latest fifty, the rest by list."""
    folder = tmp_path / "content/actes"
    for name in ("seances", "arretes", "pdf"):
        (folder / name).mkdir(parents=True)
    make_pdf(folder / "pdf/acte.pdf", ["Acte"])
    for n in range(1, LATEST + 11):
        (folder / f"arretes/A2013-{n:03d}.toml").write_text(
            f'type = "arrêté"\nnumero = "A2013-{n:03d}"\nobjet = "Objet {n}"\n'
            f'matiere = "6.1"\ndate = 2013-03-01\nmise_en_ligne = 2013-03-{1 + n % 28:02d}\n'
            'fichier = "acte.pdf"\nresume = "Texte."\n'
            '[auteur]\nprenom = "Frédéric"\nnom = "Leturque"\nqualite = "Maire d\'Arras"\n',
            encoding="utf-8",
        )
    register = actes.load(folder)
    assert register.problems == []
    views = build_views(register, lambda text: text)
    assert len(views.derniers) == LATEST and len(views.par_annee[2013]) == LATEST + 10
    online = [v.mise_en_ligne for v in views.derniers]
    assert online == sorted(online, reverse=True)
    assert min(online) >= max(v.mise_en_ligne for v in views.actes if v not in views.derniers)
