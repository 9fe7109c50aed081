"""The ``pasarkerja`` command: thin argument handling over the analysis modules."""

from __future__ import annotations

import argparse
import os
import sys

from pipelines.db.engine import (
    DEFAULT_URL,
    DatabaseURLError,
    current_revision,
    head_revision,
    make_engine,
    mask,
    upgrade,
)


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
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        engine = make_engine(args.database_url)
    except DatabaseURLError as exc:
        parser.error(str(exc))
    try:
        if args.command == "migrate":
            before = current_revision(engine)
            upgrade(engine)
            print(f"{mask(args.database_url)}: schema {before or 'empty'} -> {head_revision()}")
        elif args.command == "summary":
            if current_revision(engine) is None:
                parser.error(f"{mask(args.database_url)} holds no pasarkerja data yet: run a crawl or `make demo` first")
            from analysis.summary import render

            print(render(engine, args.newest))
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
