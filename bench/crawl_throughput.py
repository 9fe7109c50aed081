"""Crawl throughput with the full item pipeline against the same crawl with no pipelines.

A local server holds POSTINGS synthetic Freelancer-format postings in pages of 100. The
freelancer spider crawls them in this run with ITEM_PIPELINES disabled (the baseline) and
through every pipeline into a fresh database, alternately, ROUNDS times each; the fastest
round of each counts, as timeit does, since slower rounds measure other load on the machine.
Prints items/s for both and, last, ``ratio: <full/bare>``.

    python bench/crawl_throughput.py [--postings 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from sample.synthetic import serve_synthetic  # noqa: E402  (the project root is not installed)


def crawl(base_url: str, database_url: str, pipelines: bool) -> tuple[int, float]:
    """(items scraped, seconds the crawl ran) from Scrapy's own stats."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "freelancer", "-a", f"base_url={base_url}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO",
        "-s", f"DATABASE_URL={database_url}",
    ]
    if not pipelines:
        command += ["-s", "ITEM_PIPELINES={}"]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    items = int(re.search(r"'item_scraped_count': (\d+)", result.stderr).group(1))
    seconds = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", result.stderr).group(1))
    return items, seconds


def _seconds(result: tuple[int, float]) -> float:
    return result[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server = serve_synthetic(args.postings)
    base_url = f"http://127.0.0.1:{server.server_port}"
    bare_rounds, full_rounds = [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            database_url = f"sqlite:///{folder}/bench.db"
            bare_rounds.append(crawl(base_url, database_url, pipelines=False))
            full_rounds.append(crawl(base_url, database_url, pipelines=True))
    server.shutdown()
    (bare_items, bare_seconds), (full_items, full_seconds) = min(bare_rounds, key=_seconds), min(full_rounds, key=_seconds)
    bare, full = bare_items / bare_seconds, full_items / full_seconds
    print(f"bare (no item pipelines): {bare_items} items in {bare_seconds:.1f} s = {bare:.0f} items/s")
    print(f"full (every item pipeline): {full_items} items in {full_seconds:.1f} s = {full:.0f} items/s")
    print(f"ratio: {full / bare:.2f}")


if __name__ == "__main__":
    main()
