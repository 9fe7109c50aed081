"""The ``pasarkerja`` command: thin argument handling over the analysis and pipeline modules."""

from __future__ import annotations

import argparse
import os
import sys

from pipelines.db.engine import DEFAULT_URL, DatabaseURLError, make_engine, mask
from pipelines.db.schema import current_revision, head_revision, upgrade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pasarkerja", description="Labour-market radar for training communities.")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", DEFAULT_URL),
        help="SQLAlchemy URL of the store (default: $DATABASE_URL or %(default)s)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    summary = commands.add_parser("summary", help="postings per source and the newest postings")
    summary.add_argument("--newest", type=int, default=10, help="how many newest postings to list (default 10)")
    commands.add_parser("migrate", help="bring the database to the current schema")
    rederive = commands.add_parser(
        "rederive", help="recompute skills, occupation and normalised pay of every stored posting (after a taxonomy or rate change)"
    )
    rederive.add_argument("--batch-size", type=int, default=500, help="postings per transaction (default 500)")
    skills = commands.add_parser("skills", help="the skill taxonomy at work").add_subparsers(
        dest="skills_command", required=True, metavar="SKILLS_COMMAND"
    )
    skills.add_parser("extract", help="print the canonical skills found in the text on standard input, one per line")
    unmapped = skills.add_parser("unmapped", help="platform tags that map to no skill, most frequent first")
    unmapped.add_argument("--top", type=int, default=30, help="how many tags to list (default 30)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "skills" and args.skills_command == "extract":
        return _extract_skills()
    try:
        engine = make_engine(args.database_url)
    except DatabaseURLError as exc:
        parser.error(str(exc))
    try:
        if args.command == "migrate":
            before = current_revision(engine)
            upgrade(engine)
            print(f"{mask(args.database_url)}: schema {before or 'empty'} -> {head_revision()}")
            return 0
        if current_revision(engine) is None:
            parser.error(f"{mask(args.database_url)} holds no pasarkerja data yet: run a crawl or `make demo` first")
        upgrade(engine)
        if args.command == "summary":
            from analysis.summary import render

            print(render(engine, args.newest))
        elif args.command == "rederive":
            _rederive(engine, args.batch_size)
        elif args.command == "skills":
            from analysis.skills import unmapped_tags

            for tag, count, sources in unmapped_tags(engine, args.top):
                print(f"{count:>6}  {tag}  ({', '.join(sources)})")
    finally:
        engine.dispose()
    return 0


def _extract_skills() -> int:
    from pipelines.skills.extract import SkillExtractor

    found = SkillExtractor().fit().extract(None, sys.stdin.read())
    print("\n".join(found.skills))
    return 0


def _rederive(engine, batch_size: int) -> None:
    from sqlalchemy import func, select
    from tqdm import tqdm

    from pipelines.db.models import Posting
    from pipelines.derive import Deriver
    from pipelines.rederive import rederive

    deriver = Deriver().fit()
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Posting)).scalar()
    with tqdm(total=total, unit="posting", desc="rederive", file=sys.stderr) as bar:
        done = rederive(engine, deriver, batch_size, progress=bar.update)
    print(f"Re-derived {done} postings with {deriver.version_}")


if __name__ == "__main__":
    sys.exit(main())
