"""Each mistake an editor can make in content/ stops the build with one French line saying
which file, which field or line, and what to do; and no English line besides."""

import logging

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from tests.site.pages import soup
from tests.support import ROOT
from tests.support.site import build_site

HEADER = """Title: Fête de la musique
Date: 2013-06-21
Category: Vie municipale
Tags: musique
Summary: Concerts dans toute la ville.
"""
ARTICLE = HEADER + "\nDes concerts ont lieu dans toute la ville.\n"
PAGE = """Title: Horaires de la mairie
Slug: horaires
Summary: Quand venir à l'hôtel de ville.

La mairie est ouverte du lundi au vendredi.
"""
LONG_TITLE = " ".join(["Grande fête de la musique"] * 10)  # 259 characters
FIELDS = "champs possibles : category, date, modified, slug, status, summary, tags, title"
IMAGES = "déposez le fichier dans content/images/ et appelez-le avec {static}/images/nom-du-fichier"
ELSEWHERE = (
    "vient d'un autre site : le site ne fait appel à aucun autre site (vie privée des visiteurs)"
)
TABLE = "tableau mal formé, il s'afficherait avec ses « | »"
IGNORED = "fichier ignoré, jamais publié"
TEXT_FOLDERS = "les textes vont dans content/articles/ ou content/pages/"


def body(text):
    """An article whose text is ``text``, starting on line 7."""
    return HEADER + "\n" + text


def field(name, value, text=ARTICLE):
    """``text`` with field ``name`` set to ``value`` (or removed when None), on line 1."""
    lines = [line for line in text.splitlines() if not line.startswith(f"{name}:")]
    return "\n".join(([f"{name}: {value}"] if value is not None else []) + lines) + "\n"


def preview(content, output):
    """Build ``content`` as the editor's preview does (errors not fatal)."""
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output) + "-cache",
            "LOAD_CONTENT_CACHE": False,
            "SEARCH_INDEX": False,
        },
    )
    Pelican(settings).run()


def stopped_build(content, tmp_path, caplog):
    """Build, expecting the stop; return the lines the editor reads."""
    caplog.set_level(logging.WARNING)
    with pytest.raises(
        Exception, match=r"^construction arrêtée : 1 fichier\(s\) à corriger"
    ) as stop:
        preview(content, tmp_path / "output")
    assert type(stop.value).__name__ == "MetadataError"
    others = [
        r.getMessage()
        for r in caplog.records
        if r.name != "strict_metadata" and not r.getMessage().startswith("Could not process")
    ]
    assert others == []  # no English line: Pelican's "Could not process" is dropped by the runner
    return [
        line
        for r in caplog.records
        if r.name == "strict_metadata"
        for line in r.getMessage().splitlines()
    ]


