"""Helpers of the RGAA tests: grids and pages written for a test, and the sample as the tests
see it.

`invoke publish` renders the sample without an agent (publication.echantillon, with formsvc's
pages from formsvc.echantillon); here an agent signs in (password and code) on a formsvc of the
tests' own, so that the pages only an agent sees are checked too.
"""

from commune import accessibilite
from formsvc.echantillon import rendering
from publication import criteres, echantillon
from tests.browser.helpers import submit_request
from tests.servers import fresh_formsvc
from tests.support import ROOT
from tests.support.office import Office, add_user

CONTENT_DATA = ROOT / "content" / "data"

# A real test, so that a grid checked against the project (tests_root) finds it.
REAL_TEST = (
    "tests/site/test_rgaa.py::test_the_reference_has_the_106_criteria_of_its_13_themes_in_order"
)
MANUAL = """
[critere.verification]
procedure = "Lecture de chaque page avec NVDA et Firefox"
outil = "NVDA 2024.4, Firefox 128"
role = "chargée d'accessibilité"
date = 2026-11-30
"""


def grid_text(
    results=None, pages=(("accueil", "/"), ("contact", "/permanence-en-ligne/")), omit=()
):
    """A grid where every criterion is « non applicable » (proved by a test), but those of
    ``results``: numero → the TOML lines of its entry (statut, pages, evidence…)."""
    results = results or {}
    lines = [
        '[audit]\nnature = "audit interne"\ndate = 2026-11-30\n'
        'outils = ["axe-core", "Chromium"]\ntechnologies = ["HTML", "CSS"]\n'
    ]
    for page, address in pages:
        lines.append(f'[[page]]\nid = "{page}"\ntitre = "{page.title()}"\nadresse = "{address}"\n')
    for critere in accessibilite.referentiel().criteres:
        if critere.numero in omit:
            continue
        body = results.get(critere.numero, f'statut = "non applicable"\ntests = ["{REAL_TEST}"]\n')
        lines.append(f'[[critere]]\nnumero = "{critere.numero}"\n{body}')
    return "\n".join(lines)


def signed_in_agent(folder):
    """``agent(url)`` for the sample: an agent's answer on a formsvc holding one request,
    whose reference replaces ``<reference>`` in the address."""
    app = fresh_formsvc(folder)
    reference = submit_request(app)
    add_user(app)
    office = Office(app.test_client())
    assert office.login().status_code == 303
    return lambda url: office.client.get(url.replace("<reference>", reference))


def sample_html(grid, site, folder):
    """{page id: HTML} for every page of the sample, the agent's included."""
    with rendering(CONTENT_DATA, agent=signed_in_agent(folder)) as render:
        found, left, missing = echantillon.pages(grid, site, render)
    assert (left, missing) == ([], [])
    return found


def page_of(body, css="body { color: #1b1b1b; background: #fff; }", head="", site=None):
    """A page written for a test (``body`` in a French page with ``css``), as the checks read
    it, loading what it links from ``site``."""
    return criteres.read(
        f'<!doctype html><html lang="fr"><head><title>Essai</title><style>{css}</style>{head}'
        f"</head><body>{body}</body></html>",
        site,
    )


# The layout of a page of the site, reduced: skip link, header and menu, main content (its
# body goes in {}), footer with the site map.
LAYOUT = (
    '<a href="#contenu">Aller au contenu</a><header><a href="/">Ville</a>'
    '<nav aria-label="Menu principal"><ul><li><a href="/">Accueil</a></li>'
    '<li><a href="/recherche/">Rechercher</a></li></ul></nav></header>'
    '<main id="contenu"><h1>Titre</h1>{}</main>'
    '<footer><nav aria-label="Liens utiles"><a href="/plan-du-site/">Plan du site</a></nav>'
    "</footer>"
)
