"""The crawl's store components in this process, built by Scrapy's ``get_crawler`` as a crawl builds them: the crawl
run extension, the store pipeline and the known-pages middleware (the end-to-end crawls of test_incremental.py,
test_crash.py and test_write_failures.py run them in a real ``scrapy crawl``)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from threading import Lock

import pytest
from scrapy import Request
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawlers.extensions.crawl_run import WRITE_FAILED, CrawlRun
from crawlers.items import Reject
from crawlers.middlewares.known_pages import StopAtKnownPages
from crawlers.spiders.base import NEXT_PAGE
from crawlers.spiders.freelancer import FreelancerSpider
from pipelines.db.writer import PostingWriter
from pipelines.store import StorePipeline
from tests.conftest import rows
from tests.test_store import posting

CRAWL_RUN = {"crawlers.extensions.crawl_run.CrawlRun": 100}


def crawler_for(database_url: str, **settings):
    """A crawler of the freelancer spider on ``database_url`` with the crawl-run extension, its spider made."""
    crawler = get_crawler(FreelancerSpider, {"DATABASE_URL": database_url, "EXTENSIONS": CRAWL_RUN, **settings})
    crawler.spider = FreelancerSpider.from_crawler(crawler)
    return crawler


async def crawl(
    database_url: str, seen: list, reason: str = "finished", stopped_early: bool = False, **settings
) -> CrawlRun:
    """One crawl run that stores ``seen`` postings as the store would (and stops paging early, as the known-pages
    middleware would), then closes for ``reason``."""
    crawler = crawler_for(database_url, **settings)
    crawl_run = CrawlRun.of(crawler)
    await crawl_run.spider_opened(crawler.spider)
    PostingWriter(crawl_run.engine, crawl_run.id).write(seen, [])
    crawler.stats.set_value("pasarkerja/postings", len(seen))
    if stopped_early:
        crawl_run.stopped_paging_early()
    await crawl_run.spider_closed(crawler.spider, reason)
    return crawl_run


# The crawl run ------------------------------------------------------------------------------------------------------


def test_the_crawl_run_opens_its_row_and_completes_it_with_its_health(database_url):
    async def scenario():
        first = await crawl(database_url, [posting("1"), posting("2")])
        second = await crawl(database_url, [posting("1")], reason="shutdown")
        return first, second

    first, second = asyncio.run(scenario())
    assert (first.healthy, second.healthy) == (True, False)  # a crawl stopped before the end fails finish_reason
    assert [run.id for run in second.earlier] == [first.id]  # what the middleware reads: the runs before, not this one
    stored = rows(database_url, "SELECT spider, finish_reason, complete, healthy, items FROM crawl_runs ORDER BY id")
    assert [(r.spider, r.finish_reason, bool(r.complete), bool(r.healthy), r.items) for r in stored] == [
        ("freelancer", "finished", True, True, 2),
        ("freelancer", "shutdown", False, False, 1),
    ]


def test_postings_two_complete_crawls_missed_are_closed(database_url):
    async def scenario():
        await crawl(database_url, [posting("1"), posting("2")])
        await crawl(database_url, [posting("1")])  # missed once
        await crawl(database_url, [posting("1")], reason="shutdown")  # not complete: does not count
        return await crawl(database_url, [posting("1")])

    last = asyncio.run(scenario())
    assert rows(database_url, "SELECT source_id FROM postings WHERE closed_at IS NOT NULL") == [("2",)]
    assert last.crawler.stats.get_value("pasarkerja/postings/closed") == 1


def test_a_crawl_that_stopped_paging_early_is_not_complete_and_closes_nothing(database_url):
    async def scenario():
        await crawl(database_url, [posting("1"), posting("2")])
        await crawl(database_url, [posting("1")], stopped_early=True, CLOSE_AFTER_MISSED_CRAWLS=1)

    asyncio.run(scenario())
    [_, stopped] = rows(database_url, "SELECT complete, stopped_at_known_pages FROM crawl_runs ORDER BY id")
    assert (bool(stopped.complete), bool(stopped.stopped_at_known_pages)) == (False, True)
    assert rows(database_url, "SELECT count(*) FROM postings WHERE closed_at IS NOT NULL")[0][0] == 0


def test_a_database_that_cannot_be_used_closes_the_crawl_with_write_failed(tmp_path):
    (tmp_path / "not-a-database").write_text("plain text, not SQLite")
    crawler = crawler_for(f"sqlite:///{tmp_path / 'not-a-database'}")
    crawl_run = CrawlRun.of(crawler)

    async def scenario():
        with pytest.raises(CloseSpider) as closed:
            await crawl_run.spider_opened(crawler.spider)
        await crawl_run.spider_closed(crawler.spider, WRITE_FAILED)
        return closed.value.reason

    assert asyncio.run(scenario()) == WRITE_FAILED
    assert crawl_run.healthy is False and "file is not a database" in crawl_run.write_error


def test_components_that_need_the_crawl_run_are_left_out_without_it(sqlite_url):
    crawler = get_crawler(FreelancerSpider, {"DATABASE_URL": sqlite_url})
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(crawler)
    with pytest.raises(NotConfigured):
        StopAtKnownPages.from_crawler(crawler)


# The store pipeline -------------------------------------------------------------------------------------------------


class EngineStub:
    """What the store asks of Scrapy's engine: to close the spider."""

    def __init__(self):
        self.closed_for: list[str] = []

    async def close_spider_async(self, reason: str) -> None:
        self.closed_for.append(reason)


