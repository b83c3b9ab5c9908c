"""Helpers for the tests that drive Chromium (tests/browser, tests/integration): axe-core on
each page shown, the keyboard, and the steps a resident or an agent takes in the browser.
A plain module, as those of tests/support/: the tests import it, never each other."""

import atexit
import contextlib
import functools
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser import axe
from tests.conftest import FAIL_AFTER_MS
from tests.servers import serve_site
from tests.site.pages import page_url
from tests.support.office import PASSWORD, add_user, next_code
from tests.support.resident import Resident
from tests.support.site import build_site

# -- what every page must pass ----------------------------------------------------------------


def outside_requests(urls):
    """The requested URLs whose host is not the local test server."""
    assert urls, "aucune requête enregistrée"
    return [url for url in urls if urlsplit(url).hostname != "127.0.0.1"]


def accessibility_report(page, urls):
    """What ``page`` fails, one block per problem: axe-core's WCAG 2.2 AA violations, what
    axe leaves to a person and the grid does not record (or no longer needs), requests that
    left 127.0.0.1; [] when it passes."""
    results = axe.run(page)
    report = [axe.describe(results["violations"])] if results["violations"] else []
    report += axe.review_report(*axe.to_review(page, results["incomplete"]))
    outside = outside_requests(urls)
    if outside:
        report.append("Requêtes hors de 127.0.0.1 :\n" + "\n".join(f"    {url}" for url in outside))
    return report


def assert_accessible_and_local(page, urls):
    """No WCAG 2.2 AA violation on ``page`` (axe-core), each result axe leaves to a person
    judged in the grid, and no request left 127.0.0.1."""
    report = accessibility_report(page, urls)
    assert not report, f"{page.url}\n" + "\n".join(report)


class Visit:
    """Checks every page a journey shows, once loaded: axe-core, and no request leaving
    loopback; ``checked`` lists the pages checked."""

    def __init__(self, page, requested_urls):
        self.page, self.urls, self.checked = page, requested_urls, []

    def check(self):
        self.page.wait_for_load_state()
        assert_accessible_and_local(self.page, self.urls)
        self.checked.append(self.page.url)


@functools.cache
def built_site():
    """The real site, built once for the run (once for each pytest-xdist worker) and kept
    until the end: its pages name the tests at collection (``built_paths``), and it is the
    site the browser tests serve (tests/browser/conftest.py's ``site``)."""
    folder = Path(tempfile.mkdtemp(prefix="site-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_site(folder / "output")


def built_paths():
    """The URL path ("/", "/actualites/", …) of every index.html that the build writes, read
    at collection time, so each page is its own test and a new page is checked without
    editing the tests."""
    output = built_site()
    return sorted(page_url(output, page) for page in output.rglob("index.html"))


@contextlib.contextmanager
def new_tab(browser, **options):
    """A tab in a context of its own, in French, for a module's tests; ``.urls`` lists every
    URL it requests (a test clears it before loading its page)."""
    context = browser.new_context(locale="fr-FR", **options)
    context.set_default_timeout(FAIL_AFTER_MS)
    tab = context.new_page()
    tab.urls = []
    tab.on("request", lambda request: tab.urls.append(request.url))
    try:
        yield tab
    finally:
        context.close()


def tab_to(page, selector, limit=40):
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} jamais atteint au clavier")


# -- a resident -------------------------------------------------------------------------------

FORM = "/formulaires/permanence/"


def fill_valid(page):
    page.get_by_label("Votre nom").fill("Jeanne Dupont")
    page.get_by_label("Par courriel").check()
    page.get_by_label("Adresse électronique").fill("jeanne@example.org")
    page.get_by_label("Votre message").fill("Le lampadaire de ma rue ne marche plus.")


def send(page):
    page.get_by_role("button", name="Envoyer ma demande").click()


def submit_request(app, **fields):
    """Send the resident's form (Flask test client, same app); return the raw reference."""
    client = app.test_client()
    response = Resident(client).submit(**fields)
    assert response.status_code == 303, response.get_data(as_text=True)
    with client.session_transaction() as session:
        return session["permanence_reference"]


# -- an office agent --------------------------------------------------------------------------

MAIL_FROM = "permanence@ville.example"
OFFICE_EMAIL = "cabinet@ville.example"
CONNEXION = "/gestion/connexion"
INBOX = "/gestion/demandes/"
SIGN_IN_TITLE = "Connexion à l’espace de gestion"
CODE_TITLE = "Entrez le code de votre application"


@contextlib.contextmanager
def serve_with_an_agent(site, folder, **overrides):
    """The site and a fresh formsvc (tests.servers.serve_site) with an agent's account,
    ``.user``."""
    settings = {"MAIL_FROM": MAIL_FROM, "OFFICE_EMAIL": OFFICE_EMAIL, **overrides}
    with serve_site(site, folder, **settings) as server:
        server.user = add_user(server.formsvc)
        yield server


def give_password(page, live, email=None, password=PASSWORD):
    page.goto(live.url + CONNEXION)
    page.get_by_label("Adresse électronique").fill(email or live.user)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def sign_in(page, live, email=None):
    """Sign in as an agent does: the password, then the code their app shows."""
    give_password(page, live, email)
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_TITLE)
    page.get_by_label("Code à 6 chiffres").fill(next_code(live.formsvc, email or live.user))
    page.get_by_role("button", name="Valider").click()
