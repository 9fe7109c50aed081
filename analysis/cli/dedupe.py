"""``pasarkerja dedupe``: link every stored posting that repeats an earlier one, from scratch."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from analysis.cli.arguments import positive_whole_number, share
from analysis.cli.command import Command, Store
from analysis.cli.database import posting_progress
from analysis.formats import counted


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--similarity", type=share, default=0.6, help="least description similarity of a repeat (default 0.6)"
    )
    parser.add_argument(
        "--window-days", type=positive_whole_number, default=90,
        help="a repeat is first seen at most this many days after the earlier posting was last seen (default 90)",
    )  # fmt: skip
    parser.add_argument(
        "--batch-size", type=positive_whole_number, default=1000, help="postings per transaction (default 1000)"
    )


def _run(args: argparse.Namespace, engine: Engine) -> None:
    from pipelines.db.duplicates import relink_all
    from pipelines.dedupe import DedupeSettings

    settings = DedupeSettings(similarity=args.similarity, window_days=args.window_days)
    with posting_progress(engine, "fingerprints") as bar:
        postings, duplicates = relink_all(engine, settings, args.batch_size, progress=bar.update)
    repeat = "repeats" if duplicates == 1 else "repeat"
    print(
        f"{counted(postings, 'posting')}: {counted(postings - duplicates, 'distinct vacancy', 'distinct vacancies')}, "
        f"{counted(duplicates, 'posting')} {repeat} an earlier one (similarity at least {settings.similarity:g}, within "
        f"{counted(settings.window_days, 'day')})"
    )


COMMAND = Command(
    "dedupe",
    "link every stored posting that repeats an earlier one (the same vacancy on another platform, or reposted), "
    "from scratch",
    _run,
    _arguments,
    store=Store.WRITE,
)
