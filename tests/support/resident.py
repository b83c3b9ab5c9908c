"""A resident writing to the mayor, over Flask's test client or real HTTP."""

import re

from tests.support.pages import form_tokens, hidden_fields

FORM = "/formulaires/permanence/"
VALID = {
    "nom": "Jeanne Dupont",
    "canal": "courriel",
    "courriel": "jeanne.dupont@example.org",
    "telephone": "",
    "objet": "Éclairage rue des Trois-Visages",
    "message": "Bonjour Monsieur le Maire,\r\nle lampadaire devant le 12 ne marche plus.",
}
REFERENCE = re.compile(r'class="reference">([2-9A-Z]{4}-[2-9A-Z]{4})<')
# A request the office records by hand after a phone call (/gestion/demandes/nouvelle).
PHONE_CALL = {
    "origine": "telephone",
    "recue_le": "2013-01-10",
    "nom": "Marcel Quenouille",
    "canal": "telephone",
    "courriel": "",
    "telephone": "03 21 55 44 33",
    "adresse": "",
    "objet": "Trottoir défoncé",
    "message": "Le trottoir de la rue Saint-Aubert est défoncé depuis les travaux.",
}


def form_data(html, **fields):
    """What a browser posts from the mayor's form page ``html``: valid answers, the page's
    hidden fields, then ``fields`` (a field given as None is left out)."""
    data = {**VALID, **form_tokens(html), **fields}
    return {name: value for name, value in data.items() if value is not None}


def reference_shown(response):
    """The reference (ABCD-EFGH) the confirmation page shows, or None."""
    found = REFERENCE.search(response.text)
    return found.group(1) if found else None


class Resident:
    """A resident writing to the mayor as with a browser: open the form for its hidden fields,
    then post valid answers with ``fields`` over them.

    ``client`` is Flask's test client (formsvc's tests) or an ``HttpClient`` (the production
    stack): both answer ``get`` and ``post`` with ``status_code``, ``headers`` and ``text``.
    """

    def __init__(self, client):
        self.client = client

    def submit(self, follow=False, **fields):
        """Open the form, fill it in, send it: the answer to the POST, or to the GET when the
        page came without a form (a 503 during an outage, nginx's 429, no answer at all)."""
        opened = self.client.get(FORM)
        if "csrf_token" not in hidden_fields(opened.text):
            return opened
        return self.send(form_data(opened.text, **fields), follow)

    def send(self, data, follow=False):
        """POST ``data`` (a dict, or an encoded body) to the form."""
        return self.client.post(FORM, data=data, follow_redirects=follow)
