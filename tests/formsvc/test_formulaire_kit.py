"""A second resident form gets everything from the kit (formsvc/formulaire.py) for free: its
own CSRF check, POST limits, 429 and 503 pages keeping the text, encrypted storage, the
office's inbox, the acknowledgement mail and the follow-up link."""

import ast
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired

import formsvc
from formsvc import antispam, cycle, formulaire, outbox, parcours
from formsvc.db import get_db
from formsvc.models import Demande, OutboxMail
from formsvc.reference import grouped
from tests.support import free_port
from tests.support.office import Office, add_user
from tests.support.pages import form_tokens, html_of, plain

URL = "/formulaires/essai/"
LABEL = "formulaire d'essai"
TYPED = {
    "nom": "Zéphirine Essai",
    "courriel": "zephirine.essai@example.org",
    "message": "Un message d'essai tout à fait confidentiel",
}


class EssaiForm(FlaskForm):
    nom = StringField("Votre nom", validators=[DataRequired("Entrez votre nom")])
    courriel = StringField(
        "Adresse électronique", validators=[DataRequired("Entrez votre adresse électronique")]
    )
    message = TextAreaField("Votre message", validators=[DataRequired("Écrivez votre message")])
    site_web = StringField("Ne remplissez pas ce champ")
    affiche = HiddenField()


PAGE = """<!doctype html>
<html lang="fr"><head><title>Formulaire d'essai</title></head><body><main>
{% if retry_after %}<p class="attente">Trop d'envois : réessayez {{ retry_after }}.</p>{% endif %}
{% if unavailable %}<p class="indisponible">Votre message n'a pas été enregistré.</p>{% endif %}
<ul class="erreurs">{% for field in form if field.errors %}
<li data-champ="{{ field.name }}">{{ field.errors[0] }}</li>{% endfor %}</ul>
<form method="post" action="{{ url_for('essai.envoyer') }}">
{{ form.csrf_token }}{{ form.affiche }}
{{ form.nom.label }} {{ form.nom }}
{{ form.courriel.label }} {{ form.courriel }}
{{ form.message.label }} {{ form.message }}
<div hidden>{{ form.site_web }}</div>
<button type="submit">Envoyer</button>
</form></main></body></html>"""
SENT = """<!doctype html>
<html lang="fr"><head><title>Message envoyé</title></head><body><main>
<p>Référence : <strong class="reference">{{ reference }}</strong></p></main></body></html>"""


def render_form(form, status=200, retry_after=None, unavailable=False):
    form.affiche.data = antispam.stamp("essai")
    page = render_template_string(PAGE, form=form, retry_after=retry_after, unavailable=unavailable)
    return page, status


def essai_blueprint():
    """The test-only form, declared as a new form of the site would be."""
    bp = formulaire.form_blueprint(
        "essai",
        __name__,
        url_prefix="/formulaires/essai",
        kind="essai",
        form_class=EssaiForm,
        render_form=render_form,
    )

    @bp.get("/")
    def formulaire_essai():
        return render_form(EssaiForm(formdata=None))

    @bp.post("/")
    def envoyer():
        form = EssaiForm()
        if not form.validate():
            return render_form(form, status=422)
        reason = antispam.suspect_reason("essai", form.site_web.data, form.affiche.data)
        demande, _token = cycle.create(
            kind="essai",
            origin="web",
            channel="courriel",
            personal={
                "nom": form.nom.data,
                "courriel": form.courriel.data,
                "message": form.message.data,
            },
            suspect_reason=reason,
        )
        return render_template_string(SENT, reference=grouped(demande.reference))

    return bp


@pytest.fixture
def make_essai_app(make_app, monkeypatch):
    """make_app, with the test form registered before the first request."""
    # Declared as a new form's kind is (formsvc/parcours.py), for these tests only.
    monkeypatch.setitem(parcours.REQUEST_TYPES, "essai", LABEL)

    def make(**overrides):
        app = make_app(**overrides)
        app.register_blueprint(essai_blueprint())
        return app

    return make


@pytest.fixture
def essai_app(make_essai_app):
    return make_essai_app()


def send(client, **fields):
    """Open the form for its tokens, then send it with ``fields`` over the typed text."""
    data = {**form_tokens(client.get(URL).text), **TYPED, **fields}
    return client.post(URL, data=data)


def stored(app):
    with app.app_context():
        return get_db().scalars(select(Demande).order_by(Demande.id)).all()


def text_of(element):
    return " ".join(element.get_text(" ").split()).replace("’", "'")


def test_a_post_without_csrf_token_gets_the_form_back_not_a_bare_400(essai_app):
    client = essai_app.test_client()
    response = client.post(URL, data=TYPED)
    assert response.status_code == 422  # the form's own check, not the app-wide 400
    html = html_of(response)
    assert [li["data-champ"] for li in html.select(".erreurs li")] == ["csrf_token"]
    assert html.select_one("#nom")["value"] == TYPED["nom"]
    assert html.select_one("#message").get_text().strip() == TYPED["message"]
    assert html.select_one("#csrf_token")["value"]  # a fresh token to send it again
    assert stored(essai_app) == []
    # Elsewhere the app-wide check still refuses a POST without its token.
    refused = client.post("/gestion/connexion", data={"email": "a@b.example", "password": "x"})
    assert refused.status_code == 400
    assert html_of(refused).select_one("h1").get_text() == "Action refusée"
    # …and with the token, the same text is sent.
    assert send(client).status_code == 200
    assert len(stored(essai_app)) == 1


