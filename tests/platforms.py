"""What the generic spider tests need to know of each platform."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from scrapy.http import TextResponse
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from sample.server import SAMPLE_DIR

# Real responses in ../shared/realdata/<spider>/ that a crawl of each spider reads.
REALDATA_FILES = {
    "freelancer": ["projects_active.json"],
    "remoteok": ["api.json"],
    "remotive": ["remote-jobs.json"],
    "arbeitnow": ["job-board-api.json"],
    "jobicy": ["remote-jobs_v2.0.json", "remote-jobs_v2.2.json"],
    "himalayas": ["jobs_api.json"],
    "weworkremotely": ["remote-programming-jobs.rss"],
}


def spider_names() -> list[str]:
    return sorted(SpiderLoader.from_settings(get_project_settings()).list())


def read_page(spider: str, body: bytes, url: str = "http://127.0.0.1/"):
    """The platform extractor's Page for ``body`` (every extractor exposes ``read_page``)."""
    extractor = importlib.import_module(f"crawlers.extract.{spider}")
    return extractor.read_page(TextResponse(url=url, body=body, encoding="utf-8"))


def sample_source_ids(spider: str) -> set[str]:
    """Every posting id the bundled sample of ``spider`` holds, read by its own extractor."""
    folder = SAMPLE_DIR / spider
    ids: set[str] = set()
    for route in json.loads((folder / "routes.json").read_text()):
        if route.get("status", 200) == 200:
            ids |= {posting.source_id for posting in read_page(spider, (folder / route["file"]).read_bytes()).postings}
    return ids


def sample_body(spider: str) -> bytes:
    """The first sample file of ``spider``, to cut into malformed variants."""
    route = json.loads((SAMPLE_DIR / spider / "routes.json").read_text())[0]
    return Path(SAMPLE_DIR / spider / route["file"]).read_bytes()
