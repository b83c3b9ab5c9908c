"""formsvc's pages of the RGAA sample, as a visitor or an agent gets them in the state the
grid names (content/data/accessibilite.toml, ``etat``): for `invoke publish` and the tests.

The pages come from a throwaway formsvc (its own SQLite file in a temporary folder, its own
keys: nothing reaches the real service), made at the first page asked and deleted at the end.
Filling the form (its field names, its hidden inputs) and migrating the database are
formsvc's business: the publication only receives ``render`` (publication/echantillon.py).
"""

import contextlib
import re
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

from formsvc import create_app
from formsvc.db import engine_for, upgrade

# The states of a formsvc page the grid may name, in the grid's words. No state: the page as
# it first shows.
INCOMPLETE = "envoyé incomplet"  # the form sent with required fields empty
SENT = "après l'envoi"  # the confirmation after a valid request
AGENT = "agent connecté"  # a back-office page, seen by a signed-in agent
STATES = ("", INCOMPLETE, SENT, AGENT)

# A request anyone could write: it only lives in the throwaway database.
EXAMPLE = {
    "nom": "Camille Exemple",
    "canal": "courriel",
    "courriel": "camille@example.org",
    "objet": "Vérification de la page",
    "message": "Message d'exemple écrit pour vérifier l'accessibilité de la page.",
}
HIDDEN = re.compile(r'<input[^>]*? name="(csrf_token|affiche)"[^>]*? value="([^"]*)"')


class Unrendered(ValueError):
    """A formsvc page of the sample did not come as the grid describes it."""


def throwaway_formsvc(folder, content_data):
    """A formsvc on its own SQLite file in ``folder``, reading ``content_data``, migrated."""
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


def _answer(response, expected, adresse, etat):
    if response.status_code != expected:
        raise Unrendered(f"{adresse} ({etat or 'affichée'}) : réponse {response.status_code}")
    return response.get_data(as_text=True)


def _page(app, adresse, etat, agent):
    client = app.test_client()
    if etat in (INCOMPLETE, SENT):
        form = client.get(adresse).get_data(as_text=True)
        data = {**EXAMPLE, **dict(HIDDEN.findall(form))}
        if etat == INCOMPLETE:
            data.update(nom="", message="")
        answer = client.post(adresse, data=data, follow_redirects=True)
        return _answer(answer, 422 if etat == INCOMPLETE else 200, adresse, etat)
    if etat == AGENT:
        return _answer(agent(adresse), 200, adresse, etat)
    return _answer(client.get(adresse), 200, adresse, etat)


@contextlib.contextmanager
def rendering(content_data, agent=None):
    """Yield ``render(adresse, etat)``: the HTML of formsvc's page at ``adresse`` in the
    state ``etat`` (one of STATES), or None for a page in state AGENT without ``agent``: such
    a page is left to the tests. An unknown state, or a page that does not answer as its
    state says, raises Unrendered naming the page.

    ``agent(adresse)``: the response a signed-in agent gets there (the tests give it).
    """
    with tempfile.TemporaryDirectory(prefix="rgaa-") as folder:
        made = []

        def render(adresse, etat=""):
            if etat not in STATES:
                known = ", ".join(f"« {state} »" for state in STATES if state)
                raise Unrendered(
                    f"{adresse} : état « {etat} » inconnu de formsvc (états connus : {known})"
                )
            if etat == AGENT and agent is None:
                return None
            if not made:
                made.append(throwaway_formsvc(folder, content_data))
            return _page(made[0], adresse, etat, agent)

        try:
            yield render
        finally:
            for app in made:
                engine_for(app).dispose()  # before the folder and its database go
