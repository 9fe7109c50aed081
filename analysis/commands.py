"""The analysis commands of ``pasarkerja`` (demand, index, clusters, gap, earnings, report), as plain-text output.

``analysis.cli`` parses the arguments; ``run`` loads the postings the filters select and prints
what the command computes. Input the user must fix (a curriculum with an unknown skill, filters
that match nothing, too few days for the index) raises ``AnalysisInputError``: the command line
shows it as a one-line error.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

from sqlalchemy import Engine

from analysis.clusters import SkillClusters, SkillFamilies, store_clusters
from analysis.curriculum import Curriculum, CurriculumError, load_curriculum
from analysis.data import PostingSet, describe_filters, filters_from_arguments, load_postings
from analysis.demand import SkillDemand, compare_periods, recent_periods, rising_and_falling
from analysis.earnings import Earnings
from analysis.earnings_text import render_earnings
from analysis.formats import format_count, format_percent, format_points, format_rupiah
from analysis.gap import CurriculumCoverage, SkillRecommender
from analysis.index import OccupationIndex
from analysis.report import write_report
from analysis.study import Study
from analysis.survey import analyse_survey
from analysis.targets import describe_market, market_mask, target_skills
from analysis.untrusted import json_document
from pipelines.skills.taxonomy import load_taxonomy

# Periods the demand table shows side by side (the report and its data files have them all).
RECENT_PERIODS = 6


class AnalysisInputError(ValueError):
    """Something the user gave cannot be analysed; the message says what to change."""


def run(engine: Engine, args: argparse.Namespace) -> int:
    # Read before the postings: a curriculum that cannot be read is an error at once, not after loading.
    paths = getattr(args, "curricula", None) or ([args.curriculum] if args.command == "earnings" else [])
    curricula = [_curriculum(path) for path in paths]
    posting_set = load_postings(engine, filters_from_arguments(args), progress=sys.stderr.isatty())
    if not len(posting_set):
        raise AnalysisInputError(f"no postings match ({describe_filters(posting_set.filters)}): widen the filters")
    # JSON goes alone to standard output, for programs to read.
    header = sys.stderr if getattr(args, "json", False) else sys.stdout
    print(f"{describe_filters(posting_set.filters).capitalize()}: {format_count(len(posting_set))}\n", file=header)
    try:
        if args.command == "demand":
            _demand(posting_set, args)
        elif args.command == "index":
            _index(posting_set, args)
        elif args.command == "clusters":
            _clusters(engine, posting_set, args)
        elif args.command == "gap":
            _gap(posting_set, curricula, args)
        elif args.command == "earnings":
            _earnings(posting_set, curricula[0], args)
        elif args.command == "report":
            _report(posting_set, curricula, args)
    except ValueError as exc:  # the analysis steps say in words what the data lack
        raise AnalysisInputError(str(exc)) from exc
    return 0


def _curriculum(path) -> Curriculum:
    try:
        return load_curriculum(path)
    except CurriculumError as exc:
        raise AnalysisInputError(str(exc)) from exc


def _table(rows: list[list[str]], header: list[str]) -> None:
    """Columns padded to their widest cell; the first column left-aligned, the others right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in [header, *rows]:
        cells = [str(row[0]).ljust(widths[0])] + [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        print("  " + "  ".join(cells).rstrip())
    print()


def _demand(posting_set: PostingSet, args) -> None:
    if args.roll_up:
        posting_set = posting_set.rolled_up(load_taxonomy())
        print("Each posting also counts for the broader skills of the skills it asks for (--roll-up).\n")
    demand = SkillDemand(args.period).fit(posting_set)
    top = demand.totals_.head(args.top)
    recent = demand.shares_.index[-RECENT_PERIODS:]
    print(f"Skills most asked for, and their share of the postings of each of the last {len(recent)} {args.period}s")
    _table(
        [
            [skill, format_count(count), format_percent(count / len(posting_set)),
             *(format_percent(demand.shares_.at[period, skill]) for period in recent)]
            for skill, count in top.items()
        ],
        ["skill", "postings", "share", *(f"{period:%Y-%m-%d}" for period in recent)],
    )
    try:
        before, after = recent_periods(posting_set)
    except ValueError as exc:
        print(f"Rising and falling: too little data to compare: {exc}.")
        return
    rising, falling = rising_and_falling(compare_periods(posting_set, before, after, min_count=args.min_count))
    for title, rows in (("Rising", rising), ("Falling", falling)):
        print(f"{title} from {before[0]} – {before[1]} to {after[0]} – {after[1]} (skills with ≥ {args.min_count} postings)")
        _table(
            [
                [row.skill, format_percent(row.share_before), format_percent(row.share_after), format_points(row.change)]
                for row in rows.itertuples()
            ],
            ["skill", "before", "after", "change"],
        )


def _index(posting_set: PostingSet, args) -> None:
    index = OccupationIndex(window=args.window, base_date=args.base_date, min_postings=args.min_postings).fit(
        posting_set
    )
    weekly = index.index_.loc[index.index_["total"].first_valid_index() :].iloc[::7]
    print("Occupation index of new postings, every 7th day (–: too few postings to compare)")
    _table(
        [[f"{day:%Y-%m-%d}", *(f"{value:.1f}" if value == value else "–" for value in row)] for day, row in weekly.iterrows()],
        ["day", *weekly.columns],
    )
    print(index.method_)


def _clusters(engine: Engine, posting_set: PostingSet, args) -> None:
    clusters = SkillClusters(n_clusters=args.clusters, random_state=args.seed).fit(posting_set)
    print(f"{clusters.k_} clusters of postings by skills" + (" (k by silhouette)" if clusters.silhouette_ else ""))
    _table(
        [
            [row.name, format_count(row.size), format_percent(row.share), row.top_occupation or "–",
             format_rupiah(row.median_pay_idr_month)]
            for row in clusters.summary_.itertuples()
        ],
        ["cluster", "postings", "share", "occupation", "median salary / month"],
    )
    families = SkillFamilies().fit(posting_set)
    print("Skill families (asked for together)")
    for name, members in zip(families.names_, families.members_, strict=True):
        print(f"  {name}: {', '.join(members)}")
    if args.store:
        clustering_id = store_clusters(engine, posting_set, clusters, args.store)
        print(f"\nStored as clustering {clustering_id} ({args.store!r}): see docs/schema.md, posting_clusters")


def _gap(posting_set: PostingSet, curricula: list[Curriculum], args) -> None:
    clusters = SkillClusters(n_clusters=args.clusters, random_state=args.seed).fit(posting_set)
    for curriculum in curricula:
        targets = curriculum.targets if args.market == "targets" else ()
        in_market = market_mask(posting_set, targets)
        market = posting_set.subset(in_market)
        coverage = CurriculumCoverage(args.theta).fit(
            market, curriculum, clusters.labels_[in_market], list(clusters.names_)
        )
        print(
            f"{curriculum.name}: teaches at least {format_percent(args.theta)} of the skills of "
            f"{format_percent(coverage.coverage_)} of the postings"
        )
        print(describe_market(targets, curriculum.targets_inferred, len(market), len(posting_set)))
        _table(
            [
                [row.name, format_count(row.postings), format_percent(row.taught_share), format_percent(row.covered_share)]
                for row in coverage.cluster_coverage_.itertuples()
                if row.postings
            ],
            ["cluster", "postings", "skill demand taught", "postings covered"],
        )
        print("Skills not taught, most asked for")
        _table(
            [
                [row.skill, format_count(row.postings), format_rupiah(row.median_pay_idr_month)]
                for row in coverage.missing_.head(args.recommend).itertuples()
            ],
            ["skill", "postings", "median salary / month"],
        )
        recommender = SkillRecommender(n=args.recommend, theta=args.theta).fit(
            market, curriculum, target_skills(targets, load_taxonomy())
        )
        print("Teach next")
        for row in recommender.recommendations_.itertuples():
            print(f"  {row.rank:>2}. {row.skill}: {row.reason} (coverage then {format_percent(row.coverage_after)})")
        print()


def earnings_of(args, region: str) -> Earnings:
    """The earnings estimator the command-line options describe, for members living in ``region``."""
    return Earnings(
        region, on=getattr(args, "on", None), scope=args.scope, platform_fee=args.platform_fee,
        workdays_per_week=args.workdays_per_week, hours_per_month=args.hours_per_month,
        projects_per_month=args.projects_per_month,
    )  # fmt: skip


def _earnings(posting_set: PostingSet, curriculum: Curriculum, args) -> None:
    clusters = SkillClusters(n_clusters=args.clusters, random_state=args.seed).fit(posting_set)
    try:
        earnings = earnings_of(args, args.region or curriculum.place).fit(
            posting_set, clusters.labels_, list(clusters.names_)
        )
    except LookupError as exc:  # a region or date the yardstick table does not know
        raise AnalysisInputError(str(exc)) from exc
    print(json_document(earnings.to_dict()) if args.json else render_earnings(earnings))


def _report(posting_set: PostingSet, curricula: list[Curriculum], args) -> None:
    study = Study(
        theta=args.theta,
        n_clusters=args.clusters,
        random_state=args.seed,
        recommend=args.recommend,
        earnings=partial(earnings_of, args),
        progress=True,
        market=args.market,
    ).fit(posting_set, curricula)
    survey = None
    if args.survey:
        if not args.survey_period:
            raise AnalysisInputError("--survey needs --survey-period YYYY-MM, the month its incomes are of")
        survey = analyse_survey(args.survey, args.survey_region or curricula[0].place, args.survey_period)
    content = study.report_content(args.title, args.note, survey)
    folder_missing = not args.out.absolute().parent.exists()
    try:
        written = write_report(args.out, content)
    except OSError as exc:  # the command line checked --out; the disk may still be full, or the folder gone
        raise AnalysisInputError(f"cannot write the report to {args.out.absolute()}: {exc.strerror or exc}") from None
    if folder_missing:
        print(f"Created the folder {args.out.absolute().parent}")
    print(f"Report: {written[0].resolve()}")
    print(f"Its data (CSV and Parquet): {written[0].resolve().parent / (written[0].stem + '_data')}")
