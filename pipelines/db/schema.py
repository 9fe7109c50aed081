"""Schema upgrades: the Alembic migrations in pipelines/db/migrations, run on any engine.

Apart from pipelines.db.engine so that processes which only read and write rows (the
store's worker) never import Alembic.

Alembic says at INFO what every connection it looks at is ("Context impl SQLiteImpl.", "Will assume non-transactional
DDL.") and each step of an upgrade: seven lines in every crawl log, although a crawl migrates a database once. Here
its loggers say only warnings, and ``upgrade`` logs one line naming the migrations it ran, when it ran any.
"""

from __future__ import annotations

import atexit
import functools
import importlib.resources
import logging
import shutil
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

# Any constant works; it only has to be the same for every pasarkerja process.
_MIGRATION_LOCK_ID = 0x7061736172

logger = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", _migrations_directory())
    return config


@functools.cache
def _migrations_directory() -> str:
    """Where Alembic finds the migrations: the package's own folder, or, when the package is zipped (a scrapyd egg),
    a copy of it in a temporary folder, since Alembic lists its files with the operating system."""
    migrations = importlib.resources.files("pipelines.db") / "migrations"
    if isinstance(migrations, Path):
        return str(migrations)
    folder = Path(tempfile.mkdtemp(prefix="pasarkerja-migrations-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _copy_tree(migrations, folder / "migrations")
    return str(folder / "migrations")


def _copy_tree(source, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        elif not entry.name.endswith((".pyc", ".pyo")):
            (target / entry.name).write_bytes(entry.read_bytes())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def upgrade(engine: Engine) -> None:
    """Bring the database to the current schema (a no-op when it is already there).

    Concurrent crawls wait for one another here instead of racing to create the same tables: on PostgreSQL behind
    an advisory lock, on SQLite behind the database's own write lock, taken first (BEGIN IMMEDIATE; Python's sqlite3
    would otherwise run the DDL outside any transaction). Alembic reads the revision once the lock is held, so a
    crawl that waited finds the schema current and changes nothing. The migrations that ran are logged in one line.
    """
    if current_revision(engine) == head_revision():  # the usual case: no lock, no waiting for other crawls' writes
        return
    config = _alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
        elif engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits up to the connection's timeout (30 s)
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    if engine.dialect.name == "sqlite":
        # The migrations rewrote the schema's pages many times over in the write-ahead log, which is checkpointed
        # only every WAL_CHECKPOINT_BYTES: copy it into the database and empty it now, so a small disk keeps room for
        # the postings (tests/test_write_failures.py, a 3 MB disk).
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    migrations = list(reversed(list(ScriptDirectory.from_config(config).iterate_revisions("head", before))))
    if migrations:  # none when another crawl migrated the database while this one waited for the lock
        logger.info(
            "Migrated the database schema from %s to %s: %s",
            before or "empty",
            migrations[-1].revision,
            ", ".join(f"{migration.revision} ({migration.doc})" for migration in migrations),
        )
