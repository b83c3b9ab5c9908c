"""Security headers on every response, cookie flags, and a clear refusal to start unsafely."""

import io
import ipaddress
import logging
import re
import runpy
import urllib.parse

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from formsvc import create_app
from formsvc.config import DEFAULTS, ConfigError
from formsvc.db import get_db
from formsvc.models import Demande
from tests.support import ROOT
from tests.support.pages import html_of
from tests.support.resident import VALID, form_data


def responses(client, resident):
    yield client.get("/formulaires/permanence/")
    yield resident.submit()
    yield client.get("/formulaires/permanence/confirmation")
    yield client.get("/formulaires/inexistant")
    yield client.post("/formulaires/permanence/", data={**VALID, "message": "x" * 70_000})
    for _ in range(6):
        last = resident.submit()
    yield last  # 429


def test_security_headers_on_every_response(client, resident):
    statuses = []
    for response in responses(client, resident):
        statuses.append(response.status_code)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cache-Control"] == "no-store"
    assert statuses == [200, 303, 200, 404, 413, 429]


def test_pages_have_no_inline_script(client, signed_in_office):
    """The CSP forbids inline scripts: a page relying on one would break in browsers."""
    pages = {
        "/formulaires/permanence/": client,
        "/gestion/connexion": client,
        "/gestion/demandes/": signed_in_office.client,  # the session warning's script
    }
    external = []
    for url, browser in pages.items():
        html = html_of(browser.get(url), 200)
        assert [s for s in html.select("script") if not s.get("src")] == [], url
        handlers = [(e.name, a) for e in html.find_all(True) for a in e.attrs if a.startswith("on")]
        assert handlers == [], url
        external += [s["src"] for s in html.select("script[src]")]
    assert external  # the scripts there are, are files of their own


def session_cookie(response):
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if "formsvc_session" in c]
    return cookie


def test_session_cookie_is_httponly_and_samesite_lax(client):
    cookie = session_cookie(client.get("/formulaires/permanence/"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_in_production(make_app):
    app = make_app(ENV="production")
    cookie = session_cookie(app.test_client().get("/formulaires/permanence/"))
    assert "Secure" in cookie


def test_production_start_without_secrets_is_a_clear_error(monkeypatch):
    for name in DEFAULTS:
        monkeypatch.delenv("FORMSVC_" + name, raising=False)
    monkeypatch.setenv("FORMSVC_ENV", "production")
    with pytest.raises(ConfigError) as error:
        create_app()
    message = str(error.value)
    for name in [
        "FORMSVC_SECRET_KEY",
        "FORMSVC_ENCRYPTION_KEYS",
        "FORMSVC_MAIL_FROM",
        "FORMSVC_OFFICE_EMAIL",
    ]:
        assert name in message


def test_a_wrong_encryption_key_is_a_clear_error(make_app):
    with pytest.raises(ConfigError, match="FORMSVC_ENCRYPTION_KEYS"):
        make_app(ENCRYPTION_KEYS="pas-une-cle")


def test_a_malformed_number_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("FORMSVC_PROXY_COUNT", "un")
    with pytest.raises(ConfigError, match="FORMSVC_PROXY_COUNT"):
        create_app({"SECRET_KEY": "x"})


def test_every_setting_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in DEFAULTS if f"`FORMSVC_{name}`" not in documented]
    assert not missing, f"docs/configuration.md ne décrit pas : {missing}"


def test_development_secrets_are_created_once_under_instance(tmp_path, monkeypatch, database_url):
    for name in DEFAULTS:
        monkeypatch.delenv("FORMSVC_" + name, raising=False)
    settings = {"DATABASE_URL": database_url}
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "i"))
    first, second = create_app(settings), create_app(settings)
    key = tmp_path / "i" / "encryption.key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert first.config["ENCRYPTION_KEYS"] == second.config["ENCRYPTION_KEYS"] == key.read_text()
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]


def test_online_backup_is_a_consistent_readable_copy(app, resident, tmp_path):
    import sqlite3

    resident.submit()
    backup = tmp_path / "sauvegarde.sqlite3"
    result = app.test_cli_runner().invoke(args=["db", "backup", str(backup)])
    if app.config["DATABASE_URL"].startswith("postgresql"):
        assert result.exit_code != 0 and "utilisez pg_dump" in result.output
        return
    assert result.exit_code == 0, result.output
    assert backup.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT count(*) FROM demandes").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM outbox").fetchone() == (2,)


