"""``pasarkerja gap``: what a curriculum covers, what it misses, what to teach next. Its curriculum options are
shared by report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.cli.analysis_command import AnalysisInput, analysis_command, print_table
from analysis.cli.arguments import positive_whole_number, share
from analysis.cli.clusters import add_cluster_arguments, skill_clusters
from analysis.curriculum import Curriculum
from analysis.data import PostingSet
from analysis.formats import format_count, format_percent, format_rupiah
from analysis.gap import CurriculumCoverage, SkillRecommender
from analysis.targets import MARKETS, describe_market, market_mask, target_skills
from pipelines.skills.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from analysis.clusters import SkillClusters


def add_curriculum_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--curriculum", dest="curricula", type=Path, action="append", required=True, metavar="FILE",
        help="curriculum YAML (docs/curriculum.md); repeat to compare several",
    )
    parser.add_argument(
        "--theta", type=share, default=0.5, help="a posting is covered when this share of its skills is taught"
    )
    parser.add_argument("--recommend", type=positive_whole_number, default=10, help="skills to recommend (default 10)")
    parser.add_argument(
        "--market", choices=MARKETS, default="targets",
        help="targets (default): coverage, missing skills and what to teach next among the postings for the work "
        "the curriculum prepares for (its targets:, or those inferred from what it teaches); all: every posting",
    )  # fmt: skip


def curriculum_paths(args: argparse.Namespace) -> list[Path]:
    return args.curricula


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_curriculum_arguments(parser)
    add_cluster_arguments(parser)


def _analyse(args: argparse.Namespace, analysis_input: AnalysisInput) -> None:
    clusters = skill_clusters(args, analysis_input)
    for curriculum in analysis_input.curricula:
        _curriculum_gap(args, analysis_input.postings, curriculum, clusters)


def _curriculum_gap(
    args: argparse.Namespace, postings: PostingSet, curriculum: Curriculum, clusters: SkillClusters
) -> None:
    targets = curriculum.targets if args.market == "targets" else ()
    in_market = market_mask(postings, targets)
    market = postings.subset(in_market)
    coverage = CurriculumCoverage(args.theta).fit(
        market, curriculum, clusters.labels_[in_market], list(clusters.names_)
    )
    print(
        f"{curriculum.name}: teaches at least {format_percent(args.theta)} of the skills of "
        f"{format_percent(coverage.coverage_)} of the postings"
    )
    print(describe_market(targets, curriculum.targets_inferred, len(market), len(postings)))
    print_table(
        [
            [row.name, format_count(row.postings), format_percent(row.taught_share), format_percent(row.covered_share)]
            for row in coverage.cluster_coverage_.itertuples()
            if row.postings
        ],
        ["cluster", "postings", "skill demand taught", "postings covered"],
    )
    print("Skills not taught, most asked for")
    print_table(
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


COMMAND = analysis_command(
    "gap",
    "what a curriculum covers, what it misses, what to teach next",
    _arguments,
    _analyse,
    curriculum_paths=curriculum_paths,
)
