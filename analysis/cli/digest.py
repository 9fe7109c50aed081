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
from analysis.digest_formats import FORMATS, render


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
    parser.add_argument("--format", choices=FORMATS, default="markdown", help="default markdown")
    parser.add_argument("--out", required=True, metavar="PATH", help="the file to write, or - for standard output")
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
    curriculum = read_curriculum(args.curriculum)
    name = args.name or "-".join(filter(None, (args.curriculum.stem, _slug(args.track))))
    try:
        digest = build_digest(
            engine, curriculum, name, track=args.track, since=args.since, max_age=args.max_age,
            min_match=args.min_match, limit=args.limit, sources=args.sources, near=args.near,
        )  # fmt: skip
    except ValueError as exc:  # a track the curriculum lacks
        raise CommandError(str(exc)) from None
    _write(render(digest, args.format, args.lang, feed_link=args.feed_link), args.out)
    if not args.dry_run:
        record_digest(engine, digest)
    counts = ", ".join(f"{track} {len(entries)}" for track, entries in digest.tracks)
    where = "standard output" if args.out == "-" else args.out
    remembered = (
        "not remembered (--dry-run)"
        if args.dry_run
        else f'remembered: the next digest "{name}" lists only vacancies first seen after this one'
    )
    print(
        f'Digest "{name}": {len(digest.entries)} vacancies ({counts}) since {digest.since:%Y-%m-%d %H:%M} UTC, '
        f"{args.format} to {where}; {remembered}",
        file=sys.stderr if args.out == "-" else sys.stdout,
    )


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
    store=lambda args: Store.READ if args.dry_run else Store.WRITE,  # a dry run remembers nothing
)
