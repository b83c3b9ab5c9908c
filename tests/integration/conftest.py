"""Integration fixtures: the whole stack once per session, a stand-in for the family portal.
Chromium (``browser``, ``page``, ``requested_urls``) comes from tests/conftest.py."""

import pytest

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
