"""The argument types the commands share, each refusing a bad value with a one-line argparse error that says what
it expected, e.g. ``pasarkerja index: error: argument --min-postings: expected a whole number of at least 1, got '0'``.

Spans (``span``: 30d, 4w) are written as analysis/spans.py reads every span. Days and spans before today
(``date_argument``: 2026-01-31, 30d, 12w), platforms (``source_argument``) and the other options that choose postings
(countries, occupations: ``add_filter_arguments``) live in analysis.data, beside the Filters they fill; they are
re-exported here so that a command finds every type in one place.
"""

from __future__ import annotations

import argparse
import math
import os
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.data import DAY_UNITS, date_argument, source_argument
from analysis.language import LANGUAGES
from analysis.spans import SpanError, parse_span
from crawlers.platforms import unknown_name_error

if TYPE_CHECKING:
    from analysis.yardsticks import Yardsticks

__all__ = [
    "LANGUAGES",
    "add_language_argument",
    "add_yardsticks_argument",
    "whole_number",
    "date_argument",
    "fee",
    "moment",
    "output_file",
    "positive_number",
    "positive_whole_number",
    "region",
    "share",
    "source_argument",
    "span",
    "spider",
    "yardstick_file",
    "yardsticks_of",
]

# Digits as written on a keyboard: int() would also take "1_000" and digits of other scripts.
_WHOLE_NUMBER = re.compile(r"\s*[+-]?[0-9]+\s*")


def _whole_number(least: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``least``, else the one-line error that says so (a negative
    count or limit is refused, never read as "all")."""

    def parse(value: str) -> int:
        number = int(value) if _WHOLE_NUMBER.fullmatch(value) else None
        if number is None or number < least:
            raise argparse.ArgumentTypeError(f"expected a whole number of at least {least}, got {value!r}")
        return number

    return parse


whole_number = _whole_number(0)
"""How many to list or take, where none is an answer: ``summary --newest 0``."""
positive_whole_number = _whole_number(1)
"""A count, limit or size that must be at least one: ``--top``, ``--limit``, ``--batch-size``, ``--runs``."""


def _number(accepts: Callable[[float], bool], expected: str) -> Callable[[str], float]:
    """An argparse type: a number that ``accepts`` takes, else the one-line error "expected ``expected``"."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = math.nan  # accepted by no check
        if not accepts(number):
            raise argparse.ArgumentTypeError(f"expected {expected}; got {value!r}")
        return number

    return parse


positive_number = _number(lambda number: number > 0, "a number above 0, such as 1.5")
share = _number(lambda number: 0 < number <= 1, "a share above 0 and at most 1, such as 0.5")
fee = _number(lambda number: 0 <= number < 1, "a share of at least 0 and below 1, such as 0.2")


def span(value: str) -> timedelta:
    """A span of whole days or weeks, at least a day (analysis/spans.py), such as 30d or 4w."""
    try:
        return parse_span(value, DAY_UNITS, shortest=timedelta(days=1))
    except SpanError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def spider(value: str) -> str:
    """A spider's name (the platform registry's names), a misspelt one refused naming the closest: "remotve"."""
    if (error := unknown_name_error(value)) is not None:
        raise argparse.ArgumentTypeError(error)
    return value.strip().lower()


def moment(value: str) -> datetime:
    """A day, or a span before today, as the first moment of that day in UTC."""
    return datetime.combine(date_argument(value), time(), timezone.utc)


def region(value: str) -> str:
    """A regency, city or province of Indonesia or of the yardstick table ("sleman", "Kota Denpasar", "Kabupaten
    Gunungkidul"), kept as written: the analyses resolve it themselves and name it in their output. A misspelt one
    is refused naming the closest."""
    from analysis.yardsticks import YardstickFileError, YardstickLookupError, load_yardsticks

    try:
        load_yardsticks().area(value)
    except (YardstickLookupError, YardstickFileError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def yardstick_file(value: str) -> Path:
    """A yardstick table of one's own, with the header of analysis/reference/yardsticks.csv, refused at once (naming
    its line and column) when it cannot be read."""
    from analysis.yardsticks import YardstickFileError, load_yardsticks

    try:
        load_yardsticks(extra=[value])
    except YardstickFileError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return Path(value)


def add_yardsticks_argument(parser: argparse.ArgumentParser) -> None:
    """--yardsticks FILE, repeatable: rows that add to or replace those of the bundled yardstick table."""
    parser.add_argument(
        "--yardsticks", type=yardstick_file, action="append", default=[], metavar="FILE",
        help="a yardstick CSV of your own (header as analysis/reference/yardsticks.csv): its rows add to the bundled "
        "table, and one with the same kind, name, unit, area and valid_from replaces it; may be repeated",
    )  # fmt: skip


def yardsticks_of(args: argparse.Namespace) -> Yardsticks:
    """The bundled yardstick table with the rows of every --yardsticks FILE; CommandError when two of those files
    put one area in different provinces (each was read on its own as the command line was parsed)."""
    from analysis.cli.command import CommandError
    from analysis.yardsticks import YardstickFileError, load_yardsticks

    try:
        return load_yardsticks(extra=args.yardsticks)
    except YardstickFileError as exc:
        raise CommandError(str(exc)) from None


def output_file(value: str) -> Path:
    """A file to write, refused at once (not after the work) when it is a folder or when the nearest folder above it
    that exists is not a folder, or cannot be written in."""
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path.absolute()} is a folder; give the name of a file to write in it")
    above = next(folder for folder in path.absolute().parents if folder.exists())
    if not above.is_dir():
        raise argparse.ArgumentTypeError(f"{above} is a file, so {path.absolute()} cannot be written")
    if not os.access(path if path.exists() else above, os.W_OK):
        raise argparse.ArgumentTypeError(f"{path.absolute()}: cannot be written (permission denied)")
    return path


def add_language_argument(parser: argparse.ArgumentParser) -> None:
    """--lang: what the command writes for a community's staff, in Bahasa Indonesia (default) or English."""
    parser.add_argument("--lang", choices=LANGUAGES, default="id", help="Indonesian (default) or English")
