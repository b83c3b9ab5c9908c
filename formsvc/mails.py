"""The mails formsvc sends, composed with EmailMessage and queued in the outbox.

Headers are built by ``email.message.EmailMessage``, which refuses CR/LF in a header value:
nothing a resident types can add a header. Mails come From the city's own address, with
Reply-To the office, never From the resident (DMARC would drop them).
"""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from flask import current_app, render_template

from commune.dates import date_fr, datetime_fr
from commune.permanences import PARIS
from commune.typographie import typeset
from formsvc import contenu, vocabulaire
from formsvc.models import OutboxMail
from formsvc.reference import grouped


def _message(to, subject, body, *, reply_to=None, key=None):
    """The mail; ``key`` makes its Message-ID fixed, so that it can be queued once only."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = subject
    message["Date"] = format_datetime(current_app.config["CLOCK"]())
    domain = config["MAIL_FROM"].rpartition("@")[2]
    message["Message-ID"] = f"<{key}@{domain}>" if key else make_msgid(domain=domain)
    # Quoted-printable keeps French text readable and avoids the 8-bit re-encoding that
    # as_string() otherwise does by copying the message (bench/formsvc.py: ~3x cheaper).
    message.set_content(body, cte="quoted-printable")
    return message


def _outbox_mail(demande, kind, to, subject, *, reply_to=None, **extra):
    """Compose the mail from ``mails/<kind>.txt``, encrypted, as an outbox row for ``demande``.

    Composing is CPU work: it is done before the transaction that writes the row, so that the
    database's write lock (one writer at a time on SQLite) covers only the INSERTs.
    """
    context = {**_context(demande), **extra}
    body = render_template(f"mails/{kind}.txt", **context)
    subject = typeset(subject.format(**context), html=False)
    return _queued(_message(to, subject, body, reply_to=reply_to), kind, demande=demande)


def _queued(message, kind, **link):
    """The outbox row of ``message``, encrypted; ``link``: demande= or demande_id=."""
    now = current_app.config["CLOCK"]()
    return OutboxMail(
        kind=kind,
        message_id=message["Message-ID"],
        payload_enc=current_app.extensions["formsvc_cipher"].encrypt(message.as_string()),
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,  # the office notices' window (formsvc/avis.py) counts on this clock
        **link,
    )


def _context(demande):
    return {
        "reference": grouped(demande.reference),
        "recue_le": datetime_fr(demande.received_at.astimezone(PARIS)),
        "echeance": date_fr(demande.due_on, "EEEE d MMMM y") if demande.due_on else None,
        "demande": demande,
        "type_demande": vocabulaire.request_type_label(demande.kind),
        "origine": vocabulaire.ORIGINS.get(demande.origin, demande.origin),
        "commune": contenu.commune(),
        "permanences": contenu.seances(),
        "public_url": current_app.config["PUBLIC_URL"].rstrip("/"),
        "office_email": current_app.config["OFFICE_EMAIL"],
    }


def office_notification(demande):
    """Tell the office a request arrived: the reference and a link, no personal data."""
    office = current_app.config["OFFICE_EMAIL"]
    subject = "Nouvelle demande {reference} ({type_demande})"
    return _outbox_mail(demande, "notification_cabinet", office, subject)


def office_digest(demandes, since, key):
    """One mail for the requests that arrived since the last notice (formsvc/avis.py)."""
    config = current_app.config
    body = render_template(
        "mails/resume_cabinet.txt",
        demandes=[
            {
                "reference": grouped(d.reference),
                "cle": d.reference,
                "recue_le": datetime_fr(d.received_at.astimezone(PARIS)),
            }
            for d in demandes
        ],
        depuis=datetime_fr(since.created_at.astimezone(PARIS)),
        public_url=config["PUBLIC_URL"].rstrip("/"),
    )
    count = len(demandes)
    subject = f"{count} nouvelle{'s' if count > 1 else ''} demande{'s' if count > 1 else ''}"
    message = _message(config["OFFICE_EMAIL"], typeset(subject, html=False), body, key=key)
    # Linked to the last request listed: the next digest starts after it.
    return _queued(message, "resume_cabinet", demande_id=demandes[-1].id)


def acknowledgement(demande, email, suivi_url):
    """The resident's « accusé de réception électronique » (CRPA, art. L112-11 and R112-11-1),
    with the private follow-up link."""
    office = current_app.config["OFFICE_EMAIL"]
    subject = "Accusé de réception de votre demande {reference}"
    return _outbox_mail(
        demande, "accuse_reception", email, subject, reply_to=office, lien_suivi=suivi_url
    )


def answer(demande, email, text):
    """The office's answer to the resident, From the city with Reply-To the office."""
    office = current_app.config["OFFICE_EMAIL"]
    subject = "Réponse à votre demande {reference}"
    return _outbox_mail(demande, "reponse", email, subject, reply_to=office, texte=text)


def deadlines_digest(day, overdue, due_soon):
    """The office's daily list of requests overdue or due within 3 days: references, dates
    and statuses only. Its Message-ID is the day's, so that it is queued once a day at most."""
    if not overdue and not due_soon:
        return None
    config = current_app.config
    body = render_template(
        "mails/rappel_echeances.txt",
        jour=date_fr(day, "EEEE d MMMM y"),
        en_retard=overdue,
        bientot=due_soon,
        public_url=config["PUBLIC_URL"].rstrip("/"),
        commune=contenu.commune(),
    )
    subject = f"Demandes à traiter : {len(overdue)} en retard, {len(due_soon)} sous 3 jours"
    key = f"echeances-{day.isoformat()}"
    message = _message(config["OFFICE_EMAIL"], typeset(subject, html=False), body, key=key)
    return _queued(message, "rappel_echeances")
