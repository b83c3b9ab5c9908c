"""An editor's mistake stops the build with a message naming the file and the field."""

import logging

import pytest

from tests.site.pages import soup
from tests.support import ROOT
from tests.support.site import build_site

ARTICLE = """Title: Fête de la musique
Date: 2013-06-21
Category: Vie municipale
Tags: musique
Summary: Concerts dans toute la ville.
{extra}
Des concerts ont lieu dans toute la ville.
"""


def write_article(content_tree, name="2013-06-21-fete.md", **fields):
    text = ARTICLE.format(extra="")
    for field, value in fields.items():
        lines = [line for line in text.splitlines() if not line.startswith(f"{field}:")]
        if value is not None:
            lines.insert(1, f"{field}: {value}")
        text = "\n".join(lines) + "\n"
    (content_tree / "articles" / name).write_text(text, encoding="utf-8")


def build_fails(tmp_path, caplog):
    caplog.set_level(logging.ERROR)
    with pytest.raises(Exception):  # noqa: B017 - Pelican raises RuntimeError or our MetadataError
        build_site(tmp_path / "output", PATH=str(tmp_path / "content"))
    return "\n".join(r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"Date": "31/01/2013"},
            'content/articles/2013-06-21-fete.md: champ "date" invalide « 31/01/2013 » '
            "(format attendu AAAA-MM-JJ)",
        ),
        (
            {"Date": "2013-02-30"},
            'content/articles/2013-06-21-fete.md: champ "date" invalide « 2013-02-30 » '
            "(cette date n'existe pas)",
        ),
        ({"Title": None}, 'content/articles/2013-06-21-fete.md: champ "title" manquant'),
        ({"Date": None}, 'content/articles/2013-06-21-fete.md: champ "date" manquant'),
        ({"Category": None}, 'content/articles/2013-06-21-fete.md: champ "category" manquant'),
        ({"Summary": None}, 'content/articles/2013-06-21-fete.md: champ "summary" manquant'),
        (
            {"Status": "brouillon"},
            'content/articles/2013-06-21-fete.md: champ "status" invalide « brouillon » '
            "(valeurs possibles : published, draft, hidden)",
        ),
        ({"Titre": "Fête"}, 'content/articles/2013-06-21-fete.md: champ "titre" inconnu'),
    ],
)
def test_broken_article_metadata_fails_naming_file_and_field(
    content_tree, tmp_path, caplog, fields, expected
):
    write_article(content_tree, **fields)
    assert expected in build_fails(tmp_path, caplog)


def test_two_articles_with_the_same_slug_fail_naming_both(content_tree, tmp_path, caplog):
    write_article(content_tree, "a.md", Slug="fete")
    write_article(content_tree, "b.md", Slug="fete")
    messages = build_fails(tmp_path, caplog)
    assert 'content/articles/b.md: champ "slug" en double : content/articles/a.md' in messages


def preview_settings(content_tree, tmp_path):
    """The settings of the editor's preview: errors not fatal, content cache on."""
    from pelican.settings import read_settings

    return read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content_tree),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "SEARCH_INDEX": False,
        },
    )


def french_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "strict_metadata"]


def test_a_duplicate_slug_is_said_once_and_counts_one_file(content_tree, tmp_path, caplog):
    from pelican import Pelican

    write_article(content_tree, "a.md", Slug="fete")
    write_article(content_tree, "b.md", Slug="fete")
    caplog.set_level(logging.WARNING)  # Pelican's English warning on duplicates would show
    with pytest.raises(Exception, match=r"^construction arrêtée : 1 fichier\(s\) à corriger "):
        Pelican(preview_settings(content_tree, tmp_path)).run()
    assert french_lines(caplog) == [
        'content/articles/b.md: champ "slug" en double : content/articles/a.md a déjà l\'adresse '
        "/actualites/2013/fete/ (changez le slug de l'un des deux)"
    ]
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == ["strict_metadata"]


@pytest.mark.parametrize("same_object", [True, False], ids=["pelican -r", "new Pelican"])
def test_each_build_in_one_process_reports_afresh_and_a_fixed_file_builds(
    content_tree, tmp_path, caplog, same_object
):
    """The preview rebuilds in one process: a retry counts the same, a fix builds."""
    from pelican import Pelican

    settings = preview_settings(content_tree, tmp_path)
    pelican = Pelican(settings)
    write_article(content_tree, "a.md", Slug="fete")
    write_article(content_tree, "b.md", Slug="fete", Date="hier")
    caplog.set_level(logging.WARNING)
    for _attempt in range(2):
        caplog.clear()
        with pytest.raises(Exception, match=r"construction arrêtée : 1 fichier\(s\) "):
            (pelican if same_object else Pelican(settings)).run()
        assert french_lines(caplog) == [
            'content/articles/b.md: champ "date" invalide « hier » (format attendu AAAA-MM-JJ)'
        ]
    write_article(content_tree, "b.md", Slug="fete")  # now a duplicate address only
    caplog.clear()
    with pytest.raises(Exception, match=r"construction arrêtée : 1 fichier\(s\) "):
        (pelican if same_object else Pelican(settings)).run()
    assert len(french_lines(caplog)) == 1
    write_article(content_tree, "b.md", Slug="fete-2")
    (pelican if same_object else Pelican(settings)).run()
    assert (tmp_path / "output/actualites/2013/fete-2/index.html").is_file()


def test_page_without_title_fails(content_tree, tmp_path, caplog):
    (content_tree / "pages" / "horaires.md").write_text(
        "Slug: horaires\n\nLa mairie est ouverte.\n", encoding="utf-8"
    )
    assert 'content/pages/horaires.md: champ "title" manquant' in build_fails(tmp_path, caplog)


