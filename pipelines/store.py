"""The last item pipeline: postings and rejects to the SQL store, batched, off the crawl's process.

Postings are packed as they arrive (pipelines/db/packing.py), buffered and handed over STORE_BATCH_SIZE at a time to
the store's worker, a process of its own (pipelines/db/worker.py), which turns the unsound ones into rejects
(pipelines.validate), derives the skills, occupation and pay of the others and writes each batch in one transaction,
so a crash loses at most the batches in flight (``IN_FLIGHT``) and the one being filled, never half of one. The
batches are written for the crawl's row in ``crawl_runs``, which the crawl-run extension owns
(crawlers/extensions/crawl_run.py).

A record the database refuses becomes a reject in the worker. A database that refuses writes as a whole
(unreachable, full, read-only, no rights) stops the crawl at once, with one line from the database: nothing is handed
over after it (the batches handed over meanwhile are written if the database takes them), and the store tells the crawl
run, which counts the records not written, fails its ``writes`` health check and closes no posting.
"""

from __future__ import annotations

import asyncio
import logging

from scrapy.exceptions import CloseSpider

from crawlers.extensions.crawl_run import WRITE_FAILED, CrawlRun
from crawlers.items import Posting, Reject
from pipelines.db.errors import WriteFailed, describe
from pipelines.db.packing import PackedPostings, packed
from pipelines.db.worker import BatchWritten, StoreWorker, WorkerProcess
from pipelines.dedupe import DedupeSettings
from pipelines.monitor import COVERAGE_STAT

logger = logging.getLogger(__name__)

_LOGGED_DETAIL_CHARS = 200  # a reject's detail may quote a value; logs get its start only
IN_FLIGHT = 2
"""Batches handed to the worker and not yet written, at most: one it writes, one waiting for it."""


class StorePipeline:
    """The last pipeline: buffers items and hands full batches to the store's worker."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.crawl_run = CrawlRun.of(crawler)
        self.batch_size = max(1, crawler.settings.getint("STORE_BATCH_SIZE"))
        self.dedupe = DedupeSettings.from_settings(crawler.settings)
        self.postings = PackedPostings()
        self.rejects: list[Reject] = []
        self.writes: list[asyncio.Task] = []
        self.worker: WorkerProcess | None = None
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def open_spider(self):
        """Start the worker, ready before the first page: a database it cannot write to closes the crawl at once."""
        # The worker's process loads the taxonomy while the crawl run brings the database up to date.
        self.worker = WorkerProcess(
            StoreWorker(self.crawl_run.database_url, self.dedupe, platform=self.crawler.spider.name)
        )
        await self.crawl_run.opened()  # raises CloseSpider when the database cannot be used
        try:
            await self.worker.start(self.crawl_run.id)
        except WriteFailed as error:
            self.crawl_run.refuse_writes(str(error))
            raise CloseSpider(WRITE_FAILED) from None

    async def process_item(self, item):
        if isinstance(item, Reject):
            self.rejects.append(item)
            self.stats.inc_value("pasarkerja/rejected")
            self.stats.inc_value(f"pasarkerja/rejected/{item.reason}")
            self._log_reject(item)
        elif isinstance(item, Posting):
            self.postings.append(packed(item))
        if len(self.postings) + len(self.rejects) >= self.batch_size:
            self._start_write()
            # Backpressure, so that memory stays bounded and the crawl never runs far ahead of the database: at most
            # IN_FLIGHT batches are handed over and not yet written. Waiting for the oldest only, not for all, keeps
            # a batch ready for the worker while the crawl fills the next, and the crawl busy while the worker writes.
            if len(self.writes) > IN_FLIGHT:
                await self.writes[0]
        return item

    @staticmethod
    def _log_reject(reject: Reject) -> None:
        detail = (reject.detail or "")[:_LOGGED_DETAIL_CHARS]
        logger.warning("Rejected %s record from %s: %s (%s)", reject.source, reject.url, reject.reason, detail)

    def _start_write(self) -> None:
        postings, rejects = self.postings, self.rejects
        self.postings, self.rejects = PackedPostings(), []
        write = asyncio.ensure_future(self._write(postings, rejects))
        self.writes = [w for w in self.writes if not w.done()] + [write]

    async def _write(self, postings: PackedPostings, rejects: list[Reject]) -> None:
        """Hand one batch to the worker; never raises (an error here would log the item it came with)."""
        if self.crawl_run.write_error is not None:  # nothing more is handed over
            self._refused(None, len(postings) + len(rejects), 0)
            return
        try:
            written = await self.worker.submit(postings, rejects)  # written in the order handed over
        except Exception as error:
            self._refused(error, len(postings) + len(rejects), getattr(error, "postings_written", 0))
            return
        self._count(written, len(postings))

    def _refused(self, error: BaseException | None, records: int, stored: int) -> None:
        """The database refused the batch of ``records`` after ``stored`` of its postings: the crawl stops."""
        if error is not None:
            # WriteFailed carries one line from the worker; anything else (a bug, say) is described here.
            self.crawl_run.refuse_writes(str(error) if isinstance(error, WriteFailed) else describe(error))
            if not self.closing:
                asyncio.ensure_future(self._stop_crawl())
        self.stats.inc_value("pasarkerja/postings", stored)
        self.crawl_run.not_written(records - stored)

    def _count(self, written: BatchWritten, postings: int) -> None:
        """Stats of a batch written. Counted a batch at a time: a stats update per item costs the crawl noticeably."""
        for reject in written.refused:  # postings the worker judged unsound or could not store, stored as rejects
            self._log_reject(reject)
            self.stats.inc_value(f"pasarkerja/rejected/{reject.reason}")
        self.stats.inc_value("pasarkerja/rejected", len(written.refused))
        self.stats.inc_value("pasarkerja/postings", postings - len(written.refused))
        self.stats.inc_value("pasarkerja/postings/new", written.new)
        self.stats.inc_value("pasarkerja/postings/updated", written.updated)
        # New postings that repeat a vacancy already stored (pipelines.dedupe): linked, not counted twice.
        self.stats.inc_value("pasarkerja/postings/duplicates", written.duplicates)
        # Tags the taxonomy does not know yet: `pasarkerja skills unmapped` lists them.
        self.stats.inc_value("pasarkerja/unmapped_tags", written.unmapped_tags)
        for field, count in written.covered.items():
            self.stats.inc_value(COVERAGE_STAT.format(field=field), count)

    async def _stop_crawl(self) -> None:
        try:
            await self.crawler.engine.close_spider_async(reason=WRITE_FAILED)
        except RuntimeError:  # closed meanwhile, for another reason
            pass

    async def close_spider(self):
        """Write what is left, then close the worker; the crawl run judges the crawl afterwards."""
        self.closing = True
        if self.worker is None:
            return
        try:
            if self.postings or self.rejects:
                self._start_write()
            await asyncio.gather(*self.writes)
        finally:
            await self.worker.close()