def test_hsts_covers_subdomains_as_nginx_does(client):
    secure = client.get("/formulaires/permanence/", base_url="https://www.ville.example")
    nginx = (ROOT / "deploy/nginx/http.conf").read_text(encoding="utf-8")
    [policy] = re.findall(r'https\s+"(max-age=[^"]+)";', nginx)
    assert secure.headers["Strict-Transport-Security"] == policy
    assert "includeSubDomains" in policy
    plain = client.get("/formulaires/permanence/")
    assert "Strict-Transport-Security" not in plain.headers  # HSTS means nothing over http


def send_chunked(client, padding):
    """Post a valid form as gunicorn hands on a chunked body: decoded, without a length, the
    stream ended by the server. ``padding`` bytes of an extra field come after the fields, so
    that a body cut at 64 KB would still hold the whole form."""
    fields = urllib.parse.urlencode(form_data(client.get("/formulaires/permanence/").text))
    body = f"{fields}&remplissage={'x' * padding}".encode()
    return client.post(
        "/formulaires/permanence/",
        input_stream=io.BytesIO(body),
        content_type="application/x-www-form-urlencoded",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": None},
    )


def stored_requests(app):
    with app.app_context():
        return get_db().scalar(select(func.count()).select_from(Demande))


def test_a_chunked_body_over_64_kb_gets_the_french_413_not_a_cut_form(app, client):
    response = send_chunked(client, padding=70 * 1024)
    assert response.status_code == 413
    html = BeautifulSoup(response.get_data(as_text=True), "lxml")
    assert html.select_one("h1").get_text() == "Envoi trop volumineux"
    assert stored_requests(app) == 0


def test_a_chunked_body_under_the_limit_is_read_whole(app, client):
    response = send_chunked(client, padding=8 * 1024)
    assert response.status_code == 303
    assert stored_requests(app) == 1


def split_warnings(caplog, make_app, **settings):
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="formsvc.limites"):
        make_app(ENV="production", **settings)
    return [r.getMessage() for r in caplog.records if "limites de débit" in r.getMessage()]


def test_memory_counters_shared_by_several_processes_are_a_startup_warning(caplog, make_app):
    # 3, not the default 2: the tests import Pelican, whose log filter drops a warning already
    # logged once in the session (any production app of another test logs the one for 2).
    [warning] = split_warnings(caplog, make_app, RATELIMIT_STORAGE_URI="memory://", WORKERS=3)
    assert "3 processus gunicorn" in warning
    assert "FORMSVC_RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0" in warning
    # PostgreSQL is for several instances: each would count on its own too.
    url = "postgresql+psycopg://formsvc@127.0.0.1:9/formsvc"  # never connected to here
    [warning] = split_warnings(caplog, make_app, WORKERS=1, DATABASE_URL=url)
    assert "plusieurs instances" in warning


def test_shared_or_single_process_counters_start_without_warning(caplog, make_app, tmp_path):
    redis = "redis://127.0.0.1:6379/0"  # not connected to at start-up
    assert split_warnings(caplog, make_app, RATELIMIT_STORAGE_URI=redis, WORKERS=4) == []
    sqlite = f"sqlite:///{tmp_path / 'seul.sqlite3'}"
    assert split_warnings(caplog, make_app, WORKERS=1, DATABASE_URL=sqlite) == []


def test_gunicorn_listens_on_loopback_with_formsvc_s_number_of_workers(monkeypatch):
    """deploy/gunicorn.conf.py without FORMSVC_BIND: only nginx, on the same machine, reaches
    gunicorn; and formsvc's start-up warning counts the workers gunicorn really runs."""
    monkeypatch.delenv("FORMSVC_BIND", raising=False)
    monkeypatch.delenv("FORMSVC_WORKERS", raising=False)
    settings = runpy.run_path(str(ROOT / "deploy/gunicorn.conf.py"))
    host, _port = settings["bind"].rsplit(":", 1)
    assert ipaddress.ip_address(host).is_loopback
    assert settings["workers"] == DEFAULTS["WORKERS"]
