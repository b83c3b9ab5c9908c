"""The search page: labelled field, no empty list, results and their count announced, no-JS note."""

import re

import pytest
from playwright.sync_api import expect

from commune import actes
from tests.support import ROOT

pytestmark = pytest.mark.browser

LABEL_ARTICLE = "/actualites/2013/label-ville-internet-2013/"


def test_field_has_a_visible_label(page, site_url):
    page.goto(site_url + "/recherche/")
    label = page.locator("label[for='recherche-termes']")
    expect(label).to_be_visible()
    expect(label).to_have_text("Rechercher sur le site")
    expect(page.get_by_label("Rechercher sur le site")).to_have_id("recherche-termes")


def test_no_list_is_exposed_before_searching(page, site_url):
    page.goto(site_url + "/recherche/")
    expect(page.get_by_role("searchbox")).to_be_visible()
    results = page.locator("#recherche-resultats")
    expect(results).to_be_hidden()
    expect(page.get_by_role("list").and_(results)).to_have_count(0)  # not in the a11y tree


def test_results_link_to_the_article_and_their_count_is_announced(searched_page):
    results = searched_page.locator("#recherche-resultats")
    expect(results).to_be_visible()
    expect(results.locator(f"a[href='{LABEL_ARTICLE}']")).to_be_visible()
    count = results.get_by_role("listitem").count()
    assert count >= 1
    status = searched_page.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(re.compile(rf"^{count} résultats? pour « arobases »"))


def test_no_result_says_so_without_a_list(page, search):
    status = search(page, "zygomatiquement")
    expect(status).to_contain_text("Aucun résultat")
    results = page.locator("#recherche-resultats")
    expect(results).to_be_hidden()
    expect(page.get_by_role("list").and_(results)).to_have_count(0)


@pytest.mark.parametrize("context_options", [{"java_script_enabled": False}], ids=["sans-js"])
def test_without_javascript_the_page_points_to_the_site_map(page, site_url):
    page.goto(site_url + "/recherche/")
    note = page.locator("main .avertissement")
    expect(note).to_be_visible()
    expect(note).to_contain_text("JavaScript")
    expect(note.get_by_role("link", name="plan du site")).to_have_attribute(
        "href", "/plan-du-site/"
    )
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.get_by_label("Rechercher sur le site")).to_be_hidden()


def test_an_act_is_found_by_its_subject(page, search):
    """A resident looking for a council decision types words of its subject."""
    acte = next(a for a in actes.load(ROOT / "content/actes").actes if a.type == "arrêté")
    word = max(acte.objet.split(), key=len)  # the subject's most telling word
    search(page, word)
    url = f"/actes/{acte.annee}/{acte.numero.lower()}/"
    expect(page.locator(f"#recherche-resultats a[href='{url}']")).to_be_visible()
