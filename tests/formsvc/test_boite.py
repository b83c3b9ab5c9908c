"""The inbox in pages: 50 requests a page, the filters kept from page to page."""

import datetime

from formsvc import cycle
from tests.support.clock import DURING_CRENEAU
from tests.support.pages import html_of


def test_the_inbox_shows_50_requests_a_page_and_keeps_the_filters(app, clock, signed_in_office):
    with app.app_context():
        for n in range(120):
            cycle.create(
                received_at=clock() - datetime.timedelta(hours=n),
                kind="permanence",
                origin="telephone",
                channel="telephone",
                personal={"nom": f"Habitant {n}", "telephone": "06 12 34 56 78", "message": "x"},
                notify_office=False,
            )
    first = html_of(
        signed_in_office.client.get("/gestion/demandes/?origine=telephone&tri=echeance"), 200
    )
    assert len(first.select("table.tableau tbody tr")) == 50
    assert "120 demandes" in first.select_one("main").get_text()
    nav = first.select_one("nav.pagination")
    assert [a.get_text() for a in nav.select("a")] == [
        "Page 1",
        "Page 2",
        "Page 3",
        "Page suivante",
    ]
    assert nav.select_one('a[aria-current="page"]').get_text() == "Page 1"
    last_link = nav.select("a")[2]["href"]
    assert "origine=telephone" in last_link and "tri=echeance" in last_link
    last = html_of(signed_in_office.client.get(last_link), 200)
    assert len(last.select("table.tableau tbody tr")) == 20
    for odd in ("0", "-3", "999", "abc", "9" * 40):  # never a 500, never an empty page
        listed = html_of(signed_in_office.client.get(f"/gestion/demandes/?page={odd}"), 200)
        assert len(listed.select("table.tableau tbody tr")) in {50, 20}


def test_the_inbox_lists_apart_the_requests_received_during_an_online_office_hour(
    app, clock, resident, signed_out_office
):
    resident.submit(nom="Hors permanence")
    clock.now = DURING_CRENEAU  # a week later
    resident.submit(nom="Pendant la permanence")
    assert signed_out_office.login().headers["Location"] == "/gestion/demandes/"
    office = signed_out_office.client
    every = html_of(office.get("/gestion/demandes/"), 200)
    assert len(every.select("table.tableau tbody tr")) == 2
    # ?seance=oui was the filter's address before 0.2: a bookmark keeps working.
    for address in ("/gestion/demandes/?creneau=oui", "/gestion/demandes/?seance=oui"):
        page = html_of(office.get(address), 200)
        [row] = page.select("table.tableau tbody tr")
        assert "pendant une permanence" in row.get_text()
        assert page.select_one("#creneau").has_attr("checked")
