"""Settings: defaults, then ``FORMSVC_*`` environment variables, then test overrides.

Every setting is listed in DEFAULTS with its type's default value, and documented in
docs/configuration.md (a test checks both lists match).
"""

import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

PREFIX = "FORMSVC_"

DEFAULTS = {
    "ENV": "development",  # "production" makes missing secrets a start-up error
    "DATABASE_URL": "",  # empty: SQLite file instance/formsvc.sqlite3
    "SECRET_KEY": "",  # signs the session and CSRF tokens; generated under instance/ in dev
    "ENCRYPTION_KEYS": "",  # Fernet keys, comma-separated: the first encrypts, all decrypt
    "PUBLIC_URL": "",  # how residents and the office reach the site; dev: 127.0.0.1:8000
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": 8025,
    "SMTP_TLS": "",  # "" (plain, for a local relay), "starttls" or "ssl"
    "SMTP_USERNAME": "",
    "SMTP_PASSWORD": "",
    "SMTP_TIMEOUT": 10,  # seconds
    "MAIL_FROM": "",  # the city's own sender address (never the resident's: DMARC)
    "OFFICE_EMAIL": "",  # the mayor's office: notified of each request, Reply-To of mails
    # Where the limits count: memory:// counts in each process (one process only), redis://…
    # shares the counts between processes and instances (the production set-up).
    "RATELIMIT_STORAGE_URI": "memory://",
    "WORKERS": 2,  # gunicorn processes per instance: deploy/gunicorn.conf.py reads it too
    "RATELIMIT_POST": "5 per minute;30 per day",  # per client IP, on form submissions
    "RATELIMIT_SUIVI": "30 per minute;300 per day",  # per client IP, on follow-up links
    "PROXY_COUNT": 0,  # trusted reverse proxies in front (nginx: 1), for the client IP
    "RETENTION_DAYS": 90,  # days a closed request keeps its personal data
    "ACCEPT_OUTSIDE_SESSIONS": True,  # accept requests when the mayor is not online
    "MIN_FILL_SECONDS": 3,  # a form sent faster than this is flagged as suspect
    "OFFICE_NOTIFY_MINUTES": 5,  # at most one notice to the office per this many minutes
    "OUTBOX_POLL_SECONDS": 2,  # how often the worker looks for mail to send
    "OUTBOX_MAX_ATTEMPTS": 10,  # then the mail is marked failed and stays visible
    "OUTBOX_BACKOFF_SECONDS": 15,  # first retry delay; doubles each time, capped at one hour
    "SITE_ROOT": "",  # the checkout holding theme/ and content/; empty: the one holding formsvc
    "CONTENT_DATA": "",  # empty: SITE_ROOT's content/data folder
    "GESTION_IDLE_MINUTES": 30,  # a back-office session ends after this long without activity
    "LOGIN_LIMIT_ACCOUNT": "5 per minute",  # failed sign-ins per (account, client IP)
    "LOGIN_LIMIT_IP": "20 per minute",  # failed sign-ins allowed per client IP
    # The back-office passwords' argon2id cost (argon2-cffi's defaults): lower only in tests.
    "ARGON2_TIME_COST": 3,  # passes over the memory
    "ARGON2_MEMORY_COST": 65536,  # KiB (64 MiB) per hash
}
REQUIRED_IN_PRODUCTION = (
    "SECRET_KEY",
    "ENCRYPTION_KEYS",
    "MAIL_FROM",
    "OFFICE_EMAIL",
    "PUBLIC_URL",
)
# Lanes of each argon2id hash (argon2-cffi's default), not a setting: argon2 needs 8 KiB of
# memory per lane at least.
ARGON2_PARALLELISM = 4
# Where formsvc's code is: the checkout itself when installed with `pip install -e` (make), a
# site-packages folder when installed with `pip install .`, which then needs SITE_ROOT.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A setting is missing or wrong: the service refuses to start, saying which."""


def _convert(name, raw, default):
    if isinstance(default, bool):
        if raw.lower() in {"1", "true", "yes", "oui", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "non", "off", ""}:
            return False
        raise ConfigError(f"{PREFIX}{name}: valeur booléenne attendue (true/false), pas {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{PREFIX}{name}: nombre entier attendu, pas {raw!r}") from None
    return raw


def from_environment(environ=os.environ):
    """The settings given as ``FORMSVC_*`` environment variables, converted to their types."""
    return {
        name: _convert(name, environ[PREFIX + name], default)
        for name, default in DEFAULTS.items()
        if PREFIX + name in environ
    }


def _instance_secret(instance_path, filename, make):
    """Read, or create on first run (development only), a secret kept under instance/."""
    path = Path(instance_path) / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(make())
    return path.read_text().strip()


def finalize(config, instance_path):
    """Fill development defaults, or refuse to start in production when a secret is missing."""
    if config["ARGON2_TIME_COST"] < 1:
        raise ConfigError(f"{PREFIX}ARGON2_TIME_COST : 1 passe au moins")
    if config["ARGON2_MEMORY_COST"] < 8 * ARGON2_PARALLELISM:
        raise ConfigError(f"{PREFIX}ARGON2_MEMORY_COST : {8 * ARGON2_PARALLELISM} Kio au moins")
    if config["ENV"] == "production":
        missing = [PREFIX + name for name in REQUIRED_IN_PRODUCTION if not config[name]]
        if missing:
            raise ConfigError(
                "réglages obligatoires en production manquants : " + ", ".join(missing)
            )
    else:
        if not config["SECRET_KEY"]:
            config["SECRET_KEY"] = _instance_secret(
                instance_path, "secret_key", lambda: secrets.token_urlsafe(32)
            )
        if not config["ENCRYPTION_KEYS"]:
            config["ENCRYPTION_KEYS"] = _instance_secret(
                instance_path, "encryption.key", lambda: Fernet.generate_key().decode()
            )
        config["MAIL_FROM"] = config["MAIL_FROM"] or "formulaires@example.org"
        config["OFFICE_EMAIL"] = config["OFFICE_EMAIL"] or "cabinet@example.org"
        config["PUBLIC_URL"] = config["PUBLIC_URL"] or "http://127.0.0.1:8000"
    if not config["DATABASE_URL"]:
        Path(instance_path).mkdir(parents=True, exist_ok=True)
        config["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'formsvc.sqlite3'}"
    site_root = Path(config["SITE_ROOT"] or PROJECT_ROOT)
    if not (site_root / "theme" / "templates").is_dir():
        raise ConfigError(
            f"{PREFIX}SITE_ROOT: pas de dossier theme/templates dans {site_root} ; indiquez le "
            "dossier du site, celui qui contient theme/ et content/"
        )
    config["SITE_ROOT"] = str(site_root)
    if not config["CONTENT_DATA"]:
        config["CONTENT_DATA"] = str(site_root / "content" / "data")
    if config["SMTP_TLS"] not in {"", "starttls", "ssl"}:
        raise ConfigError(f"{PREFIX}SMTP_TLS: '', 'starttls' ou 'ssl' attendu")
    return config
