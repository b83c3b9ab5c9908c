"""content/data/redirections.toml: checked against the built site, naming entry and field.

The reader and the check the build runs (publication.redirections) are called directly,
against the addresses of the site built once; one build proves a mistake stops it.
"""

import pytest

from commune import FORMSVC_PREFIXES
from commune.datafiles import DataError
from publication import adresses, redirections
from tests.site.builds import build, write

FILE = "content/data/redirections.toml"


def problems(tmp_path, site, declared):
    """What the build says of the file ``declared`` against the built ``site``'s addresses."""
    path = write(tmp_path, "redirections.toml", declared)
    try:
        found = redirections.load(path, FILE)
    except DataError as error:
        return [str(error)]
    published = adresses.read(site).adresses
    return [str(p) for p in redirections.check(found, published, FORMSVC_PREFIXES)]


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
def test_a_wrong_redirection_names_its_entry_and_field(tmp_path, site, declared, expected):
    found = problems(tmp_path, site, declared)
    assert len(found) == 1, found
    assert found[0].startswith(expected)


def test_a_wrong_redirection_stops_the_build(content_tree, tmp_path):
    write(content_tree, "data/redirections.toml", '[[redirection]]\nde = "/ecoles/"\nvers = "/"\n')
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert report.lines == [
        f'{FILE}: entrée redirection n° 1, champ "de" « /ecoles/ » est une page du site : la '
        "redirection ne servirait jamais"
    ]


def test_a_data_file_saved_in_latin_1_names_the_file_and_line(tmp_path):
    path = tmp_path / "redirections.toml"
    path.write_bytes(
        '# Anciennes pages\n[[retrait]]\nadresse = "/a/"\nmotif = "Fermé"\n'.encode("latin-1")
    )
    with pytest.raises(DataError) as error:
        redirections.load(path, FILE)
    assert [str(error.value)] == [
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
