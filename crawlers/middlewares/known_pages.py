"""Incremental re-crawls: a spider middleware that stops paging at pages the store has already.

``StopAtKnownPages`` ends a crawl's paging once ``INCREMENTAL_KNOWN_PAGES`` (1) listing pages in a row held only
postings stored already, unchanged (their content hash, pipelines/content_hash.py): platforms list the newest first,
so the pages after those hold nothing new either, and a re-crawl every hour costs a few requests instead of the whole
listing. ``-s INCREMENTAL=False`` leaves it out. Only the next-page requests of a listing are dropped (spiders mark
them, crawlers/spiders/base.py), never a posting. It stops early only when the store has seen the whole listing: when
the spider's last crawl that did not itself stop early was complete. After a crawl that was killed, capped or
searched, the next one reads every page, so the postings beyond where that one ended are not left out for good.

The stored postings and the earlier runs come from the crawl run (crawlers/extensions/crawl_run.py), which is told
when paging stopped early: such a crawl is not complete, and closes no posting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured

from crawlers.extensions.crawl_run import CrawlRun
from crawlers.items import Posting
from crawlers.spiders.base import NEXT_PAGE
from pipelines.content_hash import posting_hash
from pipelines.db.crawl_runs import stored_hashes

logger = logging.getLogger(__name__)


class StopAtKnownPages:
    """Drops the next-page request of a listing page whose postings are all stored and unchanged, once
    INCREMENTAL_KNOWN_PAGES such pages came in a row."""

    def __init__(self, crawler):
        if not crawler.settings.getbool("INCREMENTAL", True):
            raise NotConfigured("INCREMENTAL is off: every page is read")
        self.crawl_run = CrawlRun.of(crawler)
        self.pages_needed = max(1, crawler.settings.getint("INCREMENTAL_KNOWN_PAGES", 1))
        self.known: dict[str, str] = {}
        """source_id -> content hash of the spider's platform's stored postings."""
        self.stopping = False
        """Whether this crawl may stop at known pages (decided when the spider opens)."""
        self.known_pages = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def spider_opened(self, spider) -> None:
        await self.crawl_run.opened()
        earlier = [run for run in self.crawl_run.earlier if not run.stopped_at_known_pages]
        if not earlier:  # a first crawl: nothing stored to stop at
            return
        self.known = await asyncio.to_thread(stored_hashes, self.crawl_run.engine, spider.name)
        self.stopping = bool(self.known) and bool(earlier[0].complete)
        if self.stopping:
            logger.info("%d postings of %s stored: paging stops at pages of those only", len(self.known), spider.name)
        elif self.known:
            logger.info("The last full crawl of %s did not see every posting: this one reads every page", spider.name)

    def process_spider_output(self, response, result: Iterable[Any]) -> Iterator[Any]:
        page = _Page(self)
        for element in result:
            if page.holds(element):
                continue
            page.see(element)
            yield element
        yield from page.release(response)

    async def process_spider_output_async(self, response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        page = _Page(self)
        async for element in result:
            if page.holds(element):
                continue
            page.see(element)
            yield element
        for element in page.release(response):
            yield element


class _Page:
    """The output of one listing page: its postings seen, its next-page requests held until the end."""

    def __init__(self, middleware: StopAtKnownPages):
        self.middleware = middleware
        self.postings = 0
        self.known_unchanged = 0
        self.held: list[Request] = []

    def holds(self, element: Any) -> bool:
        if self.middleware.stopping and isinstance(element, Request) and element.meta.get(NEXT_PAGE):
            self.held.append(element)
            return True
        return False

    def see(self, element: Any) -> None:
        if not isinstance(element, Posting):
            return
        self.postings += 1
        # Hashed only while it may decide something: a crawl that does not stop early hashes nothing, nor does a page
        # once one of its postings is new or changed; nor a posting not stored.
        if not self.middleware.stopping or self.known_unchanged < self.postings - 1:
            return
        stored = self.middleware.known.get(element.source_id)
        if stored is not None and stored == _hash_or_none(element):
            self.known_unchanged += 1

    def release(self, response) -> list[Request]:
        middleware = self.middleware
        if not self.held:
            return []
        if self.postings and self.known_unchanged == self.postings:
            middleware.known_pages += 1
        else:
            middleware.known_pages = 0
        if middleware.known_pages < middleware.pages_needed:
            return self.held
        middleware.crawl_run.stopped_paging_early()
        logger.info(
            "Paging stops at %s: %d page(s) in a row held only postings stored and unchanged",
            response.url,
            middleware.known_pages,
        )
        return []


def _hash_or_none(posting: Posting) -> str | None:
    """The posting's content hash; None for one that cannot be hashed (a lone surrogate, an integer beyond 64
    bits): it is changed, and the store's worker rejects it, rather than the whole page failing here."""
    try:
        return posting_hash(posting)
    except TypeError:
        return None
