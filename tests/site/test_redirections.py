"""content/data/redirections.toml: checked against the built site, naming entry and field."""

import pytest

from tests.site.builds import build, write

FILE = "content/data/redirections.toml"


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (
            '[[redirection]]\nde = "/ecoles/"\nvers = "/"\n',
            f'{FILE}: entrée redirection n° 1, champ "de" « /ecoles/ » est une page du site : '
            "la redirection ne servirait jamais",
        ),
        (
            '[[redirection]]\nde = "/ancienne/"\nvers = "/nulle-part/"\n',
            f'{FILE}: entrée redirection n° 1, champ "vers" « /nulle-part/ » n\'est pas une page '
            "du site (vérifiez l'adresse)",
        ),
        (
            '[[redirection]]\nde = "/a/"\nvers = "/b/"\n\n'
            '[[redirection]]\nde = "/b/"\nvers = "/"\n',
            f'{FILE}: entrée redirection n° 1, champ "vers" « /b/ » est elle-même redirigée : '
            "écrivez directement sa destination « / »",
        ),
        (
            '[[redirection]]\nde = "ancienne-page"\nvers = "/"\n',
            f'{FILE}: entrée redirection n° 1, champ "de" invalide « ancienne-page » (une adresse '
            "du site attendue, par ex. /actualites/)",
        ),
        (
            '[[redirection]]\nde = "/a/"\nvers = "http://autre.fr/"\n',
            f'{FILE}: entrée redirection n° 1, champ "vers" invalide « http://autre.fr/ »',
        ),
        (
            '[[redirection]]\nde = "/a/"\n',
            f'{FILE}: entrée redirection n° 1, champ "vers" manquant',
        ),
        (
            '[[retrait]]\nadresse = "/ecoles/"\nmotif = "Fermée"\n',
            f'{FILE}: entrée retrait n° 1, champ "adresse" « /ecoles/ » est une page du site : '
            "supprimez d'abord le texte",
        ),
        ('[[redirection]\nde = "/a/"\n', f"{FILE}: syntaxe TOML invalide ligne 1, colonne 14"),
        (
            '[[redirection]]\nde = "/a/"\nvers = "/$host/"\n',
            f'{FILE}: entrée redirection n° 1, champ "vers" invalide « /$host/ »',
        ),
    ],
)
def test_a_wrong_redirection_stops_the_build(content_tree, tmp_path, declared, expected):
    write(content_tree, "data/redirections.toml", declared)
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert any(line.startswith(expected) for line in report.lines), report.lines


def test_a_data_file_saved_in_latin_1_names_the_file_and_line(content_tree, tmp_path):
    path = content_tree / "data/redirections.toml"
    path.write_bytes(
        '# Anciennes pages\n[[retrait]]\nadresse = "/a/"\nmotif = "Fermé"\n'.encode("latin-1")
    )
    report = build(content_tree, tmp_path / "output")
    assert report.lines == [
        f"{FILE}: ligne 4 : caractère illisible : le fichier n'est pas enregistré en UTF-8 (sans "
        "doute en Windows-1252 ou Latin-1) ; rouvrez-le et enregistrez-le en UTF-8"
    ]


def test_good_redirections_are_written_for_nginx(content_tree, tmp_path):
    write(
        content_tree,
        "data/redirections.toml",
        '[[redirection]]\nde = "/vieille-page/"\nvers = "/ecoles/"\n\n'
        '[[retrait]]\nadresse = "/erreur/"\nmotif = "Publiée par erreur"\n',
    )
    report = build(content_tree, tmp_path / "output")
    assert report.ok, report.lines
    nginx_map = (tmp_path / "output/_publication/redirections.map").read_text(encoding="utf-8")
    assert '"/vieille-page/" "/ecoles/";' in nginx_map
    assert '"/vieille-page" "/ecoles/";' in nginx_map  # typed without its slash
    assert '"/erreur/" "410";' in nginx_map
