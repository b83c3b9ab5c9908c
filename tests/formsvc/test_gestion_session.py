"""The back-office's idle timeout, announced and put off (RGAA 13.1, WCAG 2.2.1), and what an
agent sends after it, kept for them until they have signed in again.

The page's script (theme/static/js/session-gestion.js) is driven in Chromium by
tests/browser/test_gestion.py; here, what the server tells it and keeps."""

import json
import re

from formsvc.models import Brouillon, Demande, Evenement, OutboxMail, SessionGestion
from tests.support.office import Office, add_user
from tests.support.pages import csrf_token, html_of
from tests.support.resident import PHONE_CALL
from tests.support.service import rows

INBOX = "/gestion/demandes/"
NEW = "/gestion/demandes/nouvelle"
STATUS = "/gestion/session"
EXTEND = "/gestion/session/prolonger"
# What the resident's request sent; an answer would add one.
RESIDENT_MAILS = ["accuse_reception", "notification_cabinet"]
ANSWER = "Madame, le lampadaire du 12 rue des Trois-Visages sera remplacé jeudi 31 janvier."


def text_of(element):
    """The element's text, runs of spaces collapsed, typographic apostrophes made plain."""
    return re.sub(r"\s+", " ", element.get_text(" ")).replace("\u2019", "'").strip()


def seconds_left(response):
    """What the page tells its script: the seconds its session has left."""
    return int(html_of(response, 200).select_one("[data-session]")["data-restant"])


def request_page(app, resident):
    resident.submit()
    [reference] = [d.reference for d in rows(app, Demande)]
    return f"/gestion/demandes/{reference}"


def cookie_contents(office):
    """The session cookie as anyone holding it can read it (signed, not encrypted)."""
    app = office.app
    value = office.client.get_cookie("formsvc_session").value
    data = app.session_interface.get_signing_serializer(app).loads(value)
    return json.dumps(data, ensure_ascii=False)


def expire_while_writing(office, page, clock):
    """The agent opens ``page``, then writes for 31 minutes without a request: the CSRF
    token of the form, as the page gave it."""
    token = office.token(page)
    clock.advance(minutes=31)
    return token


def kept_after_the_end(app, page, response):
    """What the agent sees of a form sent after the end: sent to sign in, the text kept."""
    assert response.headers["Location"] == f"/gestion/connexion?suite={page}"
    assert len(rows(app, Brouillon)) == 1


# -- the warning and « Rester connecté » -------------------------------------------------------


def test_each_page_says_the_time_left_as_the_server_counts_it(clock, signed_in_office):
    assert seconds_left(signed_in_office.client.get(INBOX)) == 30 * 60
    # Less than a minute later, the page does not rewrite the last activity: it says what
    # is really left of the session, not a fresh 30 minutes.
    clock.advance(seconds=50)
    html = html_of(signed_in_office.client.get(INBOX), 200)
    session = html.select_one("[data-session]")
    assert (session["data-restant"], session["data-avance"]) == ("1750", "120")
    assert session["data-etat"] == STATUS
    warning = html.select_one("#session-avertissement")
    assert warning.name == "dialog" and warning.get("open") is None  # shown by the script only
    assert warning["role"] == "alertdialog"
    assert text_of(html.select_one("#session-avertissement-titre")) == (
        "Votre session va bientôt prendre fin"
    )
    form = warning.select_one("form")
    assert (form["method"], form["action"]) == ("post", EXTEND)
    assert form.select_one("input[name=csrf_token]")["value"]
    assert text_of(form.select_one("button")) == "Rester connecté"
    ended = html.select_one("#session-terminee")
    assert "après 30 minutes sans activité" in text_of(ended)
    assert ended.select_one("a")["href"] == f"/gestion/connexion?suite={INBOX}"
    scripts = [s["src"] for s in html.select("script[src]")]
    assert any(re.fullmatch(r"/theme/js/session-gestion\.\w+\.js", src) for src in scripts)


def test_asking_the_time_left_does_not_extend_the_session(clock, signed_in_office):
    client = signed_in_office.client
    client.get(INBOX)
    clock.advance(minutes=29)
    response = client.get(STATUS)
    assert (response.status_code, response.json) == (200, {"connecte": True, "restant": 60})
    clock.advance(seconds=61)  # 30 minutes and a second after the last page
    response = client.get(STATUS)
    assert (response.status_code, response.json) == (401, {"connecte": False, "restant": 0})
    assert client.get(INBOX).status_code == 302


