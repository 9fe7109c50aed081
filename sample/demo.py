"""``make demo``: crawl the bundled offline sample of every platform and a synthetic labour market, then
summarise the store and write the report.

Each spider runs as a real ``scrapy crawl`` against a local server that answers like the platform, so
nothing leaves this machine: the bundled sample of every platform (sample/server.py, a handful of
postings each), then a synthetic market of a few thousand postings over the last 26 weeks
(sample/market.py, served in Freelancer's and Kalibrr's formats by sample/synthetic.py), enough for
demand, trend and index charts to show movement. Everything crawled is invented, not market data.
Some of the synthetic Indonesian jobs are posted again under a new id, as employers do, and the bundled
sample has one vacancy on two boards: the store links each to its first posting, so it counts once.
It ends by writing the HTML report for the three example curricula (examples/curricula/) to data/report.html,
and this week's vacancy digest of each in every format to data/digests/.

Crawls run two at a time, one per core of a small machine (each is a crawling process and its store
worker); the schema is created first, so that they never race to create it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from analysis.cli import main as pasarkerja
from analysis.curriculum import load_curriculum
from analysis.digest import build_digest
from analysis.digest_formats import render
from crawlers.platforms import PLATFORMS
from pipelines.db.engine import DEFAULT_URL, make_engine, mask
from pipelines.db.schema import upgrade
from sample.market import BOARDS, market_records, reposts
from sample.server import FixtureServer, sample_routes
from sample.synthetic import serve_market

PROJECT_DIR = Path(__file__).resolve().parent.parent
# About half freelance projects, half Indonesian jobs; a fixed seed, so every demo shows the same market
# (dated to end today).
MARKET_POSTINGS = 3_000
MARKET_SEED = 2026
MARKET_WEEKS = 26
EXAMPLE_CURRICULA = sorted((PROJECT_DIR / "examples" / "curricula").glob("*.yaml"))
DEMO_REPORT = PROJECT_DIR / "data" / "report.html"
DEMO_DIGESTS = PROJECT_DIR / "data" / "digests"
DIGEST_FILES = {"markdown": "md", "whatsapp": "txt", "html": "html", "rss": "xml", "json": "json"}
CRAWLS_AT_ONCE = 2


@dataclass(frozen=True)
class Crawl:
    """One ``scrapy crawl`` of ``spider`` against the local server at ``base_url``."""

    spider: str
    base_url: str
    arguments: list[str]
    note: str = ""
    """Printed after the crawl's outcome."""


def crawl(job: Crawl, database_url: str) -> subprocess.CompletedProcess:
    """Run ``job`` into ``database_url``, as an operator would, in a subprocess."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", job.spider,
        "-a", f"base_url={job.base_url}",
        *[option for argument in job.arguments for option in ("-a", argument)],
        # Politeness delays protect real platforms; this server is our own.
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", f"DATABASE_URL={database_url}", "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip
    return subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)


def run_all(crawls: list[Crawl], database_url: str, heading_before: dict[int, str]) -> int:
    """Run ``crawls`` CRAWLS_AT_ONCE at a time and report each, in order, under the headings in
    ``heading_before`` (by position); the exit code of the first that failed, else 0."""
    failed = 0
    with ThreadPoolExecutor(CRAWLS_AT_ONCE) as pool:
        results = pool.map(lambda job: crawl(job, database_url), crawls)
        for position, job in enumerate(crawls):
            if position in heading_before:
                print(heading_before[position], flush=True)
            result = next(results)
            print(f"  {job.spider:<16} {'ok' if result.returncode == 0 else 'FAILED'}{job.note}", flush=True)
            if result.returncode != 0:
                print(result.stderr[-2000:], file=sys.stderr)
                failed = failed or result.returncode
    return failed


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    platforms = sorted(PLATFORMS, key=lambda platform: platform.name)
    postings = list(market_records(MARKET_POSTINGS, seed=MARKET_SEED, weeks=MARKET_WEEKS))
    postings += reposts(postings, seed=MARKET_SEED)
    per_board = Counter(posting.platform for posting in postings)
    market = serve_market(postings)
    try:
        with FixtureServer(sample_routes()) as server:
            market_url = f"http://127.0.0.1:{market.server_port}"
            crawls = [Crawl(platform.name, server.url, platform.sample_arguments()) for platform in platforms] + [
                Crawl(spider, market_url, [], f"  ({per_board[spider]} synthetic postings)") for spider in BOARDS
            ]
            headings = {
                0: f"Crawling the offline sample of {len(platforms)} platforms (postings invented for pasarkerja)"
                f" into {mask(database_url)}",
                len(platforms): "\nCrawling a SYNTHETIC labour market (sample/market.py):"
                f" {len(postings)} invented postings over 26 weeks, not real market data; their URLs contain 'synthetic'",
            }
            failed = run_all(crawls, database_url, headings)
    finally:
        market.shutdown()
        market.server_close()
    if failed:
        return failed
    print()
    summarised = pasarkerja(["--database-url", database_url, "summary"])
    if summarised:
        return summarised
    # The report the example communities would read, side by side, over the synthetic market's weeks.
    print()
    reported = pasarkerja([
        "--database-url", database_url, "report", "--since", f"{MARKET_WEEKS}w",
        *[option for path in EXAMPLE_CURRICULA for option in ("--curriculum", str(path))],
        "--title", "Laporan contoh: tiga kurikulum contoh",
        "--note", "data contoh: sampel offline dan pasar sintetis, rekaan untuk pasarkerja",
        "--out", str(DEMO_REPORT),
    ])
    if not reported:
        write_digests(database_url)
    return reported


def write_digests(database_url: str) -> None:
    """This week's digest of each example curriculum, in every format, to DEMO_DIGESTS. Not remembered in the
    database: the first ``pasarkerja digest`` you make of one still lists everything."""
    print(f"\nVacancy digests of the example curricula (invented postings), to {DEMO_DIGESTS}/")
    DEMO_DIGESTS.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url)
    try:
        for path in EXAMPLE_CURRICULA:
            digest = build_digest(engine, load_curriculum(path), path.stem)
            for fmt, suffix in DIGEST_FILES.items():
                (DEMO_DIGESTS / f"{path.stem}.{suffix}").write_text(render(digest, fmt), encoding="utf-8")
            print(f"  {path.stem:<20} {len(digest.entries):>3} vacancies  ({', '.join(DIGEST_FILES.values())})")
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