async def store(crawler, items: list) -> StorePipeline:
    """Items through the store pipeline, opened and closed as a crawl does."""
    pipeline = StorePipeline.from_crawler(crawler)
    await pipeline.open_spider()
    for item in items:
        assert await pipeline.process_item(item) is item
    await pipeline.close_spider()
    return pipeline


def test_the_store_writes_batches_through_its_worker_and_counts_them(database_url):
    crawler = crawler_for(database_url, STORE_BATCH_SIZE=3)
    items = [posting(str(number)) for number in range(7)] + [Reject("freelancer", "invalid_json", detail="cut short")]
    sent = [replace(item) for item in items]
    asyncio.run(store(crawler, items))

    assert items == sent  # the worker derives copies: what the pipeline was given is left as it was
    stats = crawler.stats.get_stats()
    assert (stats["pasarkerja/postings"], stats["pasarkerja/postings/new"], stats["pasarkerja/rejected"]) == (7, 7, 1)
    assert stats["pasarkerja/coverage/skills"] == 7  # derived in the worker: PHP
    assert rows(database_url, "SELECT count(*), count(derived_with) FROM postings")[0] == (7, 7)
    [(crawl_run_id, reason)] = rows(database_url, "SELECT crawl_run_id, reason FROM rejects")
    assert (crawl_run_id, reason) == (CrawlRun.of(crawler).id, "invalid_json")


def test_unsound_postings_and_values_that_cannot_be_sent_become_rejects_in_the_worker(database_url):
    """The crawl hands postings over unjudged: the worker rejects the unsound ones, with the spider's name where a
    posting names no source, also a posting holding a value pickle cannot send; the batch's other postings are stored."""
    crawler = crawler_for(database_url, STORE_BATCH_SIZE=10)
    items = [posting("1"), replace(posting("2"), title=None, source=None), replace(posting("3"), description=Lock())]
    asyncio.run(store(crawler, [*items, posting("4")]))

    stats = crawler.stats.get_stats()
    assert (stats["pasarkerja/postings"], stats["pasarkerja/rejected"]) == (2, 2)
    assert (stats["pasarkerja/rejected/missing:source"], stats["pasarkerja/rejected/bad_type:description"]) == (1, 1)
    assert rows(database_url, "SELECT source_id FROM postings ORDER BY source_id") == [("1",), ("4",)]
    stored = rows(database_url, "SELECT source, reason, detail FROM rejects ORDER BY reason")
    assert [(reject.source, reject.reason) for reject in stored] == [
        ("freelancer", "bad_type:description"),
        ("freelancer", "missing:source"),
    ]
    assert "_thread.lock" in stored[0].detail


def test_a_database_refusing_writes_stops_the_crawl_and_tells_the_crawl_run(database_url):
    crawler = crawler_for(database_url, STORE_BATCH_SIZE=2)
    crawler.engine = EngineStub()
    crawl_run = CrawlRun.of(crawler)

    async def scenario():
        await crawl_run.opened()
        with crawl_run.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE rejects")  # even a reject, always storable, is refused
        # Four batches: handing over the third waits for the first, which the database refuses, mid-crawl.
        items = [posting("1"), Reject("freelancer", "invalid_json"), *(posting(str(n)) for n in range(2, 8))]
        await store(crawler, items)
        await asyncio.sleep(0)  # the store's request to close the spider

    asyncio.run(scenario())
    assert crawler.engine.closed_for == [WRITE_FAILED]
    assert "rejects" in crawl_run.write_error and "\n" not in crawl_run.write_error
    # The first batch's posting was written one by one before the database refused its reject; of the batches handed
    # over meanwhile, what the database took; nothing after. Every record is counted once, written or not.
    stored = crawler.stats.get_value("pasarkerja/postings")
    assert stored == rows(database_url, "SELECT count(*) FROM postings")[0][0] >= 1
    assert crawl_run.unwritten + stored == 8


# The known-pages middleware -----------------------------------------------------------------------------------------


def listing_page(postings: list, url: str = "https://www.freelancer.com/api/projects/0.1/projects/active/"):
    response = TextResponse(url=url, body=b"{}")
    return response, [*postings, Request(url + "?offset=100", meta={NEXT_PAGE: True})]


def test_paging_stops_at_a_page_of_postings_stored_and_unchanged(database_url):
    async def scenario():
        await crawl(database_url, [posting("1"), posting("2")])
        crawler = crawler_for(database_url)
        crawl_run = CrawlRun.of(crawler)
        middleware = StopAtKnownPages.from_crawler(crawler)
        await crawl_run.spider_opened(crawler.spider)
        await middleware.spider_opened(crawler.spider)
        return crawl_run, middleware

    crawl_run, middleware = asyncio.run(scenario())
    changed = listing_page([posting("1"), posting("2", title="Posting 2, budget raised")])
    assert len(list(middleware.process_spider_output(*changed))) == 3  # a changed posting: the next page is asked
    assert not crawl_run.stopped_at_known_pages
    known = listing_page([posting("1"), posting("2")])
    assert [type(element).__name__ for element in middleware.process_spider_output(*known)] == ["Posting", "Posting"]
    assert crawl_run.stopped_at_known_pages


def test_a_first_crawl_and_incremental_off_read_every_page(database_url):
    async def first_crawl():
        crawler = crawler_for(database_url)
        middleware = StopAtKnownPages.from_crawler(crawler)
        await CrawlRun.of(crawler).spider_opened(crawler.spider)
        await middleware.spider_opened(crawler.spider)
        return middleware

    middleware = asyncio.run(first_crawl())
    assert len(list(middleware.process_spider_output(*listing_page([posting("1")])))) == 2
    with pytest.raises(NotConfigured):
        StopAtKnownPages.from_crawler(crawler_for(database_url, INCREMENTAL=False))