def test_rester_connecte_starts_the_idle_time_again(app, clock, signed_in_office):
    client = signed_in_office.client
    token = signed_in_office.token(INBOX)
    clock.advance(minutes=29)
    response = client.post(EXTEND, data={"csrf_token": token})
    assert (response.status_code, response.json) == (200, {"connecte": True, "restant": 1800})
    [row] = rows(app, SessionGestion)
    assert row.last_seen_at == clock()
    clock.advance(minutes=29)  # 58 minutes after the last page, 29 after « Rester connecté »
    assert client.get(INBOX).status_code == 200
    # Pressed again within a minute of that page, it still counts (a page only rewrites the
    # last activity once a minute).
    clock.advance(seconds=50)
    response = client.post(EXTEND, data={"csrf_token": token})
    assert response.json["restant"] == 1800
    clock.advance(minutes=29, seconds=30)
    assert client.get(INBOX).status_code == 200


def test_extending_is_refused_without_a_live_session(app, clock, client, signed_out_office):
    # A browser that never signed in, with a valid CSRF token of its own.
    token = csrf_token(client.get("/gestion/connexion").text)
    response = client.post(EXTEND, data={"csrf_token": token})
    assert (response.status_code, response.json) == (401, {"connecte": False, "restant": 0})

    # An agent whose session has ended: it stays ended.
    office = signed_out_office
    assert office.login().status_code == 303
    token = office.token(INBOX)
    clock.advance(minutes=31)
    response = office.client.post(EXTEND, data={"csrf_token": token})
    assert (response.status_code, response.json) == (401, {"connecte": False, "restant": 0})
    assert office.client.get(INBOX).status_code == 302
    assert rows(app, SessionGestion) == []

    # A signed-in agent, but a POST without the token (another site's form): refused, and
    # the session is not extended by it.
    assert office.login().status_code == 303
    clock.advance(minutes=29)
    assert office.client.post(EXTEND).status_code == 400
    clock.advance(minutes=2)
    assert office.client.get(INBOX).status_code == 302


# -- what is sent after the end is kept ----------------------------------------------------------


