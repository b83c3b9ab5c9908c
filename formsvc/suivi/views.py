"""The follow-up page (« suivi de demande »): reference, date sent, statuses, delay announced.

It shows no personal data and no content: whoever holds the link (forwarded mail, shared
computer) learns only where the request stands. The token is random (192 bits), found by
its hash; an unknown or revoked one gets the same 404 as any missing page, and guessing is
rate-limited (FORMSVC_RATELIMIT_SUIVI per client).
"""

from flask import Blueprint, abort, current_app, render_template

from commune import FORMSVC_PREFIX
from commune.permanences import PARIS
from formsvc import contenu, cycle, limites, vocabulaire
from formsvc.reference import grouped

bp = Blueprint("suivi", __name__, url_prefix=FORMSVC_PREFIX["suivi"])

HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token must not leave in a Referer header
    "X-Robots-Tag": "noindex, nofollow",
}


@bp.record_once
def protect(state):
    limites.limit(state.app, bp, "RATELIMIT_SUIVI", ["GET", "HEAD"])


@bp.after_request
def private(response):
    response.headers.update(HEADERS)  # on the 404 as on the page: nothing tells them apart
    return response


@bp.get("/<token>")
def demande(token):
    found = cycle.by_suivi_token(token)
    if found is None:
        abort(404)
    erased = found.anonymised_at
    return render_template(
        "suivi/demande.html",
        reference=grouped(found.reference),
        recue_le=found.received_at.astimezone(PARIS),
        type_demande=vocabulaire.request_type_label(found.kind),
        statut=vocabulaire.status_label(found.status, public=True),
        etapes=[] if erased else cycle.public_history(found),
        delai=contenu.seances().delai,
        echeance=found.due_on,
        attend_reponse=found.status in cycle.AWAITING_ANSWER,
        effacee_le=erased.astimezone(PARIS) if erased else None,
        retention_days=current_app.config["RETENTION_DAYS"],
    )
