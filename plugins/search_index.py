"""Indexes the built site with Pagefind after each build (``SEARCH_INDEX = True``).

Only what templates mark ``data-pagefind-body`` (article and page bodies) is indexed, so
listings, menus and footers do not pollute results.
"""

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def index(pelican):
    if not pelican.settings.get("SEARCH_INDEX"):
        return
    command = [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"l'indexation Pagefind a échoué :\n{result.stdout}{result.stderr}")
    logger.info("Index de recherche Pagefind écrit dans %s/pagefind", pelican.output_path)


def register():
    signals.finalized.connect(index)
