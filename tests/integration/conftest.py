"""Integration fixtures: the whole stack once per session, Chromium from the browser group."""

import pytest

from tests.browser.conftest import browser, context, context_options, page, requested_urls  # noqa: F401
from tests.integration.stack import Stack
from tests.servers import stand_in_portal


@pytest.fixture(scope="session")
def portal():
    with stand_in_portal() as url:
        yield url


@pytest.fixture(scope="session")
def stack(tmp_path_factory, portal):
    stack = Stack(tmp_path_factory.mktemp("stack"), portal)
    try:
        yield stack.start()
    finally:
        stack.stop()
