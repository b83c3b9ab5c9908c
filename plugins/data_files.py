"""The editors' data files (``content/data/*.toml``) in the build's template context.

``PORTAIL`` (the « Arras famille » démarches) is checked before anything is written: a
duplicate slug, a missing field or a non-https address stops the build, naming the file, the
entry and the field, exactly as formsvc refuses to start on the same file.
"""

import logging
import os

from pelican import signals

from commune import demarches
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
        _context["PORTAIL"] = demarches.load(os.path.join(folder, "demarches.toml"))
    except DataError as error:
        shown = DataError(
            os.path.relpath(error.path, root), error.problem, error.field, error.entry
        )
        logger.error(str(shown))
        raise DataFileError(str(shown)) from None


def add_to_context(generator):
    generator.context.update(_context)


def register():
    signals.initialized.connect(load)
    signals.generator_init.connect(add_to_context)
