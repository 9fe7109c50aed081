"""Alembic environment: runs on the connection pipelines.db.schema.upgrade hands over."""

from alembic import context

from pipelines.db.engine import DEFAULT_URL, make_engine
from pipelines.db.models import Base


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:  # the alembic command line, e.g. for `alembic revision --autogenerate`
    import os

    with make_engine(os.environ.get("DATABASE_URL", DEFAULT_URL)).begin() as own_connection:
        run(own_connection)
