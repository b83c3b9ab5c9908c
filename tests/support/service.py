"""formsvc's stored rows, and one pass of its outbox worker."""

from sqlalchemy import select

from formsvc import outbox
from formsvc.db import get_db


def rows(app, model, **where):
    """The rows of ``model`` (filtered by ``where``), oldest first."""
    with app.app_context():
        query = select(model).filter_by(**where).order_by(model.id)
        return get_db().scalars(query).all()


def send_outbox(app):
    """One pass of the outbox worker; its counts {"sent", "retry", "failed"}."""
    with app.app_context():
        return outbox.send_due()
