"""``pasarkerja dedupe``: link every stored posting that repeats an earlier one, from scratch."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from analysis.cli.arguments import positive_whole_number, share
from analysis.cli.command import Command, Store
from analysis.cli.database import posting_progress


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
    from pipelines.dedupe import DedupeSettings, relink_all

    settings = DedupeSettings(similarity=args.similarity, window_days=args.window_days)
    with posting_progress(engine, "fingerprints") as bar:
        postings, duplicates = relink_all(engine, settings, args.batch_size, progress=bar.update)
    print(
        f"{postings} postings: {postings - duplicates} distinct vacancies, {duplicates} postings repeat an earlier one "
        f"(similarity at least {settings.similarity:g}, within {settings.window_days} days)"
    )


COMMAND = Command(
    "dedupe",
    "link every stored posting that repeats an earlier one (the same vacancy on another platform, or reposted), "
    "from scratch",
    _run,
    _arguments,
    store=Store.WRITE,
)
