"""``make demo``: crawl the bundled offline sample of every platform, then summarise the store.

Each spider runs as a real ``scrapy crawl`` against a local server that answers like
the platform (sample/server.py), so nothing leaves this machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from analysis.cli import main as pasarkerja
from pipelines.db.engine import DEFAULT_URL, mask
from sample.server import SAMPLE_DIR, FixtureServer, sample_routes

PROJECT_DIR = Path(__file__).resolve().parent.parent


def demo_arguments(spider: str) -> list[str]:
    """Extra ``-a`` arguments from ``sample/<spider>/demo-arguments.json``, for spiders that need them."""
    path = SAMPLE_DIR / spider / "demo-arguments.json"
    return json.loads(path.read_text()) if path.exists() else []


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    spiders = sorted(SpiderLoader.from_settings(get_project_settings()).list())
    print(f"Crawling the offline sample of {len(spiders)} platforms (postings invented for pasarkerja) into {mask(database_url)}")
    with FixtureServer(sample_routes()) as server:
        for spider in spiders:
            command = [
                sys.executable, "-m", "scrapy", "crawl", spider,
                "-a", f"base_url={server.url}",
                *[option for argument in demo_arguments(spider) for option in ("-a", argument)],
                # Politeness delays protect real platforms; this server is our own.
                "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", f"DATABASE_URL={database_url}", "-s", "LOG_LEVEL=WARNING",
            ]
            result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
            print(f"  {spider:<16} {'ok' if result.returncode == 0 else 'FAILED'}")
            if result.returncode != 0:
                print(result.stderr[-2000:], file=sys.stderr)
                return result.returncode
    print()
    return pasarkerja(["--database-url", database_url, "summary"])


if __name__ == "__main__":
    sys.exit(main())
