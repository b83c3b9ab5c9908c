"""Access to the back-office: sign-in, throttling, idle timeout, sign-out, and no way around."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from formsvc.db import get_db
from formsvc.models import Audit
from tests.support.office import Office, add_user
from tests.support.pages import html_of


def audit_actions(app):
    with app.app_context():
        return [a.action for a in get_db().scalars(select(Audit).order_by(Audit.id))]


INBOX = "/gestion/demandes/"
SIGN_IN_PAGE = "Connexion à l’espace de gestion"
REFUSED = "Adresse électronique ou mot de passe incorrect."


def sees_the_inbox(office):
    """Whether the agent's browser opens the inbox (rather than being sent to sign in)."""
    response = office.client.get(INBOX)
    if response.status_code == 200:
        return True
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"].startswith("/gestion/connexion")
    return False


def disable(app, email):
    result = app.test_cli_runner().invoke(args=["gestion", "disable-user", email])
    assert result.exit_code == 0 and f"Compte désactivé : {email}" in result.output, result.output


def test_sign_in_rotates_the_session_and_is_logged(app, signed_out_office):
    signed_out_office.client.get("/gestion/connexion")
    before = signed_out_office.client.get_cookie("formsvc_session").value
    response = signed_out_office.login()
    assert response.status_code == 303 and response.headers["Location"] == "/gestion/demandes/"
    assert signed_out_office.client.get_cookie("formsvc_session").value != before
    assert sees_the_inbox(signed_out_office)
    # add-user enrolled the second factor; the sign-in itself is one entry.
    assert audit_actions(app) == ["double_facteur_active", "connexion"]


@pytest.mark.parametrize(
    ("email", "password"),
    [("agent@ville.example", "mauvais mot de passe"), ("inconnu@ville.example", "peu importe")],
)
def test_unknown_account_and_wrong_password_get_the_same_answer(
    app, signed_out_office, email, password
):
    response = signed_out_office.login(email=email, password=password)
    assert response.status_code == 200
    html = html_of(response)
    assert html.title.get_text().startswith("Erreur\u00a0: ")
    assert html.select_one(".resume-erreurs a").get_text() == REFUSED
    assert html.select_one("#password").get("value") in (None, "")
    assert not sees_the_inbox(signed_out_office)
    assert audit_actions(app)[1:] == ["echec_connexion"]


def test_a_disabled_account_cannot_sign_in(app, signed_out_office):
    disable(app, signed_out_office.email)
    response = signed_out_office.login()  # the right password: the same answer as a wrong one
    assert html_of(response, 200).select_one(".resume-erreurs a").get_text() == REFUSED
    assert not sees_the_inbox(signed_out_office)


def test_disabling_an_account_ends_its_open_sessions(app, signed_out_office):
    assert signed_out_office.login().status_code == 303
    assert sees_the_inbox(signed_out_office)
    disable(app, signed_out_office.email)
    assert not sees_the_inbox(signed_out_office)


def test_sixth_wrong_password_in_a_minute_is_refused_with_a_retry_time(app, signed_out_office):
    for _ in range(5):
        assert signed_out_office.login(password="faux").status_code == 200
    response = signed_out_office.login()  # even the right password: the account is locked for now
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    message = html_of(response).select_one(".resume-erreurs").get_text()
    assert "Trop de tentatives de connexion. Réessayez dans 1 minute." in message
    assert not sees_the_inbox(signed_out_office)


def test_failed_sign_ins_are_also_limited_per_client_ip(make_app):
    app = make_app(LOGIN_LIMIT_IP="3 per minute")
    add_user(app)
    office = Office(app.test_client())
    for n in range(3):  # three accounts: no account's own limit is reached
        refused = office.login(email=f"essai{n}@ville.example", password="faux")
        assert html_of(refused, 200).select_one(".resume-erreurs a").get_text() == REFUSED
    response = office.login()  # the right account and password, from the same address
    assert response.status_code == 429
    assert (
        "Trop de tentatives de connexion"
        in html_of(response).select_one(".resume-erreurs").get_text()
    )
    assert not sees_the_inbox(office)


def test_idle_session_ends_after_30_minutes(app, clock, signed_out_office):
    assert signed_out_office.login().status_code == 303
    clock.advance(minutes=29)
    assert sees_the_inbox(signed_out_office)
    clock.advance(minutes=31)
    response = signed_out_office.client.get("/gestion/demandes/", follow_redirects=True)
    assert html_of(response).select_one("h1").get_text() == SIGN_IN_PAGE
    assert "30 minutes sans activité" in html_of(response).select_one(".bandeau-info").get_text()


def test_sign_out_ends_the_session_for_good(app, signed_out_office):
    assert signed_out_office.login().status_code == 303
    assert sees_the_inbox(signed_out_office)
    stolen = signed_out_office.client.get_cookie("formsvc_session").value
    assert signed_out_office.logout().status_code == 303
    assert not sees_the_inbox(signed_out_office)
    # The old cookie no longer opens anything.
    signed_out_office.client.set_cookie("formsvc_session", stolen)
    assert not sees_the_inbox(signed_out_office)
    assert audit_actions(app)[-1] == "deconnexion"


