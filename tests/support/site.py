"""Building the site as the tests do: Pelican with fatal warnings, into a folder of theirs."""

import contextlib
import logging
from pathlib import Path

from pelican import Pelican
from pelican.log import FatalLogger
from pelican.settings import read_settings

from tests.support import ROOT


@contextlib.contextmanager
def fatal_warnings():
    """Make any Pelican warning or error raise, as ``pelican --fatal warnings`` does."""
    previous = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.WARNING
    try:
        yield
    finally:
        FatalLogger.fatal_lvl = previous


def build_site(output, settings_file=ROOT / "pelicanconf.py", **override):
    """Build the site into ``output`` with fatal warnings; return the output folder."""
    override.setdefault("OUTPUT_PATH", str(output))
    override.setdefault("CACHE_PATH", str(Path(output).parent / (Path(output).name + "-cache")))
    override.setdefault("LOAD_CONTENT_CACHE", False)
    settings = read_settings(str(settings_file), override=override)
    with fatal_warnings():
        Pelican(settings).run()
    return Path(output)
