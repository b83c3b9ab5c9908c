"""A link or an image that leads nowhere stops the build, naming the file and the target."""

import pytest

from publication import markup
from publication.liens import broken_links
from tests.site.builds import article, build, write
from tests.support import ROOT

SOURCE = "content/articles/fete.md"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Voir [les horaires]({filename}/pages/horaires.md).",
            f"{SOURCE}: ligne 6 : le lien {{filename}}/pages/horaires.md vise un fichier qui "
            "n'existe pas (content/pages/horaires.md) : vérifiez le nom du fichier et son dossier",
        ),
        (
            "Voir [l’article]({filename}../articles/absent.md).",
            f"{SOURCE}: ligne 6 : le lien {{filename}}../articles/absent.md vise un fichier qui "
            "n'existe pas (content/articles/absent.md)",
        ),
        (
            "![La scène]({static}/images/scene.jpg)",
            f"{SOURCE}: ligne 6 : l'image ou le document {{static}}/images/scene.jpg vise un "
            "fichier qui n'existe pas (content/images/scene.jpg)",
        ),
        (
            "Voir [la page]({fichier}/pages/ecoles.md).",
            f"{SOURCE}: ligne 6 : {{fichier}}/pages/ecoles.md : « {{fichier}} » n'est pas reconnu",
        ),
        (
            "Voir [l’ancienne page](/actualites/2013/nulle-part/).",
            f"{SOURCE}: le lien vers /actualites/2013/nulle-part/ mène à une page qui n'existe pas",
        ),
        (
            "![La scène](/images/scene.jpg)",
            f"{SOURCE}: le fichier /images/scene.jpg n'existe pas (déposez-le dans content/images/",
        ),
        (
            "Voir [les horaires des écoles](/ecoles/#horaires-du-soir).",
            f"{SOURCE}: le lien vers /ecoles/#horaires-du-soir mène à une page qui n'a pas "
            "d'ancre « horaires-du-soir »",
        ),
        (
            "Aller [plus bas](#la-suite).",
            f"{SOURCE}: le lien vers /actualites/2013/fete-de-la-musique/#la-suite mène à une "
            "page qui n'a pas d'ancre « la-suite »",
        ),
        (
            "Inscrivez-vous [en ligne](/portail/inscription-fanfare).",
            f"{SOURCE}: le lien vers /portail/inscription-fanfare vise une démarche qui n'existe "
            "pas dans content/data/demarches.toml",
        ),
    ],
)
def test_a_link_to_nothing_stops_the_build_naming_file_and_target(
    content_tree, tmp_path, body, expected
):
    write(content_tree, "articles/fete.md", article(body=body))
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert any(line.startswith(expected) for line in report.lines), report.lines
    assert len([line for line in report.lines if line.startswith(SOURCE)]) == 1  # said once


@pytest.mark.parametrize(
    ("body", "address"),
    [
        ("Voir [les écoles]({filename}/pages/ecoles.md) et [leur carte](/ecoles/).", "/ecoles/"),
        (
            "![Le label]({static}/images/label-ville-internet-2013.svg)",
            "/images/label-ville-internet-2013.svg",
        ),
        (
            "Écrire au maire : [le formulaire](/formulaires/permanence/).",
            "/formulaires/permanence/",
        ),
        ("Réserver : [la cantine](/portail/reservation-cantine).", "/portail/reservation-cantine"),
        (
            "## Une section\n\nVoir [cette section](#une-section) et "
            "[le site de l’État](https://www.service-public.fr/).",
            "#une-section",
        ),
    ],
)
def test_links_that_lead_somewhere_pass(content_tree, tmp_path, body, address):
    write(content_tree, "articles/fete.md", article(body=body))
    report = build(content_tree, tmp_path / "output")
    assert report.ok, report.lines
    # The link is in the page the visitor gets, as written.
    page = tmp_path / "output" / "actualites/2013/fete-de-la-musique/index.html"
    found = markup.references(markup.tree(page.read_text(encoding="utf-8")))
    assert address in {r.url for r in found}


def test_a_broken_link_in_the_layout_names_the_pages(content_tree, tmp_path):
    """A menu entry of commune.toml that leads nowhere is reported once, not once per page."""
    data = content_tree / "data/commune.toml"
    data.write_text(data.read_text(encoding="utf-8").replace('"/ecoles/"', '"/ecole/"'))
    report = build(content_tree, tmp_path / "output")
    broken = [line for line in report.lines if "/ecole/ " in line]
    assert len(broken) == 1, report.lines
    assert broken[0].startswith("page /")
    assert "autre(s)" in broken[0]


