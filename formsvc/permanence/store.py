"""Recording a request: the row and its outbox mails in one transaction."""

from flask import current_app
from sqlalchemy.exc import IntegrityError

from formsvc import mails
from formsvc.db import get_session
from formsvc.models import Demande
from formsvc.reference import new_reference


def record(form, *, received_at, during_session, suspect_reason):
    """Commit the request and its mails, then return it; retries on a reference collision."""
    cipher = current_app.extensions["formsvc_cipher"]
    by_email = form.canal.data == "courriel"
    for _attempt in range(5):
        session = get_session()
        demande = Demande(
            reference=new_reference(),
            received_at=received_at,
            channel=form.canal.data,
            # Only the contact the resident chose is kept: the other field is not needed.
            name_enc=cipher.encrypt(form.nom.data),
            email_enc=cipher.encrypt(form.courriel.data) if by_email else None,
            phone_enc=None if by_email else cipher.encrypt(form.telephone.data),
            subject_enc=cipher.encrypt(form.objet.data or None),
            message_enc=cipher.encrypt(form.message.data),
            during_session=during_session,
            suspect=suspect_reason is not None,
            suspect_reason=suspect_reason,
            status="nouvelle",
        )
        outgoing = []
        if not demande.suspect:  # no mail to an address a robot typed, nor to the office
            outgoing.append(mails.office_notification(demande))
            if by_email:
                outgoing.append(mails.acknowledgement(demande, form.courriel.data))
        session.add_all([demande, *outgoing])
        try:
            session.commit()  # the request and its mails, together or not at all
            return demande
        except IntegrityError:
            session.rollback()  # the same reference drawn twice: draw again
    raise RuntimeError("no unique reference after 5 draws")
