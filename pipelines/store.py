"""The last item pipeline: postings and rejects to the SQL store, batched, off the crawl's process.

Postings are buffered and handed over STORE_BATCH_SIZE at a time to one worker process,
which derives their skills, occupation and pay and writes each batch in one transaction
(pipelines.writer), so a crash loses at most the batch in flight and never half of one.
A process, not a thread: derivation and the writer are Python, and in a thread they
would take their time from the crawl under the GIL. The crawl itself is one row in
``crawl_runs``, opened at start and completed at close.

A record the database refuses becomes a reject in the worker (pipelines.writer). A database that refuses writes as
a whole (unreachable, full, read-only, no rights) stops the crawl at once, with one line from the database: the
records it could not take are counted (``pasarkerja/unwritten``), the crawl fails its ``writes`` health check, and
it is not complete, so it closes no posting.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from typing import Any

from scrapy import signals
from scrapy.exceptions import CloseSpider
from sqlalchemy import insert, select, update

from crawlers.items import Posting, Reject
from pipelines import writer
from pipelines.db import models
from pipelines.db.engine import make_engine, mask
from pipelines.db.schema import upgrade
from pipelines.dedupe import DedupeSettings
from pipelines.incremental import STOPPED_EARLY, close_missing
from pipelines.monitor import COVERAGE_STAT, UNWRITTEN_STAT, WRITE_ERROR_STAT, MonitorSettings, check_crawl

logger = logging.getLogger(__name__)

WRITE_FAILED = "write_failed"
"""The finish reason of a crawl stopped because the database refused its writes."""
_LOGGED_DETAIL_CHARS = 200  # a reject's detail may quote a value; logs get its start only


class StorePipeline:
    """The last pipeline: buffers items and hands full batches to the worker process."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.database_url = crawler.settings.get("DATABASE_URL")
        self.batch_size = max(1, crawler.settings.getint("STORE_BATCH_SIZE"))
        self.dedupe = DedupeSettings.from_settings(crawler.settings)
        self.monitor = MonitorSettings.from_settings(crawler.settings)
        self.missed_crawls = max(1, crawler.settings.getint("CLOSE_AFTER_MISSED_CRAWLS", 2))
        self.postings: list[Posting] = []
        self.rejects: list[Reject] = []
        self.writing = asyncio.Lock()
        self.writes: list[asyncio.Task] = []
        self.engine = None
        self.worker: ProcessPoolExecutor | None = None
        self.prepared: asyncio.Future | None = None
        self.crawl_run_id: int | None = None
        self.write_error: str | None = None
        """The first error of a database that refuses writes; nothing is handed to the worker after it."""
        self.closing = False
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def open_spider(self):
        spider = self.crawler.spider
        logger.info("Storing into %s", mask(self.database_url))
        # Not fork: the crawl's process runs threads, which a fork would copy mid-step. A fork server is a clean
        # process that imports the writer and forks the worker from itself; unlike spawn, it does not import
        # the crawl's __main__ (all of Scrapy) first, so the worker is ready sooner.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipelines.writer"])
        self.worker = ProcessPoolExecutor(max_workers=1, mp_context=context)
        # The first submit starts the process. Ctrl-C, `kill` of the process group and a service manager's stop
        # reach every process; the crawl shuts down gracefully and then closes the worker, which must finish the
        # batches it was handed, not die. A process started while a signal is ignored keeps ignoring it.
        handlers = {stop: signal.signal(stop, signal.SIG_IGN) for stop in (signal.SIGINT, signal.SIGTERM)}
        try:
            loaded = self.worker.submit(writer.load)
        finally:
            for stop, handler in handlers.items():
                signal.signal(stop, handler)
        try:
            self.engine = make_engine(self.database_url)
            await asyncio.to_thread(upgrade, self.engine)
            self.crawl_run_id = await asyncio.to_thread(self._open_run, spider.name, getattr(spider, "arguments", {}))
        except Exception as error:
            self._stop_writing(error)
            raise CloseSpider(WRITE_FAILED) from None  # Scrapy then closes the crawl cleanly, with this reason
        self.stats.set_value("pasarkerja/crawl_run_id", self.crawl_run_id)
        connected = self.worker.submit(writer.connect, self.database_url, self.crawl_run_id, self.dedupe)
        # Not awaited here: the worker gets ready while the first pages download; the first write waits.
        self.prepared = asyncio.gather(asyncio.wrap_future(loaded), asyncio.wrap_future(connected))

    def _open_run(self, spider_name: str, arguments: dict[str, Any]) -> int:
        with self.engine.begin() as connection:
            return connection.execute(
                insert(models.CrawlRun)
                .values(spider=spider_name, arguments=arguments, started_at=datetime.now(timezone.utc))
                .returning(models.CrawlRun.id)
            ).scalar_one()

    async def process_item(self, item):
        if isinstance(item, Reject):
            self.rejects.append(item)
            self.stats.inc_value("pasarkerja/rejected")
            self.stats.inc_value(f"pasarkerja/rejected/{item.reason}")
            self._log_reject(item)
        elif isinstance(item, Posting):
            self.postings.append(item)
        if len(self.postings) + len(self.rejects) >= self.batch_size:
            writing_already = any(not write.done() for write in self.writes)
            write = self._start_write()
            # At most one batch is written while the next fills; a third waits (backpressure), so
            # memory stays bounded and the crawl never runs far ahead of the database.
            if writing_already:
                await write
        return item

    @staticmethod
    def _log_reject(reject: Reject) -> None:
        detail = (reject.detail or "")[:_LOGGED_DETAIL_CHARS]
        logger.warning("Rejected %s record from %s: %s (%s)", reject.source, reject.url, reject.reason, detail)

    def _start_write(self) -> asyncio.Task:
        postings, rejects = self.postings, self.rejects
        self.postings, self.rejects = [], []
        write = asyncio.ensure_future(self._write(postings, rejects))
        self.writes = [w for w in self.writes if not w.done()] + [write]
        return write

    async def _write(self, postings: list[Posting], rejects: list[Reject]) -> None:
        """Hand one batch to the worker; never raises (an error here would log the item it came with)."""
        async with self.writing:  # one batch at a time, in the order they filled
            stored = 0  # postings of a failing batch written one by one before the database gave up
            if self.write_error is None:
                try:
                    await self.prepared  # raises what went wrong in the worker's set-up
                    written = await asyncio.wrap_future(self.worker.submit(writer.derive_and_write, postings, rejects))
                except Exception as error:
                    stored = getattr(error, "postings_written", 0)
                    self._stop_writing(error)
                    if not self.closing:
                        asyncio.ensure_future(self._stop_crawl())
            if self.write_error is not None:
                self.stats.inc_value("pasarkerja/postings", stored)
                self.stats.inc_value(UNWRITTEN_STAT, len(postings) + len(rejects) - stored)
                return
        for reject in written.refused:  # postings the worker could not derive or write, stored as rejects
            self._log_reject(reject)
            self.stats.inc_value(f"pasarkerja/rejected/{reject.reason}")
        self.stats.inc_value("pasarkerja/rejected", len(written.refused))
        # Counted a batch at a time: a stats update per item costs the crawl noticeably.
        self.stats.inc_value("pasarkerja/postings", len(postings) - len(written.refused))
        self.stats.inc_value("pasarkerja/postings/new", written.new)
        self.stats.inc_value("pasarkerja/postings/updated", written.updated)
        # New postings that repeat a vacancy already stored (pipelines.dedupe): linked, not counted twice.
        self.stats.inc_value("pasarkerja/postings/duplicates", written.duplicates)
        # Tags the taxonomy does not know yet: `pasarkerja skills unmapped` lists them.
        self.stats.inc_value("pasarkerja/unmapped_tags", written.unmapped_tags)
        for field, count in written.covered.items():
            self.stats.inc_value(COVERAGE_STAT.format(field=field), count)

    def _stop_writing(self, error: BaseException) -> None:
        """The database refuses writes: say so in one line, and hand nothing more over."""
        if self.write_error is not None:
            return
        # WriteFailed carries one line from the worker; anything else (the worker died, say) is described here.
        self.write_error = str(error) if isinstance(error, writer.WriteFailed) else writer.describe(error)
        self.stats.set_value(WRITE_ERROR_STAT, self.write_error)
        logger.error("The database %s refuses writes, so the crawl stops: %s", mask(self.database_url), self.write_error)

    async def _stop_crawl(self) -> None:
        try:
            await self.crawler.engine.close_spider_async(reason=WRITE_FAILED)
        except RuntimeError:  # closed meanwhile, for another reason
            pass

    async def close_spider(self):
        self.closing = True
        if self.worker is None:
            return
        try:
            if self.prepared is None:  # opening failed (the database, say): nothing was handed over
                return
            if self.postings or self.rejects:
                self._start_write()
            await asyncio.gather(*self.writes)
            if self.write_error is None:  # a crawl without a batch still says when the worker could not connect
                try:
                    await self.prepared
                except Exception as error:
                    self._stop_writing(error)
        finally:
            await asyncio.to_thread(self.worker.shutdown)

    async def spider_closed(self, spider, reason):
        """Judge the crawl's health and complete its crawl_runs row; runs after Scrapy's core stats have the finish
        reason."""
        unwritten = self.stats.get_value(UNWRITTEN_STAT, 0)
        if unwritten:
            logger.error("%d records of this crawl were not written; the first error: %s", unwritten, self.write_error)
        if self.crawl_run_id is None:  # the database refused even the crawl's own row
            self.stats.set_value("pasarkerja/healthy", False)
            return
        try:
            previous = await asyncio.to_thread(self._previous_healthy_stats, spider.name)
        except Exception as error:  # judged without the runs before; recording the run says if the database is gone
            logger.error("The spider's earlier runs could not be read: %s", writer.describe(error))
            previous = []
        checks = check_crawl(self.stats.get_stats(), reason, previous, self.monitor)
        healthy = all(check.passed for check in checks)
        self.stats.set_value("pasarkerja/healthy", healthy)
        for check in checks:
            if not check.passed:
                logger.error("Crawl health: %s failed: %s", check.name, check.detail)
        logger.info("Crawl health: %s", "ok" if healthy else "FAILED")
        stats = self.stats.get_stats()
        values = {
            # A crawl whose writes failed did not store what it saw: it must not close the postings it missed.
            "complete": reason == "finished"
            and getattr(spider, "sees_everything", False)
            and not stats.get(STOPPED_EARLY)
            and self.write_error is None,
            "stopped_at_known_pages": bool(stats.get(STOPPED_EARLY)),
            "healthy": healthy,
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
        try:
            await asyncio.to_thread(self._close_run, values)
        except Exception as error:  # the run stays unfinished in crawl_runs, which `pasarkerja status` shows
            self.stats.set_value("pasarkerja/healthy", False)
            self.stats.set_value(WRITE_ERROR_STAT, self.write_error or writer.describe(error))
            logger.error("The crawl's run could not be recorded: %s", writer.describe(error))
        finally:
            self.engine.dispose()

    def _previous_healthy_stats(self, spider_name: str) -> list[dict[str, Any]]:
        """The stats of the spider's earlier healthy runs, newest first (as many as the coverage check reads)."""
        table = models.CrawlRun.__table__
        with self.engine.connect() as connection:
            return [
                stats or {}
                for stats in connection.execute(
                    select(table.c.stats)
                    .where(table.c.spider == spider_name, table.c.healthy.is_(True), table.c.id != self.crawl_run_id)
                    .order_by(table.c.id.desc())
                    .limit(self.monitor.coverage_runs)
                ).scalars()
            ]

    def _close_run(self, values: dict[str, Any]) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(models.CrawlRun).where(models.CrawlRun.id == self.crawl_run_id).values(**values)
            )
            if values["complete"]:
                closed = close_missing(connection, self.crawler.spider.name, values["finished_at"], self.missed_crawls)
                self.stats.set_value("pasarkerja/postings/closed", closed)
                if closed:
                    logger.info("%d postings no complete crawl saw %d times in a row: closed", closed, self.missed_crawls)
