"""The accessibility declaration and the footer's status are computed from the RGAA grid at
each build: never written by hand."""

import datetime

import pytest

from commune import accessibilite, plan_accessibilite
from commune.datafiles import DataError
from tests.site.builds import build
from tests.site.pages import html_files, soup
from tests.site.rgaa import MANUAL, grid_text
from tests.support import ROOT


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).replace("\xa0", " ").split())


def test_the_declaration_says_what_the_grid_says(site):
    grid = accessibilite.load()
    page = soup(site, "/accessibilite/")
    text = text_of(page.main)
    rate = f"{grid.taux():.1f}".replace(".", ",")
    assert (
        f"Le site de la Ville d’Arras est {grid.etat()} au RGAA 4.1.2 : {rate} % des critères "
        "applicables sont respectés."
    ) in text
    for label, status in [
        ("respectés", accessibilite.CONFORME),
        ("non respectés", accessibilite.NON_CONFORME),
        ("non applicables", accessibilite.NON_APPLICABLE),
    ]:
        assert f"Critères {label} : {grid.compte(status)}" in text
    assert grid.compte(accessibilite.A_VERIFIER) == 0
    assert "encore à vérifier" not in text
    assert (
        "Critère 13.3 (Un document bureautique à télécharger a, si nécessaire, une version "
        "accessible.) : Les PDF des actes ne sont pas balisés"
    ) in text
    assert "établie le 30 novembre 2026, à la suite d’un audit interne" in text
    sample = [text_of(li) for li in page.select_one("#echantillon + ul").find_all("li")]
    assert (
        "Écrire au maire, avec des erreurs à corriger (http://127.0.0.1:8000/formulaires/permanence/)"
        in sample
    )
    assert "Une demande, dans l’espace de gestion" in sample
    assert len(sample) == 14
    # The editor's own sections stay where the editor put them.
    assert text.index("Contenus non accessibles") < text.index("Voies de recours")
    assert "Défenseur des droits" in text


def test_every_page_links_the_declaration_with_its_status(site):
    state = accessibilite.load().etat()
    checked = 0
    for path in html_files(site):
        footer = soup(site, "/" + path.relative_to(site).as_posix()).find("footer")
        if footer is None:
            continue  # the search index's fragments, robots, not pages
        links = [text_of(a) for a in footer.find_all("a", href="/accessibilite/")]
        assert links == [f"Accessibilité : {state}"], path
        checked += 1
    assert checked > 50  # every page of the site, not a few


def test_a_finished_audit_gives_the_rate_and_the_failures(content_tree, tmp_path):
    # 8.5 met everywhere; 3.2 met after a manual check; 11.1 failing on one page, with why.
    grid = grid_text(
        {
            "8.5": 'statut = "conforme"\ntests = ["tests/x.py::test_x"]\n',
            "3.2": 'statut = "conforme"\n' + MANUAL,
            "11.1": 'statut = "conforme"\npages = { accueil = "non conforme" }\n'
            'tests = ["tests/x.py::test_x"]\nremarque = "Le champ de recherche n\'a pas '
            "d'étiquette visible\"\n",
        }
    )
    (content_tree / "data" / "accessibilite.toml").write_text(grid, encoding="utf-8")
    output = tmp_path / "output"
    report = build(content_tree, output)
    assert report.ok, report.lines
    text = text_of(soup(output, "/accessibilite/").main)
    assert (
        "Le site de la Ville d’Arras est partiellement conforme au RGAA 4.1.2 : 66,7 % des "
        "critères applicables sont respectés." in text
    )
    assert "Taux moyen des pages : 83,3 %" in text
    assert (
        "Critère 11.1 (Chaque champ de formulaire a une étiquette.) : Le champ de recherche n’a "
        "pas d’étiquette visible (pages : Accueil)."
    ) in text
    assert "en cours" not in text
    footer = soup(output, "/").find("footer")
    assert text_of(footer.find("a", href="/accessibilite/")) == (
        "Accessibilité : partiellement conforme"
    )


def test_a_wrong_grid_stops_the_build_naming_the_criterion(content_tree, tmp_path):
    grid = grid_text({"3.2": 'statut = "conforme"\ntests = ["tests/x.py::test_axe"]\n'})
    (content_tree / "data" / "accessibilite.toml").write_text(grid, encoding="utf-8")
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert any(
        line.startswith(
            'content/data/accessibilite.toml: entrée critère 3.2, champ "verification" manquant'
        )
        for line in report.lines
    ), report.lines


def test_the_plans_are_pages_written_from_the_editors_file(site):
    plan = plan_accessibilite.load(ROOT / "content/data/plan-accessibilite.toml")
    declaration = soup(site, "/accessibilite/")
    links = {text_of(a): a["href"] for a in declaration.select("#plans + ul a")}
    schema_title = "Schéma pluriannuel de mise en accessibilité 2026–2028"
    assert links == {
        schema_title: "/accessibilite/schema-pluriannuel/",
        "Plan d’action de l’année": "/accessibilite/plan-annuel/",
    }
    schema = text_of(soup(site, "/accessibilite/schema-pluriannuel/").main)
    assert "Ce schéma a été adopté le 30 novembre 2026. Il couvre les années 2026 à 2028." in schema
    assert len(plan.actions) > 3
    for action in plan.actions:
        assert action.titre in schema
    year = plan.annee_courante(datetime.date.today())
    annual = soup(site, "/accessibilite/plan-annuel/")
    assert text_of(annual.h1) == f"Plan d’action {year} pour l’accessibilité du site"
    shown = [text_of(item.strong) for item in annual.select("ol.actions > li")]
    assert shown and shown == [a.titre for a in plan.de(year)]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "fin = 2028",
            "fin = 2030",
            'entrée schema, champ "fin" invalide « 2030 » (le schéma couvre 3 ans au plus, de '
            "2026 à 2028)",
        ),
        (
            "annee = 2027",
            "annee = 2031",
            'entrée action n° 4, champ "annee" invalide « 2031 » (hors du schéma, 2026–2028)',
        ),
        (
            'etat = "faite"',
            'etat = "commencée"',
            'entrée action n° 1, champ "etat" inconnu « commencée »',
        ),
    ],
    ids=["schema-trop-long", "action-hors-schema", "etat-inconnu"],
)
def test_a_wrong_plan_names_the_entry_and_the_field(tmp_path, before, after, expected):
    text = (ROOT / "content/data/plan-accessibilite.toml").read_text(encoding="utf-8")
    assert before in text
    path = tmp_path / "plan-accessibilite.toml"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        plan_accessibilite.load(path)
    assert str(error.value).startswith(f"{path}: {expected}")
