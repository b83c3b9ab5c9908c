"""Exempleville's settings: the kit's pelicanconf.py, with what differs for another commune.

Named apart from pelicanconf.py: Pelican loads a settings file as a module named after it,
and `from pelicanconf import *` would then import this file itself.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent  # the kit: pelicanconf.py, theme/, plugins/
sys.path.insert(0, str(ROOT))
from pelicanconf import *  # noqa: E402, F403

PATH = str(HERE / "content")
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
SITE_ORIGIN = "http://127.0.0.1:8000"
FEED_DOMAIN = SITE_ORIGIN
# Never changed once calendars subscribe (see the kit's pelicanconf.py).
AGENDA_UID_DOMAIN = "www.exempleville.example"
