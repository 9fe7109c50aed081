"""Time spans as people write them: a whole number and a unit, such as 30m, 6h, 30d or 12w.

The one grammar of spans in pasarkerja: how often a scheduled crawl runs (``every:`` in a schedule file,
crawlers/schedule.py) and the command line's spans and days before today (``--max-age``, ``--since 30d``:
analysis/cli/arguments.py, analysis/data.py). A span is a whole number, then one of the units m (minutes), h (hours),
d (days) or w (weeks), in either case, with spaces allowed between them. Each place says which of the units make
sense there and the shortest span it takes (none takes more than a century, LONGEST); anything else is a one-line
SpanError saying what to write instead.

No framework here: the schedule and the analyses both import this module without importing each other.
"""

from __future__ import annotations

import re
from datetime import timedelta

UNITS = {
    "m": ("minutes", timedelta(minutes=1), "30m"),
    "h": ("hours", timedelta(hours=1), "6h"),
    "d": ("days", timedelta(days=1), "30d"),
    "w": ("weeks", timedelta(weeks=1), "12w"),
}
"""Each unit's letter: its name, its length and an example, from the shortest unit to the longest."""
# A century: a longer span is a slip of the keyboard, and one far longer would reach back before the first day a date
# can hold.
LONGEST = timedelta(weeks=5200)
_SPAN = re.compile(r"([0-9]+)\s*([a-z])")


class SpanError(ValueError):
    """A span that is not written as one, in a unit not taken there, too short or too long; the message says what to
    write. ``out_of_range`` tells the last two apart: a value written as a span, but not one taken there."""

    def __init__(self, message: str, out_of_range: bool = False):
        super().__init__(message)
        self.out_of_range = out_of_range


def parse_span(value: str, units: str = "mhdw", shortest: timedelta = timedelta(0)) -> timedelta:
    """The span written in ``value`` (30m, 6h, 30d, 12w), in one of ``units`` (letters of UNITS), at least
    ``shortest`` and at most LONGEST long; else SpanError."""
    written = _SPAN.fullmatch(str(value).strip().lower())
    if not written or written.group(2) not in units:
        raise SpanError(f"{value!r} is not a span: write {span_grammar(units)}")
    number, unit = int(written.group(1)), UNITS[written.group(2)][1]
    if number > LONGEST // unit:  # compared before multiplying, which could overflow
        raise SpanError(f"{value!r} is too long: write a span of at most {format_span(LONGEST)}", out_of_range=True)
    span = number * unit
    if span < shortest:
        raise SpanError(f"{value!r} is too short: write a span of at least {format_span(shortest)}", out_of_range=True)
    return span


def span_grammar(units: str = "mhdw") -> str:
    """How to write a span in ``units``, for messages and help: "a whole number of days or weeks, such as 30d or
    12w"."""
    names = [UNITS[unit][0] for unit in UNITS if unit in units]
    examples = [UNITS[unit][2] for unit in UNITS if unit in units]
    return f"a whole number of {_either(names)}, such as {_either(examples)}"


def format_span(span: timedelta) -> str:
    """``span`` written in the longest unit that measures it whole: 2 days as 2d, 90 minutes as 90m."""
    for unit, (_, length, _) in reversed(UNITS.items()):
        if span and span % length == timedelta(0):
            return f"{span // length}{unit}"
    return f"{int(span / UNITS['m'][1])}m"


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
