"""The RGAA 4.1.2 reference, the evidence grid and the conformity rate by the RGAA method."""

import datetime
import re

import pytest

from commune import accessibilite
from commune.datafiles import DataError
from publication import publier
from tests.site.rgaa import MANUAL, REAL_TEST, grid_text
from tests.support import ROOT

# Criteria per theme in RGAA 4.1.2: 106 in all.
PER_THEME = [9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12]


def load(tmp_path, text, **kwargs):
    path = tmp_path / "accessibilite.toml"
    path.write_text(text, encoding="utf-8")
    return accessibilite.load(path, **kwargs)


def test_the_reference_has_the_106_criteria_of_its_13_themes_in_order():
    reference = accessibilite.referentiel()
    assert reference.version == "4.1.2"
    assert [n for n, _name in reference.thematiques] == list(range(1, 14))
    assert len(reference.criteres) == 106
    for (theme, name), count in zip(reference.thematiques, PER_THEME, strict=True):
        numbers = [c.numero for c in reference.criteres if c.thematique == name]
        assert numbers == [f"{theme}.{n}" for n in range(1, count + 1)]
    assert {c.niveau for c in reference.criteres} == {"A", "AA"}


def test_rates_follow_the_rgaa_method(tmp_path):
    # 8.5 conforme everywhere; 11.1 fails on one page; 8.3 conforme on one page, not
    # applicable on the other; all the rest not applicable.
    grid = load(
        tmp_path,
        grid_text(
            {
                "8.5": 'statut = "conforme"\ntests = ["tests/x.py::test_titre"]\n',
                "11.1": 'statut = "conforme"\npages = { accueil = "non conforme" }\n'
                'tests = ["tests/x.py::test_etiquettes"]\nremarque = "Un champ sans étiquette"\n',
                "8.3": 'statut = "conforme"\npages = { contact = "non applicable" }\n'
                'tests = ["tests/x.py::test_langue"]\n',
            }
        ),
    )
    # Site: 8.3 and 8.5 conforme, 11.1 non conforme: 2 of 3 applicable criteria.
    assert grid.taux() == 66.7
    assert grid.etat() == "partiellement conforme"
    assert grid.taux_page("accueil") == 66.7  # 8.3, 8.5 of 8.3, 8.5, 11.1
    assert grid.taux_page("contact") == 100.0  # 8.5, 11.1 of 8.5, 11.1
    assert grid.taux_moyen() == 83.3
    [(failing, pages)] = grid.non_conformes()
    assert failing.critere.numero == "11.1"
    assert [p.id for p in pages] == ["accueil"]
    assert failing.remarque == "Un champ sans étiquette"


@pytest.mark.parametrize(
    ("conformes", "expected"),
    [(3, "totalement conforme"), (2, "partiellement conforme"), (1, "non conforme")],
)
def test_the_status_comes_from_the_rate(tmp_path, conformes, expected):
    automatic = ["8.1", "8.3", "8.5"]
    results = {
        numero: 'statut = "{}"\ntests = ["tests/x.py::test_x"]\n'.format(
            "conforme" if n < conformes else "non conforme"
        )
        for n, numero in enumerate(automatic)
    }
    assert load(tmp_path, grid_text(results)).etat() == expected


def test_nothing_applicable_gives_no_rate_and_no_conformity(tmp_path):
    grid = load(tmp_path, grid_text())
    assert grid.taux() is None
    assert grid.etat() == "non conforme"


@pytest.mark.parametrize(
    ("results", "omit", "expected"),
    [
        (
            {},
            ("4.1", "13.12"),
            'accessibilite.toml: champ "critere" 2 critère(s) sans résultat : 4.1, 13.12',
        ),
        (
            {"3.2": 'statut = "conforme"\n'},
            (),
            'accessibilite.toml: entrée critère 3.2, champ "tests" manquant : donnez le test '
            "qui le prouve, ou la vérification faite",
        ),
        (
            # axe-core measures contrast, yet cannot judge text over an image: not enough.
            {"3.2": 'statut = "conforme"\ntests = ["tests/x.py::test_axe"]\n'},
            (),
            'accessibilite.toml: entrée critère 3.2, champ "verification" manquant : aucun '
            "outil ne juge seul ce critère",
        ),
        (
            {"8.5": 'statut = "conforme"\npages = { accueuil = "conforme" }\ntests = ["t"]\n'},
            (),
            'accessibilite.toml: entrée critère 8.5, champ "pages" page inconnue « accueuil » '
            "(pages de l'échantillon : accueil, contact)",
        ),
        (
            {"8.5": 'statut = "ok"\ntests = ["t"]\n'},
            (),
            'accessibilite.toml: entrée critère 8.5, champ "statut" invalide « ok »',
        ),
    ],
    ids=["critere-absent", "sans-preuve", "axe-seul", "page-inconnue", "statut-invalide"],
)
def test_mistakes_name_the_file_the_criterion_and_the_field(tmp_path, results, omit, expected):
    with pytest.raises(DataError) as raised:
        load(tmp_path, grid_text(results, omit=omit))
    assert str(raised.value).startswith(str(tmp_path) + "/" + expected)