CASES = [
    # The fields at the top.
    (
        "articles/x.md",
        field("Title", LONG_TITLE),
        'content/articles/x.md: champ "title" trop long : l\'adresse tirée du titre ferait 259 '
        "caractères (au plus 100) ; ajoutez un champ Slug court",
    ),
    (
        "articles/x.md",
        field("Title", "!!! 🎉 ???"),
        'content/articles/x.md: champ "title" sans lettre ni chiffre : on ne peut pas en tirer '
        "l'adresse de la page ; ajoutez un champ Slug (par ex. Slug: fete-de-la-musique)",
    ),
    (
        "articles/x.md",
        field("Slug", "Marché de Noël"),
        'content/articles/x.md: champ "slug" invalide « Marché de Noël » (seulement des lettres '
        "minuscules sans accent, des chiffres et des tirets, par ex. « marche-de-noel »)",
    ),
    (
        "articles/x.md",
        field("Slug", "-".join(["marche"] * 20)),
        'content/articles/x.md: champ "slug" trop long : 139 caractères (au plus 100) ; '
        "raccourcissez-le",
    ),
    (
        "articles/x.md",
        ARTICLE.replace("Tags:", "Title: Fête\nTags:"),
        'content/articles/x.md: champ "title" écrit 2 fois (lignes 1 et 4) ; gardez-en un',
    ),
    (
        "articles/x.md",
        ARTICLE.replace("Date:", "    dans toute la ville\nDate:"),
        'content/articles/x.md: champ "title" continué sur la ligne 2 (ligne en retrait) ; '
        "écrivez-le sur une seule ligne",
    ),
    (
        "articles/x.md",
        ARTICLE.replace("Category:", "Category :"),
        "content/articles/x.md: ligne 3 : « Category : » a une espace avant les deux-points ; "
        "écrivez « Category: » (sinon ce champ et ceux qui le suivent sont lus comme du texte)",
    ),
    (
        "articles/x.md",
        "\n" + ARTICLE,
        "content/articles/x.md: ligne 1 : le fichier commence par une ligne vide, alors les "
        "champs qui la suivent (Title, Date, Category, Tags, Summary) sont lus comme du texte ; "
        "supprimez cette ligne vide",
    ),
    (
        "articles/x.md",
        ARTICLE.replace("Category:", "Publié le 21 juin\nCategory:"),
        "content/articles/x.md: ligne 3 : cette ligne n'est pas de la forme « Champ: valeur », "
        "alors les champs écrits après elle (Category, Tags, Summary) sont lus comme du texte ; "
        "corrigez-la, ou mettez une ligne vide entre les champs et le texte",
    ),
    (
        "articles/x.md",
        ARTICLE.replace("Summary:", "Résumé:"),
        [
            f'content/articles/x.md: champ "résumé" inconnu ({FIELDS})',
            'content/articles/x.md: champ "summary" manquant',
        ],
    ),
    (
        "articles/x.md",
        field("Category", "Vie municipale, Famille"),
        'content/articles/x.md: champ "category" « Vie municipale, Famille » : un article n\'a '
        "qu'une catégorie ; gardez-en une (les autres mots peuvent aller dans Tags)",
    ),
    (
        "articles/x.md",
        field("Category", "???"),
        'content/articles/x.md: champ "category" : la catégorie « ??? » n\'a ni lettre ni '
        "chiffre ; écrivez-la avec des lettres",
    ),
    (
        "articles/x.md",
        field("Tags", "musique, ???"),
        "content/articles/x.md: champ \"tags\" : l'étiquette « ??? » n'a ni lettre ni chiffre ; "
        "écrivez-la avec des lettres, ou retirez-la",
    ),
    (
        "articles/x.md",
        field("Tags", "musique, " + LONG_TITLE),
        'content/articles/x.md: champ "tags" : l\'étiquette « Grande fête de la musique Grande '
        "fête de… » est trop longue (259 caractères dans son adresse, au plus 100) ; quelques mots "
        "suffisent",
    ),
    (
        "articles/x.md",
        field("Tags", "musique, fête; concerts"),
        'content/articles/x.md: champ "tags" « musique, fête; concerts » mêle virgules et '
        "points-virgules ; séparez les étiquettes par des virgules seulement",
    ),
    (
        "articles/x.md",
        field("Modified", "2013-06-01"),
        'content/articles/x.md: champ "modified" « 2013-06-01 » avant la date de publication '
        "« 2013-06-21 » : une mise à jour vient après la publication ; corrigez l'une des deux",
    ),
    (
        "pages/x.md",
        field("Save_as", "../horaires.html", PAGE),
        'content/pages/x.md: champ "save_as" invalide « ../horaires.html » (un chemin dans le '
        "site, sans « / » au début, sans « .. » ni espace, par ex. 404.html)",
    ),
    (
        "pages/x.md",
        field("Template", "inexistant", PAGE),
        'content/pages/x.md: champ "template" inconnu « inexistant » (gabarits possibles : '
        "declaration, page, permanence, plan-du-site, portail, recherche, technique)",
    ),
    (
        "pages/x.md",
        field("Template", "technique.html", PAGE),
        'content/pages/x.md: champ "template" « technique.html » : écrivez le nom sans « .html » '
        "(technique)",
    ),
    # The file itself.
    (
        "articles/x.md",
        ARTICLE.replace("Fête", "F\xeate").encode("latin-1"),
        "content/articles/x.md: ligne 1 : caractère illisible : le fichier n'est pas enregistré "
        "en UTF-8 (sans doute en Windows-1252 ou Latin-1) ; rouvrez-le et enregistrez-le avec "
        "l'encodage « UTF-8 »",
    ),
    (
        "pages/x.md",
        "\n  \n",
        "content/pages/x.md: le fichier est vide : écrivez-y ses champs (Title…) et son texte, ou "
        "supprimez-le",
    ),
    # The text: tables.
    (
        "articles/x.md",
        body("| Jour | Heure |\n| lundi | 9 h |\n"),
        f"content/articles/x.md: ligne 7 : {TABLE} : ajoutez sous sa première ligne la ligne de "
        "séparation, par ex. « | --- | --- | » (un --- par colonne)",
    ),
    (
        "articles/x.md",
        body("| Jour | Heure |\n| --- |\n| lundi | 9 h |\n"),
        f"content/articles/x.md: ligne 7 : {TABLE} : la ligne de séparation (ligne 8) a 1 "
        "colonne(s) et la première ligne 2 : mettez-en autant",
    ),
    (
        "articles/x.md",
        body("Les horaires :\n| Jour | Heure |\n| --- | --- |\n| lundi | 9 h |\n"),
        f"content/articles/x.md: ligne 8 : {TABLE} : laissez une ligne vide avant le tableau "
        "(et pas de tableau dans une liste)",
    ),
    (
        "articles/x.md",
        body("| Jour | Heure |\n| --- | --- |\n| lundi | 9 h | 12 h |\n"),
        "content/articles/x.md: ligne 9 : cette ligne du tableau a 3 cases et son en-tête 2 : "
        "les cases en trop ne s'afficheraient pas ; ajoutez la colonne à l'en-tête et à la "
        "ligne de séparation, ou retirez la case",
    ),
    # The text: headings (RGAA 9.1).
    (
        "articles/x.md",
        body("Intro.\n\n# Programme\n\nTexte.\n"),
        "content/articles/x.md: ligne 9 : titre de niveau 1 (« # ») dans le texte : le titre de "
        "la page (Title) est le seul de ce niveau ; commencez les sections par « ## »",
    ),
    (
        "articles/x.md",
        body("## Programme\n\nTexte.\n\n#### Samedi\n\nTexte.\n"),
        "content/articles/x.md: ligne 11 : titre de niveau 4 (« #### ») après un titre de "
        "niveau 2 : ne sautez pas de niveau, écrivez « ### »",
    ),
    (
        "articles/x.md",
        body("Intro.\n\n<h3>Programme</h3>\n"),
        "content/articles/x.md: ligne 9 : titre de niveau 3 (« ### ») juste sous le titre de la "
        "page : commencez par « ## », sans sauter de niveau",
    ),
    # The text: what Markdown leaves as plain text.
    (
        "articles/x.md",
        body("Au programme :\n- concerts\n- bal\n"),
        "content/articles/x.md: ligne 8 : liste affichée telle quelle, tirets ou numéros "
        "compris : laissez une ligne vide entre le paragraphe et la liste",
    ),
    (
        "articles/x.md",
        body("Voir [le programme] (https://exemple.org/programme).\n"),
        "content/articles/x.md: ligne 7 : lien mal formé « [le programme] "
        "(https://exemple.org/programme) » : collez la parenthèse au crochet, [texte](adresse), "
        "sinon il s'affiche tel quel",
    ),
    # The text: files from another site.
    (
        "articles/x.md",
        body("Intro.\n\n![La scène](https://exemple.org/scene.jpg)\n"),
        f"content/articles/x.md: ligne 9 : l'image https://exemple.org/scene.jpg {ELSEWHERE} ; "
        f"{IMAGES}",
    ),
    (
        "articles/x.md",
        body('Intro.\n\n<iframe src="https://video.exemple.org/embed/1"></iframe>\n'),
        "content/articles/x.md: ligne 9 : le cadre intégré (iframe) "
        f"https://video.exemple.org/embed/1 {ELSEWHERE} ; mettez à la place un simple lien "
        "vers la page de cet autre site (ou déposez le fichier dans content/images/)",
    ),
    (
        "articles/x.md",
        body('Intro.\n\n<script src="https://stats.exemple.org/t.js"></script>\n'),
        f"content/articles/x.md: ligne 9 : le script https://stats.exemple.org/t.js {ELSEWHERE} "
        "; retirez-le : les styles et les scripts du site viennent de son thème",
    ),
    (
        "articles/x.md",
        body('<video src="/images/a.mp4" poster="//cdn.exemple.org/a.jpg"></video>\n'),
        f"content/articles/x.md: ligne 7 : la vidéo //cdn.exemple.org/a.jpg {ELSEWHERE} ; {IMAGES}",
    ),
    (  # the second candidate of a srcset, read as browsers read it (publication.markup)
        "articles/x.md",
        body(
            'Intro.\n\n<img alt="La scène" src="/images/label-ville-internet-2013.svg" '
            'srcset="/images/label-ville-internet-2013.svg 1x, https://cdn.exemple.org/s.jpg 2x">\n'
        ),
        f"content/articles/x.md: ligne 9 : l'image https://cdn.exemple.org/s.jpg {ELSEWHERE} ; "
        f"{IMAGES}",
    ),
    (
        "articles/x.md",
        body("Intro.\n\n<p style=\"background: url('https://cdn.exemple.org/f.png')\">Fond</p>\n"),
        "content/articles/x.md: ligne 9 : l'image de fond (style) https://cdn.exemple.org/f.png "
        f"{ELSEWHERE} ; {IMAGES}",
    ),
    (
        "articles/x.md",
        body('Intro.\n\n<img src="/images/label-ville-internet-2013.svg">\n'),
        "content/articles/x.md: ligne 9 : image sans texte de remplacement (attribut alt) : "
        'décrivez ce qu\'elle montre dans alt="…", ou écrivez alt="" si elle est décorative',
    ),
    # Files the build would skip.
    (
        "article/x.md",
        ARTICLE,
        f"content/article/x.md: {IGNORED} : {TEXT_FOLDERS} ; déplacez-le dans l'un de ces dossiers",
    ),
    (
        "x.md",
        ARTICLE,
        f"content/x.md: {IGNORED} : {TEXT_FOLDERS} ; déplacez-le dans l'un de ces dossiers",
    ),
    (
        "images/x.md",
        ARTICLE,
        f"content/images/x.md: {IGNORED} : {TEXT_FOLDERS} ; déplacez-le dans l'un de ces dossiers",
    ),
    (
        "articles/x.docx",
        b"PK\x03\x04",
        f"content/articles/x.docx: {IGNORED} : seuls les fichiers "
        "Markdown (.md) de ce dossier sont lus ; copiez son texte dans un fichier .md, puis "
        "retirez-le",
    ),
    (
        "pages/x.html",
        "<p>Horaires</p>",
        f"content/pages/x.html: {IGNORED} : seuls les fichiers "
        "Markdown (.md) de ce dossier sont lus ; copiez son texte dans un fichier .md, puis "
        "retirez-le",
    ),
    (
        "pages/photo.jpg",
        b"\xff\xd8\xff",
        f"content/pages/photo.jpg: {IGNORED} : une image va dans content/images/ ; déplacez-la",
    ),
    (
        "articles/x.MD",
        ARTICLE,
        f"content/articles/x.MD: {IGNORED} : son extension doit "
        "s'écrire en minuscules ; renommez-le en x.md",
    ),
]


