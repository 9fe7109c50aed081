"""The ``pasarkerja`` command: thin argument handling over the analysis and pipeline modules."""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from analysis.data import add_filter_arguments, date_argument, source_argument
from analysis.demand import PERIODS
from analysis.digest_formats import FORMATS as DIGEST_FORMATS
from analysis.index import MIN_WINDOW_POSTINGS
from analysis.targets import MARKETS
from pipelines.db.engine import DEFAULT_URL, DatabaseURLError, describe, open_database
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
    status = commands.add_parser(
        "status",
        help="each spider's last crawls and their health; exit status 1 when a spider's latest crawl failed",
    )
    status.add_argument("--runs", type=_positive, default=5, help="crawls per spider (default 5)")
    status.add_argument("--spider", help="only this spider")
    status.add_argument("--json", action="store_true", help="print the same as JSON")
    rederive = commands.add_parser(
        "rederive", help="recompute skills, occupation and normalised pay of every stored posting (after a taxonomy or rate change)"
    )
    rederive.add_argument("--batch-size", type=int, default=500, help="postings per transaction (default 500)")
    dedupe = commands.add_parser(
        "dedupe",
        help="link every stored posting that repeats an earlier one (the same vacancy on another platform, or "
        "reposted), from scratch",
    )
    dedupe.add_argument(
        "--similarity", type=_share, default=0.6, help="least description similarity of a repeat (default 0.6)"
    )
    dedupe.add_argument(
        "--window-days", type=_positive, default=90,
        help="a repeat is first seen at most this many days after the earlier posting was last seen (default 90)",
    )
    dedupe.add_argument("--batch-size", type=_positive, default=1000, help="postings per transaction (default 1000)")
    skills = commands.add_parser("skills", help="the skill taxonomy at work").add_subparsers(
        dest="skills_command", required=True, metavar="SKILLS_COMMAND"
    )
    skills.add_parser("extract", help="print the canonical skills found in the text on standard input, one per line")
    unmapped = skills.add_parser("unmapped", help="platform tags that map to no skill, most frequent first")
    unmapped.add_argument("--top", type=int, default=30, help="how many tags to list (default 30)")
    tree = skills.add_parser("tree", help="a skill with its broader skills above it and its narrower skills below")
    tree.add_argument("name", metavar="NAME", help="a skill name or alias, e.g. Laravel or shopee")

    demand = _analysis_command(commands, "demand", "skills most asked for, and the top rising and falling skills")
    demand.add_argument("--period", choices=PERIODS, default="month", help="periods of the table (default month)")
    demand.add_argument("--top", type=_positive, default=20, help="skills to list (default 20)")
    demand.add_argument(
        "--roll-up", action="store_true",
        help="count each posting for the broader skills of its skills too (Laravel also counts for PHP and Web "
        "Development: `pasarkerja skills tree NAME`)",
    )
    demand.add_argument(
        "--min-count", type=_positive, default=5, help="ignore skills with fewer postings in both halves (default 5)"
    )
    index = _analysis_command(commands, "index", "the occupation index of new postings (Online Labour Index method)")
    index.add_argument("--window", type=_positive, default=28, help="days of the rolling mean (default 28)")
    index.add_argument("--base-date", type=date.fromisoformat, help="the day the total is 100 (YYYY-MM-DD)")
    index.add_argument(
        "--min-postings", type=_positive, default=MIN_WINDOW_POSTINGS,
        help=f"the fewest postings a day's window must hold for the day to have a value (default "
        f"{MIN_WINDOW_POSTINGS}: chance moves a count of 100 by about a tenth)",
    )
    clusters = _analysis_command(commands, "clusters", "clusters of postings by skills, and skill families")
    _cluster_arguments(clusters)
    clusters.add_argument("--store", metavar="NAME", help="store the assignments in clusterings/posting_clusters")
    gap = _analysis_command(commands, "gap", "what a curriculum covers, what it misses, what to teach next")
    _curriculum_arguments(gap)
    _cluster_arguments(gap)
    report = _analysis_command(commands, "report", "write the HTML report (and its data as CSV and Parquet)")
    _curriculum_arguments(report)
    _cluster_arguments(report)
    report.add_argument(
        "--out", type=_output_file, required=True, help="the report file to write, e.g. report.html (its folder is "
        "created when missing)",
    )  # fmt: skip
    report.add_argument("--title", default="Labour-market report", help="the report's title")
    report.add_argument("--note", help="added to the caption, e.g. that the data are a demo sample")
    report.add_argument("--survey", type=Path, metavar="FILE", help="add a section for the community's own survey")
    report.add_argument("--survey-period", metavar="YYYY-MM", help="the month the survey's incomes are of")
    report.add_argument(
        "--survey-region", help="whose yardsticks the survey is held against (default: the first curriculum's region)"
    )
    _earnings_arguments(report)
    earnings = _analysis_command(
        commands, "earnings",
        "what the work members can reach pays, salaried, hourly and project pay apart, against the UMK, BPS and "
        "World Bank lines (docs/earnings.md)",
    )  # fmt: skip
    earnings.add_argument("--curriculum", type=Path, required=True, metavar="FILE", help="curriculum YAML")
    earnings.add_argument("--region", help="where members live (default: the curriculum's region)")
    earnings.add_argument(
        "--on", type=date_argument, metavar="DATE", help="the day whose yardsticks apply (default: the latest posting's)"
    )
    earnings.add_argument("--json", action="store_true", help="print the figures as JSON")
    _earnings_arguments(earnings)
    _cluster_arguments(earnings)
    digest = commands.add_parser(
        "digest",
        help="new vacancies matching a curriculum, for students and alumni, since the last digest of the same name",
        description="New vacancies matching a curriculum's skills, each job once, since the last digest of the same "
        "name (docs/digest.md).",
    )
    digest.add_argument("--curriculum", type=Path, required=True, metavar="FILE", help="curriculum YAML")
    digest.add_argument("--track", metavar="NAME", help="only this track of the curriculum")
    digest.add_argument(
        "--since", type=_moment, metavar="DATE",
        help="vacancies first seen from this day (YYYY-MM-DD, or a span before today such as 7d); default: since the "
        "last digest of this name, or 7d for the first",
    )
    digest.add_argument(
        "--max-age", type=_span, default=timedelta(days=30), metavar="SPAN",
        help="leave out vacancies that appeared longer ago than this, however new to pasarkerja (default 30d)",
    )
    digest.add_argument("--format", choices=DIGEST_FORMATS, default="markdown", help="default markdown")
    digest.add_argument("--out", required=True, metavar="PATH", help="the file to write, or - for standard output")
    digest.add_argument(
        "--name", help="what the digest is called; the next digest of this name lists only what is new "
        "(default: the curriculum file's name, and the track's)",
    )
    digest.add_argument("--lang", choices=("id", "en"), default="id", help="Indonesian (default) or English")
    digest.add_argument(
        "--min-match", type=_share, default=0.5, help="least share of a vacancy's skills a track teaches (default 0.5)"
    )
    digest.add_argument("--limit", type=_positive, default=10, help="most vacancies per track (default 10)")
    digest.add_argument(
        "--source", dest="sources", type=source_argument, action="append", default=[], metavar="NAME",
        help="only vacancies on this platform (spider name); repeat for several",
    )
    digest.add_argument(
        "--near", action="store_true",
        help="only vacancies in the curriculum's regency or province, or remote (default: anywhere)",
    )
    digest.add_argument("--feed-link", metavar="URL", help="the web page an RSS feed names as its own")
    digest.add_argument(
        "--dry-run", action="store_true", help="write the digest but do not remember it: the next one lists it again"
    )
    alumni = commands.add_parser(
        "alumni",
        help="each student's or graduate's best current vacancies, from an alumni CSV (docs/alumni.md)",
        description="Each person's best current vacancies within reach, with the skills they have and the ones each "
        "vacancy adds (docs/alumni.md).",
    )
    alumni.add_argument("file", type=Path, help="the alumni CSV (template: examples/alumni/template.csv)")
    alumni.add_argument("--curriculum", type=Path, metavar="FILE", help="curriculum YAML: a person's track adds its skills")
    alumni.add_argument(
        "--since", type=_moment, default="30d", metavar="DATE",
        help="vacancies first seen and posted from this day (YYYY-MM-DD, or a span before today; default 30d)",
    )
    alumni.add_argument("--top", type=_positive, default=5, help="matches per person (default 5)")
    alumni.add_argument(
        "--min-match", type=_share, default=0.5,
        help="least share of a vacancy's skills the person has (default 0.5)",
    )
    alumni.add_argument("--csv", type=_output_file, metavar="PATH", help="the coordinator's file, contacts included")
    alumni.add_argument(
        "--markdown", type=_output_file, metavar="PATH", help="the list to pass around, without contacts"
    )
    alumni.add_argument("--lang", choices=("id", "en"), default="id", help="Indonesian (default) or English")
    schedule = commands.add_parser(
        "schedule",
        help="start the crawls of a schedule file on scrapyd nodes when due, never one still running (docs/deploy.md)",
    )
    schedule.add_argument("--config", type=Path, required=True, metavar="FILE", help="the schedule (deploy/schedule.yaml)")
    schedule.add_argument("--loop", action="store_true", help="keep checking, instead of once (as from cron)")
    schedule.add_argument("--check-every", type=_positive, default=60, metavar="SECONDS", help="with --loop (default 60)")
    schedule.add_argument("--dry-run", action="store_true", help="say what is due without starting it")
    survey = commands.add_parser(
        "survey", help="a community's own income survey against the poverty lines and minimum wage (docs/survey.md)"
    )
    survey.add_argument("file", type=Path, help="the survey CSV (template: examples/survey/template.csv)")
    survey.add_argument("--region", required=True, help="regency, city or province whose yardsticks apply")
    survey.add_argument("--period", required=True, metavar="YYYY-MM", help="the month the incomes are of")
    survey.add_argument("--clusters", type=_positive, help="number of member clusters (default: best silhouette)")
    survey.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def _analysis_command(commands, name: str, help: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help, description=help)
    add_filter_arguments(command)
    return command


