"""``pasarkerja summary``: postings per source and the newest postings."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from analysis.cli.arguments import whole_number
from analysis.cli.command import Command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--newest", type=whole_number, default=10, help="how many newest postings to list (default 10)")


def _run(args: argparse.Namespace, engine: Engine) -> None:
    from analysis.summary import render

    print(render(engine, args.newest))


COMMAND = Command("summary", "postings per source and the newest postings", _run, _arguments)
