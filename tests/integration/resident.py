"""A resident's browser without the browser: urllib with cookies, for loops and faults."""

import functools
import http.client
import http.cookiejar
import itertools
import re
import urllib.error
import urllib.parse
import urllib.request

from tests.formsvc.conftest import VALID

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SHOWN = re.compile(r'name="affiche" type="hidden" value="([^"]+)"')
REFERENCE = re.compile(r'class="reference">([2-9A-Z]{4}-[2-9A-Z]{4})<')
_ADDRESS_NUMBERS = itertools.count()  # next() on a count is safe from several threads


def new_address():
    """A loopback address no other resident of the session has used: for nginx and formsvc,
    another client, with limits of its own."""
    n = next(_ADDRESS_NUMBERS)
    return f"127.1.{n // 250}.{n % 250 + 1}"


class LoopbackCookies(http.cookiejar.DefaultCookiePolicy):
    """The session cookie is Secure (production); like a browser, send it on loopback http."""

    def return_ok_secure(self, cookie, request):
        return True


class FromAddress(urllib.request.HTTPHandler):
    """Connect from a chosen loopback address (127.0.0.0/8): nginx sees another client."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, request):
        connect = functools.partial(http.client.HTTPConnection, source_address=(self.address, 0))
        return self.do_open(connect, request)


class Resident:
    def __init__(self, base_url, address="127.0.0.1"):
        self.base = base_url
        self.headers = None
        self.opener = urllib.request.build_opener(
            FromAddress(address),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(LoopbackCookies())),
        )

    def get(self, path, timeout=10):
        """(status, body) of a GET; error statuses are answers too."""
        try:
            with self.opener.open(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, **fields):
        """Send the form; return the reference shown on the confirmation page, or None."""
        return self.post_form(**fields)[1]

    def post_form(self, **fields):
        """Send the form; return (status, reference shown or None, page)."""
        status, html = self.get("/formulaires/permanence/")
        if status != 200:
            return status, None, html
        return self.send(self.filled(html, **fields))

    def filled(self, html, **fields):
        """The body of the form on ``html`` filled with valid answers (and ``fields``)."""
        data = {
            **VALID,
            "csrf_token": CSRF.search(html).group(1),
            "affiche": SHOWN.search(html).group(1),
            **fields,
        }
        return urllib.parse.urlencode(data).encode()

    def send(self, body, path="/formulaires/permanence/"):
        """POST ``body``, redirects followed; return (status, reference shown or None, page).
        The headers of the last answer are then in ``self.headers``."""
        try:
            with self.opener.open(self.base + path, body, timeout=10) as r:
                status, page, self.headers = r.status, r.read().decode(), r.headers
        except urllib.error.HTTPError as error:
            status, page, self.headers = error.code, error.read().decode(), error.headers
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None, None, ""  # not acknowledged: the resident saw no reference
        found = REFERENCE.search(page)
        return status, found.group(1) if found else None, page
