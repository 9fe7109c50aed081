"""Real responses (../shared/realdata): a crawl stores every record as a posting, none rejected."""

from pathlib import Path

import pytest

from sample.server import Route
from tests.conftest import realdata, rows, run_crawl
from tests.platforms import CONTENT_TYPES, CRAWL_ARGUMENTS, REALDATA_FILES, read_page, spider_names

CASES = [(spider, name) for spider in spider_names() for name in REALDATA_FILES.get(spider, [])]


@pytest.mark.parametrize(("spider", "filename"), CASES)
def test_real_response_is_stored_whole(spider, filename, serve, sqlite_url):
    body = realdata(filename)
    page = read_page(spider, body)
    assert page.record_count > 0 and not page.rejects, [reject.detail for reject in page.rejects]

    # Any path and method answer with the real response, so whatever request the spider makes is served.
    content_type = CONTENT_TYPES[Path(filename).suffix]
    server = serve([Route("*", body, content_type=content_type, method=method) for method in ("GET", "POST")])
    run_crawl(spider, server.url, sqlite_url, *CRAWL_ARGUMENTS.get(spider, []))

    stored = rows(sqlite_url, "SELECT title, url, posted_at FROM postings")
    assert len(stored) == len({posting.source_id for posting in page.postings})
    assert all(row.title and row.url and row.posted_at for row in stored)
    assert rows(sqlite_url, "SELECT reason, detail FROM rejects") == []
