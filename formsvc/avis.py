"""Notices to the office (« avis au cabinet »): one mail per request, but never a storm.

The first request after a quiet spell is notified at once. Requests arriving within
FORMSVC_OFFICE_NOTIFY_MINUTES of the last notice wait; at the end of that time the outbox
worker queues one digest saying how many arrived, with their references. A flood (or a
scanner, as in the security test of issue 14) thus sends the office at most one mail per
few minutes. Notices hold references and links only, never personal data.
"""

import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from formsvc import mails
from formsvc.db import get_db
from formsvc.models import Demande, OutboxMail

# The outbox kinds of the notices to the office: the window counts from the last of them.
NOTICE_MAILS = ("notification_cabinet", "resume_cabinet")


def _window():
    return datetime.timedelta(minutes=current_app.config["OFFICE_NOTIFY_MINUTES"])


def _last_notice():
    return get_db().scalar(
        select(OutboxMail)
        .where(OutboxMail.kind.in_(NOTICE_MAILS))
        .order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
        .limit(1)
    )


def notify_now(now):
    """Whether a new request is notified at once (no notice within the window)."""
    last = _last_notice()
    return last is None or now - last.created_at >= _window()


def _waiting(last):
    """Requests the office has not heard of: sent on the site since the last notice's
    request, not suspect (the office records the others itself)."""
    return select(Demande).where(
        Demande.id > (last.demande_id or 0),
        Demande.origin == "web",
        Demande.suspect.is_(False),
    )


def queue_digest(now):
    """Queue the digest of the requests that waited, when the window is over; return how
    many it lists (0: nothing queued). Several workers may call it: the digest's
    Message-ID names the notice it follows, so only one is queued."""
    db = get_db()
    last = _last_notice()
    if last is None or now - last.created_at < _window():
        return 0
    waiting = db.scalars(_waiting(last).order_by(Demande.id)).all()
    if not waiting:
        return 0
    db.add(mails.office_digest(waiting, since=last, key=f"resume-{last.id}"))
    try:
        db.commit()
    except IntegrityError:  # another worker queued it first
        db.rollback()
        return 0
    return len(waiting)
