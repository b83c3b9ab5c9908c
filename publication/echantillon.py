"""The pages of the RGAA sample as a visitor gets them: for `invoke publish` and the tests.

Static pages are read from the built site. formsvc's are asked of a throwaway formsvc (its
own SQLite file in a temporary folder, its own keys: nothing reaches the real service) in the
state the grid names: the form sent incomplete, the confirmation after sending. A page seen
by a signed-in agent needs an agent's client (``agent``), which the tests give; without it
the page is left to them and listed as such. A static page the site no longer has (an act
withdrawn, an article renamed) is listed too: the grid is to update, not the publication to
stop.
"""

import re
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

from commune import FORMSVC_PREFIXES

INCOMPLETE, SENT, AGENT = "envoyé incomplet", "après l'envoi", "agent connecté"
# A request anyone could write: it only lives in the throwaway database.
EXAMPLE = {
    "nom": "Camille Exemple",
    "canal": "courriel",
    "courriel": "camille@example.org",
    "objet": "Vérification de la page",
    "message": "Message d'exemple écrit pour vérifier l'accessibilité de la page.",
}
HIDDEN = re.compile(r'<input[^>]*? name="(csrf_token|affiche)"[^>]*? value="([^"]*)"')


class Unrendered(Exception):
    """A formsvc page of the sample did not come as the grid describes it."""


def throwaway_formsvc(folder, content_data):
    """A formsvc on its own SQLite file in ``folder``, reading ``content_data``."""
    from formsvc import create_app  # formsvc is needed for its pages only
    from formsvc.db import upgrade

    app = create_app(
        {
            "ENV": "development",
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'echantillon.sqlite3'}",
            "SECRET_KEY": Fernet.generate_key().decode(),
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "RATELIMIT_STORAGE_URI": "memory://",
            "MIN_FILL_SECONDS": 0,
            "CONTENT_DATA": str(content_data),
        }
    )
    with app.app_context():
        upgrade(app)
    return app


def _answer(response, expected, page):
    if response.status_code != expected:
        raise Unrendered(f"{page.adresse} ({page.etat or 'affichée'}) : {response.status_code}")
    return response.get_data(as_text=True)


def _formsvc_page(app, page, agent):
    client = app.test_client()
    if page.etat in (INCOMPLETE, SENT):
        form = client.get(page.adresse).get_data(as_text=True)
        data = {**EXAMPLE, **dict(HIDDEN.findall(form))}
        if page.etat == INCOMPLETE:
            data.update(nom="", message="")
        answer = client.post(page.adresse, data=data, follow_redirects=True)
        return _answer(answer, 422 if page.etat == INCOMPLETE else 200, page)
    if page.etat == AGENT:
        return _answer(agent(page.adresse), 200, page)
    return _answer(client.get(page.adresse), 200, page)


def pages(grid, site, content_data, agent=None):
    """({page id: HTML}, [pages left to the tests], [static pages the site no longer has])
    for the sample of ``grid``.

    ``agent(url)``: the response a signed-in agent gets, for the pages in state AGENT.
    """
    found, left, missing = {}, [], []
    with tempfile.TemporaryDirectory(prefix="rgaa-") as folder:
        app = None
        for page in grid.pages:
            if not page.adresse.startswith(FORMSVC_PREFIXES):
                target = Path(site) / page.adresse.lstrip("/")
                target = target / "index.html" if page.adresse.endswith("/") else target
                if target.is_file():
                    found[page.id] = target.read_text(encoding="utf-8")
                else:
                    missing.append(page)
                continue
            if page.etat == AGENT and agent is None:
                left.append(page)
                continue
            app = app or throwaway_formsvc(folder, content_data)
            found[page.id] = _formsvc_page(app, page, agent)
        if app is not None:
            from formsvc.db import engine_for

            engine_for(app).dispose()  # before the folder and its database go
    return found, left, missing
