"""``pasarkerja status``: each spider's last crawls and their health, for an operator or a monitoring check."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from analysis.cli.arguments import positive_whole_number, spider
from analysis.cli.command import Command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=positive_whole_number, default=5, help="crawls per spider (default 5)")
    parser.add_argument("--spider", type=spider, metavar="NAME", help="only this spider")
    parser.add_argument("--json", action="store_true", help="print the same as JSON")


def _run(args: argparse.Namespace, engine: Engine) -> int:
    from analysis import status

    found = status.latest_runs(engine, args.runs, args.spider)
    print(status.to_json(found) if args.json else status.render(found), end="" if args.json else "\n")
    return 1 if status.unhealthy(found) else 0


COMMAND = Command(
    "status",
    "each spider's last crawls and their health; exit status 1 when a spider's latest crawl failed",
    _run,
    _arguments,
)
