"""The second factor of office accounts: enrolment (command line and first sign-in), the code
after the password, no replay, recovery codes, reset, throttling, the export's fresh code,
and no lockout of an account by a stranger."""

import csv
import io
import re
from urllib.parse import quote, unquote

import pyotp
import segno
from alembic import command
from sqlalchemy import func, select

from formsvc.db import alembic_config, get_db, upgrade
from formsvc.models import Audit, CodeSecours, SessionGestion, Utilisateur
from tests.support.office import CODE_PAGE, PASSWORD, Office, account, add_user, secret_in
from tests.support.pages import html_of

EMAIL = "agent@ville.example"
ACTIVATION = "/gestion/connexion/activation"
INBOX = "/gestion/demandes/"
RECOVERY_LINE = re.compile(r"^  ([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})$", re.M)
ISSUER = "Ville d’Arras"  # content/data/commune.toml: the site's name


def summary(response):
    return html_of(response).select_one(".resume-erreurs").get_text(" ", strip=True)


def audit(app):
    with app.app_context():
        query = select(Audit.action, Audit.user_email, Audit.detail).order_by(Audit.id)
        return get_db().execute(query).all()


def count(app, model):
    with app.app_context():
        return get_db().scalar(select(func.count()).select_from(model))


def create(app, email=EMAIL):
    """add-user as the operator runs it; its whole output."""
    result = app.test_cli_runner().invoke(
        args=["gestion", "add-user", email], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    return result.output


def code_at(secret, clock, steps=0):
    return pyotp.TOTP(secret).at(clock().timestamp() + 30 * steps)


# -- enrolment ----------------------------------------------------------------------------


def test_add_user_prints_the_app_address_a_qr_code_and_ten_recovery_codes(app, raw_store):
    output = create(app)
    secret = secret_in(output)
    uri = re.search(r"otpauth://totp/\S+", output).group(0)
    assert unquote(uri).startswith(f"otpauth://totp/{ISSUER}:{EMAIL}?secret={secret}")
    assert f"issuer={quote(ISSUER)}" in uri
    # The QR code drawn in the terminal is the one of this very address.
    drawing = io.StringIO()
    segno.make(uri, error="m").terminal(out=drawing, compact=True)
    assert drawing.getvalue() in output
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert f"saisie manuelle de la clé : {grouped}" in output
    codes = RECOVERY_LINE.findall(output)
    assert len(set(codes)) == 10

    # The secret is encrypted, the recovery codes hashed: neither is readable in the files,
    # though both are stored (the secret read back with the key).
    assert count(app, CodeSecours) == 10
    assert account(app, EMAIL)[0] == secret
    raw = raw_store()
    assert secret.encode() not in raw
    assert [c for c in codes if c.encode() in raw or c.replace("-", "").encode() in raw] == []
    assert audit(app) == [("double_facteur_active", EMAIL, "à la création du compte")]

    listing = app.test_cli_runner().invoke(args=["gestion", "list-users"]).output
    assert listing.rstrip().endswith("double authentification : active")


def test_an_account_without_a_second_factor_enrols_at_its_first_sign_in(
    app, clock, signed_out_office
):
    # An account made, and signed in, before migration 0006: downgrade with it, then up.
    assert signed_out_office.login().status_code == 303
    assert signed_out_office.client.get(INBOX).status_code == 200
    command.downgrade(alembic_config(app), "0005")
    with app.app_context():
        upgrade(app)
    assert count(app, Utilisateur) == 1 and count(app, CodeSecours) == 0
    assert signed_out_office.client.get(INBOX).status_code == 302  # its open session ended with it

    sessions = count(app, SessionGestion)
    response = signed_out_office.give_password()
    assert (response.status_code, response.headers["Location"]) == (303, ACTIVATION)
    assert count(app, SessionGestion) == sessions
    assert signed_out_office.client.get(INBOX).status_code == 302  # nothing opened yet

    html = html_of(signed_out_office.client.get(ACTIVATION))
    assert html.h1.get_text() == "Activer la double authentification"
    qr = html.select_one("img.code-qr")
    assert qr["src"].startswith("data:image/svg+xml")  # drawn here: no third-party service
    assert "la même clé est écrite en dessous" in qr["alt"]
    fiche = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in html.select("dt")}
    assert fiche["Compte"] == EMAIL and fiche["Émetteur"] == ISSUER
    secret = fiche["Clé"].replace(" ", "")
    uri = pyotp.TOTP(secret).provisioning_uri(name=EMAIL, issuer_name=ISSUER)
    assert qr["src"] == segno.make(uri, error="m").svg_data_uri(
        scale=4, border=4, dark="#000", light="#fff"
    )

    wrong = signed_out_office.give_code("000000", page=ACTIVATION)
    assert wrong.status_code == 200
    assert "Code incorrect" in summary(wrong)
    assert signed_out_office.client.get(INBOX).status_code == 302

    done = signed_out_office.give_code(code_at(secret, clock), page=ACTIVATION)
    assert done.status_code == 200
    page = html_of(done)
    assert page.h1.get_text() == "Vos codes de secours"
    codes = [li.get_text() for li in page.select("ol.codes-secours li")]
    assert len(set(codes)) == 10
    assert page.select_one("main a[href='/gestion/demandes/']")
    assert signed_out_office.client.get(INBOX).status_code == 200  # signed in
    assert [a for a in audit(app) if a[0] == "double_facteur_active"][-1] == (
        "double_facteur_active",
        EMAIL,
        "à la première connexion",
    )

    # From now on the password leads to the code, and a recovery code of the page works.
    signed_out_office.logout()
    assert signed_out_office.give_password().headers["Location"] == CODE_PAGE
    assert signed_out_office.give_code(codes[0].upper()).headers["Location"] == INBOX


