"""formsvc fixtures: an app on a fresh database, its client, a resident and an agent, a real
SMTP server. What the tests call lives in tests/support/"""

import uuid

import pytest
from cryptography.fernet import Fernet

from devtools import smtp_sink
from formsvc.db import engine_for
from tests.servers import formsvc_app, migrated_sqlite
from tests.support import free_port
from tests.support.clock import OUTSIDE_CRENEAU, Clock
from tests.support.office import Office, add_user
from tests.support.resident import Resident

KEY = Fernet.generate_key().decode()


@pytest.fixture
def clock():
    """The app's clock, at OUTSIDE_CRENEAU until a test moves it."""
    return Clock(OUTSIDE_CRENEAU)


@pytest.fixture
def smtp_port():
    return free_port()


def on_postgresql(request):
    return request.config.getoption("--database") == "postgresql"


@pytest.fixture
def database_url(request, tmp_path):
    """A fresh database for one test, every migration applied, on the engine chosen with
    ``--database``: a copy of one migrated once per test process (each xdist worker has its own)."""
    if not on_postgresql(request):
        yield migrated_sqlite(tmp_path / "formsvc.sqlite3")
        return
    server = request.getfixturevalue("postgresql")
    url = server.migrated_database()
    yield url
    server.drop_database(url.rsplit("/", 1)[1])  # a server keeps every database otherwise


@pytest.fixture
def empty_database_url(request, tmp_path):
    """A fresh database without any table, for the tests of the migrations themselves."""
    if not on_postgresql(request):
        yield f"sqlite:///{tmp_path / 'vide.sqlite3'}"
        return
    server = request.getfixturevalue("postgresql")
    name = "v_" + uuid.uuid4().hex[:12]
    yield server.create_database(name)
    server.drop_database(name)


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
    """Build an app with test settings on the test's database; keyword arguments override
    them."""
    made = []

    def make(**overrides):
        # Settings are upper case: anything else (an old ``upgrade_to=``) would be ignored.
        assert all(name.isupper() for name in overrides), sorted(overrides)
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
            "ARGON2_TIME_COST": 1,  # the lowest cost: tests hash hundreds of passwords
            "ARGON2_MEMORY_COST": 32,
            "CLOCK": clock,
            **overrides,
        }
        app = formsvc_app(settings)
        made.append(app)
        return app

    yield make
    for app in made:  # close pooled connections: a PostgreSQL server counts them
        engine_for(app).dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    """Flask's test client: the resident's browser (``resident`` uses it)."""
    return app.test_client()


@pytest.fixture
def signed_out_office(app):
    """An agent's account (made with add-user) and the agent's own browser, not signed in yet:
    not the ``client`` a resident uses."""
    add_user(app)
    return Office(app.test_client())


@pytest.fixture
def signed_in_office(signed_out_office):
    """The agent of ``signed_out_office``, signed in (password and code)."""
    assert signed_out_office.login().status_code == 303
    return signed_out_office


@pytest.fixture
def smtp_server(smtp_port):
    """A real SMTP server (aiosmtpd) on loopback; ``.handler.received()`` lists the mails."""
    controller = smtp_sink.start(smtp_port)
    yield controller
    controller.stop()


@pytest.fixture
def resident(client):
    """A resident on ``client``, the test's browser (tests.support.resident.Resident)."""
    return Resident(client)
