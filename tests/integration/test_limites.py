"""Limits as documented whatever the number of workers, floods refused by nginx before formsvc,
and what gunicorn does when it is reached directly (issue 14, findings 2 and 5)."""

import http.client
import re
import socket
import threading
import time
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from tests.browser.helpers import Visit
from tests.integration.stack import Stack
from tests.support import free_port, wait_until
from tests.support.http_client import HttpClient, new_address
from tests.support.office import AGENT
from tests.support.pages import csrf_token, html_of
from tests.support.resident import FORM, Resident, form_data, reference_shown

pytestmark = pytest.mark.integration
# FORMSVC_RATELIMIT_POST's default, "5 per minute;30 per day" (docs/configuration.md).
DOCUMENTED_PER_MINUTE = 5
# nginx's limit_req on the forms (deploy/nginx/site.conf): 10 at once on top of the first.
NGINX_BURST = 10


@pytest.fixture(scope="module")
def limited(tmp_path_factory, portal):
    """The production stack with the documented limits (FORMSVC_RATELIMIT_POST not set): one
    gunicorn with two workers, its counts in Redis."""
    stack = Stack(tmp_path_factory.mktemp("limites"), portal, post_limit=None)
    try:
        yield stack.start()
    finally:
        stack.stop()


def refused_by_nginx(text):
    """nginx's own 429 page (content/pages/429.md): in French, and no form field in it."""
    html = BeautifulSoup(text, "lxml")
    return (
        html.html["lang"] == "fr"
        and html.select_one("h1").get_text() == "Trop de demandes"
        and not html.select("input[name], textarea")
    )


def refused_by_formsvc_with_text_kept(answer, name):
    html = html_of(answer)
    summary = html.select_one(".resume-erreurs")
    return (
        html.html["lang"] == "fr"
        and summary is not None
        and "Trop de demandes ont été envoyées" in summary.get_text()
        and html.select_one("#nom")["value"] == name
    )


def all_at_once(actions):
    """Run every action in its own thread, released together; their results, in order."""
    results = [None] * len(actions)
    start = threading.Barrier(len(actions))

    def run(n):
        start.wait()
        results[n] = actions[n]()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_fifty_posts_at_once_from_one_address_store_exactly_the_documented_five(limited):
    address = new_address()
    residents = [Resident(HttpClient(limited.url, address)) for _ in range(50)]
    forms = []
    for n, resident in enumerate(residents):  # each with its own page, session and tokens
        opened = resident.client.get(FORM)
        assert opened.status_code == 200
        forms.append(form_data(opened.text, nom=f"Rafale {n}"))
    before = limited.references()

    results = all_at_once(
        [lambda r=r, f=f: r.send(f, follow=True) for r, f in zip(residents, forms, strict=True)]
    )

    accepted = [answer for answer in results if reference_shown(answer)]
    assert len(accepted) == DOCUMENTED_PER_MINUTE
    assert len(limited.references() - before) == DOCUMENTED_PER_MINUTE
    by_nginx = by_formsvc = 0
    for n, answer in enumerate(results):
        if reference_shown(answer):
            continue
        assert answer.status_code == 429, answer.text
        if refused_by_nginx(answer.text):
            by_nginx += 1
            assert answer.headers["Retry-After"] == "60"
            assert answer.headers["Cache-Control"] == "no-store"
            assert "Set-Cookie" not in answer.headers  # nothing of the visitor's in nginx's
        else:
            assert refused_by_formsvc_with_text_kept(answer, f"Rafale {n}"), answer.text
            by_formsvc += 1
    # Only the burst nginx lets through reaches formsvc (one more for each 2 s the volley
    # might last): the rest of the flood never costs a worker.
    assert DOCUMENTED_PER_MINUTE + by_formsvc <= NGINX_BURST + 3
    assert by_formsvc >= 1 and by_nginx >= 50 - NGINX_BURST - 3


def test_a_residents_pace_passes_nginx_and_formsvc_says_when_to_retry(limited):
    resident = Resident(HttpClient(limited.url, new_address()))
    for n in range(DOCUMENTED_PER_MINUTE):  # one after the other: faster than a person
        answer = resident.submit(follow=True, nom=f"Envoi {n}")
        assert (answer.status_code, bool(reference_shown(answer))) == (200, True)
    answer = resident.submit(follow=True, nom="Un envoi de trop")
    assert (answer.status_code, reference_shown(answer)) == (429, None)
    # formsvc's answer, not nginx's: the form comes back with the text and when to retry.
    assert refused_by_formsvc_with_text_kept(answer, "Un envoi de trop")
    assert "dans 1 minute" in html_of(answer).select_one(".resume-erreurs").get_text()
    assert 1 <= int(answer.headers["Retry-After"]) <= 60