def test_each_password_before_enrolment_shows_a_new_secret(app, signed_out_office):
    assert app.test_cli_runner().invoke(args=["gestion", "reset-2fa", EMAIL]).exit_code == 0
    assert signed_out_office.give_password().headers["Location"] == ACTIVATION
    first = html_of(signed_out_office.client.get(ACTIVATION)).select_one("code").get_text()
    # Given up, then started again (or someone else had the password).
    assert signed_out_office.give_password().headers["Location"] == ACTIVATION
    second = html_of(signed_out_office.client.get(ACTIVATION)).select_one("code").get_text()
    assert first != second


# -- signing in ---------------------------------------------------------------------------


def test_the_password_alone_opens_nothing(app, signed_out_office):
    response = signed_out_office.give_password()
    assert (response.status_code, response.headers["Location"]) == (303, CODE_PAGE)
    assert count(app, SessionGestion) == 0
    for url in (INBOX, "/gestion/journal", "/gestion/export"):
        assert signed_out_office.client.get(url).status_code == 302, url
    html = html_of(signed_out_office.client.get(CODE_PAGE))
    assert html.h1.get_text() == "Entrez le code de votre application"
    assert html.select_one("#code")["autocomplete"] == "one-time-code"

    response = signed_out_office.give_code(signed_out_office.code())
    assert (response.status_code, response.headers["Location"]) == (303, INBOX)
    assert count(app, SessionGestion) == 1
    assert signed_out_office.client.get(INBOX).status_code == 200
    assert [a[0] for a in audit(app)][-1] == "connexion"


def test_the_code_page_needs_the_password_first(client):
    assert client.get(CODE_PAGE).headers["Location"] == "/gestion/connexion"
    assert client.get(ACTIVATION).headers["Location"] == "/gestion/connexion"


def test_a_wrong_code_is_refused_and_logged(app, signed_out_office):
    signed_out_office.give_password()
    for typed in ("123456", "12345", "pas-un-code-du-tout"):
        response = signed_out_office.give_code(typed)
        assert response.status_code == 200
        assert "Code incorrect" in summary(response)
        assert html_of(response).select_one("#code")["aria-invalid"] == "true"
    empty = signed_out_office.give_code("")
    assert "Entrez le code à 6 chiffres" in summary(empty)
    assert signed_out_office.client.get(INBOX).status_code == 302
    assert [a[0] for a in audit(app)].count("echec_code") == 3
    assert not [a for a in audit(app) if a[2] and "123456" in a[2]]


