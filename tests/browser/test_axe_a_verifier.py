"""What axe-core leaves to a person: the grid's ``[[axe_a_verifier]]`` entries, read with errors
an editor can act on, and compared with what axe reports on a page in Chromium."""

import re

import pytest

from commune import accessibilite
from commune.datafiles import DataError
from tests.browser import axe
from tests.browser.helpers import new_tab

ADDRESS = "http://127.0.0.1:9/essai/"  # answered by the test itself (page.route)
# Text over a gradient: axe cannot know the colour behind it, and says so (« incomplete »).
OVER_A_GRADIENT = """<!doctype html><html lang="fr"><title>Essai</title>
<main><p id="degrade" style="background: linear-gradient(#fff, #000); color: #777">
Un texte sur un dégradé</p><p id="uni">Un texte sur le blanc</p>
<p id="cache" hidden>Un texte caché</p></main></html>"""
ENTRY = """
[[axe_a_verifier]]
regle = "color-contrast"
page = "/gestion/demandes/<reference>"
cible = "#titre"
verdict = "conforme"
procedure = "Texte noir sur le fond blanc de la boîte de dialogue : 17,2:1."
controle = "audit-interne-2026-11"
"""


def entry(cible, page="/essai/", regle="color-contrast"):
    check = accessibilite.Verification("vu", "Chromium", "équipe", None)
    return accessibilite.AxeAVerifier(regle, page, cible, accessibilite.CONFORME, check)


def load_with(tmp_path, extra):
    """The real grid with ``extra`` TOML at its end."""
    path = tmp_path / "accessibilite.toml"
    path.write_text(accessibilite.DEFAULT_PATH.read_text(encoding="utf-8") + extra, "utf-8")
    return accessibilite.load(path)


# -- the grid's entries -------------------------------------------------------------------


def test_an_entry_is_read_with_its_check_and_matches_any_reference(tmp_path):
    grid = load_with(tmp_path, ENTRY)
    [read] = [e for e in grid.axe_a_verifier if e.cible == "#titre"]
    assert (read.regle, read.verdict) == ("color-contrast", "conforme")
    assert read.verification.role.startswith("équipe de développement")
    assert read.concerne("/gestion/demandes/RHYZ4TJN")
    assert not read.concerne("/gestion/demandes/")
    assert not read.concerne("/gestion/demandes/RHYZ4TJN/reponse")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('verdict = "conforme"', 'verdict = "bon"'), 'champ "verdict" invalide « bon »'),
        (('controle = "audit-interne-2026-11"', 'controle = "x"'), 'champ "controle" inconnu'),
        (('page = "/gestion', 'page = "gestion'), 'champ "page" invalide « gestion'),
        (('cible = "#titre"\n', ""), 'champ "cible" manquant'),
    ],
    ids=["verdict", "controle", "page", "cible"],
)
def test_a_mistake_names_the_file_the_entry_and_the_field(tmp_path, change, expected):
    with pytest.raises(DataError, match=re.escape(expected)) as error:
        load_with(tmp_path, ENTRY.replace(*change))
    assert "accessibilite.toml: entrée axe à vérifier n° " in str(error.value)


def test_an_entry_written_twice_is_refused(tmp_path):
    with pytest.raises(DataError, match="en double « #titre »"):
        load_with(tmp_path, ENTRY + ENTRY)


def failing_sample_page(grid):
    """(criterion, address) of a sample page where the grid says a criterion fails."""
    for resultat in grid.resultats:
        for page in grid.pages:
            if resultat.par_page[page.id] == accessibilite.NON_CONFORME:
                return resultat.critere.numero, page.adresse
    raise AssertionError("la grille ne déclare aucun critère « non conforme »")


def test_a_defect_a_person_found_needs_its_criterion_declared_failing(tmp_path):
    numero, adresse = failing_sample_page(accessibilite.load())
    failing = ENTRY.replace('verdict = "conforme"', 'verdict = "non conforme"')
    with pytest.raises(DataError, match='champ "critere" manquant : un défaut trouvé'):
        load_with(tmp_path, failing)
    # On a sample page where the grid says the criterion holds: refused, naming the page.
    home = failing.replace('page = "/gestion/demandes/<reference>"', 'page = "/"')
    with pytest.raises(DataError, match=r"le critère 3\.2 ne l'est pas pour accueil"):
        load_with(tmp_path, home + 'critere = "3.2"\n')
    with pytest.raises(DataError, match=re.escape('champ "critere" inconnu « 99.9 »')):
        load_with(tmp_path, home + 'critere = "99.9"\n')
    # Where the grid says it fails: accepted.
    there = failing.replace('page = "/gestion/demandes/<reference>"', f'page = "{adresse}"')
    grid = load_with(tmp_path, there + f'critere = "{numero}"\n')
    assert [e.critere for e in grid.axe_a_verifier if e.cible == "#titre"] == [numero]


# -- what axe reports, against the grid ---------------------------------------------------


@pytest.fixture(scope="module")
def tab(browser):
    with new_tab(browser) as tab:
        tab.route(
            ADDRESS, lambda route: route.fulfill(body=OVER_A_GRADIENT, content_type="text/html")
        )
        tab.goto(ADDRESS)
        yield tab


@pytest.fixture(scope="module")
def incomplete(tab):
    return axe.run(tab)["incomplete"]


@pytest.mark.browser
def test_a_result_axe_leaves_to_a_person_fails_with_the_entry_to_write(tab, incomplete, tmp_path):
    unrecorded, stale = axe.to_review(tab, incomplete, entries=())
    assert stale == []
    [written] = unrecorded
    assert 'regle = "color-contrast"\npage = "/essai/"' in written
    assert 'cible = "#degrade"' in written
    report = "\n".join(axe.review_report(unrecorded, stale))
    assert "faites-les vérifier par une personne, puis ajoutez à content/data/" in report
    # Once a person has judged, the entry given, filled in, is one the grid reads.
    filled = written.replace('"…"', '"conforme"', 1).replace('"…"', '"Lu sur la capture."', 1)
    filled = filled.replace('"…"', '"audit-interne-2026-11"')
    grid = load_with(tmp_path, "\n" + filled + "\n")
    assert axe.to_review(tab, incomplete, grid.axe_a_verifier) == ([], [])


@pytest.mark.browser
def test_an_entry_axe_no_longer_reports_is_stale_while_its_element_is_shown(tab, incomplete):
    judged = entry("#degrade")
    no_longer = entry("#uni")  # shown, and axe can judge it: nothing left for a person
    hidden = entry("#cache")  # not shown here: nothing to compare
    elsewhere = entry("#uni", page="/ailleurs/")
    entries = (judged, no_longer, hidden, elsewhere)
    unrecorded, stale = axe.to_review(tab, incomplete, entries)
    assert (unrecorded, stale) == ([], [no_longer])
    report = "\n".join(axe.review_report(unrecorded, stale))
    assert "qu'axe-core ne signale plus" in report and "color-contrast sur /essai/ : #uni" in report
