"""The agenda: its pages, its calendars (read back with icalendar) and the next office hour."""

import datetime
import zoneinfo

import icalendar
import pytest

from commune import agenda
from tests.site.builds import build, write
from tests.site.pages import soup
from tests.support import ROOT

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
OFFICE_HOUR = "agenda/2013/permanence-en-ligne-2013-01-30-18h30/"
LABEL = "agenda/2013/remise-label-ville-internet-2013/"
OFFICE_HOUR_UID = "2013-permanence-en-ligne-2013-01-30-18h30@www.arras.fr"
LABEL_UID = "2013-remise-label-ville-internet-2013@www.arras.fr"
SEANCE_UID = "2013-conseil-municipal-2013-01-14@www.arras.fr"


def built(content, tmp_path, now, name="output"):
    """The site built as if it were ``now`` (Paris time)."""
    output = tmp_path / name
    report = build(content, output, PUBLICATION_NOW=now)
    assert report.ok, report.lines
    return output


def text(node):
    """What a reader reads: no-break spaces read as spaces."""
    return node.get_text(" ", strip=True).replace("\u00a0", " ")


def calendar(path):
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(cal):
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.fixture(scope="module")
def built_at(tmp_path_factory):
    """The real content built as if it were a given moment (Paris time), once per moment:
    the tests only read what it wrote."""
    builds = {}

    def at(now):
        if now not in builds:
            builds[now] = built(ROOT / "content", tmp_path_factory.mktemp("agenda"), now)
        return builds[now]

    return at


@pytest.fixture(scope="module")
def before(built_at):
    """The real content, built the day before the first online office hour."""
    return built_at("2013-01-29T12:00:00")


def test_the_subscription_calendar_holds_every_event_with_its_fields(before):
    cal = calendar(before / "agenda.ics")
    assert cal["version"] == "2.0" and cal["prodid"]
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    found = events(cal)
    hour = found[OFFICE_HOUR_UID]
    start, end = hour.decoded("dtstart"), hour.decoded("dtend")
    assert hour["dtstart"].params["TZID"] == "Europe/Paris"
    assert start == datetime.datetime(2013, 1, 30, 18, 30, tzinfo=PARIS)
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2013, 1, 30, 17, 30, tzinfo=datetime.UTC
    )
    assert end.astimezone(datetime.UTC).time() == datetime.time(19, 30)
    assert hour.decoded("dtstamp").tzinfo is not None
    assert str(hour["summary"]) == "Permanence en ligne du maire"
    assert str(hour["url"]) == f"http://127.0.0.1:8000/{OFFICE_HOUR}"
    assert str(hour["location"]) == "En ligne"
    description = str(hour["description"])
    assert "Écrire au maire : http://127.0.0.1:8000/formulaires/permanence/" in description

    label = found[LABEL_UID]
    assert label.decoded("dtstart") == datetime.date(2013, 1, 31)  # a whole day
    assert label.decoded("dtend") == datetime.date(2013, 2, 1)  # exclusive
    assert str(label["location"]) == "Metz"
    seance = found[SEANCE_UID]
    assert str(seance["summary"]) == "Séance du conseil municipal"
    assert "Exemple" in str(seance["description"])  # the example register says so


def test_each_event_has_its_own_calendar_file_with_the_same_event(before):
    everything = events(calendar(before / "agenda.ics"))
    assert {OFFICE_HOUR_UID, LABEL_UID, SEANCE_UID} <= set(everything)
    for uid, event in everything.items():
        url = str(event["url"]).removeprefix("http://127.0.0.1:8000/")
        slug = url.rstrip("/").rsplit("/", 1)[1]
        own = events(calendar(before / url / f"{slug}.ics"))
        assert list(own) == [uid]
        assert own[uid].to_ical() == event.to_ical()


def test_uids_stay_the_same_from_one_build_to_the_next(before, built_at):
    again = built_at("2013-01-30T20:30:00")  # a build of the next day
    uids = set(events(calendar(before / "agenda.ics")))
    assert {OFFICE_HOUR_UID, LABEL_UID, SEANCE_UID} <= uids
    assert set(events(calendar(again / "agenda.ics"))) == uids


