"""The agenda (commune/agenda.py): its pages, each event's calendar file and /agenda.ics.

A generator of its own, after the acts' one (whose register gives the council séances). It
stops the build on an editor's mistake in ``content/agenda/`` (one French line each, naming
the file and the field) and writes:

- ``/agenda/`` (upcoming events, then past ones by month) and ``/agenda/<année>/<slug>/``
  with ``<slug>.ics`` beside it (« Ajouter à mon agenda »);
- ``/agenda.ics``, the calendar to subscribe to.

« Now » is the build's moment (``publication.retenus.now``): what is upcoming, and the next
online office hour the home page shows, are as of the last build (docs/exploitation.md).
"""

import logging
import os

from pelican import signals
from pelican.generators import Generator

from commune import agenda
from publication import agenda as vues
from publication import prose, retenus, sources
from publication.construction import StopBuild

logger = logging.getLogger(__name__)
_state = {"problems": 0}


class AgendaGenerator(Generator):
    def generate_context(self):
        root = os.path.dirname(os.path.abspath(self.path))
        registre = self.context.get("ACTES_REGISTRE")  # already read by the acts' plugin
        self.agenda = agenda.load(self.path, root, registre)
        for problem in self.agenda.problems:
            logger.error(str(problem))
        _state["problems"] = len(self.agenda.problems)
        self.now = retenus.now(self.settings)
        self.views = vues.build_views(self.agenda, self.now, prose.renderer(self.settings))
        self.context["AGENDA"] = self.views

    def generate_output(self, writer):
        views, context = self.views, self.context
        origin, sitename = self.settings["SITE_ORIGIN"], self.settings["SITENAME"]
        host = self.settings["AGENDA_UID_DOMAIN"]
        write = writer.write_file
        write(f"{vues.INDEX_URL}index.html", self.get_template("agenda/index"), context)
        events = [vues.vevent(view, origin, host, self.now) for view in views.evenements]
        for view, event in zip(views.evenements, events, strict=True):
            write(
                f"{view.url}index.html",
                self.get_template("agenda/evenement"),
                context,
                evenement=view,
            )
            write(view.ics, sources.TextTemplate(vues.calendar([event], sitename)), context)
            if view.exemple:
                sources.example(f"{view.url}index.html")
                sources.example(view.ics)
        every = vues.calendar(events, sitename)
        write(vues.FEED_PATH, sources.TextTemplate(every), context)


def stop_if_wrong(generators):
    if _state["problems"]:
        raise StopBuild(f"{_state['problems']} fichier(s) de l'agenda à corriger")


def add_generator(pelican):
    return AgendaGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(stop_if_wrong)
