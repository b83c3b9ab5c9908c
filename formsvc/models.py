"""The tables: requests to the mayor and the outbox of mails to send.

Personal fields are stored encrypted (``*_enc`` columns, Fernet tokens). Times are stored as
UTC; SQLite keeps no time zone, so UTCDateTime gives them back aware on every database.
"""

import datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow():
    return datetime.datetime.now(datetime.UTC)


class UTCDateTime(TypeDecorator):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime: pass an aware UTC datetime")
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=datetime.UTC)


class Base(DeclarativeBase):
    pass


class Demande(Base):
    """A resident's request: sent with a form of the site, or recorded by the office.

    Its life (statuses, history, due date, follow-up link, erasure) is formsvc/cycle.py's;
    its personal columns are listed once, in formsvc/donnees_personnelles.py.
    """

    __tablename__ = "demandes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(8), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="permanence")  # which form or service
    origin: Mapped[str] = mapped_column(String(16), default="web")  # web, telephone, courrier…
    received_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_on: Mapped[datetime.date | None] = mapped_column(Date)  # from the delay announced
    channel: Mapped[str] = mapped_column(String(16))  # answer wanted: courriel, telephone…
    name_enc: Mapped[str | None] = mapped_column(Text)  # None once anonymised (retention)
    email_enc: Mapped[str | None] = mapped_column(Text)
    phone_enc: Mapped[str | None] = mapped_column(Text)
    address_enc: Mapped[str | None] = mapped_column(Text)  # postal address (letters)
    subject_enc: Mapped[str | None] = mapped_column(Text)
    message_enc: Mapped[str | None] = mapped_column(Text)
    # The follow-up link's token: found by its SHA-256 (kept after erasure, so that the link
    # can say when the request was erased), readable by the office to print it again.
    suivi_hash: Mapped[str | None] = mapped_column(String(64))
    suivi_enc: Mapped[str | None] = mapped_column(Text)
    suivi_revoked_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        Index("ix_demandes_received_at", "received_at"),
        UniqueConstraint("suivi_hash", name="uq_demandes_suivi_hash"),
    )
    # Received during an online office hour; the column keeps its first name (no migration
    # for a word: « session » now means a web session only).
    during_creneau: Mapped[bool] = mapped_column("during_session", Boolean, default=False)
    suspect: Mapped[bool] = mapped_column(Boolean, default=False)
    suspect_reason: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="nouvelle")
    closed_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    anonymised_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)


class Brouillon(Base):
    """What a resident typed in a form that came back with errors, kept while they correct it.

    The form answers every POST with a redirect (Back never re-sends nor hits a browser
    error page); this is where the typed text waits, encrypted, for the page that follows.
    """

    __tablename__ = "brouillons"
    __table_args__ = (UniqueConstraint("key_hash", name="uq_brouillons_key_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the session's key
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    data_enc: Mapped[str | None] = mapped_column(Text)


class AffichageUtilise(Base):
    """A form display (its signed ``affiche`` nonce) already used by a submission.

    The fill-time check accepts a display once: a token captured and sent again (by a robot
    or a scanner) is recognised here, whatever the session or the worker.
    """

    __tablename__ = "affichages_utilises"
    __table_args__ = (UniqueConstraint("nonce_hash", name="uq_affichages_nonce"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nonce_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The request it sent: a second click on the same display shows that request again.
    reference: Mapped[str | None] = mapped_column(String(8))


class OutboxMail(Base):
    """A mail waiting to be sent by the outbox worker, written in the request's transaction."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demande_id: Mapped[int | None] = mapped_column(ForeignKey("demandes.id"))
    demande: Mapped["Demande | None"] = relationship()
    kind: Mapped[str] = mapped_column(String(32))  # "notification_cabinet", "accuse_reception"
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    payload_enc: Mapped[str | None] = mapped_column(Text)  # the whole message, encrypted
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_until: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)


class Utilisateur(Base):
    """An office user of the back-office; accounts are made from the command line only."""

    __tablename__ = "utilisateurs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    # The second factor (formsvc/comptes/double_facteur.py): the TOTP secret, encrypted; it
    # opens nothing until confirmed with a code (at the command line or the first sign-in).
    totp_secret_enc: Mapped[str | None] = mapped_column(Text)
    totp_confirmed_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    # The time step (30 s) of the last code accepted: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)


class SessionGestion(Base):
    """A signed-in session, kept server-side so that logout and idle timeout really end it."""

    __tablename__ = "sessions_gestion"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the cookie's
    user_id: Mapped[int] = mapped_column(ForeignKey("utilisateurs.id"))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Evenement(Base):
    """One step in a request's history: an answer, a call, a note, a status or flag change."""

    __tablename__ = "evenements"
    __table_args__ = (Index("ix_evenements_demande", "demande_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demande_id: Mapped[int] = mapped_column(ForeignKey("demandes.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("utilisateurs.id"))
    at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))  # formsvc/cycle.py EVENTS
    detail: Mapped[str | None] = mapped_column(String(200))  # no personal data: a status code…
    called_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    text_enc: Mapped[str | None] = mapped_column(Text)  # the answer or note, encrypted


class Audit(Base):
    """Who viewed or acted on what, when. Append-only: the database refuses changes."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(8))
    detail: Mapped[str | None] = mapped_column(String(200))


class VisitePortail(Base):
    """How many times a portal link was followed on a day: no IP, no cookie, nothing else."""

    __tablename__ = "visites_portail"
    __table_args__ = (UniqueConstraint("slug", "jour"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100))
    jour: Mapped[datetime.date] = mapped_column(Date)
    nombre: Mapped[int] = mapped_column(Integer, default=0)


class CodeSecours(Base):
    """A one-time recovery code of an office account, for a sign-in without the phone.

    Kept as its SHA-256 only (each code has about 79 random bits: the hash cannot be
    reversed by trying them all); ``used_at`` set once it has opened a sign-in.
    """

    __tablename__ = "codes_secours"
    __table_args__ = (UniqueConstraint("user_id", "code_hash", name="uq_codes_secours"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("utilisateurs.id"))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