@pytest.mark.parametrize(("path", "text", "expected"), CASES, ids=[str(c[2])[:70] for c in CASES])
def test_a_mistake_stops_the_build_with_one_french_line(
    content_tree, tmp_path, caplog, path, text, expected
):
    target = content_tree / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    lines = expected if isinstance(expected, list) else [expected]
    assert stopped_build(content_tree, tmp_path, caplog) == lines


SITE_CASES = [
    (
        "Category",
        "Vie Municipale",
        'content/articles/x.md: champ "category" « Vie Municipale » : cette catégorie s\'écrit '
        "déjà « Vie municipale » (content/articles/2013-01-17-conseil-sans-papier.md), et les "
        "deux donneraient la même adresse /categories/vie-municipale/ ; reprenez l'orthographe "
        "« Vie municipale »",
    ),
    (
        "Tags",
        "Écoles",
        'content/articles/x.md: champ "tags" « Écoles » : cette étiquette s\'écrit déjà « écoles » '
        "(content/articles/2013-01-22-ecoles-haut-debit.md), et les deux donneraient la même "
        "adresse /etiquettes/ecoles/ ; reprenez l'orthographe « écoles »",
    ),
]


@pytest.mark.parametrize(("name", "value", "expected"), SITE_CASES)
def test_a_second_spelling_of_a_category_or_tag_names_the_first(
    content_tree, tmp_path, caplog, name, value, expected
):
    (content_tree / "articles/x.md").write_text(field(name, value), encoding="utf-8")
    assert stopped_build(content_tree, tmp_path, caplog) == [expected]


