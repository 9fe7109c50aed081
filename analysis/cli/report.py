"""``pasarkerja report``: the HTML report, with its data as CSV and Parquet beside it."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from analysis.cli.analysis_command import AnalysisInput, analysis_command
from analysis.cli.arguments import add_language_argument, output_file, region, yardsticks_of
from analysis.cli.clusters import add_cluster_arguments
from analysis.cli.command import CommandError
from analysis.cli.earnings import add_pay_arguments, earnings_of
from analysis.cli.gap import add_curriculum_arguments, curriculum_paths
from analysis.language import say


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_curriculum_arguments(parser)
    add_cluster_arguments(parser)
    parser.add_argument(
        "--out", type=output_file, required=True,
        help="the report file to write, e.g. report.html (its folder is created when missing)",
    )  # fmt: skip
    parser.add_argument(
        "--title", help="the report's title (default: Laporan pasar kerja, or Labour-market report with --lang en)"
    )
    add_language_argument(parser)
    parser.add_argument("--note", help="added to the caption, e.g. that the data are a demo sample")
    parser.add_argument("--survey", type=Path, metavar="FILE", help="add a section for the community's own survey")
    parser.add_argument("--survey-period", metavar="YYYY-MM", help="the month the survey's incomes are of")
    parser.add_argument(
        "--survey-region", type=region,
        help="whose yardsticks the survey is held against (default: the first curriculum's region)",
    )  # fmt: skip
    add_pay_arguments(parser)


def _analyse(args: argparse.Namespace, analysis_input: AnalysisInput) -> None:
    # Imported when a report is written: the study and the survey load scikit-learn, which the rest do without.
    from analysis.report import write_report
    from analysis.study import Study
    from analysis.survey import analyse_survey

    curricula = analysis_input.curricula
    study = Study(
        theta=args.theta, n_clusters=args.clusters, random_state=args.seed, recommend=args.recommend,
        earnings=partial(earnings_of, args), progress=True, market=args.market,
    ).fit(analysis_input.postings, curricula)  # fmt: skip
    survey = None
    if args.survey:
        if not args.survey_period:
            raise CommandError("--survey needs --survey-period YYYY-MM, the month its incomes are of")
        region = args.survey_region or curricula[0].place
        survey = analyse_survey(args.survey, region, args.survey_period, yardsticks=yardsticks_of(args))
    title = args.title or say("Laporan pasar kerja", "Labour-market report")
    content = study.report_content(title, args.note, survey)
    folder_missing = not args.out.absolute().parent.exists()
    try:
        written = write_report(args.out, content)
    except OSError as exc:  # the command line checked --out; the disk may still be full, or the folder gone
        raise CommandError(f"cannot write the report to {args.out.absolute()}: {exc.strerror or exc}") from None
    if folder_missing:
        print(f"Created the folder {args.out.absolute().parent}")
    print(f"Report: {written[0].resolve()}")
    print(f"Its data (CSV and Parquet): {written[0].resolve().parent / (written[0].stem + '_data')}")


COMMAND = analysis_command(
    "report",
    "write the HTML report (and its data as CSV and Parquet)",
    _arguments,
    _analyse,
    curriculum_paths=curriculum_paths,
)
