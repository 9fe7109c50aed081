"""``pasarkerja migrate``: the one command that creates a database, or brings one to the current schema."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from analysis.cli.command import Command, Store
from pipelines.db.engine import describe
from pipelines.db.schema import current_revision, head_revision, upgrade


def _run(args: argparse.Namespace, engine: Engine) -> None:
    before = current_revision(engine)
    upgrade(engine)
    print(f"{describe(args.database_url)}: schema {before or 'empty'} -> {head_revision()}")


COMMAND = Command("migrate", "bring the database to the current schema", _run, store=Store.CREATE)
