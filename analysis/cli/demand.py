"""``pasarkerja demand``: the skills most asked for, and the top rising and falling skills."""

from __future__ import annotations

import argparse

from analysis.cli.analysis_command import AnalysisInput, analysis_command, print_table
from analysis.cli.arguments import positive_whole_number
from analysis.data import PostingSet
from analysis.demand import PERIODS, SkillDemand, compare_periods, recent_periods, rising_and_falling
from analysis.formats import format_count, format_percent, format_points
from pipelines.skills.taxonomy import load_taxonomy

# Periods the demand table shows side by side (the report and its data files have them all).
RECENT_PERIODS = 6


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", choices=PERIODS, default="month", help="periods of the table (default month)")
    parser.add_argument("--top", type=positive_whole_number, default=20, help="skills to list (default 20)")
    parser.add_argument(
        "--roll-up", action="store_true",
        help="count each posting for the broader skills of its skills too (Laravel also counts for PHP and Web "
        "Development: `pasarkerja skills tree NAME`)",
    )  # fmt: skip
    parser.add_argument(
        "--min-count", type=positive_whole_number, default=5,
        help="ignore skills with fewer postings in both halves (default 5)",
    )  # fmt: skip


def _analyse(args: argparse.Namespace, analysis_input: AnalysisInput) -> None:
    postings = analysis_input.postings
    if args.roll_up:
        postings = postings.rolled_up(load_taxonomy())
        print("Each posting also counts for the broader skills of the skills it asks for (--roll-up).\n")
    demand = SkillDemand(args.period).fit(postings)
    recent = demand.shares_.index[-RECENT_PERIODS:]
    print(f"Skills most asked for, and their share of the postings of each of the last {len(recent)} {args.period}s")
    print_table(
        [
            [skill, format_count(count), format_percent(count / len(postings)),
             *(format_percent(demand.shares_.at[period, skill]) for period in recent)]
            for skill, count in demand.totals_.head(args.top).items()
        ],
        ["skill", "postings", "share", *(f"{period:%Y-%m-%d}" for period in recent)],
    )  # fmt: skip
    _rising_and_falling(postings, args.min_count)


def _rising_and_falling(postings: PostingSet, min_count: int) -> None:
    try:
        before, after = recent_periods(postings)
    except ValueError as exc:
        print(f"Rising and falling: too little data to compare: {exc}.")
        return
    rising, falling = rising_and_falling(compare_periods(postings, before, after, min_count=min_count))
    for title, rows in (("Rising", rising), ("Falling", falling)):
        print(f"{title} from {before[0]} – {before[1]} to {after[0]} – {after[1]} (skills with ≥ {min_count} postings)")
        print_table(
            [
                [row.skill, format_percent(row.share_before), format_percent(row.share_after),
                 format_points(row.change)]
                for row in rows.itertuples()
            ],
            ["skill", "before", "after", "change"],
        )  # fmt: skip


COMMAND = analysis_command(
    "demand", "skills most asked for, and the top rising and falling skills", _arguments, _analyse
)
