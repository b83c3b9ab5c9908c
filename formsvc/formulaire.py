"""What every resident form's blueprint gets by being declared here (the kit a new form reuses).

``form_blueprint`` makes the blueprint and, when the app registers it:
- exempts it from the app-wide CSRF check: the form checks its own token, to give the form
  back with the text kept instead of a bare 400;
- limits its POSTs per client (FORMSVC_RATELIMIT_POST);
- answers a 429 or an unavailable database with the form again, text kept, and when to retry;
- checks that its kind of request is declared (formsvc/parcours.py), so that storage,
  encryption, outbox, follow-up link and the office's inbox work for it.
docs/architecture.md gives the steps; tests/formsvc/test_formulaire_kit.py proves them.
"""

import logging

from flask import Blueprint, request
from flask_limiter.errors import RateLimitExceeded
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from formsvc import errors, limites
from formsvc.parcours import REQUEST_TYPES

log = logging.getLogger(__name__)


def form_blueprint(name, import_name, *, url_prefix, kind, form_class, render_form):
    """A blueprint for a resident form.

    ``render_form(form, status=200, retry_after=None, unavailable=False)`` returns the
    form's page; ``form_class()`` reads the POST being answered (the text kept).
    """
    bp = Blueprint(name, import_name, url_prefix=url_prefix)

    @bp.record_once
    def declared(_state):
        if kind not in REQUEST_TYPES:
            raise ValueError(f"kind of request {kind!r} not declared in formsvc/parcours.py")

    @bp.record_once
    def protect(state):
        state.app.extensions["csrf"].exempt(bp)
        limites.limit_posts(state.app, bp)

    def too_many_requests(_error):
        seconds = limites.seconds_until_retry()
        page, _ = render_form(form_class(), retry_after=limites.in_words(seconds))
        return page, 429, {"Retry-After": str(seconds)}

    def database_unavailable(error):
        if request.method != "POST":
            return errors.database_unavailable(error)  # there is no text to keep
        log.warning("database unavailable on POST %s: %s", request.path, error)
        page, _ = render_form(form_class(), unavailable=True)
        return page, 503, {"Retry-After": "30"}

    bp.register_error_handler(RateLimitExceeded, too_many_requests)
    bp.register_error_handler(OperationalError, database_unavailable)
    bp.register_error_handler(SQLAlchemyTimeoutError, database_unavailable)
    return bp
