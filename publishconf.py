"""Production values for www.arras.fr; everything else comes from pelicanconf.py."""

import sys
from pathlib import Path

# Pelican loads this file by path; pelicanconf.py sits beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

SITE_ORIGIN = "https://www.arras.fr"
FEED_DOMAIN = SITE_ORIGIN
DELETE_OUTPUT_DIRECTORY = True  # no stale page survives a publish
LOAD_CONTENT_CACHE = False  # a publish always reads every file again
PUBLICATION = True  # no draft, no article dated in the future (plugins/scheduling.py)
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""  # and nothing under /drafts/ either
