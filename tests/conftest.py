"""Fixtures shared by every test group: the site built once, and a local web server for it."""

import contextlib
import functools
import http.server
import logging
import shutil
import threading
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.log import FatalLogger
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent


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
    from tests.servers import PostgreSQL, available

    problem = available()
    assert problem is None, problem
    server = PostgreSQL()
    yield server
    server.close()


@pytest.fixture(scope="session")
def redis_server():
    """A real Redis on loopback, for the session."""
    from tests.servers import Redis, available

    problem = available()
    assert problem is None, problem
    server = Redis()
    yield server
    server.close()


@contextlib.contextmanager
def fatal_warnings():
    """Make any Pelican warning or error raise, as ``pelican --fatal warnings`` does."""
    previous = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.WARNING
    try:
        yield
    finally:
        FatalLogger.fatal_lvl = previous


def build_site(output, settings_file=ROOT / "pelicanconf.py", **override):
    """Build the site into ``output`` with fatal warnings; return the output folder."""
    override.setdefault("OUTPUT_PATH", str(output))
    override.setdefault("CACHE_PATH", str(Path(output).parent / (Path(output).name + "-cache")))
    override.setdefault("LOAD_CONTENT_CACHE", False)
    settings = read_settings(str(settings_file), override=override)
    with fatal_warnings():
        Pelican(settings).run()
    return Path(output)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site (content/, theme/, plugins/, search index) built into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture
def content_tree(tmp_path):
    """A copy of the real content/ that a test may break; build it with ``build_site``."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built folder like the production web server: pretty URLs and the 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # keep the test output readable


@pytest.fixture(scope="session")
def site_url(site):
    """Base URL (no trailing slash) of a local server on 127.0.0.1 serving the built site."""
    handler = functools.partial(SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
