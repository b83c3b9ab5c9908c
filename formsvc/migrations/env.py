"""Alembic environment: the engine comes from the app (formsvc.db.alembic_config)."""

from alembic import context
from sqlalchemy import text

from formsvc.models import Base

engine = context.config.attributes["engine"]
sqlite = engine.dialect.name == "sqlite"
with engine.connect() as connection:
    if sqlite:
        # SQLite alters a table by copying it and dropping the old one: with foreign keys
        # enforced (formsvc.db turns them on), that drop fails as soon as a row of history
        # points to a request. The pragma only works outside a transaction.
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.commit()
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,  # SQLite alters tables by copy
            )
            context.run_migrations()
    finally:
        if sqlite:
            connection.execute(text("PRAGMA foreign_keys=ON"))
            connection.commit()
