"""``pasarkerja clusters``: clusters of postings by skills, and skill families; ``--store`` keeps the assignments.
Its clustering options are shared by gap, earnings and report."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from analysis.cli.analysis_command import AnalysisInput, analysis_command, print_table
from analysis.cli.arguments import positive_whole_number, whole_number
from analysis.cli.command import Store
from analysis.formats import format_count, format_percent, format_rupiah

if TYPE_CHECKING:
    from analysis.clusters import SkillClusters


def add_cluster_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clusters", type=positive_whole_number,
        help="number of clusters (default: the smallest k of 3 to 12 within 0.02 of the best silhouette)",
    )  # fmt: skip
    parser.add_argument(
        "--seed", type=whole_number, default=0, help="random seed: the same seed gives the same clusters"
    )


def skill_clusters(args: argparse.Namespace, analysis_input: AnalysisInput) -> SkillClusters:
    """The postings' clusters, as the clustering options ask."""
    # analysis.clusters loads scikit-learn: imported when a command runs, so that --help and the rest start fast.
    from analysis.clusters import SkillClusters

    return SkillClusters(n_clusters=args.clusters, random_state=args.seed).fit(analysis_input.postings)


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_cluster_arguments(parser)
    parser.add_argument("--store", metavar="NAME", help="store the assignments in clusterings/posting_clusters")


def _analyse(args: argparse.Namespace, analysis_input: AnalysisInput) -> None:
    from analysis.clusters import SkillFamilies, store_clusters

    clusters = skill_clusters(args, analysis_input)
    print(f"{clusters.k_} clusters of postings by skills" + (" (k by silhouette)" if clusters.silhouette_ else ""))
    print_table(
        [
            [row.name, format_count(row.size), format_percent(row.share), row.top_occupation or "–",
             format_rupiah(row.median_pay_idr_month)]
            for row in clusters.summary_.itertuples()
        ],
        ["cluster", "postings", "share", "occupation", "median salary / month"],
    )  # fmt: skip
    families = SkillFamilies().fit(analysis_input.postings)
    print("Skill families (asked for together)")
    for name, members in zip(families.names_, families.members_, strict=True):
        print(f"  {name}: {', '.join(members)}")
    if args.store:
        clustering_id = store_clusters(analysis_input.engine, analysis_input.postings, clusters, args.store)
        print(f"\nStored as clustering {clustering_id} ({args.store!r}): see docs/schema.md, posting_clusters")


COMMAND = analysis_command(
    "clusters",
    "clusters of postings by skills, and skill families",
    _arguments,
    _analyse,
    store=lambda args: Store.WRITE if args.store else Store.READ,  # only --store writes
)
