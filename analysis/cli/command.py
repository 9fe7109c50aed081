"""What a command of ``pasarkerja`` declares: its name, help, arguments, what it does to the database, and the
function that runs it. ``analysis.cli.COMMANDS`` lists them; the parser is built from that list and dispatches
through it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Engine


class Store(Enum):
    """What a command does to the database, and so how it is opened (analysis.cli.database)."""

    NONE = "never opens it"  # reads a file, the taxonomy or standard input, or talks to scrapyd
    READ = "reads it"  # needs it there, at the current schema: never creates or upgrades it
    WRITE = "adds to it"  # needs it there; brings its schema up to date first, as crawls do
    CREATE = "creates it"  # migrate: the one command that makes a database where there is none


class CommandError(Exception):
    """Input the user must fix, said in words: ``main`` shows it as a one-line error with exit status 2."""


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """For a command that takes no arguments of its own."""


@dataclass(frozen=True)
class Command:
    """One command: ``run(args, engine)`` returns the exit status (None for 0); ``engine`` is None when ``store`` is
    Store.NONE. ``store`` is a Store, or a function of the arguments for a command that writes only when asked."""

    name: str
    help: str
    run: Callable[[argparse.Namespace, Engine | None], int | None]
    add_arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments
    description: str | None = None
    store: Store | Callable[[argparse.Namespace], Store] = Store.READ

    def add_to(self, subcommands: argparse._SubParsersAction) -> None:
        parser = subcommands.add_parser(self.name, help=self.help, description=self.description)
        self.add_arguments(parser)
        parser.set_defaults(chosen_command=self)

    def store_for(self, args: argparse.Namespace) -> Store:
        return self.store(args) if callable(self.store) else self.store


@dataclass(frozen=True)
class CommandFamily:
    """A command whose work is done by its subcommands, e.g. ``pasarkerja skills tree NAME``."""

    name: str
    help: str
    commands: tuple[Command, ...]

    def add_to(self, subcommands: argparse._SubParsersAction) -> None:
        family = subcommands.add_parser(self.name, help=self.help).add_subparsers(
            dest=f"{self.name}_command", required=True, metavar=f"{self.name.upper()}_COMMAND"
        )
        for command in self.commands:
            command.add_to(family)

