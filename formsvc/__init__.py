"""formsvc: the forms service of the site (« permanence en ligne »).

``flask --app formsvc run`` and the ``flask --app formsvc …`` commands find create_app here.
"""

import datetime
import importlib

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from formsvc import cli, config, contenu, db, errors, layout, limites, security
from formsvc.crypto import Cipher
from formsvc.parcours import JOURNEYS


def create_app(test_config=None):
    """Build the app: defaults, then FORMSVC_* environment variables, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True, static_folder=None, template_folder=None)
    settings = {**config.DEFAULTS, **config.from_environment(), **(test_config or {})}
    settings = config.finalize(settings, app.instance_path)
    app.config.update(security.flask_settings(production=settings["ENV"] == "production"))
    app.config.update(settings)
    app.config.setdefault("CLOCK", lambda: datetime.datetime.now(datetime.UTC))

    app.extensions["formsvc_cipher"] = Cipher(app.config["ENCRYPTION_KEYS"])
    contenu.init_app(app)
    layout.init_app(app)
    security.init_app(app)
    db.init_app(app)
    CSRFProtect(app)  # on every POST, but for the blueprints that exempt themselves
    limites.init_app(app)
    for journey in JOURNEYS:
        app.register_blueprint(importlib.import_module(journey).bp)
    errors.init_app(app)
    cli.init_app(app)
    return app
