"""A clerk's mistake in the register of acts stops the build, naming the file, entry and field.

The register's reader (commune.actes.load) is called directly for each kind of mistake; one
build proves the build stops on them, every faulty file named at once.
"""

import pytest

from commune import actes
from tests.actes_pdf import make_pdf
from tests.site.builds import build
from tests.site.registre import ARRETE, SEANCE, fresh_register, write_arrete, write_seance

SEANCE_FILE = "content/actes/seances/2013-04-08.toml"
ARRETE_FILE = "content/actes/arretes/A2013-101.toml"
FIRST = "entrée deliberation n° 1, "


@pytest.fixture
def content(tmp_path):
    """A content folder holding only the test register (one séance, one arrêté)."""
    fresh_register(tmp_path / "content")
    return tmp_path / "content"


def problems(content):
    """The register's mistakes, one line each, as the build shows them (from content/)."""
    return [str(problem) for problem in actes.load(content / "actes", content.parent).problems]


def fails_with(content, expected):
    found = problems(content)
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'matiere = "8.9"',
            'matiere = "8.12"',
            f'{SEANCE_FILE}: {FIRST}champ "matiere" inconnue « 8.12 » (un code de la nomenclature',
        ),
        (
            "mise_en_ligne = 2013-04-10",
            "mise_en_ligne = 2013-04-01",
            f'{SEANCE_FILE}: {FIRST}champ "mise_en_ligne" « 2013-04-01 » avant la date de l\'acte '
            "(2013-04-08)",
        ),
        (
            'resultat = "adoptée"',
            'resultat = "rejetée"',
            f'{SEANCE_FILE}: {FIRST}champ "resultat" « rejetée » avec 40 pour et 3 contre',
        ),
        (
            'resultat = "adoptée"',
            'resultat = "votée"',
            f'{SEANCE_FILE}: {FIRST}champ "resultat" invalide',
        ),
        (
            'numero = "D2013-101"',
            'numero = "D2013/101"',
            f'{SEANCE_FILE}: {FIRST}champ "numero" invalide « D2013/101 »',
        ),
        (
            "votants = 44",
            "votants = 40",
            f'{SEANCE_FILE}: entrée deliberation n° 1, vote, champ "votants" 40 votants, mais '
            "44 voix comptées",
        ),
        (
            "mise_en_ligne = 2013-04-10",
            'mise_en_ligne = "10/04/2013"',
            f'{SEANCE_FILE}: {FIRST}champ "mise_en_ligne" invalide « 10/04/2013 »',
        ),
        (
            'objet = "Rénovation de la médiathèque"\n',
            "",
            f'{SEANCE_FILE}: {FIRST}champ "objet" manquant',
        ),
    ],
)
def test_a_wrong_deliberation_names_file_entry_and_field(content, old, new, expected):
    write_seance(content, text=SEANCE.format(extra="").replace(old, new))
    fails_with(content, expected)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (None, "« D2013-101.pdf » introuvable : déposez le fichier dans content/actes/pdf/"),
        ("text", "« D2013-101.pdf » : ce n'est pas un PDF"),
        ("encrypted", "« D2013-101.pdf » : le PDF est protégé par un mot de passe"),
        ("form", "« D2013-101.pdf » : le PDF contient un formulaire modifiable"),
    ],
)
def test_a_missing_or_unpublishable_pdf_is_named(content, make, expected):
    pdf = content / "actes/pdf/D2013-101.pdf"
    pdf.unlink()
    if make == "text":
        pdf.write_text("Ceci est un document Word renommé.")
    elif make:
        make_pdf(pdf, ["Acte D2013-101"], encrypted=make == "encrypted", form=make == "form")
    fails_with(content, f'{SEANCE_FILE}: {FIRST}champ "fichier" {expected}')


def test_an_arrete_without_its_author_is_refused(content):
    write_arrete(content, text=ARRETE.format(extra="").split("[auteur]")[0])
    fails_with(
        content,
        f'{ARRETE_FILE}: champ "auteur" manquant : un arrêté porte le prénom, le nom et la '
        "qualité de son auteur (CRPA L212-1)",
    )


def test_an_author_without_a_title_is_refused(content):
    write_arrete(content, text=ARRETE.format(extra="").replace('qualite = "Maire d\'Arras"\n', ""))
    fails_with(content, f'{ARRETE_FILE}: entrée auteur, champ "qualite" manquant')


def test_two_acts_with_one_number_are_refused(content):
    (content / "actes/pdf/A2013-101.pdf").rename(content / "actes/pdf/D2013-101-b.pdf")
    text = ARRETE.format(extra='fichier = "D2013-101-b.pdf"').replace("A2013-101", "D2013-101")
    write_arrete(content, text=text)
    fails_with(
        content,
        f'{SEANCE_FILE}: champ "numero" « D2013-101 » est déjà le numéro d\'un acte de '
        f"{ARRETE_FILE}",
    )


