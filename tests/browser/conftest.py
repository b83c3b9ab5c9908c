"""Browser fixtures: one Debian Chromium per session, a fresh context per test, the site's pages."""

import contextlib
import functools
import tempfile
import threading
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from apercu.built_site import LocalSite
from formsvc import create_app
from formsvc.db import upgrade
from tests.conftest import build_site
from tests.formsvc.conftest import OUTSIDE_SESSION, Clock
from tests.site.pages import page_url

CHROMIUM = "/usr/bin/chromium"  # Debian's package: `playwright install` cannot download here
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAIL_AFTER_MS = 5_000  # 5 s: every page is local, so waiting longer only delays a failure


@functools.cache
def built_paths():
    """The URL path ("/", "/actualites/", …) of every index.html that a build writes.

    Read at collection time, from a throwaway build of the same sources as the ``site``
    fixture, so each page is its own test and a new page is checked without editing the tests.
    """
    with tempfile.TemporaryDirectory() as folder:
        output = build_site(Path(folder) / "output")
        return sorted(page_url(output, page) for page in output.rglob("index.html"))


def pytest_generate_tests(metafunc):
    if "site_path" in metafunc.fixturenames:
        metafunc.parametrize("site_path", built_paths())


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_options():
    """Extra ``new_context`` options; a module overrides or parametrizes this fixture."""
    return {}


@pytest.fixture
def context(browser, context_options):
    """A fresh context (cookies, storage, history) for one test, in French."""
    context = browser.new_context(locale="fr-FR", **context_options)
    context.set_default_timeout(FAIL_AFTER_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def requested_urls(page):
    """Every URL ``page`` requests, appended as it loads."""
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


@pytest.fixture
def search(site_url):
    """Search like a visitor: open /recherche/, type the words, press Enter; return the status."""

    def search(page, words):
        page.goto(f"{site_url}/recherche/")
        page.get_by_label("Rechercher sur le site").fill(words)
        page.keyboard.press("Enter")
        status = page.get_by_role("status")
        expect(status).to_contain_text(f"pour « {words} »")
        return status

    return search


@pytest.fixture
def searched_page(page, search):
    """``page`` once a visitor has searched « arobases » (found in the Ville Internet pages)."""
    search(page, "arobases")
    return page


@pytest.fixture
def not_found_url(site_url):
    """An unknown address, a few folders deep: the server answers with the site's 404 page."""
    return f"{site_url}/actualites/2099/page-disparue/"


@contextlib.contextmanager
def serve_site(site, folder, **overrides):
    """The built site and a fresh formsvc on one loopback URL, as `make serve` runs them.

    Yields the server with ``.url`` and ``.formsvc`` (the Flask app; not ``.app``, which is
    what werkzeug serves).
    """
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'formsvc.sqlite3'}",
            "SECRET_KEY": "browser-tests",
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "MIN_FILL_SECONDS": 0,
            "CLOCK": Clock(OUTSIDE_SESSION),
            "SMTP_TIMEOUT": 2,
            **overrides,
        }
    )
    with app.app_context():
        upgrade(app)
    server = make_server("127.0.0.1", 0, LocalSite(app, site), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.formsvc = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
