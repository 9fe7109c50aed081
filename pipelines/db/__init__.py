"""The SQL store: models, the engine from DATABASE_URL, and Alembic migrations."""