def test_a_withdrawal_before_two_months_online_is_refused(content):
    write_arrete(content, extra='[retrait]\ndate = 2013-05-01\nmotif = "Erreur"\n')
    fails_with(
        content,
        f'{ARRETE_FILE}: entrée retrait, champ "date" « 2013-05-01 » : un acte reste en ligne au '
        "moins deux mois après sa mise en ligne (le 2013-04-11) : pas avant le 2013-06-11",
    )


def test_an_unknown_kind_of_act_is_refused(content):
    write_arrete(content, text=ARRETE.format(extra="").replace('"arrêté"', '"ordonnance"'))
    fails_with(content, f'{ARRETE_FILE}: champ "type" invalide « ordonnance » (arrêté ou décision)')


def test_the_usual_variants_of_a_result_or_a_kind_are_understood(content):
    write_seance(content, text=SEANCE.format(extra="").replace('"adoptée"', '"Adopté"'))
    write_arrete(content, text=ARRETE.format(extra="").replace('"arrêté"', '"arrete"'))
    register = actes.load(content / "actes", content.parent)
    assert register.problems == []
    kinds = {acte.numero: (acte.type, acte.resultat) for acte in register.actes}
    assert kinds == {"D2013-101": ("délibération", "adoptée"), "A2013-101": ("arrêté", None)}


def test_minutes_cannot_be_online_before_the_seance_that_adopts_them(content):
    make_pdf(content / "actes/pdf/pv.pdf", ["Proces-verbal"])
    minutes = '[proces_verbal]\nfichier = "pv.pdf"\nmise_en_ligne = 2013-04-20\n\n'
    write_seance(
        content,
        text=SEANCE.format(extra="").replace("[[deliberation]]", minutes + "[[deliberation]]", 1),
    )
    (content / "actes/seances/2013-05-13.toml").write_text("date = 2013-05-13T18:00:00\n")
    fails_with(
        content,
        f'{SEANCE_FILE}: entrée proces_verbal, champ "mise_en_ligne" « 2013-04-20 » : le '
        "procès-verbal est adopté à la séance suivante",
    )


def test_a_seance_ending_before_it_starts_is_refused(content):
    """A séance's end (« fin », for the agenda) comes after its start."""
    text = SEANCE.format(extra="").replace(
        "date = 2013-04-08T18:00:00\n", "date = 2013-04-08T18:00:00\nfin = 2013-04-08T17:00:00\n"
    )
    write_seance(content, text=text)
    fails_with(content, f'{SEANCE_FILE}: champ "fin" invalide « 2013-04-08 17:00:00 »')


def test_the_build_stops_naming_every_faulty_file_of_the_register(content_tree, tmp_path):
    fresh_register(content_tree)
    write_seance(content_tree, text=SEANCE.format(extra="").replace('"8.9"', '"8.12"'))
    write_arrete(content_tree, text=ARRETE.format(extra="").replace('"arrêté"', '"ordonnance"'))
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert [line for line in report.lines if line.startswith("content/actes/")] == [
        f'{SEANCE_FILE}: {FIRST}champ "matiere" inconnue « 8.12 » (un code de la nomenclature '
        "ACTES, par ex. 5.2 pour « fonctionnement des assemblées » : voir docs/guide-redaction.md)",
        f'{ARRETE_FILE}: champ "type" invalide « ordonnance » (arrêté ou décision)',
    ]
    assert not (tmp_path / "output/index.html").exists()  # stopped before writing


def test_an_overdue_list_and_minutes_are_warned_and_stop_a_strict_build(content_tree, tmp_path):
    fresh_register(content_tree)
    late = SEANCE.format(extra="").replace("liste_mise_en_ligne = 2013-04-10\n", "")
    late = late.replace("exemple = true\n", "")  # examples are nobody's obligation
    write_seance(content_tree, text=late)
    next_seance = content_tree / "actes/seances/2013-05-13.toml"
    next_seance.write_text("date = 2013-05-13T18:00:00\nliste_mise_en_ligne = 2013-05-14\n")
    dev = build(content_tree, tmp_path / "dev", PUBLICATION_NOW="2013-06-01")
    assert dev.ok  # in the preview, a warning
    lines = "\n".join(dev.lines)
    assert (
        f"{SEANCE_FILE}: la liste des délibérations de la séance du 2013-04-08 devait être en "
        "ligne au plus tard le 2013-04-15 (CGCT L2121-25)"
    ) in lines
    assert (
        "le procès-verbal de la séance du 2013-04-08, adopté à la séance suivante, devait " in lines
    )
    assert '--allow-late "la raison"' in lines
    strict = build(
        content_tree, tmp_path / "prod", "publishconf.py", strict=True, PUBLICATION_NOW="2013-06-01"
    )
    assert not strict.ok
