"""`invoke publish` refuses when an RGAA criterion the grid declares met fails on a page of the
sample, or when one it declares « non applicable » applies there, naming the page and the
criterion; nothing is copied."""

import re

import pytest

from publication import criteres
from tests.site.builds import publish_anyway

EVIDENCE = (
    "tests/site/test_rgaa_echantillon.py::test_what_the_html_shows_holds_on_every_sample_page"
)


@pytest.fixture
def target(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


def test_a_criterion_declared_met_that_fails_stops_the_publication(content_tree, target):
    # An editor pastes a field without its label into a page declared to have no form, and
    # writes a link with no text into the sample's article.
    page = content_tree / "pages/permanence-en-ligne.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<p><input type="text" name="quartier"></p>\n',
        encoding="utf-8",
    )
    news = content_tree / "articles/2013-01-31-label-ville-internet.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n[](/plan-du-site/)\n", encoding="utf-8")
    result = publish_anyway(target, content_tree, check_pages=True)
    assert result.returncode == 1, result.output
    assert "Accessibilité : critères déclarés respectés qui ne le sont plus (2)" in result.output
    assert (
        "/permanence-en-ligne/ : critère 11.1 (Chaque champ de formulaire a une étiquette.) : "
        "champ « quartier » sans étiquette"
    ) in result.output
    assert (
        "/actualites/2013/label-ville-internet-2013/ : critère 6.2 (Chaque lien a un "
        "intitulé.) : lien vers /plan-du-site/ sans intitulé"
    ) in result.output
    # The field also makes 11.1 apply where the grid says it does not.
    assert (
        "/permanence-en-ligne/ (page « permanence ») : critère 11.1 (Chaque champ de formulaire "
        "a une étiquette.) déclaré non applicable ; la page contient "
        '<input type="text" name="quartier">'
    ) in result.output
    assert "content/data/accessibilite.toml" in result.output
    assert list(target.iterdir()) == []


def test_an_image_added_where_the_grid_says_there_is_none_stops_the_publication(
    content_tree, target
):
    # The grid says no page of the sample has an image (1.1 and 1.2 « non applicable »); an
    # editor adds the label's picture to the sample's article.
    grid = content_tree / "data/accessibilite.toml"
    text = grid.read_text(encoding="utf-8")
    for numero in ("1.1", "1.2"):
        text, replaced = re.subn(
            rf'\[\[critere\]\]\nnumero = "{re.escape(numero)}"\n.*?\n\n',
            f'[[critere]]\nnumero = "{numero}"\nstatut = "non applicable"\n'
            f'tests = ["{EVIDENCE}"]\n\n',
            text,
            flags=re.S,
        )
        assert replaced == 1
    grid.write_text(text, encoding="utf-8")
    news = content_tree / "articles/2013-01-31-label-ville-internet.md"
    news.write_text(
        news.read_text(encoding="utf-8") + "\n![Label Ville Internet 2013 : deux arobases]"
        "({static}/images/label-ville-internet-2013.svg)\n",
        encoding="utf-8",
    )
    result = publish_anyway(target, content_tree, check_pages=True)
    assert result.returncode == 1, result.output
    assert (
        "Accessibilité : critères déclarés non applicables qui s'appliquent (1) :" in result.output
    )
    [line] = [x for x in result.output.splitlines() if "(page « actualite »)" in x]
    assert line.strip().startswith(
        "/actualites/2013/label-ville-internet-2013/ (page « actualite ») : critères déclarés "
        "non applicables, dont l'un au moins s'applique : 1.1 ("
    ), line
    assert ") ou 1.2 (" in line
    assert 'la page contient <img alt="Label Ville Internet 2013' in line
    assert 'src="/images/label-ville-internet-2013.svg">' in line
    assert 'déclarez-les « à vérifier » pour ces pages (par exemple pages = { actualite = "à ' in (
        result.output
    )
    assert "critères déclarés respectés qui ne le sont plus" not in result.output
    assert list(target.iterdir()) == []


def test_removing_a_label_from_the_form_flips_its_criterion(client_of_the_form):
    form = client_of_the_form
    assert "11.1" not in criteres.check(form)
    without = re.sub(r'<label[^>]*for="nom"[^>]*>.*?</label>', "", form, flags=re.S)
    assert without != form
    assert criteres.check(without)["11.1"] == ["champ « nom » sans étiquette"]


@pytest.fixture
def client_of_the_form(tmp_path):
    from formsvc import echantillon
    from tests.support import ROOT
    from tests.support.resident import FORM

    app = echantillon.throwaway_formsvc(tmp_path, ROOT / "content" / "data")
    return app.test_client().get(FORM).get_data(as_text=True)
