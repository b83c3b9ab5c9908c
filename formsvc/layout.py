"""formsvc renders its pages inside the site's own layout (theme/templates/base.html).

Its Jinja loader looks in formsvc/templates first (shipped in the package), then in the theme
of the checkout (SITE_ROOT: the same files the build used); the globals are the same site-wide
settings Pelican gives base.html (SITENAME, SITEURL, COMMUNE).
"""

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader

from commune import dates
from commune.assets import fingerprinted
from commune.typographie import FILTERS, TypographieExtension
from formsvc import contenu

TEMPLATES = Path(__file__).resolve().parent / "templates"


def init_app(app):
    theme = Path(app.config["SITE_ROOT"]) / "theme"
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(TEMPLATES)), FileSystemLoader(str(theme / "templates"))]
    )
    # The same whitespace rules as Pelican's environment (pelicanconf.JINJA_ENVIRONMENT).
    app.jinja_options = {**app.jinja_options, "trim_blocks": True, "lstrip_blocks": True}
    # French typography as in the build (plugins/typographie.py): the templates' own
    # text when they are compiled, values from code through the ``typeset`` filter.
    app.jinja_env.add_extension(TypographieExtension)
    app.jinja_env.filters.update(FILTERS, date_fr=dates.date_fr, datetime_fr=dates.datetime_fr)
    # The same URLs as the build's (plugins/fingerprint.py): nginx serves the copies.
    app.jinja_env.globals["asset"] = lambda relative: (
        "/theme/" + fingerprinted(theme / "static", relative)
    )
    app.context_processor(site_wide_settings)


def site_wide_settings():
    identity = contenu.commune()
    return {
        "SITENAME": identity.nom,
        "SITEURL": "",
        "COMMUNE": identity,
        # The service that answers (« Cabinet du maire »), named in pages and mails: the
        # commune's, from permanences.toml, never a word of the templates.
        "SERVICE": contenu.permanences().service,
        "ETAT_ACCESSIBILITE": contenu.etat_accessibilite(),
    }
