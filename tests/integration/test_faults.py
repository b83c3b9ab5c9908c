"""Faults in production: a worker killed, the SMTP server down, formsvc down behind nginx."""

import os
import signal
import threading
import time
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from tests.integration.resident import Resident, new_address
from tests.integration.test_journeys import Visit

pytestmark = pytest.mark.integration


def test_a_killed_worker_loses_no_acknowledged_request(stack):
    shown, stop = [], threading.Event()

    def submit_in_a_loop():
        for n in range(40):
            if stop.is_set():
                break
            # One resident each: from one address, nginx would refuse such a pace (limit_req).
            reference = Resident(stack.url, new_address()).submit(nom=f"Demandeur {n}")
            if reference:
                shown.append(reference.replace("-", ""))

    loop = threading.Thread(target=submit_in_a_loop)
    loop.start()
    while len(shown) < 5 and loop.is_alive():
        time.sleep(0.05)
    victim = stack.gunicorn_workers()[0]
    os.kill(victim, signal.SIGKILL)
    loop.join(timeout=120)
    stop.set()
    assert len(shown) >= 20, f"only {len(shown)} confirmations"
    assert victim not in stack.gunicorn_workers()  # gunicorn replaced it
    missing = set(shown) - stack.references()
    assert not missing, f"shown to residents but not stored: {missing}"
    assert Resident(stack.url).get("/formulaires/permanence/")[0] == 200


def test_smtp_down_residents_are_confirmed_and_each_mail_arrives_once(stack):
    stack.stop_smtp()
    try:
        addresses = [f"panne{n}@example.org" for n in range(3)]
        references = [Resident(stack.url).submit(courriel=a) for a in addresses]
        assert all(references), references
        time.sleep(2)  # the worker tries, fails, schedules retries
        assert "pending" in stack.outbox_statuses()
    finally:
        stack.start_smtp()
    acks = stack.wait_for_mails(lambda m: m["To"] in addresses, 3, timeout=60)
    assert sorted(m["To"] for m in acks) == sorted(addresses)
    ids = Counter(m["Message-ID"] for m in stack.mails())
    assert max(ids.values()) == 1  # nothing twice
    subjects = {m["Subject"] for m in acks}
    assert all(any(r in s for s in subjects) for r in references)


def test_formsvc_down_shows_a_french_maintenance_page(stack, page, requested_urls):
    stack.stop_gunicorn()
    try:
        response = page.goto(stack.url + "/formulaires/permanence/")
        assert response.status == 503
        Visit(page, requested_urls).check()  # axe-core: the page is accessible too
        status, html = Resident(stack.url).get("/formulaires/permanence/")
        assert status == 503
        page = BeautifulSoup(html, "lxml")
        assert page.select_one("h1").get_text() == "Service momentanément indisponible"
        assert page.html["lang"] == "fr"
        assert Resident(stack.url).get("/")[0] == 200  # the static site still answers
    finally:
        stack.start_gunicorn()
    assert Resident(stack.url).get("/formulaires/permanence/")[0] == 200