def test_every_broken_file_is_reported_and_the_build_stops_even_without_fatal(
    content_tree, tmp_path, caplog
):
    """Editors previewing with `make serve` get the same stop as `publish`, listing each file."""
    from pelican import Pelican
    from pelican.settings import read_settings

    write_article(content_tree, "a.md", Date="hier")
    write_article(content_tree, "b.md", Summary=None)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content_tree),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "LOAD_CONTENT_CACHE": False,
            "CACHE_PATH": str(tmp_path / "cache"),
        },
    )
    caplog.set_level(logging.ERROR)
    with pytest.raises(Exception, match=r"2 fichier\(s\).*content/articles/a\.md") as error:
        Pelican(settings).run()
    # Pelican imports the plugin by its own name (PLUGIN_PATHS), so compare by class name.
    assert type(error.value).__name__ == "MetadataError"
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert 'content/articles/a.md: champ "date" invalide « hier »' in messages
    assert 'content/articles/b.md: champ "summary" manquant' in messages


def test_bad_identity_data_names_the_file_entry_and_field(tmp_path):
    from commune import identity
    from commune.datafiles import DataError

    text = (ROOT / "content/data/commune.toml").read_text(encoding="utf-8")
    broken = tmp_path / "commune.toml"
    broken.write_text(text.replace('url = "/ecoles/"', 'url = "ecoles"'), encoding="utf-8")
    with pytest.raises(DataError) as error:
        identity.load(broken)
    assert str(error.value) == (
        f'{broken}: entrée menu n° 5, champ "url" invalide « ecoles » '
        "(chemin du site attendu, par ex. /actualites/)"
    )


def test_a_draft_is_built_apart_and_never_listed(content_tree, tmp_path):
    write_article(content_tree, Status="draft", Slug="fete-de-la-musique")
    output = build_site(tmp_path / "output", PATH=str(content_tree))
    draft = soup(output, "/drafts/fete-de-la-musique/")
    assert draft.select_one("h1").get_text() == "Fête de la musique"
    assert draft.select_one('meta[name="robots"]')["content"] == "noindex"
    assert draft.select_one("[data-pagefind-body]") is None  # kept out of the search index
    for listing in [
        "/",
        "/actualites/",
        "/archives/",
        "/categories/vie-municipale/",
        "/plan-du-site/",
    ]:
        assert "Fête de la musique" not in soup(output, listing).get_text(), listing
    for feed in ["feeds/all.atom.xml", "sitemap.xml"]:
        assert "fete-de-la-musique" not in (output / feed).read_text(encoding="utf-8")
    assert not (output / "etiquettes/musique").exists()


def test_news_index_is_paginated_with_distinct_titles(tmp_path):
    output = build_site(tmp_path / "output", DEFAULT_PAGINATION=2)
    first, second = soup(output, "/actualites/"), soup(output, "/actualites/page/2/")
    assert first.title.get_text() != second.title.get_text()
    assert "page 2 sur 3" in second.select_one("h1").get_text()
    pager = second.select_one('nav[aria-label="Pagination"]')
    assert pager.select_one('a[rel="prev"]')["href"] == "/actualites/"
    assert pager.select_one('a[rel="next"]')["href"] == "/actualites/page/3/"
    assert pager.select_one('a[aria-current="page"]').get_text() == "Page 2"


def test_invalid_demarches_file_names_entry_and_field(tmp_path):
    from commune import demarches
    from commune.datafiles import DataError

    text = (ROOT / "content/data/demarches.toml").read_text(encoding="utf-8")
    broken = tmp_path / "demarches.toml"
    broken.write_text(text.replace('groupe = "loisirs"', 'groupe = "sport"'), encoding="utf-8")
    with pytest.raises(DataError) as error:
        demarches.load(broken)
    assert str(error.value) == (
        f"{broken}: entrée demarche n° 3 (« inscription-centre-de-loisirs »), "
        'champ "groupe" inconnu « sport » (possibles : petite enfance, écoles, loisirs, '
        "restauration scolaire, paiement)"
    )


def test_pager_shows_first_last_and_neighbours_only(tmp_path):
    output = build_site(tmp_path / "output", DEFAULT_PAGINATION=1)
    pager = soup(output, "/actualites/").select_one('nav[aria-label="Pagination"]')
    assert [a.get_text() for a in pager.select("a")] == [
        "Page 1",
        "Page 2",
        "Page 3",
        "Page 6",
        "Page suivante",
    ]
    assert pager.select_one('li[aria-hidden="true"]').get_text() == "…"


def test_a_rebuild_rewrites_only_the_files_that_changed(content_tree, tmp_path):
    output = build_site(tmp_path / "output", PATH=str(content_tree), LOAD_CONTENT_CACHE=True)
    untouched = output / "ecoles/index.html"
    edited = output / "actualites/2013/ecoles-haut-debit/index.html"
    before = {path: path.stat().st_mtime_ns for path in (untouched, edited)}
    article = content_tree / "articles/2013-01-22-ecoles-haut-debit.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n")
    build_site(output, PATH=str(content_tree), LOAD_CONTENT_CACHE=True)
    assert untouched.stat().st_mtime_ns == before[untouched]
    assert edited.stat().st_mtime_ns != before[edited]
    shown = soup(output, "/actualites/2013/ecoles-haut-debit/").select_one(".contenu")
    assert "Un paragraphe ajouté." in shown.get_text()
