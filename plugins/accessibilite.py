"""The accessibility plans' pages (commune/plan_accessibilite.py), from the editors' file.

Writes ``/accessibilite/schema-pluriannuel/`` (the multi-year plan: its years, commitments
and every action by year) and ``/accessibilite/plan-annuel/`` (this year's actions, « this
year » being the build's: ``publication.retenus.now``). Without
``content/data/plan-accessibilite.toml`` nothing is written; a mistake in it stops the build
with one French line naming the file, the entry and the field.
"""

import logging
import os

from pelican import signals
from pelican.generators import Generator

from commune import plan_accessibilite
from commune.datafiles import DataError
from publication import retenus
from publication.construction import StopBuild

logger = logging.getLogger(__name__)
SCHEMA_URL = "accessibilite/schema-pluriannuel/"
PLAN_URL = "accessibilite/plan-annuel/"
_state = {"problems": 0}


class PlanGenerator(Generator):
    def generate_context(self):
        self.plan = None
        _state["problems"] = 0
        path = os.path.join(self.path, "data", "plan-accessibilite.toml")
        if os.path.isfile(path):
            try:
                self.plan = plan_accessibilite.load(path)
            except DataError as error:
                root = os.path.dirname(os.path.abspath(self.path))
                logger.error(
                    str(
                        DataError(
                            os.path.relpath(error.path, root),
                            error.problem,
                            error.field,
                            error.entry,
                        )
                    )
                )
                _state["problems"] = 1
        self.context["PLAN_ACCESSIBILITE"] = self.plan
        self.context["PLAN_URLS"] = {"schema": "/" + SCHEMA_URL, "annuel": "/" + PLAN_URL}

    def generate_output(self, writer):
        if self.plan is None:
            return
        annee = self.plan.annee_courante(retenus.now(self.settings).date())
        write = writer.write_file
        write(
            f"{SCHEMA_URL}index.html",
            self.get_template("accessibilite/schema"),
            self.context,
            plan=self.plan,
            page_url=SCHEMA_URL,
        )
        write(
            f"{PLAN_URL}index.html",
            self.get_template("accessibilite/plan"),
            self.context,
            plan=self.plan,
            annee=annee,
            page_url=PLAN_URL,
        )


def stop_if_wrong(generators):
    if _state["problems"]:
        raise StopBuild("le plan d'accessibilité est à corriger")


def add_generator(pelican):
    return PlanGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(stop_if_wrong)
