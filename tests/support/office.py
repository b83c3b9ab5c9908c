"""An agent of the mayor's office: the account made as the operator makes it, its codes, its
browser signed in."""

import re
import urllib.parse

import pyotp
from sqlalchemy import select

from formsvc.db import get_db
from formsvc.models import Utilisateur
from tests.support.pages import csrf_token

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