@pytest.mark.parametrize(
    ("slug", "owner"),
    [
        ("actualites", "la liste des articles"),
        ("archives", "les archives"),
        ("categories", "les pages des catégories"),
        ("etiquettes", "les pages des étiquettes"),
        ("feeds", "les flux Atom"),
        ("images", "les fichiers du dossier images/"),
        ("theme", "les fichiers du thème"),
        ("gestion", "le service des formulaires"),
    ],
)
def test_a_page_at_an_address_of_the_site_itself_is_refused(
    content_tree, tmp_path, caplog, slug, owner
):
    (content_tree / "pages/x.md").write_text(field("Slug", slug, PAGE), encoding="utf-8")
    assert stopped_build(content_tree, tmp_path, caplog) == [
        f'content/pages/x.md: champ "slug" « {slug} » : l\'adresse /{slug}/ est réservée au '
        f"site ({owner}) ; choisissez un autre slug"
    ]


def test_an_address_taken_from_the_title_says_to_add_a_slug(content_tree, tmp_path, caplog):
    (content_tree / "pages/x.md").write_text(
        field("Slug", None, field("Title", "Archives", PAGE)), encoding="utf-8"
    )
    assert stopped_build(content_tree, tmp_path, caplog) == [
        'content/pages/x.md: champ "title" : l\'adresse tirée du titre, /archives/, est réservée '
        "au site (les archives) ; ajoutez un champ Slug"
    ]


