"""formsvc fixtures: an app on a fresh SQLite file, its client, a real SMTP server."""

import datetime
import re
import socket
import uuid

import pytest
from cryptography.fernet import Fernet

from apercu import smtp_sink
from formsvc import create_app
from formsvc.db import engine_for, upgrade

KEY = Fernet.generate_key().decode()
PARIS_WINTER = datetime.timezone(datetime.timedelta(hours=1))
# A Wednesday afternoon in 2013, a week before any session: the form is open by default.
OUTSIDE_SESSION = datetime.datetime(2013, 1, 23, 15, 0, tzinfo=PARIS_WINTER)
DURING_SESSION = datetime.datetime(2013, 1, 30, 19, 0, tzinfo=PARIS_WINTER)
VALID = {
    "nom": "Jeanne Dupont",
    "canal": "courriel",
    "courriel": "jeanne.dupont@example.org",
    "telephone": "",
    "objet": "Éclairage rue des Trois-Visages",
    "message": "Bonjour Monsieur le Maire,\r\nle lampadaire devant le 12 ne marche plus.",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Clock:
    """A settable clock for the app (CLOCK setting): tests decide what time it is."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now.astimezone(datetime.UTC)

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock():
    return Clock(OUTSIDE_SESSION)


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def database_url(request, tmp_path):
    """A fresh database for one test, on the engine chosen with ``--database``."""
    if request.config.getoption("--database") == "postgresql":
        name = "t_" + uuid.uuid4().hex[:12]
        return request.getfixturevalue("postgresql").create_database(name)
    return f"sqlite:///{tmp_path / 'formsvc.sqlite3'}"


@pytest.fixture
def raw_store(request, database_url, tmp_path):
    """A function returning the stored bytes as a thief would read them: the SQLite files, or
    a pg_dump of the PostgreSQL database."""

    def read():
        if database_url.startswith("sqlite"):
            return b"".join(p.read_bytes() for p in tmp_path.glob("formsvc.sqlite3*"))
        name = database_url.rsplit("/", 1)[1]
        return request.getfixturevalue("postgresql").dump(name)

    return read


@pytest.fixture
def make_app(database_url, clock, smtp_port):
    """Build an app with test settings; keyword arguments override them."""
    made = []

    def make(upgrade_to="head", **overrides):
        settings = {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "ENCRYPTION_KEYS": KEY,
            "MAIL_FROM": "permanence@ville.example",
            "OFFICE_EMAIL": "cabinet@ville.example",
            "PUBLIC_URL": "https://www.ville.example",
            "SMTP_PORT": smtp_port,
            "SMTP_TIMEOUT": 2,
            "MIN_FILL_SECONDS": 0,
            "CLOCK": clock,
            **overrides,
        }
        app = create_app(settings)
        made.append(app)
        if upgrade_to:
            with app.app_context():
                upgrade(app, upgrade_to)
        return app

    yield make
    for app in made:  # close pooled connections: a PostgreSQL server counts them
        engine_for(app).dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def office(app):
    """An office agent signed in on a browser of their own (not the resident's)."""
    from tests.formsvc.gestion_helpers import Office, add_user

    add_user(app)
    office = Office(app.test_client())
    office.login()
    return office


@pytest.fixture
def smtp_server(smtp_port):
    """A real SMTP server (aiosmtpd) on loopback; ``.handler.received()`` lists the mails."""
    controller = smtp_sink.start(smtp_port)
    yield controller
    controller.stop()


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SHOWN = re.compile(r'name="affiche" type="hidden" value="([^"]+)"')


class Resident:
    """Fills the form like a browser: GET the page for its tokens, then POST."""

    def __init__(self, client):
        self.client = client

    def open(self):
        page = self.client.get("/formulaires/permanence/")
        html = page.get_data(as_text=True)
        return CSRF.search(html).group(1), SHOWN.search(html).group(1)

    def submit(self, follow=False, **fields):
        csrf, shown = self.open()
        data = {**VALID, "csrf_token": csrf, "affiche": shown, **fields}
        data = {k: v for k, v in data.items() if v is not None}
        return self.client.post("/formulaires/permanence/", data=data, follow_redirects=follow)


@pytest.fixture
def resident(client):
    return Resident(client)
