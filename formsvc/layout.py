"""formsvc renders its pages inside the site's own layout (theme/templates/base.html).

Its Jinja loader looks in formsvc/templates first, then in the theme; the globals are the
same site-wide settings Pelican gives base.html (SITENAME, SITEURL, COMMUNE).
"""

from jinja2 import ChoiceLoader, FileSystemLoader

from commune import dates
from commune.assets import fingerprinted
from commune.typographie import FILTERS, TypographieExtension
from formsvc import contenu
from formsvc.config import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "formsvc" / "templates"
THEME_TEMPLATES = PROJECT_ROOT / "theme" / "templates"
THEME_STATIC = PROJECT_ROOT / "theme" / "static"


def init_app(app):
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(TEMPLATES)), FileSystemLoader(str(THEME_TEMPLATES))]
    )
    # The same whitespace rules as Pelican's environment (pelicanconf.JINJA_ENVIRONMENT).
    app.jinja_options = {**app.jinja_options, "trim_blocks": True, "lstrip_blocks": True}
    # French typography as in the build (plugins/french_typography.py): the templates' own
    # text when they are compiled, values from code through the ``typeset`` filter.
    app.jinja_env.add_extension(TypographieExtension)
    app.jinja_env.filters.update(FILTERS, date_fr=dates.date_fr, datetime_fr=dates.datetime_fr)
    # The same URLs as the build's (plugins/fingerprint.py): nginx serves the copies.
    app.jinja_env.globals["asset"] = lambda relative: (
        "/theme/" + fingerprinted(THEME_STATIC, relative)
    )
    app.context_processor(site_wide_settings)


def site_wide_settings():
    identity = contenu.commune()
    return {"SITENAME": identity.nom, "SITEURL": "", "COMMUNE": identity}
