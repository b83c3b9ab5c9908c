"""Recording a request received by phone, by letter or at the counter, in the same inbox.

It gets what a web request gets (formsvc/cycle.py create): reference, encryption, due
date, follow-up link, statuses, retention; the acknowledgement by mail when an address is
given, and always a page to print and post or hand over.
"""

from flask import flash, redirect, render_template, request, url_for

from commune.permanences import PARIS
from formsvc import cycle, donnees_personnelles, vocabulaire
from formsvc.comptes import audit
from formsvc.db import get_db
from formsvc.gestion import reprise
from formsvc.gestion.blueprint import bp
from formsvc.gestion.forms import SaisieForm


@bp.route("/demandes/nouvelle", methods=["GET", "POST"])
def saisie():
    if request.method == "GET":
        kept = reprise.take()
        if kept is not None:  # sent after the session's end: back as typed, not recorded
            form = SaisieForm(formdata=kept["champs"])
            return render_template("gestion/saisie.html", form=form, reprise=kept)
        form = SaisieForm()
        form.recue_le.data = cycle.today().isoformat()
        return render_template("gestion/saisie.html", form=form)
    form = SaisieForm()
    if not form.validate():
        return render_template("gestion/saisie.html", form=form), 422
    received_at = form.recue_le.moment.replace(tzinfo=PARIS)
    now = cycle.now().astimezone(PARIS)
    if form.recue_le.date_only:
        # A date alone: now if it is today, else noon (the day stays the same in any zone).
        same_day = received_at.date() == now.date()
        received_at = now if same_day else received_at.replace(hour=12)
    if received_at > now:
        form.recue_le.errors = ["La date de réception ne peut pas être dans le futur"]
        return render_template("gestion/saisie.html", form=form), 422
    demande, _token = cycle.create(
        kind="permanence",
        origin=form.origine.data,
        channel=form.canal.data,
        personal={name: form[name].data for name in donnees_personnelles.FIELDS},
        received_at=received_at,
        notify_office=False,  # the office is the one recording it
    )
    audit.record("saisie", demande.reference, vocabulaire.ORIGINS[demande.origin])
    get_db().commit()
    flash(
        "Demande enregistrée. "
        + (
            "L'accusé de réception part par courriel ; "
            if form.courriel.data
            else "Aucun courriel n'est parti : "
        )
        + "imprimez l'accusé de réception pour l'envoyer par courrier ou le remettre."
    )
    return redirect(url_for("gestion.demande", reference=demande.reference), code=303)
