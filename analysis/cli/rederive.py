"""``pasarkerja rederive``: derive every stored posting's skills, occupation and pay again, after the taxonomy or
the rates changed."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from analysis.cli.arguments import positive_whole_number
from analysis.cli.command import Command, Store
from analysis.cli.database import posting_progress
from analysis.formats import counted


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--batch-size", type=positive_whole_number, default=500, help="postings per transaction (default 500)"
    )


def _run(args: argparse.Namespace, engine: Engine) -> None:
    from pipelines.db.rederive import rederive
    from pipelines.derive import Deriver

    deriver = Deriver().fit()
    with posting_progress(engine, "rederive") as bar:
        done = rederive(engine, deriver, args.batch_size, progress=bar.update)
    print(f"Re-derived {counted(done, 'posting')} with {deriver.version_}")


COMMAND = Command(
    "rederive",
    "recompute skills, occupation and normalised pay of every stored posting (after a taxonomy or rate change)",
    _run,
    _arguments,
    store=Store.WRITE,
)
