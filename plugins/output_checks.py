"""After the build: every internal link resolves, redirections hold, addresses are recorded.

See publication/sortie.py. ``CHECK_OUTPUT = False`` leaves it to the caller (the preview
runs it in the background, once it has written its pages).
"""

import logging

from pelican import signals

from publication import sources
from publication.sortie import finish

logger = logging.getLogger(__name__)


def check(pelican):
    if not pelican.settings.get("CHECK_OUTPUT", True):
        return
    for problem in finish(pelican.output_path, pelican.settings, sources.pages()):
        logger.error(problem)


def register():
    signals.finalized.connect(check)
