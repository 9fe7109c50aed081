"""``pasarkerja alumni``: each student's or graduate's best current vacancies, from an alumni CSV
(docs/alumni.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Engine

from analysis.alumni import AlumniError, run_alumni
from analysis.cli.arguments import add_language_argument, moment, output_file, positive_whole_number, share
from analysis.cli.command import Command, CommandError


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the alumni CSV (template: examples/alumni/template.csv)")
    parser.add_argument(
        "--curriculum", type=Path, metavar="FILE", help="curriculum YAML: a person's track adds its skills"
    )
    parser.add_argument(
        "--since", type=moment, default="30d", metavar="DATE",
        help="vacancies first seen and posted from this day (YYYY-MM-DD, or a span before today; default 30d)",
    )
    parser.add_argument("--top", type=positive_whole_number, default=5, help="matches per person (default 5)")
    parser.add_argument(
        "--min-match", type=share, default=0.5, help="least share of a vacancy's skills the person has (default 0.5)"
    )
    parser.add_argument("--csv", type=output_file, metavar="PATH", help="the coordinator's file, contacts included")
    parser.add_argument(
        "--markdown", type=output_file, metavar="PATH", help="the list to pass around, without contacts"
    )  # fmt: skip
    add_language_argument(parser)


def _run(args: argparse.Namespace, engine: Engine) -> None:
    if args.csv is None and args.markdown is None:
        raise CommandError("alumni: give --csv PATH, --markdown PATH or both: where to write the matches")
    try:
        matches = run_alumni(
            engine, args.file, curriculum_path=args.curriculum, since=args.since, top=args.top,
            min_match=args.min_match, csv_path=args.csv, markdown_path=args.markdown, lang=args.lang,
        )  # fmt: skip
    except AlumniError as exc:
        raise CommandError(str(exc)) from None
    print(matches)


COMMAND = Command(
    "alumni",
    "each student's or graduate's best current vacancies, from an alumni CSV (docs/alumni.md)",
    _run,
    _arguments,
    description="Each person's best current vacancies within reach, with the skills they have and the ones each "
    "vacancy adds (docs/alumni.md).",
)
