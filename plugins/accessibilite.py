"""The accessibility plans' pages (commune/plan_accessibilite.py), from the editors' file.

Writes ``/accessibilite/schema-pluriannuel/`` (the multi-year plan: its years, commitments
and every action by year) and ``/accessibilite/plan-annuel/`` (this year's actions, « this
year » being the build's: ``publication.retenus.now``). Without
``content/data/plan-accessibilite.toml`` nothing is written; the data_files plugin reads it
and stops the build on a mistake, naming the file, the entry and the field.
"""

from pelican import signals
from pelican.generators import Generator

from publication import retenus

SCHEMA_URL = "accessibilite/schema-pluriannuel/"
PLAN_URL = "accessibilite/plan-annuel/"


class PlanGenerator(Generator):
    def generate_context(self):
        # Read and checked with the other data files (plugins/data_files.py).
        self.plan = self.context.get("PLAN_ACCESSIBILITE")
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


def add_generator(pelican):
    return PlanGenerator


def register():
    signals.get_generators.connect(add_generator)
