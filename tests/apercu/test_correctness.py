"""After any series of saves, every page the preview serves is the page a clean build writes.

The preview renders from memory and takes shortcuts (a text edit swaps the text in); this is
the check that no shortcut ever serves a stale page — the problem that stopped incremental
builds in Pelican itself (getpelican/pelican#2171).
"""

import pytest

from apercu import chrome
from publication import construction
from tests.apercu.preview import Preview
from tests.support import ROOT

ARTICLE = """Title: {title}
Date: {date}
Category: {category}
Tags: {tags}
Summary: Résumé de l’actualité numéro {n}.

Premier paragraphe de l’actualité numéro {n}, voir [les écoles]({{filename}}/pages/ecoles.md).

## Une section

Deuxième paragraphe.
"""
COMPARED = {".html", ".xml", ".txt", ".svg", ".csv", ".json", ".pdf"}
NOT_COMPARED = ("pagefind/", "_publication/", "theme/")


def article(n, title=None, date="2013-02-{:02d}", category="Vie municipale", tags="travaux"):
    return ARTICLE.format(
        n=n,
        title=title or f"Actualité de test numéro {n}",
        date=date.format(n),
        category=category,
        tags=tags,
    )


def clean_build(content, output, port):
    origin = f"http://127.0.0.1:{port}"
    settings = construction.load_settings(
        ROOT / "pelicanconf.py",
        {
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / "clean-cache"),
            "SITE_ORIGIN": origin,
            "FEED_DOMAIN": origin,
            "SEARCH_INDEX": False,
            "MARK_PLACEHOLDERS": True,  # as the preview builds
        },
    )
    report = construction.run(settings, echo=None)
    assert report.ok, report.lines
    return output


def served_like(preview, output):
    """Every file of ``output`` fetched from the preview: [(path, built bytes, served bytes)]."""
    pairs = []
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if not path.is_file() or path.suffix not in COMPARED or relative.startswith(NOT_COMPARED):
            continue
        url = "/" + relative.removesuffix("index.html")
        status, _headers, body = preview.get(url)
        assert status == 200, f"{url}: {status}"
        if path.suffix == ".html":
            body = chrome.strip(body.decode("utf-8")).encode("utf-8")
        pairs.append((url, path.read_bytes(), body))
    return pairs


@pytest.fixture
def preview(tmp_path):
    content = tmp_path / "site" / "content"
    (tmp_path / "site").mkdir()
    import shutil

    shutil.copytree(ROOT / "content", content)
    for n in range(1, 13):  # enough for a second page of /actualites/
        (content / "articles" / f"test-{n:02d}.md").write_text(article(n), encoding="utf-8")
    with Preview(tmp_path / "site", formsvc=False) as running:
        yield running


def test_every_page_matches_a_clean_build_after_a_series_of_edits(preview, tmp_path):
    steps = [
        # a body: the fast path
        lambda: preview.edit("articles/test-03.md", "Deuxième paragraphe.", "Texte revu."),
        # a title: listings, feeds, tags, the article's address
        lambda: preview.edit("articles/test-04.md", "Actualité de test numéro 4", "Titre changé"),
        # a date: order of every listing, archives, pagination
        lambda: preview.edit("articles/test-05.md", "Date: 2013-02-05", "Date: 2013-03-20"),
        # a category: old and new category pages, category feeds
        lambda: preview.edit(
            "articles/test-06.md", "Category: Vie municipale", "Category: Famille"
        ),
        # a deleted article
        lambda: (preview.content / "articles/test-07.md").unlink(),
        # a new article, with a new tag
        lambda: preview.save("articles/test-20.md", article(20, tags="nouveauté")),
        # a page's text, and a data file the layout shows on every page
        lambda: preview.edit("pages/ecoles.md", "\n\n", "\n\nUn paragraphe ajouté.\n\n"),
        lambda: preview.edit("data/commune.toml", 'slogan = "', 'slogan = "Nouveau : '),
        # two saves at once: a body and a title
        lambda: (
            preview.edit("articles/test-08.md", "Premier paragraphe", "Tout premier paragraphe"),
            preview.edit("articles/test-09.md", "numéro 9", "neuf"),
        ),
        # a body again, once everything has been written out (pages rendered, memos full)
        lambda: preview.edit("articles/test-10.md", "Deuxième paragraphe.", "Autre texte."),
        # a body that adds a value to confirm: the marks of other pages change too
        lambda: preview.edit(
            "articles/test-11.md", "Deuxième paragraphe.", "Écrire à accueil@mairie.example."
        ),
    ]
    for number, step in enumerate(steps, 1):
        preview.change(step)
        assert not preview.state()["erreurs"], preview.log
        # After each save, not only at the end: a later full build would hide a stale page.
        output = clean_build(preview.content, tmp_path / f"clean-{number}", preview.port)
        pairs = served_like(preview, output)
        assert len(pairs) > 40
        different = [url for url, built, served in pairs if built != served]
        assert not different, f"after edit {number}, pages that differ: {different}"
    # What the edits removed is gone from the preview too.
    for gone in (
        "/actualites/2013/actualite-de-test-numero-7/",
        "/actualites/2013/actualite-de-test-numero-4/",
    ):
        assert preview.get(gone)[0] == 404, gone
    assert (output / "actualites/2013/titre-change/index.html").is_file()