def test_an_answer_sent_after_the_end_comes_back_after_sign_in(
    app, clock, resident, signed_in_office, raw_store
):
    office = signed_in_office
    page = request_page(app, resident)
    token = expire_while_writing(office, page, clock)

    response = office.client.post(
        f"{page}/reponse", data={"csrf_token": token, "reponse-texte": ANSWER}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/gestion/connexion?suite={page}"
    said = text_of(
        html_of(office.client.get(response.headers["Location"])).select_one(".bandeau-info")
    )
    assert "Votre session a pris fin après 30 minutes sans activité" in said
    assert "n'a pas été enregistré, mais il est gardé" in said
    assert "vous le retrouverez, prêt à envoyer, après la connexion" in said
    # Nothing sent nor recorded; what was typed is neither in the cookie (which anyone
    # holding it can read) nor in clear in the database.
    assert sorted(m.kind for m in rows(app, OutboxMail)) == RESIDENT_MAILS
    assert [e.kind for e in rows(app, Evenement)] == []
    assert "lampadaire" not in cookie_contents(office)
    assert b"Trois-Visages" not in raw_store()
    assert len(rows(app, Brouillon)) == 1

    # Password and code: the agent is back on the request's page, the answer in its field.
    response = office.login(suite=page)
    assert response.headers["Location"] == page
    html = html_of(office.client.get(page), 200)
    assert html.select_one("#reponse-texte").get_text() == ANSWER
    notice = html.select_one("#saisie-rendue")
    assert notice.has_attr("autofocus") and notice["tabindex"] == "-1"
    assert text_of(notice).startswith(
        "Votre saisie vous est rendue. Votre session avait pris fin quand vous avez envoyé "
        "le formulaire « Répondre par courriel » : rien n'a été enregistré."
    )
    assert notice.select_one("a")["href"] == "#reponse-texte"
    assert sorted(m.kind for m in rows(app, OutboxMail)) == RESIDENT_MAILS

    # Given back once, then gone from the database.
    assert rows(app, Brouillon) == []
    html = html_of(office.client.get(page), 200)
    assert html.select_one("#reponse-texte").get_text() == ""
    assert html.select_one("#saisie-rendue") is None

    # Sent again, it leaves as any answer.
    assert office.post(f"{page}/reponse", page, **{"reponse-texte": ANSWER}).status_code == 303
    assert "reponse" in [e.kind for e in rows(app, Evenement)]


def test_a_note_kept_after_the_end_is_never_given_to_another_account(
    app, clock, resident, signed_in_office
):
    office = signed_in_office
    page = request_page(app, resident)
    token = expire_while_writing(office, page, clock)
    note = "Le demandeur a rappelé : sa voisine est concernée aussi."
    sent = office.client.post(f"{page}/note", data={"csrf_token": token, "note-texte": note})
    kept_after_the_end(app, page, sent)

    colleague = Office(office.client, email=add_user(app, "collegue@ville.example"))
    assert colleague.login(suite=page).headers["Location"] == page
    assert rows(app, Brouillon) == []  # deleted as soon as the colleague signed in
    html = html_of(colleague.client.get(page), 200)
    assert html.select_one("#note-texte").get_text() == ""
    assert html.select_one("#saisie-rendue") is None


def test_kept_text_is_given_back_for_an_hour_only(app, clock, resident, signed_in_office):
    office = signed_in_office
    page = request_page(app, resident)
    token = expire_while_writing(office, page, clock)
    sent = office.client.post(
        f"{page}/note", data={"csrf_token": token, "note-texte": "À rappeler."}
    )
    kept_after_the_end(app, page, sent)
    clock.advance(minutes=61)
    assert office.login(suite=page).headers["Location"] == page
    html = html_of(office.client.get(page), 200)
    assert html.select_one("#note-texte").get_text() == ""
    assert html.select_one("#saisie-rendue") is None
    assert rows(app, Brouillon) == []


def test_signing_out_forgets_what_was_kept(app, clock, resident, signed_in_office):
    office = signed_in_office
    page = request_page(app, resident)
    token = expire_while_writing(office, page, clock)
    sent = office.client.post(
        f"{page}/note", data={"csrf_token": token, "note-texte": "À rappeler."}
    )
    kept_after_the_end(app, page, sent)
    assert office.login().headers["Location"] == INBOX  # not the request's page
    assert len(rows(app, Brouillon)) == 1  # still waiting for the request's page
    assert office.logout().status_code == 303
    assert rows(app, Brouillon) == []
    assert office.login(suite=page).headers["Location"] == page
    assert html_of(office.client.get(page), 200).select_one("#saisie-rendue") is None


def test_a_request_recorded_after_the_end_comes_back_on_the_recording_page(
    app, clock, signed_in_office
):
    office = signed_in_office
    token = expire_while_writing(office, NEW, clock)
    typed = {**PHONE_CALL, "recue_le": "2013-01-23"}
    response = office.client.post(NEW, data={"csrf_token": token, **typed})
    assert response.headers["Location"] == f"/gestion/connexion?suite={NEW}"
    assert rows(app, Demande) == []

    assert office.login(suite=NEW).headers["Location"] == NEW
    html = html_of(office.client.get(NEW), 200)
    assert html.select_one("#nom")["value"] == "Marcel Quenouille"
    assert html.select_one("#telephone")["value"] == "03 21 55 44 33"
    assert html.select_one("#message").get_text() == typed["message"]
    assert html.select_one("input[name=origine][value=telephone]").has_attr("checked")
    assert "« Enregistrer une demande »" in text_of(html.select_one("#saisie-rendue"))
    assert rows(app, Demande) == []  # given back to be checked and sent, not recorded


def test_a_form_without_a_page_of_its_own_leads_back_to_the_inbox(clock, signed_in_office):
    """Sign-out sent after the end: after signing in, the inbox, not « method not allowed »
    on an address that only takes a POST."""
    office = signed_in_office
    token = expire_while_writing(office, INBOX, clock)
    response = office.client.post("/gestion/deconnexion", data={"csrf_token": token})
    assert response.headers["Location"] == f"/gestion/connexion?suite={INBOX}"
    assert office.login(suite=INBOX).headers["Location"] == INBOX
    assert office.client.get(INBOX).status_code == 200


def test_signing_in_again_from_a_form_with_errors_comes_back_to_its_page(
    app, resident, signed_in_office
):
    """A form sent with a mistake comes back at its POST address: « Se connecter à nouveau »
    in the end-of-session dialog leads to the request's page, not to that address."""
    page = request_page(app, resident)
    response = signed_in_office.post(f"{page}/note", page, **{"note-texte": ""})
    html = html_of(response, 400)
    link = html.select_one("#session-terminee a")
    assert link["href"] == f"/gestion/connexion?suite={page}"