def test_a_code_is_accepted_once_not_in_a_second_session(app, clock, signed_out_office):
    code = signed_out_office.code()
    signed_out_office.give_password()
    assert signed_out_office.give_code(code).headers["Location"] == INBOX

    other = Office(app.test_client())  # another browser, the same 30 seconds
    other.give_password()
    replayed = other.give_code(code)
    assert replayed.status_code == 200
    assert "Ce code a déjà servi" in summary(replayed)
    assert other.client.get(INBOX).status_code == 302

    signed_out_office.logout()  # and not again in the first browser either
    signed_out_office.give_password()
    assert "Ce code a déjà servi" in summary(signed_out_office.give_code(code))

    secret, _ = account(app, EMAIL)
    clock.advance(seconds=30)  # the app shows a new code
    assert other.give_code(code_at(secret, clock)).headers["Location"] == INBOX
    before = code_at(secret, clock, steps=-1)  # the previous step's code, never used
    signed_out_office.give_password()
    assert "Ce code a déjà servi" in summary(signed_out_office.give_code(before))


def test_a_recovery_code_opens_one_sign_in(app):
    codes = RECOVERY_LINE.findall(create(app))
    office = Office(app.test_client())
    office.give_password()
    response = office.give_code(f" {codes[3].upper().replace('-', ' ')} ")  # as copied by hand
    assert response.headers["Location"] == INBOX
    inbox = html_of(office.client.get(INBOX))
    assert "il vous en reste 9" in inbox.select_one(".bandeau-info").get_text()
    assert ("code_secours", EMAIL, None) in audit(app)

    again = Office(app.test_client())
    again.give_password()
    assert "Code incorrect" in summary(again.give_code(codes[3]))
    assert again.give_code(codes[4]).headers["Location"] == INBOX


def test_the_sign_in_waits_15_minutes_for_the_code(app, clock, signed_out_office):
    signed_out_office.give_password()
    clock.advance(minutes=16)
    response = signed_out_office.client.get(CODE_PAGE, follow_redirects=True)
    assert html_of(response).h1.get_text() == "Connexion à l’espace de gestion"
    assert "Plus de 15 minutes" in html_of(response).select_one(".bandeau-info").get_text()


def test_a_disabled_account_stops_between_password_and_code(app, signed_out_office):
    assert signed_out_office.give_password().headers["Location"] == CODE_PAGE
    disabled = app.test_cli_runner().invoke(args=["gestion", "disable-user", EMAIL])
    assert disabled.exit_code == 0, disabled.output
    token = signed_out_office.token("/gestion/connexion")
    response = signed_out_office.client.post(
        CODE_PAGE, data={"csrf_token": token, "code": signed_out_office.code()}
    )
    assert response.headers["Location"] == "/gestion/connexion"
    assert signed_out_office.client.get(INBOX).status_code == 302


# -- reset --------------------------------------------------------------------------------


def test_reset_closes_the_sessions_and_leads_to_a_new_enrolment(app, signed_out_office):
    codes_before = count(app, CodeSecours)
    assert signed_out_office.login().status_code == 303
    assert signed_out_office.client.get(INBOX).status_code == 200
    old_secret, _ = account(app, EMAIL)
    result = app.test_cli_runner().invoke(args=["gestion", "reset-2fa", EMAIL])
    assert result.exit_code == 0, result.output
    assert "Double authentification réinitialisée : agent@ville.example" in result.output
    assert signed_out_office.client.get(INBOX).status_code == 302  # its session is closed
    assert (codes_before, count(app, CodeSecours)) == (10, 0)
    assert audit(app)[-1] == ("double_facteur_reinit", EMAIL, "par l'exploitant")
    listing = app.test_cli_runner().invoke(args=["gestion", "list-users"]).output
    assert listing.rstrip().endswith("double authentification : à activer")

    assert signed_out_office.give_password().headers["Location"] == ACTIVATION
    new_secret = html_of(signed_out_office.client.get(ACTIVATION)).select_one("code").get_text()
    assert new_secret.replace(" ", "") != old_secret
    missing = app.test_cli_runner().invoke(args=["gestion", "reset-2fa", "x@ville.example"])
    assert missing.exit_code != 0 and "aucun compte" in missing.output


def test_no_secret_nor_code_is_written_in_the_audit_log(app, clock):
    output = create(app)
    secret, codes = secret_in(output), RECOVERY_LINE.findall(output)
    office = Office(app.test_client())
    office.give_password()
    office.give_code("999999")
    office.give_code(codes[0])
    app.test_cli_runner().invoke(args=["gestion", "reset-2fa", EMAIL])
    written = " ".join(str(value) for row in audit(app) for value in row)
    assert {"double_facteur_active", "echec_code", "code_secours", "double_facteur_reinit"} <= {
        row[0] for row in audit(app)
    }
    assert secret not in written and "999999" not in written
    assert not [c for c in codes if c in written or c.replace("-", "") in written]


