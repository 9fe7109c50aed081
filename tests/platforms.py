"""What the generic spider tests need to know of each platform, beyond the registry (crawlers/platforms.py)."""

from __future__ import annotations

import json

from scrapy.http import TextResponse

from crawlers.platforms import BY_NAME, PLATFORMS

# Real responses in ../shared/realdata/ (folder/file) that a crawl of each spider reads, where there are some.
REALDATA_FILES = {
    "freelancer": ["freelancer/projects_active.json"],
    "remoteok": ["remoteok/api.json"],
    "remotive": ["remotive/remote-jobs.json"],
    "arbeitnow": ["arbeitnow/job-board-api.json"],
    "jobicy": ["jobicy/remote-jobs_v2.0.json", "jobicy/remote-jobs_v2.2.json"],
    "himalayas": ["himalayas/jobs_api.json"],
    "weworkremotely": ["weworkremotely/remote-programming-jobs.rss"],
    "karirhub": ["karirhub/industrial-vacancies.json"],
    "kalibrr": ["kalibrr/job_board_search.json"],
    "glints": ["glints/searchJobsV3_response.json"],
    "jobstreet": ["jobstreet/v5_search_response.json", "jobstreet/graphql_jobSearchV7_response.json"],
    "lokerid": ["lokerid/cari-lowongan-kerja_data.json"],
    "dealls": ["dealls/explore-job.json"],
    "jobposting": ["schemaorg/jobposting_detail.html"],
}
CONTENT_TYPES = {".json": "application/json", ".rss": "application/rss+xml", ".html": "text/html; charset=utf-8"}

# Arguments a spider needs in every generic test crawl (a generic spider needs its start pages).
# The conformance and malformed tests serve one body on every path: one page URL reads it.
CRAWL_ARGUMENTS: dict[str, list[str]] = {
    "jobposting": ["urls=https://lowongan.example/lowongan/lwg-1001-backend-developer-golang"],
}
# The site a generic spider's sample stands for: ids of its postings name the host they are on.
SAMPLE_SITES = {platform.name: platform.sample_site for platform in PLATFORMS if platform.reads_any_site}


def sample_crawl_arguments(spider: str) -> list[str]:
    """Arguments of the sample crawl: a sample that is a whole site is found as `make demo` finds it
    (sample/<spider>/demo-arguments.json, the jobposting sitemap index), the others as every test crawls."""
    return BY_NAME[spider].sample_arguments() or CRAWL_ARGUMENTS.get(spider, [])


def spider_names() -> list[str]:
    """Every platform of the registry (tests/test_platform_registry.py: each has its spider, named the same)."""
    return sorted(BY_NAME)


def read_page(spider: str, body: bytes, url: str = "http://127.0.0.1/"):
    """The platform extractor's Page for ``body`` (every extractor exposes ``read_page``)."""
    return BY_NAME[spider].extractor().read_page(TextResponse(url=url, body=body, encoding="utf-8"))


def sample_source_ids(spider: str) -> set[str]:
    """Every posting id the bundled sample of ``spider`` holds, read by its own extractor."""
    folder = BY_NAME[spider].sample
    ids: set[str] = set()
    for route in json.loads((folder / "routes.json").read_text()):
        if route.get("status", 200) == 200:
            url = SAMPLE_SITES[spider] + route["path"] if spider in SAMPLE_SITES else "http://127.0.0.1/"
            ids |= {posting.source_id for posting in read_page(spider, (folder / route["file"]).read_bytes(), url).postings}
    return ids


def sample_body(spider: str) -> bytes:
    """The first sample file of ``spider``, to cut into malformed variants."""
    folder = BY_NAME[spider].sample
    route = json.loads((folder / "routes.json").read_text())[0]
    return (folder / route["file"]).read_bytes()
