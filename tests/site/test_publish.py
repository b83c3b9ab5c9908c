"""`invoke publish`: a strict production build, checked, copied; any refusal copies nothing.

The command itself runs in a few tests (a success, a refusal before the build, by the build
and by a check); the other steps are tested through the function it wraps, in this process.
"""

import json
import re
import shutil

import pytest

from commune import a_confirmer
from tests.site.builds import article, invoke_publish, publish, publish_anyway, write
from tests.site.pages import soup
from tests.support import ROOT


@pytest.fixture
def target(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


def record(target):
    return json.loads((target / "_publication/adresses.json").read_text(encoding="utf-8"))


def confirm_everything(content):
    """Give every value still to confirm in ``content`` a final-looking one."""
    for path in [*content.rglob("*.toml"), *content.rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\s*#\s*à confirmer.*", "", text)
        text = re.sub(r"\s*<!--\s*à confirmer.*?-->", "", text)
        text = text.replace(".example", ".fr").replace(
            "https://www.facebook.com/)", "https://www.facebook.com/villedarras)"
        )
        path.write_text(text, encoding="utf-8")
    assert a_confirmer.scan(content) == []


def test_publish_refuses_while_values_are_left_to_confirm(target):
    (target / "index.html").write_text("the site in production")
    result = invoke_publish(target)
    assert result.returncode == 1
    assert "Valeurs à confirmer avant la mise en ligne" in result.output
    lines = (ROOT / "content/data/commune.toml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "contact@arras.example" in text)
    assert (
        f"content/data/commune.toml, ligne {line} : « contact@arras.example » "
        "(domaine réservé aux exemples « .example »"
    ) in result.output
    assert "content/pages/reseaux-sociaux.md, ligne 9 : « https://www.facebook.com/ »" in (
        result.output
    )
    assert "--allow-placeholders" in result.output
    assert [p.name for p in target.iterdir()] == ["index.html"]


def test_publish_builds_for_production_and_copies_the_site(target):
    """A first publication to this server: no record of its addresses there yet."""
    (target / "stale.html").write_text("old page")
    result = invoke_publish(target, None, "--allow-placeholders")
    assert result.returncode == 0, result.output
    assert "Attention : publication avec des valeurs à confirmer" in result.output
    home = soup(target, "/")
    assert home.select_one('link[rel="canonical"]')["href"] == "https://www.arras.fr/"
    assert home.select(".a-confirmer") == []  # the preview's marker stays in the preview
    assert (target / "pagefind" / "pagefind.js").is_file()
    assert (target / "feeds" / "all.atom.xml").is_file()
    assert not (target / "stale.html").exists()  # the target mirrors the build
    published = record(target)["adresses"]
    assert published["/actualites/2013/label-ville-internet-2013/"] == (
        "articles/2013-01-31-label-ville-internet.md"
    )
    assert (
        "/feeds/all.atom.xml" in published and "/images/label-ville-internet-2013.svg" in published
    )


def test_a_failed_build_publishes_nothing(content_tree, target):
    article_path = content_tree / "articles" / "2013-01-31-label-ville-internet.md"
    article_path.write_text(
        article_path.read_text(encoding="utf-8").replace("Date: 2013-01-31", "Date: 31/01/2013")
    )
    (target / "index.html").write_text("the site in production")
    result = invoke_publish(target, content_tree, "--allow-placeholders")
    assert result.returncode == 1
    assert 'champ "date" invalide « 31/01/2013 »' in result.output
    assert "Publication refusée : rien n'a été copié." in result.output
    assert [p.name for p in target.iterdir()] == ["index.html"]
    assert (target / "index.html").read_text() == "the site in production"


def test_drafts_and_scheduled_articles_are_held_back_and_listed(content_tree, target):
    write(content_tree, "articles/brouillon.md", article("Un brouillon", Status="draft"))
    write(content_tree, "articles/futur.md", article("Le marché de Noël 2030", date="2030-12-01"))
    write(content_tree, "pages/projet.md", "Title: Projet de page\nStatus: draft\n\nÀ relire.\n")
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    assert "Non publiés cette fois (3) :" in result.output
    assert "content/pages/projet.md : brouillon (Status: draft)" in result.output
    assert "content/articles/brouillon.md : brouillon (Status: draft)" in result.output
    assert "content/articles/futur.md : programmé pour le" in result.output
    assert "2030" in result.output
    assert not (target / "drafts").exists()
    assert not (target / "actualites/2030").exists()
    assert "Noël 2030" not in soup(target, "/").get_text()
    assert "Noël 2030" not in (target / "feeds/all.atom.xml").read_text(encoding="utf-8")


def test_invalid_html_written_in_a_text_stops_the_publication(content_tree, target):
    write(content_tree, "articles/fete.md", article(body="<p>Un <span><div>bloc</div></span></p>"))
    result = publish_anyway(target, content_tree, check_pages=True)
    assert result.returncode == 1
    assert "HTML invalide (" in result.output
    assert (
        "content/articles/fete.md (page /actualites/2013/fete-de-la-musique/index.html, ligne"
    ) in result.output
    assert list(target.iterdir()) == []


def test_an_address_never_vanishes_without_a_redirection(content_tree, target):
    write(content_tree, "articles/fete.md", article())
    assert publish_anyway(target, content_tree).returncode == 0
    old = "/actualites/2013/fete-de-la-musique/"
    assert old in record(target)["adresses"]

    (content_tree / "articles/fete.md").unlink()
    result = publish_anyway(target, content_tree)
    assert result.returncode == 1
    assert f"  {old} (publiée depuis le texte articles/fete.md, qui n'existe plus)" in result.output
    assert f'de = "{old}"' in result.output  # the lines to paste
    assert (target / "actualites/2013/fete-de-la-musique/index.html").is_file()  # untouched

    write(content_tree, "data/redirections.toml", f'[[redirection]]\nde = "{old}"\nvers = "/"\n')
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    assert record(target)["redirections"] == {old: "/"}
    nginx_map = (target / "_publication/redirections.map").read_text(encoding="utf-8")
    assert f'"{old}" "/";' in nginx_map
    # Declared once, kept: removing the declaration later does not break the address again.
    (content_tree / "data/redirections.toml").unlink()
    assert publish_anyway(target, content_tree).returncode == 0
    assert record(target)["redirections"] == {old: "/"}


def test_a_renamed_article_redirects_from_its_old_address(content_tree, target):
    write(content_tree, "articles/fete.md", article())
    assert publish_anyway(target, content_tree).returncode == 0
    write(content_tree, "articles/fete.md", article("La fête de la musique revient"))
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    old, new = (
        "/actualites/2013/fete-de-la-musique/",
        "/actualites/2013/la-fete-de-la-musique-revient/",
    )
    assert f"Redirection automatique : {old} → {new}" in result.output
    assert record(target)["redirections"][old] == new
    # Renamed again: nginx sends the first address to the last one, never through a chain.
    write(content_tree, "articles/fete.md", article("Fête de la musique 2013"))
    assert publish_anyway(target, content_tree).returncode == 0
    last = "/actualites/2013/fete-de-la-musique-2013/"
    nginx_map = (target / "_publication/redirections.map").read_text(encoding="utf-8")
    assert f'"{old}" "{last}";' in nginx_map and f'"{new}" "{last}";' in nginx_map


def test_a_withdrawn_address_is_recorded_as_gone(content_tree, target):
    write(content_tree, "articles/fete.md", article())
    assert publish_anyway(target, content_tree).returncode == 0
    (content_tree / "articles/fete.md").unlink()
    old = "/actualites/2013/fete-de-la-musique/"
    write(
        content_tree,
        "data/redirections.toml",
        f'[[retrait]]\nadresse = "{old}"\nmotif = "Publiée par erreur"\n',
    )
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    assert record(target)["retraits"] == {old: "Publiée par erreur"}
    assert f'"{old}" "410";' in (target / "_publication/redirections.map").read_text()


def test_what_only_a_draft_uses_stays_home_with_its_values_to_confirm(content_tree, target):
    confirm_everything(content_tree)
    shutil.copy(
        content_tree / "images/label-ville-internet-2013.svg", content_tree / "images/plan.svg"
    )
    body = "![Le plan]({static}/images/plan.svg) Inscriptions sur https://inscription.example/."
    write(content_tree, "articles/projet.md", article("Un projet", body=body, Status="draft"))
    result = publish(target, content_tree)  # without allow_placeholders: the draft's value
    assert result.returncode == 0, result.output  # does not count, it is not published
    assert "content/images/plan.svg : seuls des textes non publiés s'en servent" in result.output
    assert not (target / "images/plan.svg").exists()
    assert (target / "images/label-ville-internet-2013.svg").is_file()


def test_unpublishing_a_text_or_dropping_a_tag(content_tree, target):
    write(content_tree, "articles/fete.md", article(Tags="musique"))
    assert publish_anyway(target, content_tree).returncode == 0
    write(content_tree, "articles/fete.md", article(Status="draft"))  # back to a draft
    result = publish_anyway(target, content_tree)
    assert result.returncode == 1
    assert (
        "/actualites/2013/fete-de-la-musique/ (publiée depuis le texte articles/fete.md, qui "
        "n'est plus publié)"
    ) in result.output
    # Its tag page went with it: no declaration needed, it leads to the list of tags.
    assert "  /etiquettes/musique/" not in result.output
    write(content_tree, "articles/fete.md", article())  # published again, without its tag
    result = publish_anyway(target, content_tree)
    assert result.returncode == 0, result.output
    assert "Redirection automatique : /etiquettes/musique/ → /etiquettes/" in result.output


def test_a_content_folder_that_does_not_exist_is_said_plainly(tmp_path, target):
    result = invoke_publish(target, tmp_path / "nulle-part")
    assert result.returncode == 1
    assert f"Le dossier de contenu {tmp_path / 'nulle-part'} n'existe pas." in result.output


def test_without_a_target_the_command_asks_where_to_publish():
    result = invoke_publish("")
    assert result.returncode == 1
    assert "SITE_PUBLISH_TARGET n'est pas défini : où publier ? (destination rsync)" in (
        result.output
    )


def test_a_copy_that_fails_says_so_with_rsync_s_code(tmp_path):
    unreachable = tmp_path / "nulle-part" / "www"  # rsync makes the last folder only
    result = publish_anyway(unreachable)
    assert result.returncode == 1
    assert f"La copie vers {unreachable} a échoué (rsync, code " in result.output
    assert "Publié vers" not in result.output
    assert not (tmp_path / "nulle-part").exists()