def test_nginx_s_429_page_is_french_and_accessible_in_a_browser(limited, page, requested_urls):
    page.goto(limited.url + FORM)
    page.get_by_label("Votre nom").fill("Marie Curie")
    page.get_by_label("Votre message").fill("Bonjour, le square est fermé.")
    # A flood from the browser's own address (127.0.0.1, used by no other test here) fills
    # nginx's allowance; the browser's POST comes right after.
    flood = Resident(HttpClient(limited.url))
    all_at_once([lambda: flood.send(b"nom=robot")] * (NGINX_BURST + 5))
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Envoyer ma demande").click()
    assert answer.value.status == 429
    assert refused_by_nginx(page.content())
    Visit(page, requested_urls).check()  # axe-core, and nothing asked of another host


def test_a_flood_of_sign_ins_from_one_address_is_refused_by_nginx(limited):
    agent = HttpClient(limited.url, new_address())
    opened = agent.get("/gestion/connexion")
    assert opened.status_code == 200
    sign_in = {"csrf_token": csrf_token(opened.text), "email": AGENT, "password": "devine"}

    results = all_at_once([lambda: agent.post("/gestion/connexion", sign_in)] * 40)

    by_nginx = [a for a in results if a.status_code == 429 and refused_by_nginx(a.text)]
    by_formsvc = [a for a in results if html_of(a).select("#password")]
    assert len(by_nginx) + len(by_formsvc) == 40
    assert len(by_nginx) >= 40 - 20 - 3  # deploy/nginx/site.conf: burst=20 on the sign-in
    # GET is never counted: an agent behind the same address still gets the page.
    assert agent.get("/gestion/connexion").status_code == 200


def straight_to_gunicorn(stack, address):
    """A connection to gunicorn itself, from ``address``, as if nginx were not there."""
    return http.client.HTTPConnection(
        "127.0.0.1", stack.gunicorn_port, timeout=10, source_address=(address, 0)
    )


def chunked_post_straight_to_gunicorn(stack, padding):
    """A valid form, sent in chunks with ``padding`` bytes of an extra field after the
    fields: (status, page). The padding is last, so a body cut at 64 KB keeps the form whole.
    http.client, not HttpClient: urllib cannot send a body in chunks."""
    address = new_address()
    connection = straight_to_gunicorn(stack, address)
    connection.request("GET", FORM)
    response = connection.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    connection.close()
    body = urllib.parse.urlencode(form_data(html)).encode()
    chunks = [body, b"&remplissage=", *[b"x" * 4096] * (padding // 4096)]
    connection = straight_to_gunicorn(stack, address)
    connection.request(
        "POST",
        FORM,
        body=iter(chunks),  # no length known: http.client sends it chunked
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        encode_chunked=True,
    )
    response = connection.getresponse()
    status, page = response.status, response.read().decode()
    connection.close()
    return status, page


def test_a_chunked_body_over_64_kb_straight_to_gunicorn_gets_a_french_413(limited):
    before = limited.references()
    status, page = chunked_post_straight_to_gunicorn(limited, padding=70 * 1024)
    assert status == 413
    assert BeautifulSoup(page, "lxml").select_one("h1").get_text() == "Envoi trop volumineux"
    assert limited.references() == before  # nothing stored from a body cut short


def test_a_small_chunked_body_straight_to_gunicorn_is_still_accepted(limited):
    before = limited.references()
    status, _page = chunked_post_straight_to_gunicorn(limited, padding=8 * 1024)
    assert status == 303
    assert len(limited.references() - before) == 1


def test_idle_connections_to_nginx_hold_no_gunicorn_worker(limited):
    """Slow clients wait in nginx: two sync workers cannot be stalled from outside."""
    idle = []
    try:
        for _ in range(2):  # headers never finished
            s = socket.create_connection(("127.0.0.1", limited.nginx_port))
            s.sendall(f"POST {FORM} HTTP/1.1\r\nHost: www.arras.fr\r\n".encode())
            idle.append(s)
        for _ in range(2):  # a body that never comes
            s = socket.create_connection(("127.0.0.1", limited.nginx_port))
            s.sendall(
                f"POST {FORM} HTTP/1.1\r\nHost: www.arras.fr\r\nContent-Length: 5000\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n\r\nnom=".encode()
            )
            idle.append(s)
        started = time.monotonic()
        for _ in range(3):
            assert HttpClient(limited.url, new_address()).get(FORM, timeout=5).status_code == 200
        assert time.monotonic() - started < 5
    finally:
        for s in idle:
            s.close()


def test_memory_counters_with_two_workers_are_a_startup_warning(limited):
    port = free_port()
    limited.gunicorn("gunicorn-memoire", port, FORMSVC_RATELIMIT_STORAGE_URI="memory://")
    try:
        wait_until(
            lambda: "memory://" in limited.log("gunicorn-memoire"),
            20,
            lambda: limited.log("gunicorn-memoire"),
        )
        warning = re.search(r".*limites de débit comptées.*", limited.log("gunicorn-memoire"))
        assert "2 processus gunicorn" in warning.group(0)
        assert "FORMSVC_RATELIMIT_STORAGE_URI=redis://" in warning.group(0)
    finally:
        limited.stop_gunicorn(name="gunicorn-memoire")
    # The stack's own gunicorn counts in Redis: no such warning.
    assert "limites de débit comptées" not in limited.log("gunicorn0")
