"""Helpers shared by the tests: a plain module, as Pelican's ``pelican/tests/support.py``.

Fixtures live in the ``conftest.py`` files and only there; what a test calls lives here (or in
a plain module of its group: ``tests/servers.py``, ``tests/site/builds.py``,
``tests/browser/helpers.py``…), so that no test imports a ``conftest.py`` or another test
module. The residents' and the office's helpers work the same in formsvc's tests (Flask's test
client) and against the production stack (``HttpClient``, real HTTP through nginx).
"""

import contextlib
import dataclasses
import datetime
import functools
import http.client
import http.cookiejar
import itertools
import logging
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyotp
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.log import FatalLogger
from pelican.settings import read_settings
from sqlalchemy import select

from formsvc import outbox
from formsvc.db import get_db
from formsvc.models import Utilisateur

ROOT = Path(__file__).resolve().parent.parent

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


# -- the site ---------------------------------------------------------------------------------


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


# -- formsvc: time, pages, mails, rows --------------------------------------------------------

PARIS_WINTER = datetime.timezone(datetime.timedelta(hours=1))
# A Wednesday afternoon in 2013, a week before any session: the form is open by default.
OUTSIDE_SESSION = datetime.datetime(2013, 1, 23, 15, 0, tzinfo=PARIS_WINTER)
DURING_SESSION = datetime.datetime(2013, 1, 30, 19, 0, tzinfo=PARIS_WINTER)