def test_the_post_limit_applies_and_the_429_keeps_the_form_and_text(make_essai_app):
    app = make_essai_app(RATELIMIT_POST="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert send(client).status_code == 200
    response = send(client, nom="Troisième essai", message="Texte à ne pas perdre")
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    html = html_of(response)
    assert html.select_one("form")["action"] == URL
    assert "réessayez dans 1 minute" in html.select_one(".attente").get_text()
    assert html.select_one("#nom")["value"] == "Troisième essai"
    assert html.select_one("#message").get_text().strip() == "Texte à ne pas perdre"
    assert len(stored(app)) == 2


def test_a_database_outage_gives_the_form_back_with_the_text(make_essai_app):
    from sqlalchemy.orm import sessionmaker

    from formsvc.db import make_engine

    app = make_essai_app()
    client = app.test_client()
    data = {**form_tokens(client.get(URL).text), **TYPED, "nom": "Patiente"}
    dead = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/absente")
    working, app.extensions["formsvc_db"] = app.extensions["formsvc_db"], sessionmaker(dead)
    try:
        response = client.post(URL, data=data)
    finally:
        app.extensions["formsvc_db"] = working
        dead.dispose()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = html_of(response)
    assert html.select_one(".indisponible")
    assert html.select_one("#nom")["value"] == "Patiente"
    assert html.select_one("#message").get_text().strip() == TYPED["message"]


def test_a_request_is_stored_encrypted_reaches_the_office_and_the_resident(
    essai_app, raw_store, smtp_server
):
    response = send(essai_app.test_client())
    assert response.status_code == 200
    shown = html_of(response).select_one(".reference").get_text()
    [demande] = stored(essai_app)
    assert grouped(demande.reference) == shown
    assert (demande.kind, demande.origin, demande.status) == ("essai", "web", "nouvelle")
    raw = raw_store()
    for secret in TYPED.values():
        assert secret.encode() not in raw, secret

    add_user(essai_app)
    office = Office(essai_app.test_client())
    office.login()
    inbox = html_of(office.client.get("/gestion/demandes/"))
    [row] = inbox.select("table.tableau tbody tr")
    assert row.select_one("th a").get_text() == shown
    assert "par le site" in row.get_text()
    page = office.client.get(f"/gestion/demandes/{demande.reference}")
    assert page.status_code == 200
    html = html_of(page)
    fiche = {
        dt.get_text(): text_of(dt.find_next_sibling("dd")) for dt in html.select("dl.fiche dt")
    }
    assert fiche["Demande"] == f"{LABEL}, reçue par le site"
    assert fiche["Nom"] == TYPED["nom"]
    assert html.select_one(".message-demande").get_text() == TYPED["message"]

    with essai_app.app_context():
        assert outbox.send_due()["sent"] == 2
    received = {m["To"]: m for m in smtp_server.handler.received()}
    acknowledgement = received[TYPED["courriel"]]
    assert acknowledgement["Subject"] == f"Accusé de réception de votre demande {shown}"
    body = plain(acknowledgement)
    assert shown in body
    [link] = [line for line in body.splitlines() if "/suivi/" in line]
    assert link.startswith("https://www.ville.example/suivi/")
    assert "cabinet@ville.example" in received  # the office is told too

    suivi = essai_app.test_client().get(urlsplit(link.strip()).path)
    assert suivi.status_code == 200
    page = html_of(suivi)
    text = text_of(page.select_one("main"))
    assert shown in text and LABEL in text
    assert [s.get_text() for s in page.select("ol.historique strong")] == ["Reçue"]
    for secret in TYPED.values():
        assert secret not in suivi.get_data(as_text=True)


def test_the_mails_name_the_form_the_request_came_from(essai_app, smtp_server):
    """A request sent with another form is not announced as one of the « permanence »."""
    assert send(essai_app.test_client()).status_code == 200
    with essai_app.app_context():
        outbox.send_due()
        kinds = {m.kind for m in get_db().scalars(select(OutboxMail))}
    assert kinds == {"accuse_reception", "notification_cabinet"}
    received = {m["To"]: m for m in smtp_server.handler.received()}
    office = received["cabinet@ville.example"]
    acknowledgement = received[TYPED["courriel"]]
    parts = {
        "objet du courriel au cabinet": office["Subject"],
        "courriel au cabinet": plain(office),
        "accusé de réception": plain(acknowledgement),
    }
    wrong = [name for name, text in parts.items() if "permanence en ligne" in text]
    assert wrong == [], f"« permanence en ligne » annoncé pour un {LABEL} dans : {wrong}"
    assert LABEL in office["Subject"].replace("’", "'")


@pytest.mark.parametrize("module", ["__init__.py", "errors.py"])
def test_the_app_and_its_error_pages_do_not_depend_on_the_permanence_form(module):
    """The kit is what the forms share: the app's core does not import one form's code."""
    source = (Path(formsvc.__file__).parent / module).read_text(encoding="utf-8")
    imported = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: both modules sit at the package's top
                base = f"formsvc.{base}".rstrip(".")
            imported += [base] + [f"{base}.{alias.name}" for alias in node.names]
    assert imported, module  # the parse found the module's imports
    permanence = [
        name
        for name in imported
        if name == "formsvc.permanence" or name.startswith("formsvc.permanence.")
    ]
    assert permanence == []
