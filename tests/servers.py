"""Servers on loopback for the tests: real PostgreSQL and Redis, stopped by their own commands;
formsvc's databases, migrated once per process and copied for each test; the built site served
like production; the site with formsvc as `make serve` runs them; a stand-in for the family
portal.

PostgreSQL is Debian's (``/usr/lib/postgresql/15/bin``); ``initdb`` refuses root, so it runs as
the ``postgres`` user in a folder that user owns. Redis runs without persistence. Every server
and file is the process's own (its own folder, a free port): under pytest-xdist each worker
starts its own.
"""

import atexit
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

import jinja2
import psycopg
from cryptography.fernet import Fernet
from werkzeug.serving import make_server

from apercu.built_site import LocalSite
from formsvc import create_app
from formsvc.db import engine_for, upgrade
from tests.support import free_port, wait_until
from tests.support.clock import OUTSIDE_CRENEAU, Clock

PG_BIN = Path("/usr/lib/postgresql/15/bin")
MIGRATED = "formsvc_migre"  # the template database, on each test PostgreSQL server


def migrate(url):
    """Run formsvc's whole chain of migrations on the empty database at ``url``."""
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "migration",
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        }
    )
    try:
        with app.app_context():
            upgrade(app)
    finally:
        engine_for(app).dispose()


@functools.cache
def _migrated_sqlite():
    """A SQLite file migrated once for this process (one per xdist worker)."""
    folder = Path(tempfile.mkdtemp(prefix="arras-formsvc-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "formsvc.sqlite3"
    migrate(f"sqlite:///{path}")
    # The last connection closed checkpoints the write-ahead log into the file: a -wal left
    # beside it would hold pages a copy of the file alone would miss.
    beside = [p.name for p in folder.iterdir() if p != path]
    assert beside == [], beside
    return path


def migrated_sqlite(path):
    """A new SQLite database at ``path``, every migration applied (a copy of the file this
    process migrated once: running the chain for each test was most of a test's set-up);
    returns its URL."""
    shutil.copyfile(_migrated_sqlite(), path)
    return f"sqlite:///{path}"


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process and shared by every test app, as a production
    process compiles them once for all its requests: each test makes a new app, and
    compiling its templates again was a good part of a test's time. A template whose
    source changed is compiled again (Jinja compares the source's checksum)."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def formsvc_app(settings):
    """formsvc's ``create_app(settings)``, its templates compiled once per process."""
    app = create_app(settings)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    return app


class PostgreSQL:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="site-pg-"))
        self.port = free_port()
        self._migrated = False
        (self.folder / "sock").mkdir()
        shutil.chown(self.folder, "postgres", "postgres")
        shutil.chown(self.folder / "sock", "postgres", "postgres")
        self._as_postgres(
            PG_BIN / "initdb",
            "-D",
            self.folder / "data",
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()

    def _as_postgres(self, *command):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, command)],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self):
        # fsync off: a test server's data need not survive a power cut (it is thrown away).
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder / 'sock'} -c fsync=off"
        self._as_postgres(
            PG_BIN / "pg_ctl",
            "-D",
            self.folder / "data",
            "-l",
            self.folder / "pg.log",
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self, mode="fast"):
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.folder / "data", "-m", mode, "-w", "stop")

    def url(self, database="postgres"):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _execute(self, statement):
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres", autocommit=True
        ) as connection:
            connection.execute(statement)

    def create_database(self, name, template="template1"):
        """A new database, an exact copy of ``template`` (PostgreSQL's empty one by
        default); returns its URL."""
        if template == MIGRATED and not self._migrated:
            self._execute(f'CREATE DATABASE "{MIGRATED}"')
            migrate(self.url(MIGRATED))  # closes its connections: a template must have none
            self._migrated = True
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def migrated_database(self):
        """A new database with every migration applied, copied from one this server migrated
        once; returns its URL."""
        return self.create_database("t_" + uuid.uuid4().hex[:12], template=MIGRATED)

    def drop_database(self, name):
        """Drop ``name``, closing what is still connected to it."""
        self._execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    def dump(self, database):
        """Every row of ``database`` as pg_dump writes it: what a stolen backup would hold."""
        return subprocess.run(
            [
                PG_BIN / "pg_dump",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "--data-only",
                database,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout

    def close(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="site-redis-"))
        self.port = free_port()
        self.process = None
        self.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, 10, "redis-server did not start")

    def answers(self):
        ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True)
        return ping.stdout.strip() == b"PONG"

    def stop(self):
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True
        )
        self.process.wait(timeout=10)

    def close(self):
        if self.process and self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def available():
    """Why the servers cannot run here, or None."""
    if not (PG_BIN / "initdb").exists():
        return "PostgreSQL 15 manque : apt-get install postgresql"
    if not shutil.which("redis-server"):
        return "Redis manque : apt-get install redis-server"
    if os.geteuid() != 0:
        return "les serveurs de test se lancent en root (runuser -u postgres)"
    return None


class StandInPortal(http.server.BaseHTTPRequestHandler):
    """A local stand-in for the Arras famille portal: every page answers 200 with its path."""

    def do_GET(self):
        body = f"<!doctype html><html lang=fr><title>Portail</title><h1>{self.path}</h1>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serving(handler):
    """Serve ``handler`` on a free loopback port in a thread; yields the base URL (no
    trailing slash) and stops the server afterwards."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def stand_in_portal():
    """Serve StandInPortal on loopback; yields its base URL."""
    return _serving(StandInPortal)


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


def serve_folder(folder):
    """Serve the built site in ``folder`` with SiteHandler; yields the base URL (no trailing
    slash)."""
    return _serving(functools.partial(SiteHandler, directory=str(folder)))


def fresh_formsvc(folder, **overrides):
    """A formsvc on a new SQLite file in ``folder``, migrated, its clock a week before any
    session; ``overrides`` change its settings."""
    return formsvc_app(
        {
            "DATABASE_URL": migrated_sqlite(folder / "formsvc.sqlite3"),
            "SECRET_KEY": "tests",
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "MIN_FILL_SECONDS": 0,
            "ARGON2_TIME_COST": 1,  # the lowest cost: tests hash hundreds of passwords
            "ARGON2_MEMORY_COST": 32,
            "CLOCK": Clock(OUTSIDE_CRENEAU),
            "SMTP_TIMEOUT": 2,
            **overrides,
        }
    )


@contextlib.contextmanager
def serve_site(site, folder, **overrides):
    """The built site and a fresh formsvc on one loopback URL, as `make serve` runs them.

    Yields the server with ``.url`` and ``.formsvc`` (the Flask app; not ``.app``, which is
    what werkzeug serves).
    """
    app = fresh_formsvc(folder, **overrides)
    server = make_server("127.0.0.1", 0, LocalSite(app, site), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.formsvc = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
