"""Values still to confirm: listed by file and line, marked in the preview, never in production."""

from commune import a_confirmer
from tests.site.builds import build, write
from tests.site.pages import soup


def findings(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.value, f.reason) for f in a_confirmer.find(path, name)]


def test_reserved_domains_social_home_pages_and_marked_values_are_found(tmp_path):
    found = findings(
        tmp_path,
        "page.md",
        "Title: Contacts\n\n"
        "Écrire à [la mairie](mailto:accueil@mairie.example).\n"
        "Voir [notre page](https://www.instagram.com/) et [celle-ci](https://www.instagram.com/ville).\n"
        "Le site [de test](https://demo.example.org/page).\n"
        "Ouvert le samedi matin. <!-- à confirmer -->\n"
        "Une adresse normale : https://www.service-public.fr/.\n",
    )
    assert found == [
        (3, "accueil@mairie.example", "domaine réservé aux exemples « .example »"),
        (
            4,
            "https://www.instagram.com/",
            "lien vers la page d'accueil de instagram.com, pas vers la page voulue",
        ),
        (5, "https://demo.example.org/page", "domaine réservé aux exemples « example.org »"),
        (6, "Ouvert le samedi matin.", "marqué « à confirmer »"),
    ]


def test_a_data_file_value_marked_in_its_comment_is_found_not_the_explanations(tmp_path):
    found = findings(
        tmp_path,
        "commune.toml",
        "# Les valeurs marquées « à confirmer » sont provisoires.\n"
        'telephone = "03 21 00 00 00"  # à confirmer par l’accueil\n'
        'site = "https://www.ville.fr"\n'
        '# portail = "https://portail.example"\n',
    )
    assert found == [(2, "03 21 00 00 00", "marqué « à confirmer »")]


def test_the_preview_marks_each_value_and_a_publication_build_does_not(content_tree, tmp_path):
    """The preview builds with MARK_PLACEHOLDERS (tests/apercu check it serves these pages)."""
    write(
        content_tree,
        "pages/horaires.md",
        "Title: Horaires\n\nLe samedi de 9 h à 12 h. <!-- à confirmer -->\n",
    )
    assert build(content_tree, tmp_path / "dev", MARK_PLACEHOLDERS=True).ok  # as the preview
    page = soup(tmp_path / "dev", "/horaires/")
    assert page.select_one("main mark.a-confirmer").get_text() == "à confirmer"
    footer = soup(tmp_path / "dev", "/").select_one("footer")
    assert footer.select_one('a[href^="mailto:"] + mark.a-confirmer') is not None
    assert build(content_tree, tmp_path / "prod", "publishconf.py").ok
    for url in ("/horaires/", "/", "/reseaux-sociaux/"):
        assert soup(tmp_path / "prod", url).select("mark.a-confirmer") == [], url
