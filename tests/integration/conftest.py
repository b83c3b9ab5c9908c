"""Integration fixtures: the whole stack once per session, Chromium from the browser group."""

import http.server
import threading

import pytest

from tests.browser.conftest import browser, context, context_options, page, requested_urls  # noqa: F401
from tests.integration.stack import Stack


class StandInPortal(http.server.BaseHTTPRequestHandler):
    """A local stand-in for the Arras famille portal."""

    def do_GET(self):
        body = f"<!doctype html><html lang=fr><title>Portail</title><h1>{self.path}</h1>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def portal():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInPortal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def stack(tmp_path_factory, portal):
    stack = Stack(tmp_path_factory.mktemp("stack"), portal)
    try:
        yield stack.start()
    finally:
        stack.stop()
