"""The ``pasarkerja`` command: thin argument handling over the analysis and pipeline modules.

Each command lives in its own module of this package (a family of subcommands, ``skills``, in one), declaring a
``Command`` (analysis.cli.command): its name, help, arguments, what it does to the database, and the function that
runs it. ``COMMANDS`` below registers them, in the order ``pasarkerja --help`` lists them; the parser is built from
it and each parsed command line runs the ``Command`` it chose, in English, or in the language of its ``--lang``
(analysis/language.py). The argument types they share are in analysis.cli.arguments; how each opens the database,
in analysis.cli.database.

To add a command: write its module with a ``COMMAND``, and add it to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from analysis.cli import (
    alumni,
    browse,
    clusters,
    dedupe,
    demand,
    digest,
    earnings,
    gap,
    index,
    migrate,
    rederive,
    report,
    schedule,
    skills,
    status,
    summary,
    survey,
)
from analysis.cli.command import Command, CommandError, CommandFamily
from analysis.cli.database import database_for
from analysis.language import language
from pipelines.db.engine import DEFAULT_URL

COMMANDS: tuple[Command | CommandFamily, ...] = (
    summary.COMMAND,
    migrate.COMMAND,
    status.COMMAND,
    rederive.COMMAND,
    dedupe.COMMAND,
    skills.FAMILY,
    demand.COMMAND,
    index.COMMAND,
    clusters.COMMAND,
    gap.COMMAND,
    report.COMMAND,
    earnings.COMMAND,
    digest.COMMAND,
    alumni.COMMAND,
    schedule.COMMAND,
    survey.COMMAND,
    browse.COMMAND,
)


def build_parser(commands: tuple[Command | CommandFamily, ...]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pasarkerja", description="Labour-market radar for training communities.")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", DEFAULT_URL),
        help="SQLAlchemy URL of the store (default: $DATABASE_URL or %(default)s)",
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in commands:
        command.add_to(subcommands)
    return parser


# The exit status of a command its closed output pipe ended, as shells report one the pipe's signal ended: 128 + 13.
CLOSED_PIPE_STATUS = 128 + signal.SIGPIPE


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(COMMANDS)
    args = parser.parse_args(argv)
    command: Command = args.chosen_command
    try:
        # What a command writes for staff follows its --lang (Indonesian by default); what it prints for operators
        # and analysts, words and numbers alike, is English.
        with language(getattr(args, "lang", "en")), database_for(command.store_for(args), args.database_url) as engine:
            status = command.run(args, engine) or 0
        sys.stdout.flush()  # now, while a closed pipe can still be told apart from a crash
        return status
    except CommandError as exc:
        # Not a mistake in the command line, so without argparse's usage line: one line saying what to fix.
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped reading (`pasarkerja summary | head -1`): end quietly, as other commands do. What is
        # left in the buffer can never be written, so standard output goes nowhere for Python's own flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE_STATUS
