"""The RGAA grid of Arras (content/data/accessibilite.toml) against the sample's real pages.

The grid cites these tests as evidence: each proves what it claims on every page of the
sample, static pages and formsvc's in their states alike. A criterion the grid declares met
that a check finds failing, a page said to have no form that has one, or a test cited that
does not exist fails here, before `invoke publish` would refuse it.
"""

import pytest

from commune import accessibilite
from publication import criteres, validation
from tests.site.rgaa import sample_html
from tests.support import ROOT

# What makes a criterion applicable on a page: « non applicable » must be true.
APPLIES = {
    "1.1": lambda page: page.find_all("img") or page.select("svg[role=img]"),
    "2.1": lambda page: page.find_all(["iframe", "frame"]),
    "5.6": lambda page: page.find_all("table"),
    "11.1": lambda page: page.select(criteres.FIELDS),
    "11.9": lambda page: page.select("button, input[type=submit], input[type=button]"),
}
CHECKED = ["8.1", *criteres.CHECKS]


@pytest.fixture(scope="module")
def grid():
    return accessibilite.load(tests_root=ROOT)


@pytest.fixture(scope="module")
def sample(grid, site, tmp_path_factory):
    return sample_html(grid, site, tmp_path_factory.mktemp("rgaa"))


def test_the_grid_gives_each_criterion_a_result_and_its_evidence(grid):
    assert len(grid.resultats) == 106
    assert len(grid.pages) >= 10
    for resultat in grid.resultats:
        assert resultat.tests or resultat.verification or resultat.procedure


@pytest.mark.parametrize("numero", CHECKED)
def test_what_the_html_shows_holds_on_every_sample_page(grid, sample, numero):
    [resultat] = [r for r in grid.resultats if r.critere.numero == numero]
    for page in grid.pages:
        status = resultat.par_page[page.id]
        problems = criteres.check(sample[page.id]).get(numero, [])
        # A failure found by code is a non-conformity: the grid must say so.
        assert status == accessibilite.NON_CONFORME or problems == [], (page.id, problems)
        if status == accessibilite.NON_APPLICABLE and numero in APPLIES:
            assert not APPLIES[numero](criteres.parse(sample[page.id])), page.id


def test_sample_page_titles_are_unique(grid, sample):
    # Two states of one formsvc page may share a title only if the grid says they are
    # one page in two states; the static pages and the others never do.
    pages = {p.id: sample[p.id] for p in grid.pages if not p.etat}
    assert criteres.duplicate_titles(pages) == {}


def test_the_sample_has_no_media_frame_or_captcha(grid, sample):
    absent = "video, audio, object, embed, iframe, frame, canvas, form img, form svg"
    for page in grid.pages:
        assert criteres.parse(sample[page.id]).select(absent) == [], page.id


def test_every_sample_page_is_valid_html(grid, sample, tmp_path):
    for page in grid.pages:
        (tmp_path / f"{page.id}.html").write_text(sample[page.id], encoding="utf-8")
    assert validation.errors(tmp_path) == []


def test_formsvc_pages_link_the_declaration_with_the_grid_s_status(grid, sample):
    for page in grid.pages:
        footer = criteres.parse(sample[page.id]).find("footer")
        [link] = footer.find_all("a", href="/accessibilite/")
        assert link.get_text() == "Accessibilité\xa0: non conforme", page.id


def test_downloadable_pdfs_are_tagged_or_declared_not(grid, sample, site):
    # The grid says « non conforme » on a page whose PDFs are not all tagged, with why, and
    # « non applicable » where there is none: when the PDFs get tagged, this says so.
    [resultat] = [r for r in grid.resultats if r.critere.numero == "13.3"]
    for page in grid.pages:
        pdfs = criteres.linked_pdfs(criteres.parse(sample[page.id]))
        declared = resultat.par_page[page.id]
        if not pdfs:
            assert declared == accessibilite.NON_APPLICABLE, page.id
            continue
        files = [site / href.lstrip("/") for href in pdfs]
        if all(criteres.tagged_pdf(path) for path in files):
            assert declared != accessibilite.NON_CONFORME, f"{page.id}: now tagged"
        else:
            assert declared == accessibilite.NON_CONFORME, page.id
            assert resultat.remarque


def test_nothing_appears_on_hover_only(site):
    # The theme's style sheets: a hover may change how a thing looks, never whether it is
    # there, unless keyboard focus does the same (10.13, 10.14).
    sheets = list((site / "theme").rglob("*.css"))
    assert sheets
    for sheet in sheets:
        assert criteres.hover_only(sheet.read_text(encoding="utf-8")) == [], sheet.name
    revealing = ".menu li:hover ul { display: block; } .menu li:focus-within ul { color: red; }"
    assert criteres.hover_only(revealing) == [".menu li:hover ul"]
    assert criteres.hover_only(revealing + " .menu li:focus-within ul { display: block; }") == []
