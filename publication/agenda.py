"""The agenda as the site shows it: addresses, dates in French words, and calendars (.ics).

The events come from commune/agenda.py; the calendars are written with the ``icalendar``
library (RFC 5545): one file per event for « Ajouter à mon agenda », and ``/agenda.ics`` to
subscribe to.
"""

import datetime
import html
import re
from dataclasses import dataclass
from itertools import groupby

import icalendar

from commune.dates import date_fr

INDEX_URL = "agenda/"
EVENT_URL = "agenda/{annee}/{slug}/"
FEED_PATH = "agenda.ics"
UTC = datetime.UTC


def heure(moment):
    """18:30 → « 18 h 30 », 18:00 → « 18 h » (no-break spaces, as French prose writes it)."""
    if moment.minute:
        return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"
    return f"{moment.hour}\u00a0h"


def quand(event):
    """« mercredi 30 janvier 2013, de 18 h 30 à 20 h 30 », and the other shapes of a date."""
    day = "EEEE d MMMM y"
    if event.journee:
        if event.fin is None or event.fin == event.debut:
            return date_fr(event.debut, day)
        return f"du {date_fr(event.debut, day)} au {date_fr(event.fin, day)}"
    start, end = event.debut, event.fin
    if end is None:
        return f"{date_fr(start.date(), day)}, à {heure(start)}"
    if end.date() == start.date():
        return f"{date_fr(start.date(), day)}, de {heure(start)} à {heure(end)}"
    return (
        f"du {date_fr(start.date(), day)} à {heure(start)} "
        f"au {date_fr(end.date(), day)} à {heure(end)}"
    )


@dataclass
class VueEvenement:
    evenement: object
    url: str
    ics: str  # the address of its own calendar file
    texte_html: str
    quand: str

    def __getattr__(self, name):
        return getattr(self.evenement, name)

    @property
    def lieu_affiche(self):
        return "En ligne" if self.en_ligne else self.lieu


@dataclass
class Vues:
    evenements: list  # VueEvenement, chronological
    a_venir: list
    passes_par_mois: list  # (« janvier 2013 », events), newest month first
    prochaine_permanence: object  # VueEvenement or None
    permanence_en_cours: bool
    maintenant: datetime.datetime


def build_views(agenda, now, render_markdown):
    views = []
    for event in agenda.evenements:
        url = EVENT_URL.format(annee=event.annee, slug=event.slug)
        views.append(
            VueEvenement(
                evenement=event,
                url=url,
                ics=f"{url}{event.slug}.ics",
                texte_html=render_markdown(event.texte) if event.texte else "",
                quand=quand(event),
            )
        )
    by_slug = {(v.annee, v.slug): v for v in views}
    past = [by_slug[(e.annee, e.slug)] for e in agenda.passes(now)]
    months = []
    for _, group in groupby(past, key=lambda v: (_day(v.debut).year, _day(v.debut).month)):
        group = list(group)
        months.append((date_fr(_day(group[0].debut), "LLLL y"), group))
    upcoming = [by_slug[(e.annee, e.slug)] for e in agenda.a_venir(now)]
    office = agenda.prochaine_permanence(now)
    office_view = by_slug[(office.annee, office.slug)] if office else None
    return Vues(views, upcoming, months, office_view, bool(office and office.en_cours(now)), now)


def _day(moment):
    return moment.date() if isinstance(moment, datetime.datetime) else moment


# --- Calendars (RFC 5545) --------------------------------------------------------------------


def _plain(html_text):
    """A calendar's DESCRIPTION is plain text: the event's text without its tags."""
    text = re.sub(r"</(p|li|h\d)>", "\n", html_text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()


def vevent(view, origin, host, stamp):
    """The calendar event of ``view``: written once, for its own file and for the feed."""
    event = icalendar.Event()
    event.add("uid", f"{view.annee}-{view.slug}@{host}")
    event.add("dtstamp", stamp.astimezone(UTC))
    if view.journee:
        event.add("dtstart", view.debut)
        # DTEND of a day is exclusive: the day after the last one.
        event.add("dtend", (view.fin or view.debut) + datetime.timedelta(days=1))
    else:
        event.add("dtstart", view.debut)
        if view.fin is not None:
            event.add("dtend", view.fin)
    event.add("summary", view.titre)
    event.add("url", f"{origin}/{view.url}")
    event.add("location", view.lieu_affiche)
    description = _plain(view.texte_html)
    if view.lien:
        target = view.lien.url if view.lien.url.startswith("https://") else origin + view.lien.url
        description = f"{description}\n\n{view.lien.titre} : {target}".strip()
    if view.exemple:
        description = f"Exemple : événement fictif.\n\n{description}"
    event.add("description", description)
    return event


def calendar(events, sitename):
    """The text of a calendar holding ``events`` (from vevent), in UTF-8 with CRLF lines."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{sitename}//Agenda//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Agenda – {sitename}")
    cal.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        cal.add_component(event)
    if events:  # the zone's rules from the first event's year to two years past the last one
        years = [event.decoded("dtstart").year for event in events]
        cal.add_missing_timezones(
            datetime.date(min(years), 1, 1), datetime.date(max(years) + 2, 1, 1)
        )
    return cal.to_ical().decode("utf-8")
