"""The resident's journey over HTTP: form, errors, confirmation, storage, protections."""

import re

import pytest

from formsvc import donnees_personnelles
from formsvc.models import Demande, OutboxMail
from tests.support import free_port
from tests.support.clock import DURING_CRENEAU
from tests.support.pages import form_tokens, html_of
from tests.support.resident import FORM, VALID, Resident, form_data
from tests.support.service import rows


def text_of(element):
    """The text a screen reader would read, with whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def test_form_page_uses_the_site_layout(client):
    html = html_of(client.get(FORM))
    assert html.title.get_text() == "Écrire au maire – Ville d’Arras"
    assert html.select_one(".marque-nom").get_text() == "Ville d’Arras"  # the site's header
    # The same fingerprinted stylesheet as the static pages (plugins/fingerprint.py).
    assert re.fullmatch(
        r"/theme/css/site\.[0-9a-f]{10}\.css", html.select_one("link[rel=stylesheet]")["href"]
    )
    assert html.select_one("footer address")  # the town hall's contacts, from commune.toml
    form = html.select_one("main form")
    assert form.has_attr("novalidate")
    assert html.select_one('label[for="objet"]').get_text() == "Objet de votre demande (facultatif)"
    assert "*" not in html.select_one("main").get_text()
    assert html.select_one('a[href="/donnees-personnelles/"]')


def test_required_fields_are_announced_as_such_before_sending(client):
    # A screen reader says « obligatoire » on the fields the form refuses empty (RGAA
    # 11.10.1); the optional one, marked « (facultatif) » for everyone, is not.
    form = html_of(client.get(FORM)).select_one("main form")
    required = {field["name"] for field in form.select("[required]")}
    assert required == {"nom", "canal", "message"}
    assert all(radio.has_attr("required") for radio in form.select("input[name=canal]"))


def test_valid_request_is_committed_then_confirmed(app, client, resident):
    response = resident.submit()
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/formulaires/permanence/confirmation")
    [demande] = rows(app, Demande)
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}", demande.reference)
    assert demande.channel == "courriel" and not demande.suspect and demande.phone_enc is None
    kinds = sorted(m.kind for m in rows(app, OutboxMail))
    assert kinds == ["accuse_reception", "notification_cabinet"]

    confirmation = html_of(client.get(response.headers["Location"]))
    reference = f"{demande.reference[:4]}-{demande.reference[4:]}"
    assert confirmation.select_one(".reference").get_text() == reference
    assert confirmation.select_one("h1").get_text() == "Demande envoyée"
    assert (
        confirmation.select_one("main time").get_text()
        == "23\u00a0janvier\u00a02013 à 15\u00a0h\u00a000"
    )
    assert "dans un délai de 15\u00a0jours" in confirmation.select_one("main").get_text()


def test_request_by_phone_sends_no_acknowledgement_mail(app, resident):
    resident.submit(canal="telephone", courriel="", telephone="06 12 34 56 78")
    [demande] = rows(app, Demande)
    assert demande.email_enc is None and demande.phone_enc
    assert [m.kind for m in rows(app, OutboxMail)] == ["notification_cabinet"]


def test_personal_data_is_encrypted_at_rest(app, resident, raw_store):
    resident.submit(
        nom="Zéphirine Quatrebarbes",
        courriel="zephirine@example.org",
        objet="Objet très secret",
        message="Message tout à fait confidentiel",
    )
    resident.submit(
        nom="Anatole Phonebarbe", canal="telephone", courriel="", telephone="06 98 76 54 32"
    )
    # Both are stored, and read back whole with the key: the secrets below are in the files,
    # only not in clear.
    with app.app_context():
        stored = [donnees_personnelles.read(demande) for demande in rows(app, Demande)]
    assert [(s["nom"], s["message"]) for s in stored] == [
        ("Zéphirine Quatrebarbes", "Message tout à fait confidentiel"),
        ("Anatole Phonebarbe", VALID["message"].replace("\r\n", "\n")),
    ]
    assert stored[1]["telephone"] == "06 98 76 54 32"
    raw = raw_store()
    for secret in [
        "Zéphirine",
        "Quatrebarbes",
        "zephirine@example.org",
        "très secret",
        "tout à fait confidentiel",
        "Anatole",
        "06 98 76 54 32",
        "0698765432",
    ]:
        assert secret.encode() not in raw, secret


def test_errors_come_back_with_a_summary_values_kept_and_fields_described(client, resident):
    posted = resident.submit(nom="", courriel="jeanne@", message="Mon <b>message</b>")
    assert posted.status_code == 303  # Post/Redirect/Get: Back never re-sends the form
    response = client.get(posted.headers["Location"])
    assert response.status_code == 422
    html = html_of(response)
    assert html.title.get_text().startswith("Erreur\u00a0: ")
    summary = html.select_one(".resume-erreurs")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary.select_one("h2").get_text() == "Il y a un problème"
    links = [(a["href"], a.get_text()) for a in summary.select("a")]
    assert links == [
        ("#nom", "Entrez votre nom"),
        ("#courriel", "Entrez une adresse électronique valide, par exemple nom@exemple.fr"),
    ]
    email = html.select_one("#courriel")
    assert email["value"] == "jeanne@"
    assert "courriel-erreur" in email["aria-describedby"].split()
    assert html.select_one("#courriel-erreur").get_text(" ", strip=True).startswith("Erreur\u00a0:")
    assert html.select_one("#message").get_text() == "Mon <b>message</b>"  # kept, escaped
    assert html.select_one("#canal-0").has_attr("checked")


def test_missing_choice_of_channel_links_to_the_first_radio(resident):
    html = html_of(resident.submit(follow=True, canal=None))
    assert html.select_one(".resume-erreurs a")["href"] == "#canal-0"
    assert html.select_one("fieldset")["aria-describedby"] == "canal-erreur"


def refused_on(response, anchor, message):
    """The form is given back (422) with one error, on the field at ``anchor``."""
    html = html_of(response, 422)
    assert [(a["href"], a.get_text()) for a in html.select(".resume-erreurs a")] == [
        (anchor, message)
    ]
    return html


INVISIBLE = (
    "contient des caractères invisibles non autorisés\u00a0: retirez-les, ou retapez le texte"
)


def test_markup_and_line_breaks_are_stored_as_typed(app, resident):
    """Accepted as text (the back-office shows them escaped: test_gestion_travail)."""
    markup = {"message": "<script>alert('x')</script>", "nom": "<img src=x onerror=alert(1)>"}
    sent = resident.submit(follow=True, **markup)
    assert html_of(sent, 200).select_one("h1").get_text() == "Demande envoyée"
    # A header injection through the name or the subject: one line each once stored.
    resident.submit(nom="Jeanne\r\nBcc: victime@example.org", objet="a\r\nb")
    with app.app_context():
        stored = [donnees_personnelles.read(demande) for demande in rows(app, Demande)]
    assert [(s["nom"], s["objet"]) for s in stored] == [
        (markup["nom"], VALID["objet"]),
        ("Jeanne Bcc: victime@example.org", "a b"),
    ]
    assert stored[0]["message"] == markup["message"]


@pytest.mark.parametrize(
    ("fields", "anchor", "message"),
    [
        ({"message": "nul\x00octet"}, "#message", f"Le message {INVISIBLE}"),
        (
            {"message": "<b>" + "x" * 4998},
            "#message",
            "Le message doit comporter 5\u202f000 caractères au maximum "
            "(vous en avez écrit 5\u202f001)",
        ),
        (
            {"canal": "<script>"},
            "#canal-0",
            "Choisissez comment recevoir la réponse\u00a0: par courriel ou par téléphone",
        ),
    ],
    ids=["nul-byte", "too-long", "unknown-channel"],
)
def test_hostile_input_is_given_back_to_correct_escaped_never_a_500(
    app, resident, fields, anchor, message
):
    html = refused_on(resident.submit(follow=True, **fields), anchor, message)
    if "message" in fields:  # given back to correct, as text (a NUL shows as a browser shows it)
        kept = html.select_one("#message")
        assert kept.get_text() == fields["message"].replace("\x00", "\ufffd")
        assert kept.select_one("b") is None
    assert rows(app, Demande) == []


@pytest.mark.parametrize(
    ("field", "anchor", "message"),
    [
        ("nom", "#nom", f"Le nom {INVISIBLE}"),
        (
            "canal",
            "#canal-0",
            "Choisissez comment recevoir la réponse\u00a0: par courriel ou par téléphone",
        ),
        (
            "courriel",
            "#courriel",
            "Entrez une adresse électronique valide, par exemple nom@exemple.fr",
        ),
        (
            "telephone",
            "#telephone",
            "Entrez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78",
        ),
        ("objet", "#objet", f"L’objet {INVISIBLE}"),
        ("message", "#message", f"Le message {INVISIBLE}"),
    ],
    ids=["nom", "canal", "courriel", "telephone", "objet", "message"],
)
def test_a_nul_byte_in_a_field_is_refused_on_that_field(app, resident, field, anchor, message):
    fields = {field: "Jeanne\x00Dupont"}
    if field == "telephone":
        fields["canal"] = "telephone"
    refused_on(resident.submit(follow=True, **fields), anchor, message)
    assert rows(app, Demande) == []


def test_a_nul_byte_in_the_hidden_fields_is_never_a_500_nor_stored(app, resident):
    # The trap field, filled by a robot: kept aside as a suspect request, without the byte.
    sent = resident.submit(follow=True, site_web="Jeanne\x00Dupont")
    assert html_of(sent, 200).select_one("h1").get_text() == "Demande envoyée"
    [demande] = rows(app, Demande)
    assert demande.suspect
    with app.app_context():
        assert all("\x00" not in (v or "") for v in donnees_personnelles.read(demande).values())
    # A display time that is not one: shown again to check, not sent.
    doubtful = resident.submit(follow=True, affiche="Jeanne\x00Dupont")
    main = text_of(html_of(doubtful, 200).select_one("main"))
    assert "Votre demande n’est pas encore envoyée" in main
    assert len(rows(app, Demande)) == 1


def test_invalid_utf8_is_stored_as_sent_and_confirmed(app, client):
    tokens = form_tokens(client.get(FORM).text)
    body = (
        f"csrf_token={tokens['csrf_token']}&affiche={tokens['affiche']}&nom=%FF%FE&canal=courriel"
        "&courriel=a%40example.org&message=%C3%28"
    ).encode()
    response = client.post(FORM, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    confirmation = html_of(client.get(response.headers["Location"]), 200)
    [demande] = rows(app, Demande)
    reference = f"{demande.reference[:4]}-{demande.reference[4:]}"
    assert confirmation.select_one(".reference").get_text() == reference
    # Werkzeug keeps a byte that is not UTF-8 as it came, percent-encoded: the office reads
    # what was sent rather than nothing.
    with app.app_context():
        stored = donnees_personnelles.read(demande)
    assert (stored["nom"], stored["courriel"], stored["message"]) == (
        "%FF%FE",
        "a@example.org",
        "%C3(",
    )


def test_oversized_body_gets_a_french_413_page(client):
    response = client.post(FORM, data=form_data(client.get(FORM).text, message="x" * 70_000))
    assert response.status_code == 413
    assert html_of(response).select_one("h1").get_text() == "Envoi trop volumineux"


def test_missing_csrf_token_gives_the_form_back_with_values_and_a_fresh_token(app, client):
    response = client.post(FORM, data={**VALID}, follow_redirects=True)
    assert response.status_code == 200
    html = html_of(response)
    assert "Le formulaire a expiré" in html.select_one(".resume-erreurs").get_text()
    assert html.select_one("#nom")["value"] == "Jeanne Dupont"
    assert html.select_one("#csrf_token")["value"]
    assert rows(app, Demande) == []


def test_expired_csrf_token_gives_the_form_back(make_app):
    app = make_app(WTF_CSRF_TIME_LIMIT=-1)  # every token is already expired
    response = Resident(app.test_client()).submit(follow=True)
    assert response.status_code == 422  # even the new token has expired, with this setting
    assert "Le formulaire a expiré" in html_of(response).select_one(".resume-erreurs").get_text()


def test_sixth_post_in_a_minute_gets_a_french_429_with_retry_time(app, resident):
    for _ in range(5):
        assert resident.submit().status_code == 303
    response = resident.submit(nom="Sixième essai")
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    html = html_of(response)
    assert html.title.get_text().startswith("Erreur\u00a0: ")
    assert "dans 1 minute" in html.select_one(".resume-erreurs").get_text()
    assert html.select_one("#nom")["value"] == "Sixième essai"
    assert len(rows(app, Demande)) == 5


def test_proxy_count_makes_the_limit_per_real_client(make_app):
    app = make_app(PROXY_COUNT=1)
    alice, bob = Resident(app.test_client()), Resident(app.test_client())
    for _ in range(5):
        alice.client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.1"
        assert alice.submit().status_code == 303
    assert alice.submit().status_code == 429
    bob.client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.2"
    assert bob.submit().status_code == 303


def test_a_honeypot_hit_is_kept_flagged_and_sends_no_mail(make_app):
    app = make_app()
    response = Resident(app.test_client()).submit(site_web="http://spam.example")
    assert response.status_code == 303  # a robot learns nothing
    [demande] = rows(app, Demande)
    assert demande.suspect and demande.suspect_reason == "champ piège rempli"
    assert rows(app, OutboxMail) == []


@pytest.mark.parametrize(
    ("fields", "config"),
    [({}, {"MIN_FILL_SECONDS": 60}), ({"affiche": "falsifié"}, {})],
    ids=["sent-too-fast", "no-display-time"],
)
def test_a_doubtful_submission_is_shown_again_and_sent_with_one_more_click(
    make_app, fields, config
):
    """Never « envoyé » when it was not: the text is kept, one click sends it for real."""
    app = make_app(**config)
    resident = Resident(app.test_client())
    response = resident.submit(follow=True, **fields)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    shown = html_of(response)
    assert "Votre demande n’est pas encore envoyée" in text_of(shown.select_one("main"))
    kept = shown.select_one("#message").get_text()  # nothing to type again
    assert kept.splitlines() == VALID["message"].splitlines()
    assert rows(app, Demande) == [] and rows(app, OutboxMail) == []

    response = resident.send(form_data(html))  # at once: the second click
    assert response.status_code == 303
    [demande] = rows(app, Demande)
    assert not demande.suspect
    assert len(rows(app, OutboxMail)) == 2  # the acknowledgement, and the office's notice


def test_honeypot_is_hidden_from_everyone(client):
    trap = html_of(client.get(FORM)).select_one("#site_web")
    assert trap.find_parent(attrs={"hidden": True}) is not None
    assert trap["tabindex"] == "-1"


def test_outside_office_hours_the_form_announces_the_next_creneau(client):
    text = text_of(html_of(client.get(FORM)).select_one(".encart"))
    assert "Prochaine permanence : le mercredi 30 janvier 2013, de 18 h 30 à 20 h 30" in text


def test_during_a_creneau_the_mayor_is_online_and_requests_are_flagged(app, clock, resident):
    clock.now = DURING_CRENEAU
    text = text_of(html_of(resident.client.get(FORM)).select_one(".encart"))
    assert "Le maire est en ligne jusqu’à 20 h 30" in text
    resident.submit()
    assert rows(app, Demande)[0].during_creneau


def test_outside_office_hours_the_form_can_be_closed(make_app):
    app = make_app(ACCEPT_OUTSIDE_CRENEAUX=False)
    resident = Resident(app.test_client())
    html = html_of(resident.client.get(FORM))
    assert html.select_one("main form") is None
    response = resident.client.post(FORM, data=VALID, follow_redirects=True)
    assert response.status_code == 409
    assert html_of(response).select_one("main form") is None
    assert rows(app, Demande) == []


def test_confirmation_without_a_request_sends_back_to_the_form(client):
    response = client.get("/formulaires/permanence/confirmation")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(FORM)


def test_unknown_url_gets_a_french_404_in_the_layout(client):
    response = client.get("/formulaires/inconnu")
    assert response.status_code == 404
    assert html_of(response).select_one("h1").get_text() == "Page introuvable"


def test_database_down_keeps_the_text_and_asks_to_retry(make_app):
    """Nothing is acknowledged without a commit: the resident keeps the text and retries."""
    from sqlalchemy.orm import sessionmaker

    from formsvc.db import make_engine

    app = make_app()
    resident = Resident(app.test_client())
    data = form_data(resident.client.get(FORM).text, nom="Patiente")
    dead = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/absente")
    working, app.extensions["formsvc_db"] = app.extensions["formsvc_db"], sessionmaker(dead)
    try:
        response = resident.client.post(FORM, data=data)
    finally:
        app.extensions["formsvc_db"] = working  # so the fixture closes the real pool
        dead.dispose()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = html_of(response)
    assert "n’a pas été enregistrée" in html.select_one(".resume-erreurs").get_text()
    assert html.select_one("#nom")["value"] == "Patiente"
