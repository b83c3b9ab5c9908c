"""Helpers shared by the tests: plain modules, as Pelican's ``pelican/tests/support.py``.

Fixtures live in the ``conftest.py`` files and only there; what a test calls lives here (or in
a plain module of its group: ``tests/servers.py``, ``tests/site/builds.py``,
``tests/browser/helpers.py``…), so that no test imports a ``conftest.py`` or another test
module. One module per job, so that a test imports only what it uses (a site test never loads
formsvc, a formsvc test never loads Pelican):

- here: the checkout's root, waiting for a condition, free ports (the standard library only);
- ``site``: building the site as the tests do (Pelican);
- ``pages``: pages and mails as a person reads them, and the hidden fields a form sends back;
- ``clock``: the time formsvc's tests decide;
- ``service``: formsvc's stored rows and one pass of its outbox;
- ``resident``, ``office``: a resident writing to the mayor, an agent of the office signed in,
  the same over Flask's test client and real HTTP;
- ``http_client``: real HTTP from chosen loopback addresses, for the production stack.
"""

import socket
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# -- waiting for a condition, never for a fixed time ----------------------------------------


def wait_until(condition, timeout=20, message="", interval=0.05):
    """Call ``condition()`` every ``interval`` seconds until it returns something true, and
    return that; after ``timeout`` seconds, fail with ``message`` (a string, or a function
    called then, to tell what was seen instead).

    Tests wait for what they need, not for a fixed time: a slow machine makes them slower,
    never wrong, and a fast one does not wait for nothing.
    """
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() >= deadline:
            said = message() if callable(message) else message
            raise AssertionError(f"not within {timeout} s: {said}")
        time.sleep(interval)


def free_port():
    """A TCP port nothing listens on at the moment, on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process=None, timeout=20):
    """Return once something accepts connections on 127.0.0.1:``port``; fail at once if
    ``process`` (the server being started) ends first."""

    def listening():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process ended with {process.returncode} before listening")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0

    wait_until(listening, timeout, f"nothing listens on 127.0.0.1:{port}")
