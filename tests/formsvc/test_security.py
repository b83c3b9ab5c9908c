"""Security headers on every response, cookie flags, and a clear refusal to start unsafely."""

import pytest

from formsvc import create_app
from formsvc.config import DEFAULTS, ConfigError
from tests.conftest import ROOT
from tests.formsvc.conftest import VALID


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


def test_pages_have_no_inline_script(client):
    html = client.get("/formulaires/permanence/").get_data(as_text=True)
    assert "<script>" not in html and " on" + "click=" not in html


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
