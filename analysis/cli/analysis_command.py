"""What the analysis commands (demand, index, clusters, gap, earnings, report) share: the options that choose the
postings, the curricula read before the postings are loaded, the line saying which postings were analysed, errors
the analyses raise said in one line; and the plain-text table they print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from analysis.cli.command import Command, CommandError, Store
from analysis.curriculum import Curriculum, CurriculumError, load_curriculum
from analysis.data import PostingSet, add_filter_arguments, describe_filters, filters_from_arguments, load_postings
from analysis.formats import format_count


@dataclass(frozen=True)
class AnalysisInput:
    """What an analysis works on: the postings the filters chose, the curricula given (in the order given), and the
    database, for a command that stores what it found."""

    postings: PostingSet
    curricula: list[Curriculum]
    engine: Engine


def analysis_command(
    name: str,
    help: str,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    analyse: Callable[[argparse.Namespace, AnalysisInput], None],
    curriculum_paths: Callable[[argparse.Namespace], list[Path]] = lambda args: [],
    store: Store | Callable[[argparse.Namespace], Store] = Store.READ,
) -> Command:
    """The command ``name``: its own arguments and the filter options; ``analyse`` prints what it computes."""

    def with_filters(parser: argparse.ArgumentParser) -> None:
        add_filter_arguments(parser)
        add_arguments(parser)

    def run(args: argparse.Namespace, engine: Engine) -> None:
        analysis_input = _analysis_input(engine, args, curriculum_paths(args))
        try:
            analyse(args, analysis_input)
        except ValueError as exc:  # the analysis steps say in words what the data lack
            raise CommandError(str(exc)) from None

    return Command(name, help, run, with_filters, description=help, store=store)


def _analysis_input(engine: Engine, args: argparse.Namespace, curriculum_paths: list[Path]) -> AnalysisInput:
    # Read before the postings: a curriculum that cannot be read is an error at once, not after loading.
    curricula = [read_curriculum(path) for path in curriculum_paths]
    postings = load_postings(engine, filters_from_arguments(args), progress=sys.stderr.isatty())
    if not len(postings):
        raise CommandError(f"no postings match ({describe_filters(postings.filters)}): widen the filters")
    # JSON goes alone to standard output, for programs to read.
    header = sys.stderr if getattr(args, "json", False) else sys.stdout
    print(f"{describe_filters(postings.filters).capitalize()}: {format_count(len(postings))}\n", file=header)
    return AnalysisInput(postings, curricula, engine)


def read_curriculum(path: Path) -> Curriculum:
    try:
        return load_curriculum(path)
    except CurriculumError as exc:
        raise CommandError(str(exc)) from None


def print_table(rows: list[list[str]], header: list[str]) -> None:
    """Columns padded to their widest cell; the first column left-aligned, the others right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in [header, *rows]:
        cells = [str(row[0]).ljust(widths[0])]
        cells += [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        print("  " + "  ".join(cells).rstrip())
    print()
