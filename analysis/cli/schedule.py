"""``pasarkerja schedule``: start the crawls of a schedule file on scrapyd nodes when due (docs/deploy.md). It talks
to scrapyd, never to the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.arguments import positive_whole_number
from analysis.cli.command import Command, CommandError, Store
from crawlers.schedule import ScheduleError, run


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, required=True, metavar="FILE", help="the schedule (deploy/schedule.yaml)"
    )
    parser.add_argument("--loop", action="store_true", help="keep checking, instead of once (as from cron)")
    parser.add_argument(
        "--check-every", type=positive_whole_number, default=60, metavar="SECONDS", help="with --loop (default 60)"
    )
    parser.add_argument("--dry-run", action="store_true", help="say what is due without starting it")


def _run(args: argparse.Namespace, engine: None) -> int:
    try:
        return run(args.config, args.loop, args.check_every, args.dry_run)
    except ScheduleError as exc:
        raise CommandError(str(exc)) from None


COMMAND = Command(
    "schedule",
    "start the crawls of a schedule file on scrapyd nodes when due, never one still running (docs/deploy.md)",
    _run,
    _arguments,
    store=Store.NONE,
)
