"""The crawl as one row of ``crawl_runs``, and the one database engine of the crawl's process.

``CrawlRun`` opens the row when the spider opens (bringing the schema up to date first), and at the end judges the
crawl's health (pipelines/monitor.py), completes the row and, when the crawl was complete, closes the postings its
platform's complete crawls no longer list (pipelines/db/crawl_runs.py). Other components take what they need from
it, never through Scrapy's stats (which only record numbers for people):

- the store pipeline (pipelines/store.py) awaits ``opened()`` for the run's ``id``, and reports a database that
  refuses writes (``refuse_writes``) and the records it could not write (``not_written``);
- the known-pages middleware (crawlers/middlewares/known_pages.py) reads the spider's ``earlier`` runs and the stored
  postings through ``engine``, and reports a stop (``stopped_paging_early``);
- ``scrapy crawl`` (crawlers/commands/crawl.py) reads ``healthy``, ``write_error`` and ``unwritten`` at the end.

Each finds it with ``CrawlRun.of(crawler)`` (Scrapy's ``crawler.get_extension``), from its ``from_crawler``:
extensions are built before the engine, its pipelines and its middlewares.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import Any

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured
from sqlalchemy import Engine

from pipelines.db.crawl_runs import close_run, open_run, previous_healthy_stats
from pipelines.db.engine import make_engine, mask
from pipelines.db.errors import describe
from pipelines.db.schema import upgrade
from pipelines.monitor import UNWRITTEN_STAT, WRITE_ERROR_STAT, MonitorSettings, check_crawl

logger = logging.getLogger(__name__)

WRITE_FAILED = "write_failed"
"""The finish reason of a crawl stopped because the database refused its writes."""
STOPPED_EARLY_STAT = "pasarkerja/paging_stopped_early"


class CrawlRun:
    """Scrapy extension: the crawl's ``crawl_runs`` row, its engine, its health and the postings it closes."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.database_url: str = crawler.settings.get("DATABASE_URL")
        self.monitor = MonitorSettings.from_settings(crawler.settings)
        self.missed_crawls = max(1, crawler.settings.getint("CLOSE_AFTER_MISSED_CRAWLS", 2))
        self.engine: Engine | None = None
        self.id: int | None = None
        """The row's id, once ``opened()``; None when the database refused even that."""
        self.earlier: list = []
        """The spider's runs before this one, newest first: id, complete, stopped_at_known_pages."""
        self.write_error: str | None = None
        """The first error of a database that refuses writes, one line."""
        self.unwritten = 0
        """Records (postings and rejects) the store could not write."""
        self.stopped_at_known_pages = False
        self.healthy: bool | None = None
        """Whether every health check passed; None until the crawl closed."""
        self._opening: asyncio.Future | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @classmethod
    def of(cls, crawler) -> CrawlRun:
        """The crawl's CrawlRun, for a component that needs it; NotConfigured (the component is left out) without."""
        crawl_run = crawler.get_extension(cls)
        if crawl_run is None:
            raise NotConfigured(f"{cls.__module__}.{cls.__name__} is not in EXTENSIONS")
        return crawl_run

    def opened(self) -> asyncio.Future:
        """Awaitable: the row opened (once, for every component that awaits it). Raises CloseSpider(WRITE_FAILED)
        when the database cannot be used."""
        if self._opening is None:
            self._opening = asyncio.ensure_future(self._open())
        return self._opening

    async def _open(self) -> None:
        spider = self.crawler.spider
        logger.info("Storing into %s", mask(self.database_url))
        try:
            self.engine = make_engine(self.database_url)
            await asyncio.to_thread(upgrade, self.engine)
            self.id, self.earlier = await asyncio.to_thread(
                open_run, self.engine, spider.name, getattr(spider, "arguments", {}), datetime.now(timezone.utc)
            )
        except Exception as error:
            self.refuse_writes(describe(error))
            raise CloseSpider(WRITE_FAILED) from None  # Scrapy then closes the crawl cleanly, with this reason

    async def spider_opened(self, spider) -> None:
        await self.opened()

    def refuse_writes(self, error: str) -> None:
        """The database refuses writes (``error``, one line): the crawl stops, is not complete, and fails its
        ``writes`` check."""
        if self.write_error is None:
            self._keep_write_error(error)
            logger.error("The database %s refuses writes, so the crawl stops: %s", mask(self.database_url), error)

    def _keep_write_error(self, error: str) -> None:
        self.write_error = error
        self.crawler.stats.set_value(WRITE_ERROR_STAT, error)

    def not_written(self, records: int) -> None:
        self.unwritten += records
        self.crawler.stats.inc_value(UNWRITTEN_STAT, records)

    def stopped_paging_early(self) -> None:
        """Paging stopped at known pages: the crawl did not see every posting."""
        self.stopped_at_known_pages = True
        self.crawler.stats.set_value(STOPPED_EARLY_STAT, True)

    async def spider_closed(self, spider, reason: str) -> None:
        """Judge the crawl's health and complete its row; runs after the item pipelines closed (the store wrote
        everything it could) and after Scrapy's core stats have the finish reason."""
        if self.unwritten:
            logger.error(
                "%d records of this crawl were not written; the first error: %s", self.unwritten, self.write_error
            )
        if self.id is None:  # the database refused even the crawl's own row
            self.healthy = False
            return
        try:
            await self._close(spider, reason)
        finally:
            self.engine.dispose()

    async def _close(self, spider, reason: str) -> None:
        try:
            previous = await asyncio.to_thread(
                previous_healthy_stats, self.engine, spider.name, self.id, self.monitor.coverage_runs
            )
        except Exception as error:  # judged without the runs before; recording the run says if the database is gone
            logger.error("The spider's earlier runs could not be read: %s", describe(error))
            previous = []
        stats = self.crawler.stats.get_stats()
        checks = check_crawl(stats, reason, previous, self.monitor, self.unwritten, self.write_error)
        self.healthy = all(check.passed for check in checks)
        for check in checks:
            if not check.passed:
                logger.error("Crawl health: %s failed: %s", check.name, check.detail)
        logger.info("Crawl health: %s", "ok" if self.healthy else "FAILED")
        values = self._row(spider, reason, checks, stats)
        try:
            closed = await asyncio.to_thread(close_run, self.engine, self.id, values, self.missed_crawls)
        except Exception as error:  # the run stays unfinished in crawl_runs, which `pasarkerja status` shows
            self.healthy = False
            if self.write_error is None:
                self._keep_write_error(describe(error))
            logger.error("The crawl's run could not be recorded: %s", describe(error))
            return
        if values["complete"]:
            self.crawler.stats.set_value("pasarkerja/postings/closed", closed)
            if closed:
                logger.info("%d postings no complete crawl saw %d times in a row: closed", closed, self.missed_crawls)

    def _row(self, spider, reason: str, checks: list, stats: dict[str, Any]) -> dict[str, Any]:
        """The columns that complete the crawl's row."""
        return {
            # A crawl whose writes failed did not store what it saw: it must not close the postings it missed.
            "complete": reason == "finished"
            and getattr(spider, "sees_everything", False)
            and not self.stopped_at_known_pages
            and self.write_error is None,
            "stopped_at_known_pages": self.stopped_at_known_pages,
            "healthy": self.healthy,
            "health": [check.as_dict() for check in checks],
            "finished_at": datetime.now(timezone.utc),
            "finish_reason": reason,
            "requests": stats.get("downloader/request_count", 0),
            "items": stats.get("pasarkerja/postings", 0),
            "new": stats.get("pasarkerja/postings/new", 0),
            "updated": stats.get("pasarkerja/postings/updated", 0),
            "rejected": stats.get("pasarkerja/rejected", 0),
            "stats": stats,
        }
