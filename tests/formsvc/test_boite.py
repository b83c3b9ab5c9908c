"""The inbox in pages: 50 requests a page, the filters kept from page to page."""

import datetime

from bs4 import BeautifulSoup

from formsvc import cycle


def page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.get_data(as_text=True), "lxml")


def test_the_inbox_shows_50_requests_a_page_and_keeps_the_filters(app, clock, office):
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
    first = page(office.client.get("/gestion/demandes/?origine=telephone&tri=echeance"))
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
    last = page(office.client.get(last_link))
    assert len(last.select("table.tableau tbody tr")) == 20
    for odd in ("0", "-3", "999", "abc", "9" * 40):  # never a 500, never an empty page
        listed = page(office.client.get(f"/gestion/demandes/?page={odd}"))
        assert len(listed.select("table.tableau tbody tr")) in {50, 20}