def _cluster_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clusters", type=_positive, help="number of clusters (default: the smallest k of 3 to 12 within 0.02 of the best silhouette)")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same clusters")


def _curriculum_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--curriculum", dest="curricula", type=Path, action="append", required=True, metavar="FILE",
        help="curriculum YAML (docs/curriculum.md); repeat to compare several",
    )
    parser.add_argument(
        "--theta", type=_share, default=0.5, help="a posting is covered when this share of its skills is taught"
    )
    parser.add_argument("--recommend", type=_positive, default=10, help="skills to recommend (default 10)")
    parser.add_argument(
        "--market", choices=MARKETS, default="targets",
        help="targets (default): coverage, missing skills and what to teach next among the postings for the work "
        "the curriculum prepares for (its targets:, or those inferred from what it teaches); all: every posting",
    )  # fmt: skip


def _earnings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope", choices=("reachable", "all"), default="reachable",
        help="reachable (default): postings a member living in the region could take; all: every posting",
    )
    parser.add_argument(
        "--platform-fee", type=_fee,
        help="share of hourly and project pay a platform keeps, e.g. 0.2 (default: each platform's published fee)",
    )
    parser.add_argument(
        "--workdays-per-week", type=int, choices=(5, 6), default=5,
        help="a day rate's month is 21 working days in a 5-day week (default) or 25 in a 6-day week (PP 36/2021)",
    )
    parser.add_argument(
        "--hours-per-month", type=_positive_number,
        help="also show hourly pay as a month at this many billed hours (default: never)",
    )
    parser.add_argument(
        "--projects-per-month", type=_positive_number,
        help="also show project pay as a month at this many projects (default: never)",
    )


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _output_file(value: str) -> Path:
    """An argparse type: a file to write, refused at once (not after the work) when it is a folder or when the nearest
    folder above it that exists is not a folder, or cannot be written in."""
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path.absolute()} is a folder; give the name of a file to write in it")
    above = next(folder for folder in path.absolute().parents if folder.exists())
    if not above.is_dir():
        raise argparse.ArgumentTypeError(f"{above} is a file, so {path.absolute()} cannot be written")
    if not os.access(path if path.exists() else above, os.W_OK):
        raise argparse.ArgumentTypeError(f"{path.absolute()}: cannot be written (permission denied)")
    return path


