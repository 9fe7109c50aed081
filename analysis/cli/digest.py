"""``pasarkerja digest``: new vacancies matching a curriculum, since the last digest of the same name
(docs/digest.md)."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from analysis.cli.analysis_command import read_curriculum
from analysis.cli.arguments import add_language_argument, moment, positive_whole_number, share, source_argument, span
from analysis.cli.command import Command, CommandError, Store
from analysis.digest import build_digest, record_digest
from analysis.digest_formats import FORMATS, SUFFIXES, render
from analysis.formats import counted


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--curriculum", type=Path, required=True, metavar="FILE", help="curriculum YAML")
    parser.add_argument("--track", metavar="NAME", help="only this track of the curriculum")
    parser.add_argument(
        "--since", type=moment, metavar="DATE",
        help="vacancies first seen from this day (YYYY-MM-DD, or a span before today such as 7d); default: since the "
        "last digest of this name, or 7d for the first",
    )
    parser.add_argument(
        "--max-age", type=span, default=timedelta(days=30), metavar="SPAN",
        help="leave out vacancies that appeared longer ago than this, however new to pasarkerja (default 30d)",
    )
    parser.add_argument(
        "--format", dest="formats", choices=FORMATS, action="append", metavar="FORMAT",
        help=f"{', '.join(FORMATS)} (default markdown); repeat for several, all listing the same vacancies",
    )
    parser.add_argument(
        "--out", dest="outs", required=True, action="append", metavar="PATH",
        help="the file to write, or - for standard output (a preview: not remembered); one per --format in the same "
        "order, or one for all formats, each format's file then named with its suffix (.md, .txt, .html, .xml, .json)",
    )
    parser.add_argument(
        "--name", help="what the digest is called; the next digest of this name lists only what is new "
        "(default: the curriculum file's name, and the track's)",
    )
    add_language_argument(parser)
    parser.add_argument(
        "--min-match", type=share, default=0.5, help="least share of a vacancy's skills a track teaches (default 0.5)"
    )
    parser.add_argument("--limit", type=positive_whole_number, default=10, help="most vacancies per track (default 10)")
    parser.add_argument(
        "--source", dest="sources", type=source_argument, action="append", default=[], metavar="NAME",
        help="only vacancies on this platform (spider name); repeat for several",
    )
    parser.add_argument(
        "--near", action="store_true",
        help="only vacancies in the curriculum's regency or province, or remote (default: anywhere)",
    )
    parser.add_argument("--feed-link", metavar="URL", help="the web page an RSS feed names as its own")
    parser.add_argument(
        "--dry-run", action="store_true", help="write the digest but do not remember it: the next one lists it again"
    )  # fmt: skip


def _run(args: argparse.Namespace, engine: Engine) -> None:
    outputs = _outputs(args.formats or ["markdown"], args.outs)
    curriculum = read_curriculum(args.curriculum)
    name = args.name or "-".join(filter(None, (args.curriculum.stem, _slug(args.track))))
    try:
        digest = build_digest(
            engine, curriculum, name, track=args.track, since=args.since, max_age=args.max_age,
            min_match=args.min_match, limit=args.limit, sources=args.sources, near=args.near,
        )  # fmt: skip
    except ValueError as exc:  # a track the curriculum lacks
        raise CommandError(str(exc)) from None
    for fmt, out in outputs:  # one digest, so every format lists the same vacancies
        _write(render(digest, fmt, args.lang, feed_link=args.feed_link), out)
    if _remembers(args):
        record_digest(engine, digest)
    counts = ", ".join(f"{track} {len(entries)}" for track, entries in digest.tracks)
    written = ", ".join(f"{fmt} to {'standard output' if out == '-' else out}" for fmt, out in outputs)
    if args.dry_run:
        remembered = "not remembered (--dry-run)"
    elif not _remembers(args):
        remembered = "not remembered (written to standard output only)"
    else:
        remembered = f'remembered: the next digest "{name}" lists only vacancies first seen after this one'
    print(
        f'Digest "{name}": {counted(len(digest.entries), "vacancy", "vacancies")} ({counts}) since '
        f"{digest.since:%Y-%m-%d %H:%M} UTC, {written}; {remembered}",
        file=sys.stderr if "-" in args.outs else sys.stdout,  # standard output holds the digest alone
    )


def _outputs(formats: list[str], outs: list[str]) -> list[tuple[str, str]]:
    """Each format with where it goes: one --out per --format, in the same order, or one --out for all, each format's
    file then named with the format's suffix (week.md: week.txt, week.html)."""
    for given, option in ((formats, "--format"), (outs, "--out")):
        repeated = next((value for value in given if given.count(value) > 1), None)
        if repeated:
            raise CommandError(f"{option} {repeated} is given twice")
    if len(outs) == len(formats):
        return list(zip(formats, outs, strict=True))
    if len(outs) > 1:
        raise CommandError(
            f"give one --out for each --format, in the same order ({len(outs)} --out for "
            f"{counted(len(formats), 'format')}), or one --out"
        )
    if outs[0] == "-":
        raise CommandError(f"--out -: one format at a time goes to standard output ({len(formats)} formats given)")
    return [(fmt, str(Path(outs[0]).with_suffix(SUFFIXES[fmt]))) for fmt in formats]


def _remembers(args: argparse.Namespace) -> bool:
    """Whether the digest counts as sent: not a --dry-run, nor a preview on standard output alone."""
    return not args.dry_run and any(out != "-" for out in args.outs)


def _write(text: str, out: str) -> None:
    if out == "-":
        sys.stdout.write(text)
        return
    try:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot write the digest to {out}: {exc.strerror or exc}") from None


def _slug(text: str | None) -> str | None:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") if text else None


COMMAND = Command(
    "digest",
    "new vacancies matching a curriculum, for students and alumni, since the last digest of the same name",
    _run,
    _arguments,
    description="New vacancies matching a curriculum's skills, each job once, since the last digest of the same "
    "name (docs/digest.md).",
    store=lambda args: Store.WRITE if _remembers(args) else Store.READ,
)
