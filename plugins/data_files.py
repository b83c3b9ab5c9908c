"""The editors' data files (``content/data/*.toml``) in the build's settings and context.

Read from the content folder being built (``PATH``), so that a copy of content/ or another
commune's builds with its own: ``commune.toml`` gives ``COMMUNE`` (and ``SITENAME``),
``demarches.toml`` gives ``PORTAIL``, ``accessibilite.toml`` (if any) the RGAA grid
``ACCESSIBILITE`` and its status ``ETAT_ACCESSIBILITE``, ``plan-accessibilite.toml`` (if any)
``PLAN_ACCESSIBILITE``, and ``permanences.toml`` is checked.
Each is checked before anything is written: a mistake stops the build, naming the file, the
entry and the field, exactly as formsvc refuses to start on the same file. Once the pages
are read, the page that ``demarches.toml`` names as the portal's (``page``) must exist:
formsvc links to it from every /portail/ page.
"""

import logging
import os

from pelican import signals

from commune import accessibilite, demarches, identity, permanences, plan_accessibilite
from commune.datafiles import DataError

logger = logging.getLogger(__name__)
_context = {}


class DataFileError(Exception):
    """Raised to stop the build on an invalid data file."""


def load(pelican):
    _context.clear()
    folder = os.path.join(pelican.settings["PATH"], "data")
    root = os.path.dirname(os.path.abspath(pelican.settings["PATH"]))
    try:
        commune = identity.load(os.path.join(folder, "commune.toml"))
        pelican.settings.update(COMMUNE=commune, SITENAME=commune.nom, AUTHOR=commune.nom)
        _context["PORTAIL"] = demarches.load(os.path.join(folder, "demarches.toml"))
        permanences.load(os.path.join(folder, "permanences.toml"))
        # The RGAA grid (optional: without it nothing is declared, the site is « non
        # conforme »): the declaration's page and every page's footer show its status.
        grid_path = os.path.join(folder, "accessibilite.toml")
        grid = accessibilite.load(grid_path) if os.path.isfile(grid_path) else None
        _context["ACCESSIBILITE"] = grid
        _context["ETAT_ACCESSIBILITE"] = accessibilite.etat_declare(grid)
        plan_path = os.path.join(folder, "plan-accessibilite.toml")
        _context["PLAN_ACCESSIBILITE"] = (
            plan_accessibilite.load(plan_path) if os.path.isfile(plan_path) else None
        )
    except DataError as error:
        shown = DataError(
            os.path.relpath(error.path, root), error.problem, error.field, error.entry
        )
        logger.error(str(shown))
        raise DataFileError(str(shown)) from None


def add_to_context(generator):
    generator.context.update(_context)


def check_portal_page(generators):
    """The portal's page of demarches.toml is one the build writes (formsvc links to it)."""
    portail = _context.get("PORTAIL")
    if portail is None:
        return
    pages = next((g for g in generators if hasattr(g, "hidden_pages")), None)
    if pages is None:
        return
    wanted = portail.page.lstrip("/")
    every = pages.pages + pages.hidden_pages + getattr(pages, "draft_pages", [])
    if any(page.url == wanted for page in every):
        return
    settings = pages.settings
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    path = os.path.relpath(os.path.join(settings["PATH"], "data", "demarches.toml"), root)
    problem = DataError(
        path,
        f"aucune page du site n'a l'adresse « {portail.page} » : écrivez la page qui présente "
        "le portail (avec « Template: portail ») ou corrigez cette adresse",
        field="page",
    )
    logger.error(str(problem))
    raise DataFileError(str(problem))


def register():
    signals.initialized.connect(load)
    signals.generator_init.connect(add_to_context)
    signals.all_generators_finalized.connect(check_portal_page)
