"""Real responses (../shared/realdata): a crawl stores every record as a posting, none rejected."""

import pytest

from sample.server import Route
from tests.conftest import realdata, rows, run_crawl
from tests.platforms import REALDATA_FILES, read_page, spider_names

CASES = [(spider, name) for spider in spider_names() for name in REALDATA_FILES.get(spider, [])]


@pytest.mark.parametrize(("spider", "filename"), CASES)
def test_real_response_is_stored_whole(spider, filename, serve, sqlite_url):
    body = realdata(spider, filename)
    page = read_page(spider, body)
    assert page.record_count > 0 and not page.rejects, [reject.detail for reject in page.rejects]

    # Any path answers with the real response, so whatever URL the spider builds is served.
    server = serve([Route("*", body, content_type="application/rss+xml" if filename.endswith(".rss") else "application/json")])
    run_crawl(spider, server.url, sqlite_url)

    stored = rows(sqlite_url, "SELECT title, url, posted_at FROM postings")
    assert len(stored) == len({posting.source_id for posting in page.postings})
    assert all(row.title and row.url and row.posted_at for row in stored)
    assert rows(sqlite_url, "SELECT reason, detail FROM rejects") == []
