"""The verdict (criteres.verdict), on grids and pages written for it: each of its rules finds
the untrue declaration it is for, in the words `invoke publish` prints, and accepts a true
one."""

import pytest

from commune import accessibilite
from publication import criteres
from tests.site.rgaa import LAYOUT, MANUAL, REAL_TEST, grid_text, page_of

FIELD = '<form><p><input type="text" name="quartier"></p></form>'


def _grid(tmp_path, results):
    path = tmp_path / "accessibilite.toml"
    path.write_text(grid_text(results), encoding="utf-8")
    return accessibilite.load(path)


def _sample(contact_body):
    return {
        "accueil": page_of(LAYOUT.format("<p>Bienvenue.</p>")),
        "contact": page_of(LAYOUT.format(contact_body)),
    }


@pytest.mark.parametrize(
    ("declared", "body", "expected"),
    [
        # A failure found by code: « conforme » is false, and « à vérifier » would keep a
        # known failure out of the declaration's list.
        (
            'statut = "non applicable"\npages = {{ contact = "conforme" }}\ntests = ["{t}"]',
            FIELD,
            "/permanence-en-ligne/ : critère 11.1 (Chaque champ de formulaire a une étiquette.) "
            ": champ « quartier » sans étiquette",
        ),
        (
            'statut = "non applicable"\npages = {{ contact = "à vérifier" }}\ntests = ["{t}"]\n'
            'procedure = "Relire le formulaire"',
            FIELD,
            "/permanence-en-ligne/ : critère 11.1 (Chaque champ de formulaire a une étiquette.) "
            ": champ « quartier » sans étiquette",
        ),
        # What makes it apply is on the page.
        (
            'statut = "non applicable"\ntests = ["{t}"]',
            FIELD.replace('<input type="text"', '<label>Quartier <input type="text"').replace(
                "</p>", "</label></p>"
            ),
            "/permanence-en-ligne/ (page « contact ») : critère 11.1 (Chaque champ de formulaire "
            "a une étiquette.) déclaré non applicable ; la page contient <input",
        ),
        # What it needs is not on the page.
        (
            'statut = "non applicable"\npages = {{ contact = "conforme" }}\ntests = ["{t}"]',
            "<p>Écrivez-nous.</p>",
            "/permanence-en-ligne/ (page « contact ») : critère 11.1 (Chaque champ de formulaire "
            "a une étiquette.) déclaré conforme, alors que ce qu'il vise n'est pas sur la page",
        ),
    ],
    ids=["conforme-failing", "a-verifier-failing", "non-applicable-applying", "not-applying"],
)
def test_the_verdict_finds_each_untrue_declaration(tmp_path, declared, body, expected):
    grid = _grid(tmp_path, {"11.1": declared.format(t=REAL_TEST) + "\n"})
    found = criteres.verdict(grid, _sample(body)).about("11.1")
    lines = [line for _heading, lines, _why in found.sections() for line in lines]
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_the_verdict_accepts_a_failure_declared_and_a_criterion_being_checked(tmp_path):
    failing = 'statut = "non applicable"\npages = { contact = "non conforme" }\n'
    failing += f'tests = ["{REAL_TEST}"]\nremarque = "Un champ sans étiquette"\n'
    found = criteres.verdict(_grid(tmp_path, {"11.1": failing}), _sample(FIELD))
    assert found.about("11.1").sections() == []
    labelled = FIELD.replace('<input type="text"', '<label>Quartier <input type="text"')
    checking = 'statut = "non applicable"\npages = { contact = "à vérifier" }\n'
    checking += f'tests = ["{REAL_TEST}"]\nprocedure = "Relire le formulaire"\n'
    found = criteres.verdict(_grid(tmp_path, {"11.1": checking}), _sample(labelled))
    assert found.about("11.1").sections() == []


@pytest.fixture
def scripted_site(tmp_path):
    folder = tmp_path / "site" / "theme" / "js"
    folder.mkdir(parents=True)
    (folder / "aide.js").write_text(
        "// window.open( in a comment opens nothing\n"
        'const requete = new XMLHttpRequest(); requete.open("GET", "/aide.json");\n'
        'import("./fenetre.js");\n',
        encoding="utf-8",
    )
    (folder / "fenetre.js").write_text(
        'document.querySelector("#aide").addEventListener("click", () => window.open("/aide/"));\n',
        encoding="utf-8",
    )
    (folder / "calme.js").write_text('requete.open("GET", "/x"); document.open();\n')
    return tmp_path / "site"


def test_a_window_a_script_may_open_leaves_13_2_to_a_person(scripted_site, tmp_path):
    # Every script the page loads is read, the modules they import too.
    body = LAYOUT.format("<p>Texte.</p>")
    calm = page_of(body, head='<script src="/theme/js/calme.js"></script>', site=scripted_site)
    opening = page_of(body, head='<script src="/theme/js/aide.js"></script>', site=scripted_site)
    handler = page_of(LAYOUT.format("<button onclick=\"open('/aide/')\">Aide</button>"))
    assert criteres.undecided(calm) == {}
    assert criteres.undecided(opening) == {"13.2": ["window.open (/theme/js/fenetre.js)"]}
    assert criteres.undecided(handler) == {"13.2": ["open (attribut onclick de <button>)"]}
    # Declared « conforme » on the tests alone, it needs a person's verification there.
    automatic = f'statut = "conforme"\ntests = ["{REAL_TEST}"]\n'
    grid = _grid(tmp_path, {"13.2": automatic})
    found = criteres.verdict(grid, {"accueil": calm, "contact": opening}).about("13.2")
    assert [line for _h, lines, _w in found.sections() for line in lines] == [
        "/permanence-en-ligne/ (page « contact ») : critère 13.2 (Aucune nouvelle fenêtre ne "
        "s’ouvre sans action de l’utilisateur.) déclaré conforme sur la foi des tests, que le "
        "code ne peut pas juger ici : window.open (/theme/js/fenetre.js)"
    ]
    checked = _grid(tmp_path, {"13.2": automatic + MANUAL})
    assert (
        criteres.verdict(checked, {"accueil": calm, "contact": opening}).about("13.2").sections()
        == []
    )
