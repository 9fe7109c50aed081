"""``pasarkerja index``: the occupation index of new postings, by the Online Labour Index's method."""

from __future__ import annotations

import argparse
from datetime import date

from analysis.cli.analysis_command import AnalysisInput, analysis_command, print_table
from analysis.cli.arguments import positive_whole_number
from analysis.index import MIN_WINDOW_POSTINGS, OccupationIndex


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--window", type=positive_whole_number, default=28, help="days of the rolling mean (default 28)"
    )
    # An ISO day only, as ever: a base date is a fixed day of the series, not a span before today.
    parser.add_argument("--base-date", type=date.fromisoformat, help="the day the total is 100 (YYYY-MM-DD)")
    parser.add_argument(
        "--min-postings", type=positive_whole_number, default=MIN_WINDOW_POSTINGS,
        help=f"the fewest postings a day's window must hold for the day to have a value (default "
        f"{MIN_WINDOW_POSTINGS}: chance moves a count of 100 by about a tenth)",
    )  # fmt: skip


def _analyse(args: argparse.Namespace, analysis_input: AnalysisInput) -> None:
    index = OccupationIndex(window=args.window, base_date=args.base_date, min_postings=args.min_postings).fit(
        analysis_input.postings
    )
    weekly = index.index_.loc[index.index_["total"].first_valid_index() :].iloc[::7]
    print("Occupation index of new postings, every 7th day (–: too few postings to compare)")
    print_table(
        [
            [f"{day:%Y-%m-%d}", *(f"{value:.1f}" if value == value else "–" for value in row)]
            for day, row in weekly.iterrows()
        ],
        ["day", *weekly.columns],
    )
    print(index.method_)


COMMAND = analysis_command(
    "index", "the occupation index of new postings (Online Labour Index method)", _arguments, _analyse
)
