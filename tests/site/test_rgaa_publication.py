"""`invoke publish` refuses when an RGAA criterion the grid declares met fails on a page of the
sample, naming the page and the criterion; nothing is copied."""

import re

import pytest

from publication import criteres
from tests.site.builds import publish_anyway


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
    result = publish_anyway(target, content_tree)
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
    assert "content/data/accessibilite.toml" in result.output
    assert list(target.iterdir()) == []


def test_removing_a_label_from_the_form_flips_its_criterion(client_of_the_form):
    form = client_of_the_form
    assert "11.1" not in criteres.check(form)
    without = re.sub(r'<label[^>]*for="nom"[^>]*>.*?</label>', "", form, flags=re.S)
    assert without != form
    assert criteres.check(without)["11.1"] == ["champ « nom » sans étiquette"]


@pytest.fixture
def client_of_the_form(tmp_path):
    from publication import echantillon
    from tests.support import FORM, ROOT

    app = echantillon.throwaway_formsvc(tmp_path, ROOT / "content" / "data")
    return app.test_client().get(FORM).get_data(as_text=True)
