"""After the build: every internal link resolves, redirections hold, addresses are recorded.

See publication/sortie.py. ``CHECK_OUTPUT = False`` leaves it to the caller (the preview
runs it in the background, once it has written its pages). With Pelican's content cache,
what the link check learnt of each page is kept beside it (``CACHE_PATH/liens.pickle``): a
rebuild searches only the pages that changed.
"""

import logging
import pickle
from pathlib import Path

from pelican import signals

from publication import sources
from publication.sortie import finish

logger = logging.getLogger(__name__)


def check(pelican):
    if not pelican.settings.get("CHECK_OUTPUT", True):
        return
    # The pages of this build: one that an earlier build left in the folder does not count.
    pages, output = sources.rendered(), pelican.output_path
    settings = pelican.settings
    memory_file = Path(settings["CACHE_PATH"]) / "liens.pickle"
    memory = {}
    if settings.get("LOAD_CONTENT_CACHE") and memory_file.is_file():
        try:
            memory = pickle.loads(memory_file.read_bytes())
        except (pickle.UnpicklingError, EOFError, ValueError):
            memory = {}  # a damaged cache is only a slower check
    for problem in finish(output, settings, sources.pages(), pages=pages, memory=memory):
        logger.error(problem)
    if settings.get("CACHE_CONTENT"):
        memory_file.parent.mkdir(parents=True, exist_ok=True)
        memory_file.write_bytes(pickle.dumps(memory, protocol=pickle.HIGHEST_PROTOCOL))


def register():
    signals.finalized.connect(check)
