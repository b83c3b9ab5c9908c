"""Alembic environment: the engine comes from the app (formsvc.db.alembic_config)."""

from alembic import context

from formsvc.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",  # SQLite alters tables by copy
    )
    context.run_migrations()