# -- throttling ---------------------------------------------------------------------------


def test_wrong_codes_are_throttled_like_passwords(app, signed_out_office):
    signed_out_office.give_password()
    for _ in range(5):
        assert signed_out_office.give_code("000000").status_code == 200
    response = signed_out_office.give_code(
        signed_out_office.code()
    )  # even the right code: not for a minute
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Trop de tentatives de connexion. Réessayez dans 1 minute." in summary(response)
    assert signed_out_office.client.get(INBOX).status_code == 302


def test_wrong_codes_from_many_addresses_slow_the_account_down(make_app):
    """Only someone who has the password types codes: those count per account too."""
    app = make_app(LOGIN_LIMIT_ACCOUNT="100 per minute", LOGIN_LIMIT_IP="100 per minute")
    add_user(app)
    for n in range(10):
        guesser = Office(app.test_client(), ip=f"198.51.100.{n + 1}")
        guesser.give_password()
        assert guesser.give_code(f"{n:06d}").status_code == 200
    owner = Office(app.test_client(), ip="203.0.113.10")
    owner.give_password()
    response = owner.give_code(owner.code())
    assert response.status_code == 429
    assert "Réessayez dans 1 heure." in summary(response)


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out(make_app):
    """Finding 3: one address hammering a known account stops itself, not the owner."""
    app = make_app(PROXY_COUNT=1)  # nginx in front: the client is X-Forwarded-For's
    add_user(app)
    stranger = Office(app.test_client())
    stranger.client.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.66"
    statuses = [stranger.login(password=f"essai {n}").status_code for n in range(8)]
    assert statuses == [200] * 5 + [429] * 3  # the stranger's address is slowed down
    assert stranger.login().status_code == 429  # even with the right password, from there

    owner = Office(app.test_client())
    owner.client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.10"
    response = owner.login()
    assert (response.status_code, response.headers["Location"]) == (303, INBOX)
    assert owner.client.get(INBOX).status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit_without_a_proxy(make_app):
    app = make_app(LOGIN_LIMIT_IP="3 per minute")  # PROXY_COUNT 0: the header is ignored
    add_user(app)
    stranger = Office(app.test_client())
    for n in range(3):
        stranger.client.environ_base["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{n}"
        refused = stranger.login(email=f"essai{n}@ville.example", password="x")
        assert refused.status_code == 200
        assert "mot de passe incorrect" in summary(refused)
    stranger.client.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.99"
    response = stranger.login(password="x")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in summary(response)


# -- export -------------------------------------------------------------------------------


def export(office, **data):
    return office.post("/gestion/export", "/gestion/export", **data)


def test_exporting_the_messages_asks_for_a_fresh_code(app, clock, signed_out_office, resident):
    resident.submit(message="Le lampadaire du 12 ne marche plus.")
    used = signed_out_office.code()
    signed_out_office.give_password()
    signed_out_office.give_code(used)

    assert export(signed_out_office).status_code == 200  # no personal data: no code
    missing = export(signed_out_office, avec_message="y")
    assert missing.status_code == 400
    assert "Entrez le code à 6 chiffres de votre application" in summary(missing)
    assert html_of(missing).select_one("#avec_message").has_attr("checked")
    replayed = export(signed_out_office, avec_message="y", code=used)  # the sign-in's code
    assert replayed.status_code == 400 and "Ce code a déjà servi" in summary(replayed)
    wrong = export(signed_out_office, avec_message="y", code="000000")
    assert wrong.status_code == 400 and "Code incorrect" in summary(wrong)

    clock.advance(seconds=30)
    response = export(signed_out_office, avec_message="y", code=signed_out_office.code())
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True)), delimiter=";"))
    assert rows[1][-1] == "Le lampadaire du 12 ne marche plus."
    actions = [(a[0], a[2]) for a in audit(app)]
    assert actions[-1] == ("export", "avec les messages")
    assert actions.count(("echec_code", None)) == 2


def test_export_codes_are_throttled(app, signed_out_office):
    assert signed_out_office.login().status_code == 303
    for _ in range(5):
        wrong = export(signed_out_office, avec_message="y", code="000000")
        assert wrong.status_code == 400 and "Code incorrect" in summary(wrong)
    response = export(signed_out_office, avec_message="y", code=signed_out_office.code())
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in summary(response)