def test_forged_post_without_csrf_is_refused(app, signed_out_office):
    assert signed_out_office.login().status_code == 303
    response = signed_out_office.client.post("/gestion/deconnexion")
    assert response.status_code == 400
    assert html_of(response).select_one("h1").get_text() == "Action refusée"
    assert sees_the_inbox(signed_out_office)  # still signed in


def test_sign_in_never_redirects_to_another_site(signed_out_office):
    response = signed_out_office.login(suite="https://attaquant.example/")
    assert (response.status_code, response.headers["Location"]) == (303, INBOX)


# Asked by the page's script, not by a person: without a session, a 401 in JSON.
SCRIPT_URLS = {"/gestion/session", "/gestion/session/prolonger"}


def test_every_back_office_url_requires_a_signed_in_user(app, client, resident):
    """Walk the whole URL map: anonymous requests get the sign-in page (or the script's
    URLs a 401 saying so), never data."""
    resident.submit()
    with app.app_context():
        reference = get_db().execute(text("SELECT reference FROM demandes")).scalar()
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/gestion") or rule.endpoint == "gestion.connexion":
            continue
        url = rule.rule.replace("<reference>", reference)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            checked += 1
            refused = {302, 400, 401} if url in SCRIPT_URLS else {302, 400}
            assert response.status_code in refused, (method, url, response.status_code)
            if response.status_code == 302:
                assert response.headers["Location"].startswith("/gestion/connexion")
            if response.status_code == 401:
                assert response.json == {"connecte": False, "restant": 0}
            assert reference not in response.get_data(as_text=True).replace(
                f"suite=/gestion/demandes/{reference}", ""
            )
    assert checked >= 10


def test_the_audit_log_cannot_be_changed(app, signed_out_office):
    assert signed_out_office.login().status_code == 303
    logged = audit_actions(app)
    assert logged == ["double_facteur_active", "connexion"]
    with app.app_context():
        db = get_db()
        with pytest.raises(DatabaseError):
            db.execute(text("UPDATE audit SET user_email = 'quelqu-un'"))
        db.rollback()
        with pytest.raises(DatabaseError):
            db.execute(text("DELETE FROM audit"))
        db.rollback()
    assert audit_actions(app) == logged


def test_a_line_break_in_the_return_address_falls_back_to_the_inbox(signed_out_office):
    """Finding 4: a CR/LF in ``suite`` made Werkzeug's redirect raise (a 500)."""
    suite = "%2Fgestion%2F%0D%0AX%3A%20y"
    assert signed_out_office.client.get(f"/gestion/connexion?suite={suite}").status_code == 200
    response = signed_out_office.login(suite=suite)
    assert response.status_code == 303
    assert response.headers["Location"] == "/gestion/demandes/"
    assert "X" not in response.headers
    assert sees_the_inbox(signed_out_office)


def test_sign_in_goes_back_to_the_page_asked_for(app, resident, signed_out_office):
    resident.submit()
    with app.app_context():
        reference = get_db().execute(text("SELECT reference FROM demandes")).scalar()
    asked = signed_out_office.client.get(f"/gestion/demandes/{reference}").headers["Location"]
    response = signed_out_office.login(suite=asked.split("suite=", 1)[1])
    assert (response.status_code, response.headers["Location"]) == (
        303,
        f"/gestion/demandes/{reference}",
    )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("agent\x00@ville.example", "agent\\x00@ville.example"),
        ("x\r\ny@ville.example\x1b[31m", "x\\r\\ny@ville.example\\x1b[31m"),
        ("\u202eelpmaxe.elliv@tnega", "\\u202eelpmaxe.elliv@tnega"),
    ],
)
def test_failed_sign_in_identifiers_are_logged_without_control_characters(
    app, signed_out_office, typed, kept
):
    """Finding 5: what was typed went raw, NUL bytes included, into the append-only log."""
    response = signed_out_office.login(email=typed, password="faux")
    assert html_of(response, 200).select_one(".resume-erreurs a").get_text() == REFUSED
    with app.app_context():
        [logged] = get_db().scalars(
            select(Audit.user_email).where(Audit.action == "echec_connexion")
        )
    assert logged == kept
    assert signed_out_office.login().status_code == 303
    journal = (
        html_of(signed_out_office.client.get("/gestion/journal")).select_one("tbody").get_text()
    )
    assert kept in journal


def test_a_very_long_identifier_is_logged_cut_to_the_column(app, signed_out_office):
    response = signed_out_office.login(email="a" * 10_000 + "@ville.example", password="faux")
    assert response.status_code == 200
    with app.app_context():
        [logged] = get_db().scalars(
            select(Audit.user_email).where(Audit.action == "echec_connexion")
        )
    assert logged == "a" * 254
