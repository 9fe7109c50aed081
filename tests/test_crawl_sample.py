"""Every spider, end to end: a real ``scrapy crawl`` of the bundled sample into a real database."""

import pytest

from tests.conftest import rows, run_crawl
from tests.platforms import sample_crawl_arguments, sample_source_ids, spider_names

# Two spiders run against PostgreSQL too: one JSON offset-paged, one another shape.
POSTGRES_SPIDERS = ["freelancer", "weworkremotely"]


def crawl_twice_and_check(spider: str, server, database_url: str) -> None:
    expected = sample_source_ids(spider)
    assert expected, f"sample/{spider} holds no postings"

    arguments = sample_crawl_arguments(spider)
    run_crawl(spider, server.url, database_url, *arguments)
    stored = rows(database_url, "SELECT source_id, title, url, posted_at, times_seen FROM postings WHERE source = :s", s=spider)
    assert {row.source_id for row in stored} == expected
    assert all(row.title and row.url.startswith("http") and row.posted_at for row in stored)
    assert rows(database_url, "SELECT count(*) FROM rejects")[0][0] == 0
    first_run = rows(database_url, "SELECT * FROM crawl_runs")[0]
    assert (first_run.finish_reason, first_run.new, first_run.rejected) == ("finished", len(expected), 0)
    assert first_run.items == len(expected) and first_run.requests >= 1

    # Every page again, not stopping at the pages stored already (tests/test_incremental.py does that).
    run_crawl(spider, server.url, database_url, *arguments, INCREMENTAL="False")
    again = rows(database_url, "SELECT source_id, times_seen FROM postings WHERE source = :s", s=spider)
    assert len(again) == len(expected), "a second crawl of the same pages added rows"
    assert {row.times_seen for row in again} == {2}
    second_run = rows(database_url, "SELECT * FROM crawl_runs ORDER BY id")[1]
    assert (second_run.new, second_run.updated, second_run.items) == (0, 0, len(expected))


@pytest.mark.parametrize("spider", spider_names())
def test_crawl_sample_into_sqlite(spider, sample_server, sqlite_url):
    crawl_twice_and_check(spider, sample_server, sqlite_url)


@pytest.mark.postgres
@pytest.mark.parametrize("spider", [name for name in POSTGRES_SPIDERS if name in spider_names()])
def test_crawl_sample_into_postgres(spider, sample_server, postgres_url):
    crawl_twice_and_check(spider, sample_server, postgres_url)


def test_max_items_caps_the_crawl(sample_server, sqlite_url):
    run_crawl("freelancer", sample_server.url, sqlite_url, "max_items=2")
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 2


def test_max_pages_caps_the_crawl(sample_server, sqlite_url):
    run_crawl("freelancer", sample_server.url, sqlite_url, "max_pages=1")
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 3
