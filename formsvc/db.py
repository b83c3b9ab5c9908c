"""Database access: one engine per app, one SQLAlchemy session (``get_db()``) per request or
command, Alembic migrations.

Only portable SQL goes through here, so that a ``postgresql+psycopg://`` URL works as well
as the default SQLite file.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    # WAL: readers do not block the writer. busy_timeout: a second writer waits instead of
    # failing at once. synchronous stays FULL: a commit is on disk before we acknowledge.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Erased personal data (retention purge) is overwritten on disk, not just unlinked.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def make_engine(url):
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def init_app(app):
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["formsvc_db"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(close_db)


def engine_for(app):
    return app.extensions["formsvc_db"].kw["bind"]


def get_db():
    """The SQLAlchemy session of the current request or CLI command."""
    if "db" not in g:
        g.db = current_app.extensions["formsvc_db"]()
    return g.db


def close_db(_exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def alembic_config(app):
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine_for(app)
    return config


def upgrade(app, revision="head"):
    """Bring the database schema up to date (idempotent). The data the domain derives is
    filled by the upgrade command (formsvc/cli.py ``upgrade``), above the lifecycle."""
    command.upgrade(alembic_config(app), revision)