def _number(accepts: Callable[[float], bool], expected: str) -> Callable[[str], float]:
    """An argparse type: a number that ``accepts`` takes, else the one-line error "expected ``expected``"."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = math.nan  # accepted by no check
        if not accepts(number):
            raise argparse.ArgumentTypeError(f"expected {expected}; got {value!r}")
        return number

    return parse


_positive_number = _number(lambda number: number > 0, "a number above 0, such as 1.5")
_fee = _number(lambda number: 0 <= number < 1, "a share of at least 0 and below 1, such as 0.2")
_share = _number(lambda number: 0 < number <= 1, "a share above 0 and at most 1, such as 0.5")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "skills" and args.skills_command == "extract":
        return _extract_skills()
    if args.command == "skills" and args.skills_command == "tree":  # reads the taxonomy, not the database
        from analysis.curriculum import closest_skills
        from pipelines.skills.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
        skill = taxonomy.lookup(args.name)
        if skill is None:
            parser.error(f'unknown skill "{args.name}"; {closest_skills(args.name, taxonomy)}')
        print(_skill_tree(taxonomy, skill.name))
        return 0
    if args.command == "schedule":  # talks to scrapyd, not to the database
        from crawlers.schedule import ScheduleError, run

        try:
            return run(args.config, args.loop, args.check_every, args.dry_run)
        except ScheduleError as exc:
            parser.error(str(exc))
    if args.command == "survey":  # reads a file, not the database
        from analysis.survey import SurveyError, run_survey

        try:
            print(run_survey(args.file, args.region, args.period, args.clusters, as_json=args.json))
        except SurveyError as exc:
            print("\n".join(exc.problems), file=sys.stderr)
            parser.error(str(exc))
        return 0
    try:
        # Only migrate creates a database: the other commands read or add to one already there.
        engine = open_database(args.database_url, create=args.command == "migrate")
    except DatabaseURLError as exc:
        parser.error(str(exc))
    try:
        if args.command == "migrate":
            before = current_revision(engine)
            upgrade(engine)
            print(f"{describe(args.database_url)}: schema {before or 'empty'} -> {head_revision()}")
            return 0
        if current_revision(engine) is None:
            parser.error(
                f"{describe(args.database_url)} holds no pasarkerja data yet: run a crawl or `make demo` first"
            )
        upgrade(engine)
        if args.command == "summary":
            from analysis.summary import render

            print(render(engine, args.newest))
        elif args.command == "status":
            from analysis import status

            found = status.latest_runs(engine, args.runs, args.spider)
            print(status.to_json(found) if args.json else status.render(found), end="" if args.json else "\n")
            return 1 if status.unhealthy(found) else 0
        elif args.command == "rederive":
            _rederive(engine, args.batch_size)
        elif args.command == "dedupe":
            _dedupe(engine, args)
        elif args.command == "digest":
            return _digest(engine, args, parser)
        elif args.command == "alumni":
            from analysis.alumni import AlumniError, run_alumni

            if args.csv is None and args.markdown is None:
                parser.error("alumni: give --csv PATH, --markdown PATH or both: where to write the matches")
            try:
                print(
                    run_alumni(
                        engine, args.file, curriculum_path=args.curriculum, since=args.since, top=args.top,
                        min_match=args.min_match, csv_path=args.csv, markdown_path=args.markdown, lang=args.lang,
                    )
                )  # fmt: skip
            except AlumniError as exc:
                parser.error(str(exc))
        elif args.command == "skills":
            from analysis.skills import unmapped_tags

            for tag, count, sources in unmapped_tags(engine, args.top):
                print(f"{count:>6}  {tag}  ({', '.join(sources)})")
        else:
            from analysis import commands as analysis_commands

            try:
                return analysis_commands.run(engine, args)
            except analysis_commands.AnalysisInputError as exc:
                parser.error(str(exc))
    finally:
        engine.dispose()
    return 0


def _extract_skills() -> int:
    from pipelines.skills.extract import SkillExtractor

    found = SkillExtractor().fit().extract(None, sys.stdin.read())
    print("\n".join(found.skills))
    return 0


def _skill_tree(taxonomy, name: str) -> str:
    """`name` with the chains of broader skills above it and the tree of narrower skills below, indented by level:

    Laravel (framework)
      broader:
        PHP
          Web Development
        ...
      narrower:
        Livewire
    """

    def branch(skill: str, step, depth: int) -> list[str]:
        # The taxonomy validator forbids cycles, so every branch ends.
        return [line for following in step(skill) for line in ["  " * depth + following, *branch(following, step, depth + 1)]]

    above = branch(name, taxonomy.broader_of, 2) or ["    (none)"]
    below = branch(name, taxonomy.narrower_of, 2) or ["    (none)"]
    return "\n".join([f"{name} ({taxonomy.by_name[name].group})", "  broader:", *above, "  narrower:", *below])


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


def _moment(value: str) -> datetime:
    """An argparse type: a day, or a span before today, as the first moment of that day in UTC."""
    return datetime.combine(date_argument(value), time(), timezone.utc)


def _span(value: str) -> timedelta:
    """An argparse type: a span such as 30d or 4w."""
    span = re.fullmatch(r"(\d+)([dw])", value.strip().lower())
    if not span or int(span.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"expected a span such as 30d or 4w, got {value!r}")
    return timedelta(days=int(span.group(1)) * (7 if span.group(2) == "w" else 1))


def _digest(engine, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from analysis.curriculum import CurriculumError, load_curriculum
    from analysis.digest import build_digest, record_digest
    from analysis.digest_formats import render

    try:
        curriculum = load_curriculum(args.curriculum)
    except CurriculumError as exc:
        parser.error(str(exc))
    name = args.name or "-".join(filter(None, (args.curriculum.stem, _slug(args.track))))
    try:
        digest = build_digest(
            engine, curriculum, name, track=args.track, since=args.since, max_age=args.max_age,
            min_match=args.min_match, limit=args.limit, sources=args.sources, near=args.near,
        )  # fmt: skip
    except ValueError as exc:  # a track the curriculum lacks
        parser.error(str(exc))
    text = render(digest, args.format, args.lang, feed_link=args.feed_link)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            parser.error(f"cannot write the digest to {args.out}: {exc.strerror or exc}")
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
    return 0


def _slug(text: str | None) -> str | None:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") if text else None


def _dedupe(engine, args: argparse.Namespace) -> None:
    from sqlalchemy import func, select
    from tqdm import tqdm

    from pipelines.db.models import Posting
    from pipelines.dedupe import DedupeSettings, relink_all

    settings = DedupeSettings(similarity=args.similarity, window_days=args.window_days)
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Posting)).scalar()
    with tqdm(total=total, unit="posting", desc="fingerprints", file=sys.stderr) as bar:
        postings, duplicates = relink_all(engine, settings, args.batch_size, progress=bar.update)
    print(
        f"{postings} postings: {postings - duplicates} distinct vacancies, {duplicates} postings repeat an earlier one "
        f"(similarity at least {settings.similarity:g}, within {settings.window_days} days)"
    )


if __name__ == "__main__":
    sys.exit(main())
