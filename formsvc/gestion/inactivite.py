"""The idle timeout, announced before it ends the session (RGAA 13.1, WCAG 2.2.1).

Every back-office page of a signed-in agent carries the seconds its session has left, as the
server counts them (from ``sessions_gestion.last_seen_at``, which is updated once a minute at
most), and a dialog hidden until theme/static/js/session-gestion.js shows it. WARNING_SECONDS
before the end, the script asks GET /gestion/session how long is left (the agent may have
worked in another tab meanwhile): asking is no activity, so a page left open still ends its
session. If the end is near, the dialog says at what time it will come and offers « Rester
connecté », a POST of the page's CSRF token to /gestion/session/prolonger, which counts as
activity. At the end, the dialog says the session ended, and that a form sent now is kept
until the agent signs in again (formsvc/gestion/reprise.py).

Without a session, both routes answer 401 in JSON (formsvc/gestion/auth.py). Without
JavaScript, nothing is shown and the pages work as before.
"""

import datetime

from flask import current_app, g, jsonify, request

from formsvc.db import get_db
from formsvc.gestion import reprise
from formsvc.gestion.auth import after_sign_in
from formsvc.gestion.blueprint import bp
from formsvc.gestion.forms import ActionForm
from formsvc.gestion.sessions import now

# How long before the end the warning comes: time to notice it and answer (WCAG asks for
# 20 seconds at least), never more than half of a short idle time.
WARNING_SECONDS = 120


def idle_seconds():
    return current_app.config["GESTION_IDLE_MINUTES"] * 60


def seconds_left():
    """Seconds until the signed-in agent's session ends, if nothing happens meanwhile."""
    ends = g.session_row.last_seen_at + datetime.timedelta(seconds=idle_seconds())
    return max(0, int((ends - now()).total_seconds()))


@bp.context_processor
def session_timing():
    """For gestion/layout.html: the seconds left, and how long before the end to warn."""
    if g.get("session_row") is None:
        return {}
    return {
        "session_restante": seconds_left(),
        "session_avance": min(WARNING_SECONDS, idle_seconds() // 2),
        "session_duree": current_app.config["GESTION_IDLE_MINUTES"],
        "session_suite": after_sign_in(),  # « Se connecter à nouveau » comes back here
        # This page holds a form that is kept when sent after the end: the dialog says so.
        "session_garde": request.endpoint in reprise.PAGES
        or request.endpoint in reprise.PAGES.values(),
    }


@bp.route("/session")
def session():
    """The seconds left, without extending them."""
    return jsonify(connecte=True, restant=seconds_left())


@bp.route("/session/prolonger", methods=["POST"])
def prolonger():
    """« Rester connecté »: the session starts its idle time again, as after a page."""
    ActionForm()  # CSRF is checked by CSRFProtect before the view runs
    g.session_row.last_seen_at = now()
    get_db().commit()
    return jsonify(connecte=True, restant=seconds_left())
