"""The database as each command needs it (``Store``): only ``migrate`` creates one; commands that add to it bring its
schema up to date; commands that only read never change it, and ask for ``pasarkerja migrate`` when it is behind."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, func, select
from tqdm import tqdm

from analysis.cli.command import CommandError, Store
from pipelines.db.engine import DatabaseURLError, describe, open_database
from pipelines.db.models import Posting
from pipelines.db.schema import current_revision, head_revision, upgrade


@contextmanager
def database_for(store: Store, url: str) -> Iterator[Engine | None]:
    """The engine a command with ``store`` runs on (None for Store.NONE), disposed of afterwards."""
    if store is Store.NONE:
        yield None
        return
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
