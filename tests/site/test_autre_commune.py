"""Another commune builds its own site by changing content and settings only.

Exempleville (tests/communes/exempleville/) has its own identity, menu, family portal (its
name and its page's address), office hours, council séance and article. Its build must hold
nothing of Arras: not the name, not a value of Arras's data files.
"""

import csv
import shutil

import icalendar
import pytest

from commune import demarches
from commune.datafiles import DataError
from tests.autre_commune import CONTENT, SETTINGS, arras_marks, file_text, mentions_of_arras
from tests.site.builds import build
from tests.site.pages import file_for, soup

# The fixture's dates are in late 2026: "now" fixed, so that nothing in it turns late later.
NOW = "2026-11-30T12:00:00"


def build_exempleville(content, output, **override):
    return build(
        content, output, settings_file=SETTINGS, strict=True, PUBLICATION_NOW=NOW, **override
    )


@pytest.fixture(scope="module")
def exempleville(tmp_path_factory):
    """Exempleville built as `invoke publish` would check it: strict, with its search index."""
    output = tmp_path_factory.mktemp("exempleville") / "output"
    report = build_exempleville(CONTENT, output, SEARCH_INDEX=True)
    assert report.ok, report.lines
    return output


@pytest.fixture
def exempleville_copy(tmp_path):
    """A copy of Exempleville's content that a test may break."""
    return shutil.copytree(CONTENT, tmp_path / "content")


def test_no_generated_file_mentions_arras(exempleville):
    marks = arras_marks()
    files = [path for path in exempleville.rglob("*") if path.is_file()]
    assert len(files) > 50  # pages, feeds, calendars, open data, search index
    found = {
        str(path.relative_to(exempleville)): hits
        for path in files
        if (hits := mentions_of_arras(file_text(path), marks))
    }
    assert found == {}


def test_pages_carry_exempleville_identity(exempleville):
    home = soup(exempleville, "/")
    assert home.title.get_text().startswith("Ville d’Exempleville")
    assert "Bienvenue sur le site de la Ville d’Exempleville" in home.h1.get_text()
    footer = home.find("footer").get_text(" ", strip=True)
    assert "1, rue du Lavoir" in footer
    assert "01 23 45 67 89" in footer
    menu = {a.get_text(strip=True): a["href"] for a in home.select("nav a")}
    assert menu["P’tits Exempleviennois"] == "/enfance-en-ligne/"
    assert "Arras famille" not in menu


def test_family_portal_page_comes_from_its_data(exempleville):
    page = soup(exempleville, "/enfance-en-ligne/")
    links = [a["href"] for a in page.select("main a[href^='/portail/']")]
    assert links == ["/portail/inscription-periscolaire", "/portail/payer-la-facture"]
    assert "Inscrire son enfant à la garderie du matin" in page.main.get_text()
    # The editor's text comes first, the list where <!-- demarches --> is, then the rest.
    text = page.main.get_text(" ", strip=True)
    assert text.index("permet d’inscrire") < text.index("garderie du matin")
    assert text.index("Payer la facture") < text.index("Besoin d’aide")
    assert file_for(exempleville, "/arras-famille/") is None


def test_council_sits_at_its_own_town_hall(exempleville):
    ics = exempleville / "agenda/2026/conseil-municipal-2026-11-16/conseil-municipal-2026-11-16.ics"
    [seance] = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert str(seance["location"]) == "Mairie d’Exempleville"
    assert str(seance["uid"]) == "2026-conseil-municipal-2026-11-16@www.exempleville.example"
    with (exempleville / "donnees/deliberations.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert [row[:3] for row in rows[1:]] == [
        ["Ville d’Exempleville", "12345678900011", "D2026-001"]
    ]


def test_without_a_grid_the_declaration_says_no_audit_was_made(exempleville):
    text = soup(exempleville, "/accessibilite/").main.get_text(" ", strip=True)
    assert (
        "Le site de la Ville d’Exempleville est non conforme au RGAA 4.1 : il n’a pas"
        in " ".join(text.split())
    )
    footer = soup(exempleville, "/").find("footer")
    link = footer.find("a", href="/accessibilite/").get_text(strip=True)
    assert link == "Accessibilité\xa0: non conforme"


def test_office_hours_are_its_own(exempleville):
    agenda = soup(exempleville, "/agenda/").main.get_text(" ", strip=True).replace("\xa0", " ")
    assert "Permanence en ligne du maire" in agenda
    assert "2 décembre 2026, de 17 h à 18 h 30" in agenda
    assert "Marché de Noël" in agenda


def portal_text(before, after):
    """Exempleville's demarches.toml with ``before`` replaced by ``after``."""
    text = (CONTENT / "data" / "demarches.toml").read_text(encoding="utf-8")
    assert before in text
    return text.replace(before, after)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            'page = "/enfance-en-ligne/"',
            'page = "enfance-en-ligne"',
            "champ \"page\" invalide « enfance-en-ligne » (l'adresse d'une page du site, comme "
            "/portail-famille/)",
        ),
        ('nom = "P\'tits Exempleviennois"\n', "", 'champ "nom" manquant'),
    ],
    ids=["page-mal-ecrite", "nom-manquant"],
)
def test_portal_settings_mistakes_name_the_field(tmp_path, before, after, expected):
    path = tmp_path / "demarches.toml"
    path.write_text(portal_text(before, after), encoding="utf-8")
    with pytest.raises(DataError) as error:
        demarches.load(path)
    assert str(error.value) == f"{path}: {expected}"


def test_a_portal_page_the_site_lacks_stops_the_build(exempleville_copy, tmp_path):
    (exempleville_copy / "data" / "demarches.toml").write_text(
        portal_text('page = "/enfance-en-ligne/"', 'page = "/famille/"'), encoding="utf-8"
    )
    report = build_exempleville(exempleville_copy, tmp_path / "output")
    assert not report.ok
    assert report.lines == [
        "content/data/demarches.toml: champ \"page\" aucune page du site n'a l'adresse "
        "« /famille/ » : écrivez la page qui présente le portail (avec « Template: portail ») "
        "ou corrigez cette adresse"
    ]