def test_a_published_text_cannot_link_to_a_draft_or_a_scheduled_one(content_tree, tmp_path):
    write(content_tree, "articles/brouillon.md", article("Un brouillon", Status="draft"))
    write(content_tree, "articles/futur.md", article("Plus tard", date="2030-06-01"))
    body = "Voir [ceci]({filename}/articles/brouillon.md) et [cela]({filename}/articles/futur.md)."
    write(content_tree, "articles/fete.md", article(body=body))
    report = build(content_tree, tmp_path / "output", "publishconf.py", strict=True)
    assert not report.ok
    assert (
        f"{SOURCE}: ligne 6 : le lien {{filename}}/articles/brouillon.md vise un texte qui ne "
        "sera pas publié maintenant (brouillon (Status: draft))"
    ) in "\n".join(report.lines)
    assert "le lien {filename}/articles/futur.md vise un texte qui ne sera pas publié" in "\n".join(
        report.lines
    )
    # In the preview (development settings), both exist: the links are fine there.
    assert build(content_tree, tmp_path / "dev").ok


def test_a_rebuild_with_the_cache_still_sees_a_link_whose_page_went(content_tree, tmp_path):
    """The link check remembers unchanged pages between builds; a vanished target shows."""
    write(content_tree, "pages/horaires.md", "Title: Horaires\n\nDe 9 h à 17 h.\n")
    write(content_tree, "articles/fete.md", article(body="Voir [les horaires](/horaires/)."))
    cached = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    assert build(content_tree, tmp_path / "output", **cached).ok
    assert (tmp_path / "output-cache" / "liens.pickle").is_file()
    (content_tree / "pages/horaires.md").unlink()
    report = build(content_tree, tmp_path / "output", **cached)
    assert not report.ok
    assert f"{SOURCE}: le lien vers /horaires/ mène à une page qui n'existe pas" in "\n".join(
        report.lines
    )


def test_a_filename_link_to_an_image_says_to_write_static(content_tree, tmp_path):
    body = "![Le label]({filename}/images/label-ville-internet-2013.svg)"
    write(content_tree, "articles/fete.md", article(body=body))
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert report.lines[0] == (
        f"{SOURCE}: ligne 6 : {{filename}}/images/label-ville-internet-2013.svg vise une image "
        "ou un document : écrivez {static}/images/label-ville-internet-2013.svg ({filename} "
        "est pour les pages et les articles)"
    )


def test_the_plain_invoke_build_of_the_project_passes():
    """`invoke build` as the README gives it: development settings, output/ in the project."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Site construit dans output en" in result.stdout


@pytest.mark.parametrize(
    ("html", "kind", "expected"),
    [
        (
            '<img src="/i/a.png" srcset="/i/a.png 1x, /i/grande.png 2x" alt="">',
            "ressource",
            "/i/grande.png",
        ),
        (
            '<picture><source srcset="/i/a,b.webp 640w, /i/a.png 1280w" type="image/webp">'
            '<img src="/i/a.png" alt=""></picture>',
            "ressource",
            "/i/a,b.webp",
        ),
        ('<video src="/i/a.png" poster="/i/affiche.jpg"></video>', "ressource", "/i/affiche.jpg"),
        ('<audio><source src="/i/son.ogg"></audio>', "ressource", "/i/son.ogg"),
        ('<link rel="stylesheet" href="/css/autre.css">', "ressource", "/css/autre.css"),
        ('<link rel="icon" href="/favicon.ico">', "ressource", "/favicon.ico"),
        ('<link rel="alternate" href="/flux.xml">', "lien", "/flux.xml"),
        ('<object data="/i/plan.svg"></object>', "ressource", "/i/plan.svg"),
        ('<p style="background: url(/i/fond.png)">Texte</p>', "ressource", "/i/fond.png"),
        ("<style>.x { background: url('/i/fond.png'); }</style>", "ressource", "/i/fond.png"),
        ('<form action="/envoyer/"><button>Envoyer</button></form>', "lien", "/envoyer/"),
        ('<a href="/a?x=1&amp;y=2">Recherche</a>', "lien", "/a"),
    ],
)
def test_the_build_and_the_tests_read_every_address_of_a_page_alike(tmp_path, html, kind, expected):
    # The build's check (broken_links) and the tests' (tests/site/test_links.py) both read a
    # page through publication.markup: an address missing from one would be missing from both.
    (tmp_path / "i").mkdir()
    (tmp_path / "i" / "a.png").write_bytes(b"")
    page = f"<!doctype html><html><head><title>Essai</title></head><body>{html}</body></html>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    found = markup.references(markup.tree(page))
    assert kind in {r.kind for r in found if r.url.startswith(expected)}, found
    [problem] = broken_links(tmp_path)
    what = "le fichier" if kind == "ressource" else "le lien vers"
    assert str(problem).startswith(f"page /: {what} {expected} "), problem


def test_an_address_shown_as_code_is_not_a_link(tmp_path):
    # An editor's code sample shows a tag: it is text, not an image the page loads.
    page = (
        "<!doctype html><html><head><title>Essai</title></head><body><pre><code>"
        '&lt;img src="/absente.png" alt=""&gt;</code></pre><img src="/manque.png" alt="">'
        "</body></html>"
    )
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    assert [str(p) for p in broken_links(tmp_path)] == [
        "page /: le fichier /manque.png n'existe pas (déposez-le dans content/images/ ou corrigez "
        "son nom)"
    ]
