"""``pasarkerja survey``: a community's own income survey against the poverty lines and minimum wage
(docs/survey.md). It reads its file, never the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.cli.arguments import add_yardsticks_argument, positive_whole_number, region, yardsticks_of
from analysis.cli.command import Command, CommandError, Store


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the survey CSV (template: examples/survey/template.csv)")
    parser.add_argument("--region", type=region, required=True, help="regency, city or province whose yardsticks apply")
    parser.add_argument("--period", required=True, metavar="YYYY-MM", help="the month the incomes are of")
    parser.add_argument(
        "--clusters", type=positive_whole_number, help="number of member clusters (default: best silhouette)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_yardsticks_argument(parser)


def _run(args: argparse.Namespace, engine: None) -> None:
    from analysis.survey import SurveyError, run_survey  # loads scikit-learn, which the other commands do without

    try:
        print(run_survey(args.file, args.region, args.period, args.clusters, args.json, yardsticks_of(args)))
    except SurveyError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        raise CommandError(str(exc)) from None


COMMAND = Command(
    "survey",
    "a community's own income survey against the poverty lines and minimum wage (docs/survey.md)",
    _run,
    _arguments,
    store=Store.NONE,
)