def test_the_agenda_lists_upcoming_events_then_past_ones_by_month(before):
    page = soup(before, "/agenda/")
    headings = [text(h) for h in page.select("main h2, main h3")]
    assert headings.index("À venir") < headings.index("Passés")
    upcoming = headings[headings.index("À venir") + 1 : headings.index("Passés")]
    assert upcoming == [  # in their order: 30 and 31 January, then 25 February
        "Permanence en ligne du maire",
        "Remise du label « Ville Internet » 2013",
        "Séance du conseil municipal",
    ]
    assert "Janvier 2013" in headings[headings.index("Passés") :]
    event = soup(before, f"/{OFFICE_HOUR}")
    shown = text(event.select_one("main"))
    assert "Mercredi 30 janvier 2013, de 18 h 30 à 20 h 30" in shown
    assert "En ligne" in shown and "Passé" not in shown
    assert event.select_one(
        f'main a[href="/{OFFICE_HOUR}permanence-en-ligne-2013-01-30-18h30.ics"]'
    )
    assert event.select_one('main a[href="/formulaires/permanence/"]')
    past = soup(before, "/agenda/2013/conseil-municipal-2013-01-14/").select_one("main")
    assert "Passé" in past.get_text() and past.select_one(
        'a[href="/conseil-municipal/seances/2013-01-14/"]'
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            "2013-01-29T12:00:00",
            "Mercredi 30 janvier 2013, de 18 h 30 à 20 h 30",
        ),
        ("2013-01-30T19:00:00", "Une permanence en ligne a lieu mercredi 30 janvier 2013"),
        ("2013-01-30T20:30:00", "Aucune permanence en ligne n’est prévue pour l’instant"),
    ],
    ids=["upcoming", "during", "past"],
)
def test_the_home_page_shows_the_next_office_hour(built_at, now, expected):
    output = built_at(now)
    for page in ("/", "/permanence-en-ligne/"):
        box = text(soup(output, page).select_one(".prochaine-permanence"))
        assert expected in box, page


def test_with_no_office_hour_planned_the_home_page_says_so(content_tree, tmp_path):
    data = content_tree / "data/permanences.toml"
    data.write_text(data.read_text(encoding="utf-8").split("\n[[creneau]]")[0], encoding="utf-8")
    output = built(content_tree, tmp_path, "2013-01-29T12:00:00")
    box = text(soup(output, "/").select_one(".prochaine-permanence"))
    assert "Aucune permanence en ligne n’est prévue pour l’instant" in box
    assert not (output / OFFICE_HOUR).exists()


EVENT = """titre = "Concert au beffroi"
debut = 2013-06-21T20:00:00
fin = 2013-06-21T23:00:00
lieu = "Place des Héros"
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "fin = 2013-06-21T23:00:00",
            "fin = 2013-06-21T19:00:00",
            'champ "fin" « 2013-06-21 19:00 » : avant le début',
        ),
        (
            'lieu = "Place des Héros"',
            'lieu = "Place des Héros"\nfuseau = "Europe/Arras"',
            'champ "fuseau" inconnu « Europe/Arras »',
        ),
        ('titre = "Concert au beffroi"\n', "", 'champ "titre" manquant'),
        ('lieu = "Place des Héros"\n', "", 'champ "lieu" manquant'),
        (
            "debut = 2013-06-21T20:00:00",
            'debut = "21/06/2013"',
            'champ "debut" invalide « 21/06/2013 »',
        ),
    ],
    ids=["end-before-start", "unknown-time-zone", "no-title", "no-place", "french-date"],
)
def test_a_wrong_event_names_its_file_and_field(tmp_path, old, new, expected):
    content = tmp_path / "content"
    write(content, "agenda/fete-de-la-musique.toml", EVENT.replace(old, new))
    problems = [str(p) for p in agenda.load(content, tmp_path).problems]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"content/agenda/fete-de-la-musique.toml: {expected}")


def test_a_wrong_event_stops_the_build(content_tree, tmp_path):
    event = EVENT.replace('lieu = "Place des Héros"\n', "")
    write(content_tree, "agenda/fete-de-la-musique.toml", event)
    report = build(content_tree, tmp_path / "output")
    assert not report.ok
    assert report.lines == [
        'content/agenda/fete-de-la-musique.toml: champ "lieu" manquant : le lieu, ou '
        "en_ligne = true"
    ]
