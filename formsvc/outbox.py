"""The outbox worker: sends queued mails through SMTP, with retries and backoff.

A mail is claimed (a lease, ``claimed_until``; see ``claim``), sent, then marked sent in its
own transaction: a worker that is
stopped or restarted never sends a mail that is already marked sent. The one window left is a
crash between the SMTP server's "250 OK" and that commit; the mail's Message-ID stays the same
on the retry, so a duplicate can be recognised.
"""

import datetime
import email
import email.policy
import logging
import random
import smtplib
import time

from flask import current_app
from sqlalchemy import or_, select, update

from formsvc import avis
from formsvc.db import get_db
from formsvc.models import OutboxMail

log = logging.getLogger(__name__)
LEASE = datetime.timedelta(minutes=10)  # longer than a pass: 20 mails, each with its timeout
MAX_DELAY = 3600  # seconds: retries never wait more than an hour


def backoff(attempts, base):
    """Delay before try ``attempts + 1``: doubling from ``base``, capped, with ±20 % jitter."""
    delay = min(base * 2 ** (attempts - 1), MAX_DELAY)
    return datetime.timedelta(seconds=delay * random.uniform(0.8, 1.2))


class Mailer:
    """One SMTP connection, opened at the first mail of a pass."""

    def __init__(self, config):
        self.config, self.smtp = config, None

    def send(self, message):
        if self.smtp is None:
            self.smtp = self._connect()
        self.smtp.send_message(message)

    def _connect(self):
        c = self.config
        cls = smtplib.SMTP_SSL if c["SMTP_TLS"] == "ssl" else smtplib.SMTP
        smtp = cls(c["SMTP_HOST"], c["SMTP_PORT"], timeout=c["SMTP_TIMEOUT"])
        if c["SMTP_TLS"] == "starttls":
            smtp.starttls()
        if c["SMTP_USERNAME"]:
            smtp.login(c["SMTP_USERNAME"], c["SMTP_PASSWORD"])
        return smtp

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None


def claim(db, now, limit):
    """Claim up to ``limit`` due mails for this worker; return their ids.

    On PostgreSQL, ``FOR UPDATE SKIP LOCKED`` lets several workers pick disjoint rows without
    waiting for each other; SQLite ignores it (one writer at a time) and the compare-and-set
    UPDATE below is what keeps two workers from taking the same row, on both databases.
    """
    due = db.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.status == "pending",
            OutboxMail.next_attempt_at <= now,
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .order_by(OutboxMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    claimed = []
    for mail_id in due:
        result = db.execute(
            update(OutboxMail)
            .where(
                OutboxMail.id == mail_id,
                OutboxMail.status == "pending",
                or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
            )
            .values(claimed_until=now + LEASE)
        )
        if result.rowcount == 1:
            claimed.append(mail_id)
    db.commit()
    return claimed


def release(db, mail_ids):
    """Give back claimed mails this pass did not get to (the SMTP server went away)."""
    if mail_ids:
        db.execute(
            update(OutboxMail)
            .where(OutboxMail.id.in_(mail_ids), OutboxMail.status == "pending")
            .values(claimed_until=None)
        )
        db.commit()


def _permanent(error):
    """A 5xx answer will not change on retry; a timeout or a 4xx may."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def send_due(limit=20):
    """Send the mails that are due; return the counts {"sent", "retry", "failed"}."""
    config = current_app.config
    cipher = current_app.extensions["formsvc_cipher"]
    db = get_db()
    now = config["CLOCK"]()
    avis.queue_digest(now)  # the office's digest, when requests waited for it
    pending = claim(db, now, limit)
    counts = {"sent": 0, "retry": 0, "failed": 0}
    mailer = Mailer(config)
    try:
        while pending:
            mail = db.get(OutboxMail, pending.pop(0), populate_existing=True)
            message = email.message_from_string(
                cipher.decrypt(mail.payload_enc), policy=email.policy.default
            )
            try:
                mailer.send(message)
            except (smtplib.SMTPException, OSError) as error:  # OSError covers timeouts
                mailer.close()
                counts[_failed_attempt(mail, error, now, config)] += 1
                db.commit()
                if not _permanent(error):
                    break  # the server is unreachable: leave the others for the next pass
                continue
            mail.status, mail.sent_at, mail.claimed_until = "sent", config["CLOCK"](), None
            mail.attempts += 1
            db.commit()
            counts["sent"] += 1
    finally:
        mailer.close()
        release(db, pending)
    return counts


def _failed_attempt(mail, error, now, config):
    """Record a failed try: retry later with backoff, or fail for good; return which."""
    mail.attempts += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:1000]
    mail.claimed_until = None
    if _permanent(error) or mail.attempts >= config["OUTBOX_MAX_ATTEMPTS"]:
        mail.status = "failed"
        log.error("outbox: mail %s failed for good: %s", mail.id, mail.last_error)
        return "failed"
    mail.next_attempt_at = now + backoff(mail.attempts, config["OUTBOX_BACKOFF_SECONDS"])
    log.warning("outbox: mail %s will be retried: %s", mail.id, mail.last_error)
    return "retry"


def run(should_stop, poll_seconds, batch=20):
    """Send due mails until ``should_stop()``; finishes the current mail before stopping."""
    while not should_stop():
        counts = send_due(batch)
        if any(counts.values()):
            log.info("outbox: %s", counts)
        if counts["sent"] == batch:
            continue  # a full batch went out: more may be waiting, no pause
        deadline = time.monotonic() + poll_seconds
        while not should_stop() and time.monotonic() < deadline:
            time.sleep(0.1)
