"""Fixtures shared by every test group: the site built once and served, the database and Redis
servers, Debian's Chromium. What the tests call lives in tests/support/, not here."""

import shutil

import pytest

from tests.servers import PostgreSQL, Redis, available, serve_folder
from tests.support import ROOT
from tests.support.site import build_site

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


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=["sqlite", "postgresql"],
        default="sqlite",
        help="the database formsvc's tests run on: a SQLite file per test (default), or a "
        "fresh database per test on a real PostgreSQL server started for the session",
    )


@pytest.fixture(scope="session")
def postgresql():
    """A real PostgreSQL 15 on loopback, for the session."""
    problem = available()
    assert problem is None, problem
    server = PostgreSQL()
    yield server
    server.close()


@pytest.fixture(scope="session")
def redis_server():
    """A real Redis on loopback, for the session."""
    problem = available()
    assert problem is None, problem
    server = Redis()
    yield server
    server.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site (content/, theme/, plugins/, search index) built into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture
def content_tree(tmp_path):
    """A copy of the real content/ that a test may break; build it with ``build_site``."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture(scope="session")
def site_url(site):
    """Base URL (no trailing slash) of a local server on 127.0.0.1 serving the built site."""
    with serve_folder(site) as url:
        yield url


# -- Chromium, for the browser tests and the integration journeys -----------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, once for the session (imported here only when a test needs it)."""
    from playwright.sync_api import sync_playwright

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
