"""Real HTTP from chosen loopback addresses: a browser without the browser, for the production
stack's loops, floods and faults."""

import dataclasses
import functools
import http.client
import http.cookiejar
import itertools
import urllib.error
import urllib.parse
import urllib.request

_ADDRESS_NUMBERS = itertools.count()  # next() on a count is safe from several threads


def new_address():
    """A loopback address no other client of the session has used: for nginx and formsvc,
    another client, with limits of its own."""
    n = next(_ADDRESS_NUMBERS)
    return f"127.1.{n // 250}.{n % 250 + 1}"


@dataclasses.dataclass
class Answer:
    """An HTTP answer, with the names Flask's test client gives them. ``status_code`` is None
    when no answer came (connection refused or cut): the visitor saw nothing."""

    status_code: int | None
    headers: object
    text: str


class _LoopbackCookies(http.cookiejar.DefaultCookiePolicy):
    """The session cookie is Secure (production); like a browser, send it on loopback http."""

    def return_ok_secure(self, cookie, request):
        return True


class _FromAddress(urllib.request.HTTPHandler):
    """Connect from a chosen loopback address (127.0.0.0/8): nginx sees another client."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, request):
        connect = functools.partial(http.client.HTTPConnection, source_address=(self.address, 0))
        return self.do_open(connect, request)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx itself is the answer


def _text(response):
    # A compressed body (asked for with Accept-Encoding) is not text: only its headers matter.
    return response.read().decode(errors="replace")


class HttpClient:
    """Flask's test client's ``get`` and ``post``, over real HTTP: a browser without the
    browser, for loops, floods and faults. Cookies are kept; requests come from ``address``;
    redirects are followed only when asked (``follow_redirects``), as with Flask's."""

    def __init__(self, base_url, address="127.0.0.1", timeout=10):
        self.base, self.address, self.timeout = base_url, address, timeout
        self.cookies = http.cookiejar.CookieJar(_LoopbackCookies())

    def get(self, path, follow_redirects=False, headers=None, timeout=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        return self._open(request, follow_redirects, timeout)

    def post(self, path, data, follow_redirects=False, headers=None):
        body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, body, headers=headers or {})
        return self._open(request, follow_redirects)

    def _open(self, request, follow, timeout=None):
        handlers = [_FromAddress(self.address), urllib.request.HTTPCookieProcessor(self.cookies)]
        opener = urllib.request.build_opener(*handlers, *([] if follow else [_NoRedirect()]))
        try:
            with opener.open(request, timeout=timeout or self.timeout) as response:
                return Answer(response.status, response.headers, _text(response))
        except urllib.error.HTTPError as error:  # an error status is an answer too
            return Answer(error.code, error.headers, _text(error))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return Answer(None, {}, "")
