"""Helpers for back-office tests: an office account, signing in, CSRF tokens from pages."""

import re

TOKEN = re.compile(r'csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
PASSWORD = "un mot de passe assez long"


def csrf_token(client, url):
    """The CSRF token of the page at ``url``, as a browser would send it back."""
    html = client.get(url).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"pas de jeton CSRF sur {url}"
    return match.group(1) or match.group(2)


def add_user(app, email="agent@ville.example", password=PASSWORD):
    result = app.test_cli_runner().invoke(
        args=["gestion", "add-user", email], input=f"{password}\n{password}\n"
    )
    assert result.exit_code == 0, result.output
    return email


class Office:
    """An office user's browser (like flaskr's AuthActions)."""

    def __init__(self, client, email="agent@ville.example", password=PASSWORD):
        self.client, self.email, self.password = client, email, password

    def login(self, email=None, password=None, follow=False, suite=None):
        url = "/gestion/connexion" + (f"?suite={suite}" if suite else "")
        token = csrf_token(self.client, "/gestion/connexion")
        return self.client.post(
            url,
            data={
                "csrf_token": token,
                "email": email or self.email,
                "password": self.password if password is None else password,
            },
            follow_redirects=follow,
        )

    def post(self, url, page, **data):
        """POST ``data`` with the CSRF token taken from ``page``, as a form on it would."""
        token = csrf_token(self.client, page)
        return self.client.post(url, data={"csrf_token": token, **data})

    def logout(self):
        return self.post("/gestion/deconnexion", "/gestion/demandes/")