def test_two_titles_giving_one_address_name_both_files(content_tree, tmp_path, caplog):
    for name in ("a.md", "b.md"):
        (content_tree / "articles" / name).write_text(ARTICLE, encoding="utf-8")
    caplog.set_level(logging.WARNING)
    with pytest.raises(Exception, match=r"1 fichier\(s\) à corriger \(content/articles/b\.md\)"):
        preview(content_tree, tmp_path / "output")
    assert [r.getMessage() for r in caplog.records if r.name == "strict_metadata"] == [
        'content/articles/b.md: champ "title" en double : content/articles/a.md a déjà '
        "l'adresse /actualites/2013/fete-de-la-musique/ (donnez à l'un des deux un champ Slug "
        "différent)"
    ]


@pytest.mark.parametrize("name", [".x.md", "x.md~", "#x.md#", ".x.md.swp", "~$x.docx"])
def test_hidden_files_and_editors_backups_are_skipped_silently(
    content_tree, tmp_path, caplog, name
):
    (content_tree / "articles" / name).write_text("brouillon", encoding="utf-8")
    caplog.set_level(logging.WARNING)
    preview(content_tree, tmp_path / "output")
    assert [r.getMessage() for r in caplog.records] == []  # not a word to the editor
    assert (tmp_path / "output/index.html").is_file()  # and the site is built


def test_links_to_other_sites_and_decorative_images_publish_even_with_fatal_warnings(
    content_tree, tmp_path
):
    (content_tree / "articles/x.md").write_text(
        body(
            "Voir [le programme](https://exemple.org/programme) ou "
            '<a href="https://exemple.org/">le site</a>.\n\n'
            "![]({static}/images/label-ville-internet-2013.svg)\n"
        ),
        encoding="utf-8",
    )
    output = build_site(tmp_path / "output", PATH=str(content_tree), SEARCH_INDEX=False)
    main = soup(output, "/actualites/2013/fete-de-la-musique/").main
    assert main.select_one('img[src="/images/label-ville-internet-2013.svg"]')["alt"] == ""
    links = [a["href"] for a in main.select('a[href^="https://exemple.org/"]')]
    assert links == ["https://exemple.org/programme", "https://exemple.org/"]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "pages/x.md",
            field("Slug", "plan-du-site", PAGE),
            'content/pages/x.md: champ "slug" en double : content/pages/plan-du-site.md a déjà '
            "l'adresse /plan-du-site/ (changez le slug de l'un des deux)",
        ),
        (
            "articles/x.md",
            field("Category", "!!!"),
            'content/articles/x.md: champ "category" : la catégorie « !!! » n\'a ni lettre ni '
            "chiffre ; écrivez-la avec des lettres",
        ),
        (
            "pages/x.md",
            field("Template", "inexistant", PAGE),
            'content/pages/x.md: champ "template" inconnu « inexistant » (gabarits possibles : '
            "declaration, page, permanence, plan-du-site, portail, recherche, technique)",
        ),
    ],
)
def test_with_fatal_warnings_the_french_line_comes_before_any_english_one(
    content_tree, tmp_path, caplog, path, text, expected
):
    """Publishing makes every warning fatal: Pelican's own would otherwise stop it first."""
    (content_tree / path).write_text(text, encoding="utf-8")
    caplog.set_level(logging.WARNING)
    with pytest.raises(RuntimeError):
        build_site(tmp_path / "output", PATH=str(content_tree), SEARCH_INDEX=False)
    assert caplog.records[0].getMessage() == expected
