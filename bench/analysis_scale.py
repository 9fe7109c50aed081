"""Skill clusters and a curriculum gap analysis over 10,000 to 1,000,000 synthetic postings.

Each size runs in a fresh Python process, so that its peak memory is its own: the process builds a synthetic
market of that many postings (sample/market.py), then times SkillClusters (k chosen by silhouette over --k-range,
searched on a sample) and CurriculumCoverage of an example curriculum against the postings and their clusters.
Prints per size the wall time of the analysis (clusters + gap; building the market is shown apart) and the
process's peak resident memory (ru_maxrss, building the market included), and, last,
``scaling: <analysis time(largest size)/analysis time(the size before)>``: ``time(1M)/time(100k)`` by default.

Targets: a million postings in at most 10 minutes and 8 GB on 2 cores; scaling at most 12 (near-linear, as the
tenfold size allows up to 10 with a margin).

    python bench/analysis_scale.py [--sizes 10000 100000 1000000] [--k-range 4 8] [--seed 0]
                                   [--curriculum examples/curricula/pondok-programmer.yaml]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from analysis.clusters import SkillClusters  # noqa: E402  (the project root is not installed)
from analysis.curriculum import load_curriculum  # noqa: E402
from analysis.gap import CurriculumCoverage  # noqa: E402
from sample.market import market_posting_set  # noqa: E402

DEFAULT_CURRICULUM = PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml"


def measure(size: int, seed: int, k_range: tuple[int, int], curriculum_path: Path) -> dict:
    """One size, in this process: seconds of each step and this process's peak memory."""
    curriculum = load_curriculum(curriculum_path)
    started = time.perf_counter()
    posting_set = market_posting_set(size, seed=seed)
    built = time.perf_counter()
    clusters = SkillClusters(k_range=k_range, random_state=seed).fit(posting_set)
    clustered = time.perf_counter()
    coverage = CurriculumCoverage(theta=0.5).fit(
        posting_set, curriculum, cluster_labels=clusters.labels_, cluster_names=clusters.names_
    )
    finished = time.perf_counter()
    return {
        "size": size,
        "market_seconds": built - started,
        "cluster_seconds": clustered - built,
        "gap_seconds": finished - clustered,
        "k": clusters.k_,
        "coverage": float(coverage.coverage_),
        "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,  # kilobytes on Linux
    }


def measure_in_child(size: int, seed: int, k_range: tuple[int, int], curriculum_path: Path) -> dict:
    command = [
        sys.executable, __file__, "--child", str(size), "--seed", str(seed),
        "--k-range", str(k_range[0]), str(k_range[1]), "--curriculum", str(curriculum_path),
    ]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--k-range", type=int, nargs=2, default=[4, 8], metavar=("LOW", "HIGH"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--curriculum", type=Path, default=DEFAULT_CURRICULUM)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # one size, measured in this process
    args = parser.parse_args()
    k_range = (args.k_range[0], args.k_range[1])
    if args.child is not None:
        print(json.dumps(measure(args.child, args.seed, k_range, args.curriculum)))
        return

    analysis_seconds = []
    for size in args.sizes:
        result = measure_in_child(size, args.seed, k_range, args.curriculum)
        seconds = result["cluster_seconds"] + result["gap_seconds"]
        analysis_seconds.append(seconds)
        print(
            f"{size:>9,} postings: analysis {seconds:6.1f} s (clusters {result['cluster_seconds']:.1f} s, "
            f"k={result['k']}; gap {result['gap_seconds']:.1f} s, coverage {result['coverage']:.1%}); "
            f"market built in {result['market_seconds']:.1f} s; peak memory {result['peak_bytes'] / 2**30:.2f} GB",
            flush=True,
        )
    if len(analysis_seconds) > 1:
        print(f"scaling: {analysis_seconds[-1] / analysis_seconds[-2]:.2f}")


if __name__ == "__main__":
    main()
