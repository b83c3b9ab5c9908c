"""Error pages in French, in the site's layout. No error reaches a visitor as a bare page.

These are the app's defaults; a form's blueprint answers 429 and 503 with its form again
(formsvc/formulaire.py).
"""

import logging

from flask import render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from werkzeug.exceptions import HTTPException

from formsvc.limites import seconds_until_retry

log = logging.getLogger(__name__)

PAGES = {
    400: ("Demande incorrecte", ["Votre navigateur a envoyé une demande incompréhensible."]),
    503: (
        "Service momentanément indisponible",
        [
            "Le service ne peut pas enregistrer ni lire de données pour le moment. "
            "Réessayez dans quelques instants."
        ],
    ),
    "csrf": (
        "Action refusée",
        [
            "Cette action n'a pas pu être vérifiée : le jeton de sécurité de la page manque ou "
            "a expiré. Revenez à la page précédente, rechargez-la, puis recommencez."
        ],
    ),
    404: (
        "Page introuvable",
        [
            "Cette adresse ne correspond à aucune page. Elle est peut-être mal écrite, ou la "
            "page a été déplacée."
        ],
    ),
    405: ("Action impossible", ["Cette page ne peut pas être utilisée de cette façon."]),
    413: (
        "Envoi trop volumineux",
        [
            "Votre envoi dépasse la taille acceptée : le message est limité à 5 000 caractères. "
            "Raccourcissez-le, puis envoyez le formulaire à nouveau."
        ],
    ),
    429: (
        "Trop de demandes",
        ["Trop de demandes sont arrivées depuis votre connexion. Réessayez dans une minute."],
    ),
    500: (
        "Le service rencontre un problème",
        [
            "Une erreur de notre côté a empêché de traiter votre demande. Réessayez dans "
            "quelques minutes. Si le problème continue, contactez la mairie : ses coordonnées "
            "sont en bas de la page."
        ],
    ),
}


def error_page(code):
    titre, explications = PAGES.get(code, PAGES[500])
    retour = request.path if request.method == "POST" and code == 413 else None
    page = render_template(
        "erreurs/erreur.html",
        titre=titre,
        explications=explications,
        retour=retour,
        retour_texte="Revenir au formulaire",
    )
    return page, code


def too_many_requests(error):
    """Say when to retry (with Retry-After); a form's blueprint gives its form back instead."""
    seconds = seconds_until_retry()
    page, _ = error_page(429)
    return page, 429, {"Retry-After": str(seconds)}


def database_unavailable(error):
    """The database is down or restarting: nothing was read or stored, say so."""
    log.warning("database unavailable on %s %s: %s", request.method, request.path, error)
    page, _ = error_page(503)
    return page, 503, {"Retry-After": "30"}


def http_error(error):
    return error_page(error.code if error.code in PAGES else 400)


def unexpected_error(error):
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_page(500)


def csrf_refused(error):
    titre, explications = PAGES["csrf"]
    return render_template("erreurs/erreur.html", titre=titre, explications=explications), 400


def init_app(app):
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(SQLAlchemyTimeoutError, database_unavailable)
    app.register_error_handler(CSRFError, csrf_refused)
    app.register_error_handler(RateLimitExceeded, too_many_requests)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