def test_a_manual_check_makes_a_judgement_criterion_conforme(tmp_path):
    grid = load(tmp_path, grid_text({"3.2": 'statut = "conforme"\n' + MANUAL}))
    [resultat] = [r for r in grid.resultats if r.critere.numero == "3.2"]
    assert resultat.verification.role == "chargée d'accessibilité"
    assert grid.taux() == 100.0


CONTROLE = """
[[controle]]
id = "relecture-2026"
outil = "Chromium 131, feuilles de style désactivées"
role = "chargée d'accessibilité"
date = 2026-11-30
"""


def test_criteria_checked_together_share_their_controle(tmp_path):
    shared = '[critere.verification]\nprocedure = "{}"\ncontrole = "relecture-2026"\n'
    grid = load(
        tmp_path,
        grid_text(
            {
                "3.1": 'statut = "conforme"\n' + shared.format("Chaque information en couleur"),
                "9.3": 'statut = "conforme"\n' + shared.format("Chaque liste visible"),
            }
        )
        + CONTROLE,
    )
    checks = {r.critere.numero: r.verification for r in grid.resultats if r.verification}
    assert checks["3.1"].procedure == "Chaque information en couleur"
    assert {(v.role, v.date.isoformat()) for v in checks.values()} == {
        ("chargée d'accessibilité", "2026-11-30")
    }
    with pytest.raises(DataError) as raised:
        load(tmp_path, grid_text({"3.1": 'statut = "conforme"\n' + shared.format("x")}))
    assert 'entrée critère 3.1, champ "verification.controle" inconnu « relecture-2026 »' in (
        str(raised.value)
    )


def test_a_test_named_as_evidence_must_exist(tmp_path):
    real = "tests/site/test_rgaa.py::test_a_test_named_as_evidence_must_exist"
    assert load(
        tmp_path, grid_text({"8.5": f'statut = "conforme"\ntests = ["{real}"]\n'}), tests_root=ROOT
    )
    wrong = grid_text(
        {"8.5": 'statut = "conforme"\ntests = ["tests/site/test_rgaa.py::test_nul"]\n'}
    )
    with pytest.raises(
        DataError, match=re.escape("introuvable « tests/site/test_rgaa.py::test_nul »")
    ):
        load(tmp_path, wrong, tests_root=ROOT)


def test_an_audit_under_way_has_no_rate_and_says_what_is_left(tmp_path):
    grid = load(
        tmp_path,
        grid_text(
            {
                "8.5": f'statut = "conforme"\ntests = ["{REAL_TEST}"]\n',
                "3.2": 'statut = "à vérifier"\nprocedure = "Mesurer le contraste de chaque '
                'couleur de texte sur chaque page"\n',
            }
        ),
    )
    assert grid.taux() is None
    assert grid.taux_page("accueil") is None
    assert grid.etat() == "non conforme"
    [left] = grid.a_verifier()
    assert left.critere.numero == "3.2"
    assert left.procedure.startswith("Mesurer le contraste")


def test_a_criterion_to_check_says_how(tmp_path):
    with pytest.raises(DataError, match=re.escape('critère 3.2, champ "procedure" manquant')):
        load(tmp_path, grid_text({"3.2": 'statut = "à vérifier"\n'}))


def test_manual_checks_are_due_again_a_year_later(tmp_path):
    grid = load(tmp_path, grid_text({"3.2": 'statut = "conforme"\n' + MANUAL}))
    checked = datetime.date(2026, 11, 30)  # MANUAL's date
    assert grid.a_refaire(checked + datetime.timedelta(days=365)) == []
    [due] = grid.a_refaire(checked + datetime.timedelta(days=400))
    assert due.critere.numero == "3.2"


def test_publishing_with_year_old_checks_says_so_and_goes_on(tmp_path, capsys):
    grid = load(tmp_path, grid_text({"3.2": 'statut = "conforme"\n' + MANUAL}))
    publier._warn_stale_checks(grid, datetime.date(2027, 12, 15))
    said = " ".join(capsys.readouterr().out.replace("\u00a0", " ").split())
    assert "1 vérification(s) manuelle(s)" in said
    assert "(la plus ancienne : 30 novembre 2026)" in said
    publier._warn_stale_checks(grid, datetime.date(2027, 6, 1))
    assert capsys.readouterr().out == ""
