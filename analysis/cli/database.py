"""The database as each command needs it (``Store``): only ``migrate`` creates one; commands that add to it bring its
schema up to date; commands that only read never change it, and ask for ``pasarkerja migrate`` when it is behind."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, func, make_url, select
from sqlalchemy.exc import ArgumentError
from tqdm import tqdm

from analysis.cli.command import CommandError, Store
from pipelines.db.engine import DatabaseURLError, describe, open_database
from pipelines.db.models import Posting
from pipelines.db.schema import current_revision, head_revision, upgrade

COMMAND_LINE_CHOICE = "pass --database-url (or set DATABASE_URL)"
"""How a command's user names another database, for the messages."""


@contextmanager
def database_for(store: Store, url: str, choosing: str = COMMAND_LINE_CHOICE) -> Iterator[Engine | None]:
    """The engine a command with ``store`` runs on (None for Store.NONE), disposed of afterwards. ``choosing`` says
    how the caller names another database, in the message about a missing one."""
    if store is Store.NONE:
        yield None
        return
    if store is not Store.CREATE:
        _refuse_a_missing_file(url, choosing)
    try:
        engine = open_database(url, create=store is Store.CREATE)
    except DatabaseURLError as exc:
        raise CommandError(str(exc)) from None
    try:
        if store is not Store.CREATE:
            _check_schema(engine, url, upgrade_it=store is Store.WRITE)
        yield engine
    finally:
        engine.dispose()


def _refuse_a_missing_file(url: str, choosing: str) -> None:
    """A SQLite file that is not there: connecting would create it (run outside the project folder, the default URL
    names ./data/pasarkerja.db), so say where it was looked for and how to get one."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # open_database says what is wrong with the URL
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:" and not Path(database).exists():
        raise CommandError(
            f"{describe(url)}: no such database file; run a crawl or `make demo` to make one, or {choosing} to read "
            "another"
        )


def _check_schema(engine: Engine, url: str, upgrade_it: bool) -> None:
    revision = current_revision(engine)
    if revision is None:
        raise CommandError(f"{describe(url)} holds no pasarkerja data yet: run a crawl or `make demo` first")
    if upgrade_it:
        upgrade(engine)
    elif revision != head_revision():
        raise CommandError(
            f"{describe(url)} has schema {revision}, and this pasarkerja reads schema {head_revision()}: run "
            "`pasarkerja migrate` first"
        )


@contextmanager
def posting_progress(engine: Engine, label: str) -> Iterator[tqdm]:
    """A progress bar on standard error over every stored posting, for commands that go through them all."""
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Posting)).scalar()
    with tqdm(total=total, unit="posting", desc=label, file=sys.stderr) as bar:
        yield bar
