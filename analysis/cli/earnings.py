"""``pasarkerja earnings``: what the work members can reach pays, against the UMK, BPS and World Bank lines. Its pay
options (``add_pay_arguments``, ``earnings_of``) are shared by report."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.analysis_command import AnalysisInput, analysis_command
from analysis.cli.arguments import add_yardsticks_argument, date_argument, fee, positive_number, region, yardsticks_of
from analysis.cli.clusters import add_cluster_arguments, skill_clusters
from analysis.cli.command import CommandError
from analysis.earnings import Earnings
from analysis.earnings_text import render_earnings
from analysis.untrusted import json_document


def add_pay_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope", choices=("reachable", "all"), default="reachable",
        help="reachable (default): postings a member living in the region could take; all: every posting",
    )
    parser.add_argument(
        "--platform-fee", type=fee,
        help="share of hourly and project pay a platform keeps, e.g. 0.2 (default: each platform's published fee)",
    )
    parser.add_argument(
        "--workdays-per-week", type=int, choices=(5, 6), default=5,
        help="a day rate's month is 21 working days in a 5-day week (default) or 25 in a 6-day week (PP 36/2021)",
    )
    parser.add_argument(
        "--hours-per-month", type=positive_number,
        help="also show hourly pay as a month at this many billed hours (default: never)",
    )
    parser.add_argument(
        "--projects-per-month", type=positive_number,
        help="also show project pay as a month at this many projects (default: never)",
    )  # fmt: skip
    add_yardsticks_argument(parser)


def earnings_of(args: argparse.Namespace, region: str) -> Earnings:
    """The earnings estimator the command-line options describe, for members living in ``region``."""
    return Earnings(
        region, on=getattr(args, "on", None), scope=args.scope, platform_fee=args.platform_fee,
        workdays_per_week=args.workdays_per_week, hours_per_month=args.hours_per_month,
        projects_per_month=args.projects_per_month, yardsticks=yardsticks_of(args),
    )  # fmt: skip


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--curriculum", type=Path, required=True, metavar="FILE", help="curriculum YAML")
    parser.add_argument("--region", type=region, help="where members live (default: the curriculum's region)")
    parser.add_argument(
        "--on", type=date_argument, metavar="DATE",
        help="the day whose yardsticks apply (default: the latest posting's)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_pay_arguments(parser)
    add_cluster_arguments(parser)


def _analyse(args: argparse.Namespace, analysis_input: AnalysisInput) -> None:
    clusters = skill_clusters(args, analysis_input)
    [curriculum] = analysis_input.curricula
    try:
        earnings = earnings_of(args, args.region or curriculum.place).fit(
            analysis_input.postings, clusters.labels_, list(clusters.names_)
        )
    except LookupError as exc:  # a region or date the yardstick table does not know
        raise CommandError(str(exc)) from None
    print(json_document(earnings.to_dict()) if args.json else render_earnings(earnings))


COMMAND = analysis_command(
    "earnings",
    "what the work members can reach pays, salaried, hourly and project pay apart, against the UMK, BPS and World "
    "Bank lines (docs/earnings.md)",
    _arguments,
    _analyse,
    curriculum_paths=lambda args: [args.curriculum],
)
