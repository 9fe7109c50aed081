"""Incremental re-crawls and closed vacancies.

``StopAtKnownPages`` (a spider middleware) ends a crawl's paging once ``INCREMENTAL_KNOWN_PAGES`` (1) listing pages
in a row held only postings the store has already, unchanged: platforms list the newest first, so the pages after
those hold nothing new either, and a re-crawl every hour costs a few requests instead of the whole listing.
``-s INCREMENTAL=False`` crawls every page. Only the next-page requests of a listing are dropped (spiders mark them,
crawlers/spiders/base.py), never a posting. It stops early only when the store has seen the whole listing: when the
spider's last crawl that did not itself stop early was complete. After a crawl that was killed, capped or searched,
the next one reads every page, so the postings beyond where that one ended are not left out for good.

``close_missing`` marks a posting closed (``postings.closed_at``) once ``CLOSE_AFTER_MISSED_CRAWLS`` (2) complete
crawls of its platform in a row did not see it. A complete crawl is one that could see every posting: it finished,
paged to the end (no incremental stop, no ``max_pages``/``max_items``) and was given no search arguments. A closed
posting seen again is open again. Analysts get the Online Labour Index's flows from this: postings opened per day
(``first_seen_at``) and closed per day (``closed_at``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from typing import Any

from scrapy import Request, signals
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from crawlers.items import Posting
from crawlers.spiders.base import NEXT_PAGE
from pipelines.db import models
from pipelines.db.engine import make_engine
from pipelines.writer import posting_hash

logger = logging.getLogger(__name__)

STOPPED_EARLY = "pasarkerja/paging_stopped_early"
"""Stat set when paging stopped at known pages: the crawl did not see every posting."""


class StopAtKnownPages:
    """Drops the next-page request of a listing page whose postings are all stored and unchanged, once
    INCREMENTAL_KNOWN_PAGES such pages came in a row."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("INCREMENTAL", True)
        self.pages_needed = max(1, crawler.settings.getint("INCREMENTAL_KNOWN_PAGES", 1))
        self.known: dict[str, str] = {}
        """source_id -> content hash of the spider's platform's stored postings."""
        self.runs: list = []
        """The spider's crawl runs, newest first: id, complete, stopped_at_known_pages."""
        self.may_stop: bool | None = None
        self.known_pages = 0
        if self.enabled:
            crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def spider_opened(self, spider) -> None:
        self.known, self.runs = await asyncio.to_thread(
            stored_state, self.crawler.settings.get("DATABASE_URL"), spider.name
        )

    def stopping(self) -> bool:
        """Whether this crawl may stop at known pages: decided at its first page, when the store has opened the
        crawl's own run (excluded from the runs looked at)."""
        if self.may_stop is None:
            current = self.crawler.stats.get_value("pasarkerja/crawl_run_id")
            earlier = [run for run in self.runs if run.id != current and not run.stopped_at_known_pages]
            self.may_stop = bool(self.known) and bool(earlier) and bool(earlier[0].complete)
            spider = self.crawler.spider.name
            if self.may_stop:
                logger.info("%d postings of %s stored: paging stops at pages of those only", len(self.known), spider)
            elif self.known:
                logger.info("The last full crawl of %s did not see every posting: this one reads every page", spider)
        return self.may_stop

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
        if (
            self.middleware.enabled
            and isinstance(element, Request)
            and element.meta.get(NEXT_PAGE)
            and self.middleware.stopping()
        ):
            self.held.append(element)
            return True
        return False

    def see(self, element: Any) -> None:
        if isinstance(element, Posting):
            self.postings += 1
            stored = self.middleware.known.get(element.source_id)
            # The hash only for postings stored already: a first crawl hashes nothing.
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
        middleware.crawler.stats.set_value(STOPPED_EARLY, True)
        logger.info(
            "Paging stops at %s: %d page(s) in a row held only postings stored and unchanged",
            response.url,
            middleware.known_pages,
        )
        return []


def _hash_or_none(posting: Posting) -> str | None:
    """The posting's content hash; None for one that cannot be hashed (a lone surrogate, an integer beyond 64
    bits): it is changed, and pipelines.validate rejects it, rather than the whole page failing here."""
    try:
        return posting_hash(posting)
    except TypeError:
        return None


def stored_state(database_url: str, spider: str) -> tuple[dict[str, str], list]:
    """(source_id -> content hash of the stored postings of ``spider``'s platform, its crawl runs newest first);
    empty for a database without them yet."""
    engine = make_engine(database_url)
    postings, runs = models.Posting.__table__, models.CrawlRun.__table__
    try:
        with engine.connect() as connection:
            hashes = connection.execute(
                select(postings.c.source_id, postings.c.content_hash).where(postings.c.source == spider)
            )
            crawls = connection.execute(
                select(runs.c.id, runs.c.complete, runs.c.stopped_at_known_pages)
                .where(runs.c.spider == spider)
                .order_by(runs.c.id.desc())
                .limit(1000)  # a day of crawls every few minutes: the last full one is among them
            )
            return dict(hashes.tuples().all()), crawls.all()
    except DBAPIError:  # no tables yet: the store creates them as the crawl starts
        return {}, []
    finally:
        engine.dispose()


def close_missing(connection, spider: str, now: datetime, missed_crawls: int) -> int:
    """Mark closed the open postings of ``spider``'s platform that none of its last ``missed_crawls`` complete
    crawls saw; returns how many."""
    runs = models.CrawlRun.__table__
    oldest_counted = connection.execute(
        select(runs.c.id)
        .where(runs.c.spider == spider, runs.c.complete.is_(True))
        .order_by(runs.c.id.desc())
        .offset(missed_crawls - 1)
        .limit(1)
    ).scalar()
    if oldest_counted is None:
        return 0  # fewer complete crawls than that so far
    postings = models.Posting.__table__
    return connection.execute(
        update(postings)
        .where(
            postings.c.source == spider,
            postings.c.closed_at.is_(None),
            postings.c.last_crawl_run_id < oldest_counted,
        )
        .values(closed_at=now)
    ).rowcount