class Clock:
    """A settable clock for the app (CLOCK setting): tests decide what time it is."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now.astimezone(datetime.UTC)

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


def html_of(response, status=None):
    """The HTML of ``response`` (Flask's test client's, or an ``HttpClient``'s) parsed as a
    browser would; with ``status``, the response must have that status first."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.text, "lxml")


def plain(mail):
    """The plain-text body of ``mail``, as a mail program shows it."""
    return mail.get_body(("plain",)).get_content()


def rows(app, model, **where):
    """The rows of ``model`` (filtered by ``where``), oldest first."""
    with app.app_context():
        query = select(model).filter_by(**where).order_by(model.id)
        return get_db().scalars(query).all()


def send_outbox(app):
    """One pass of the outbox worker; its counts {"sent", "retry", "failed"}."""
    with app.app_context():
        return outbox.send_due()


# -- hidden fields --------------------------------------------------------------------------

# What a browser sends back of a form: the value of each hidden field, read by this one
# pattern. WTForms writes <input id=… name=… type="hidden" value=…>, the back-office layout
# <input type="hidden" name=… value=…>.
HIDDEN = '<input[^>]*? name="{}"[^>]*? value="([^"]*)"'


def hidden_value(html, name):
    """The value of the hidden field ``name`` in ``html``."""
    match = re.search(HIDDEN.format(re.escape(name)), html)
    assert match, f"no hidden field {name!r} on the page"
    return match.group(1)


def csrf_token(html):
    return hidden_value(html, "csrf_token")


def form_tokens(html):
    """The hidden fields of a resident's form: its CSRF token and its display time
    (``affiche``, the fill-time check)."""
    return {"csrf_token": csrf_token(html), "affiche": hidden_value(html, "affiche")}


# -- a resident -----------------------------------------------------------------------------

FORM = "/formulaires/permanence/"
VALID = {
    "nom": "Jeanne Dupont",
    "canal": "courriel",
    "courriel": "jeanne.dupont@example.org",
    "telephone": "",
    "objet": "Éclairage rue des Trois-Visages",
    "message": "Bonjour Monsieur le Maire,\r\nle lampadaire devant le 12 ne marche plus.",
}
REFERENCE = re.compile(r'class="reference">([2-9A-Z]{4}-[2-9A-Z]{4})<')
# A request the office records by hand after a phone call (/gestion/demandes/nouvelle).
PHONE_CALL = {
    "origine": "telephone",
    "recue_le": "2013-01-10",
    "nom": "Marcel Quenouille",
    "canal": "telephone",
    "courriel": "",
    "telephone": "03 21 55 44 33",
    "adresse": "",
    "objet": "Trottoir défoncé",
    "message": "Le trottoir de la rue Saint-Aubert est défoncé depuis les travaux.",
}


def form_data(html, **fields):
    """What a browser posts from the mayor's form page ``html``: valid answers, the page's
    hidden fields, then ``fields`` (a field given as None is left out)."""
    data = {**VALID, **form_tokens(html), **fields}
    return {name: value for name, value in data.items() if value is not None}


def reference_shown(response):
    """The reference (ABCD-EFGH) the confirmation page shows, or None."""
    found = REFERENCE.search(response.text)
    return found.group(1) if found else None


class Resident:
    """A resident writing to the mayor as with a browser: open the form for its hidden fields,
    then post valid answers with ``fields`` over them.

    ``client`` is Flask's test client (formsvc's tests) or an ``HttpClient`` (the production
    stack): both answer ``get`` and ``post`` with ``status_code``, ``headers`` and ``text``.
    """

    def __init__(self, client):
        self.client = client

    def submit(self, follow=False, **fields):
        """Open the form, fill it in, send it: the answer to the POST, or to the GET when the
        page came without a form (a 503 during an outage, nginx's 429, no answer at all)."""
        opened = self.client.get(FORM)
        if not re.search(HIDDEN.format("csrf_token"), opened.text):
            return opened
        return self.send(form_data(opened.text, **fields), follow)

    def send(self, data, follow=False):
        """POST ``data`` (a dict, or an encoded body) to the form."""
        return self.client.post(FORM, data=data, follow_redirects=follow)


# -- real HTTP, for the production stack --------------------------------------------------------

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


# -- an office agent ------------------------------------------------------------------------

AGENT = "agent@ville.example"
PASSWORD = "un mot de passe assez long"
CODE_PAGE = "/gestion/connexion/code"
OTPAUTH = re.compile(r"otpauth://totp/\S+")


def secret_in(output):
    """The TOTP secret of the ``otpauth://`` address that ``add-user`` printed."""
    match = OTPAUTH.search(output)
    assert match, f"pas d'adresse otpauth:// dans :\n{output}"
    return urllib.parse.parse_qs(urllib.parse.urlsplit(match.group(0)).query)["secret"][0]


def add_user(app, email=AGENT, password=PASSWORD):
    """Create an account as the operator does; its second factor is enrolled at once."""
    result = app.test_cli_runner().invoke(
        args=["gestion", "add-user", email], input=f"{password}\n{password}\n"
    )
    assert result.exit_code == 0, result.output
    assert secret_in(result.output) == account(app, email)[0]
    return email


def account(app, email):
    """(TOTP secret, last accepted time step) of the account, read from its database."""
    with app.app_context():
        user = get_db().scalar(select(Utilisateur).where(Utilisateur.email == email.lower()))
        assert user is not None and user.totp_secret_enc, f"pas de double facteur pour {email}"
        secret = app.extensions["formsvc_cipher"].decrypt(user.totp_secret_enc)
        return secret, user.totp_last_step


def next_code(app, email):
    """The code the account's app shows when its owner types it, never accepted before.

    The server takes a code once per 30-second step (and the next step's, for a phone a
    little ahead). When both were already used, the owner waits for a new code: the app's
    clock (a settable ``Clock``) moves on to the next step.
    """
    secret, last = account(app, email)
    clock = app.config["CLOCK"]
    while True:
        step = int(clock().timestamp()) // 30
        for candidate in (step, step + 1):
            if last is None or candidate > last:
                return pyotp.TOTP(secret).generate_otp(candidate)
        clock.advance(seconds=30)


class Office:
    """An office agent's browser on Flask's test client (like flaskr's AuthActions).

    ``ip``: the address the requests come from (the test client's REMOTE_ADDR).
    """

    def __init__(self, client, email=AGENT, password=PASSWORD, ip=None):
        self.client, self.email, self.password = client, email, password
        if ip:
            client.environ_base["REMOTE_ADDR"] = ip

    @property
    def app(self):
        return self.client.application

    def token(self, url):
        """The CSRF token of the page at ``url``, as a form on it sends it back."""
        return csrf_token(self.client.get(url).text)

    def login(self, email=None, password=None, suite=None):
        """Sign in as an agent does: the password, then the code of the app; the answer to
        the last step taken (the password page again when it was refused)."""
        response = self.give_password(email, password, suite)
        if response.status_code == 303 and response.headers["Location"] == CODE_PAGE:
            return self.give_code(self.code(email))
        return response

    def give_password(self, email=None, password=None, suite=None):
        url = "/gestion/connexion" + (f"?suite={suite}" if suite else "")
        return self.client.post(
            url,
            data={
                "csrf_token": self.token("/gestion/connexion"),
                "email": email or self.email,
                "password": self.password if password is None else password,
            },
        )

    def give_code(self, code, page=CODE_PAGE):
        """Type ``code`` on the second step's page (or on enrolment's, with ``page``)."""
        return self.client.post(page, data={"csrf_token": self.token(page), "code": code})

    def code(self, email=None):
        """What the app shows now for the account: a code not used yet."""
        return next_code(self.app, email or self.email)

    def post(self, url, page, **data):
        """POST ``data`` with the CSRF token taken from ``page``, as a form on it would."""
        return self.client.post(url, data={"csrf_token": self.token(page), **data})

    def logout(self):
        return self.post("/gestion/deconnexion", "/gestion/demandes/")
