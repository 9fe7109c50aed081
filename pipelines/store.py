"""Write postings and rejects to the SQL store: batched, idempotent, off the reactor thread.

Postings are buffered and written STORE_BATCH_SIZE at a time, each batch in one
transaction run in a worker thread, so a crash loses at most the batch in flight and
never half of one. A posting already stored is matched on (source, source_id): an
unchanged one only gets ``last_seen_at``/``times_seen`` bumped, a changed one is
updated and its title, pay or status changes are logged in ``posting_changes``.
The crawl itself is one row in ``crawl_runs``, opened at start and completed at close.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import asdict, fields
from datetime import datetime, timezone
from typing import Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crawlers.items import Posting, Reject
from pipelines.db import models
from pipelines.db.engine import make_engine, mask, to_json, upgrade
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy

logger = logging.getLogger(__name__)

TRACKED_FIELDS = ("title", "pay_min", "pay_max", "pay_currency", "pay_period", "pay_text", "status")
# Fields pipelines.derive computes; stored in their own columns and posting_skills.
DERIVED_FIELDS = ("skill_matches", "unmapped_tags", "oli_occupation", "occupation_confidence", "pay_normalised", "derived_with")
PLATFORM_FIELDS = tuple(f.name for f in fields(Posting) if f.name not in DERIVED_FIELDS)
# What the content hash covers: everything the platform says except the raw echo of it.
HASHED_FIELDS = tuple(name for name in PLATFORM_FIELDS if name != "raw")


def content_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(to_json([row[name] for name in HASHED_FIELDS]).encode()).hexdigest()


# pipelines.pay.NormalisedPay's fields, as postings columns (prefixed pay_).
NORMALISED_PAY_COLUMNS = tuple(
    column.name for column in models.Posting.__table__.columns
    if column.name.startswith(("pay_usd_hour", "pay_usd_month", "pay_idr_", "pay_usd_one_off", "pay_rate_source"))
)


def derived_columns(posting: Posting) -> dict[str, Any]:
    """The ``postings`` columns that hold a posting's derived fields."""
    pay = posting.pay_normalised or {}
    return {
        "oli_occupation": posting.oli_occupation,
        "occupation_confidence": posting.occupation_confidence,
        "unmapped_tags": posting.unmapped_tags or None,
        "derived_with": posting.derived_with,
        **{column: pay.get(column.removeprefix("pay_")) for column in NORMALISED_PAY_COLUMNS},
    }


def replace_posting_skills(connection, matches_by_id: dict[int, list[dict[str, str]]]) -> None:
    """Make posting_skills hold exactly ``matches_by_id`` for those postings."""
    if not matches_by_id:
        return
    table = models.PostingSkill.__table__
    connection.execute(delete(table).where(table.c.posting_id.in_(sorted(matches_by_id))))
    rows = [{"posting_id": posting_id, **match} for posting_id, matches in matches_by_id.items() for match in matches]
    if rows:
        connection.execute(insert(table), rows)


def sync_skills(connection, taxonomy: Taxonomy) -> None:
    """Make the ``skills`` table hold exactly the taxonomy's skills."""
    table = models.Skill.__table__
    stored_version = connection.execute(select(func.max(table.c.taxonomy_version))).scalar()
    if stored_version == taxonomy.version and connection.execute(select(func.count()).select_from(table)).scalar():
        return
    rows = [
        {"name": s.name, "group": s.group, "occupation": s.occupation, "esco_uri": s.esco_uri, "taxonomy_version": taxonomy.version}
        for s in taxonomy.skills
    ]
    insert_for = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert_for(table)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["name"],
            set_={name: statement.excluded[name] for name in ("group", "occupation", "esco_uri", "taxonomy_version")},
        ),
        rows,
    )
    connection.execute(delete(table).where(table.c.name.not_in([row["name"] for row in rows])))


class PostingWriter:
    """Synchronous batch writer; one instance per crawl, used from one worker thread at a time."""

    def __init__(self, engine, crawl_run_id: int):
        self.engine = engine
        self.crawl_run_id = crawl_run_id
        insert_for = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
        self.insert_new = insert_for(models.Posting).on_conflict_do_nothing(index_elements=["source", "source_id"])

    def write(self, postings: list[Posting], rejects: list[Reject]) -> tuple[int, int]:
        """Store one batch in one transaction; returns (new, updated)."""
        now = datetime.now(timezone.utc)
        rows, skill_matches = {}, {}
        for posting in postings:  # a posting met twice in one batch counts once, last version wins
            # Shallow on purpose: dataclasses.asdict deep-copies raw records and dominates the cost.
            row = {name: getattr(posting, name) for name in PLATFORM_FIELDS}
            row["content_hash"] = content_hash(row)
            row.update(derived_columns(posting))
            rows[(row["source"], row["source_id"])] = row
            skill_matches[(row["source"], row["source_id"])] = posting.skill_matches
        with self.engine.begin() as connection:
            if rejects:
                connection.execute(
                    insert(models.Reject),
                    [{**asdict(reject), "crawl_run_id": self.crawl_run_id, "created_at": now} for reject in rejects],
                )
            if not rows:
                return 0, 0
            stored = self._stored(connection, rows)
            # Sorted keys: concurrent crawls touch rows in the same order and cannot deadlock.
            fresh = [key for key in sorted(rows) if key not in stored]
            inserted = self._insert(connection, [rows[key] for key in fresh], now)
            # Rows another crawl inserted since _stored() read are refreshed like stored ones.
            stored.update(self._stored(connection, {key: rows[key] for key in fresh if key not in inserted}))
            changed = self._refresh(connection, rows, stored, now)
            written = {**inserted, **changed}
            replace_posting_skills(connection, {posting_id: skill_matches[key] for key, posting_id in written.items()})
        return len(inserted), len(changed)

    def _stored(self, connection, rows: dict) -> dict:
        if not rows:
            return {}
        table = models.Posting.__table__
        stored = {}
        # Per source, so the (source, source_id) unique index serves the lookup on every database.
        for source in {source for source, _ in rows}:
            ids = [source_id for key_source, source_id in rows if key_source == source]
            query = select(table).where(table.c.source == source, table.c.source_id.in_(ids))
            stored.update({(row.source, row.source_id): row for row in connection.execute(query)})
        return stored

    def _insert(self, connection, rows: list[dict[str, Any]], now: datetime) -> dict:
        """Insert new postings; returns the ids of those inserted, by key."""
        if not rows:
            return {}
        table = models.Posting.__table__
        seen = {
            "first_seen_at": now,
            "last_seen_at": now,
            "times_seen": 1,
            "first_crawl_run_id": self.crawl_run_id,
            "last_crawl_run_id": self.crawl_run_id,
        }
        result = connection.execute(
            self.insert_new.returning(table.c.source, table.c.source_id, table.c.id), [{**row, **seen} for row in rows]
        )
        return {(source, source_id): posting_id for source, source_id, posting_id in result}

    def _refresh(self, connection, rows: dict, stored: dict, now: datetime) -> dict:
        """Mark stored postings as seen again and rewrite the changed ones; returns their ids, by key."""
        table = models.Posting.__table__
        seen = {
            "last_seen_at": now,
            "last_crawl_run_id": self.crawl_run_id,
            # Seen twice in one crawl is seen once.
            "times_seen": case(
                (table.c.last_crawl_run_id == self.crawl_run_id, table.c.times_seen), else_=table.c.times_seen + 1
            ),
        }
        changed = [key for key in sorted(stored) if stored[key].content_hash != rows[key]["content_hash"]]
        unchanged_ids = sorted(stored[key].id for key in stored if key not in set(changed))
        if unchanged_ids:
            connection.execute(update(table).where(table.c.id.in_(unchanged_ids)).values(**seen))
        changes = []
        for key in changed:
            old, row = stored[key], rows[key]
            connection.execute(update(table).where(table.c.id == old.id).values(**row, **seen))
            changes += [
                {
                    "posting_id": old.id,
                    "crawl_run_id": self.crawl_run_id,
                    "field": name,
                    "old_value": getattr(old, name),
                    "new_value": row[name],
                    "changed_at": now,
                }
                for name in TRACKED_FIELDS
                if getattr(old, name) != row[name]
            ]
        if changes:
            connection.execute(insert(models.PostingChange), changes)
        return {key: stored[key].id for key in changed}


class StorePipeline:
    """The last pipeline: buffers items and hands full batches to a PostingWriter in a thread."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.database_url = crawler.settings.get("DATABASE_URL")
        self.batch_size = max(1, crawler.settings.getint("STORE_BATCH_SIZE"))
        self.postings: list[Posting] = []
        self.rejects: list[Reject] = []
        self.writing = asyncio.Lock()
        self.writes: list[asyncio.Task] = []
        self.engine = None
        self.writer: PostingWriter | None = None
        self.crawl_run_id: int | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def open_spider(self):
        spider = self.crawler.spider
        logger.info("Storing into %s", mask(self.database_url))
        self.engine = make_engine(self.database_url)
        await asyncio.to_thread(upgrade, self.engine)
        await asyncio.to_thread(self._sync_skills)
        self.crawl_run_id = await asyncio.to_thread(self._open_run, spider.name, getattr(spider, "arguments", {}))
        self.stats.set_value("pasarkerja/crawl_run_id", self.crawl_run_id)
        self.writer = PostingWriter(self.engine, self.crawl_run_id)

    def _sync_skills(self) -> None:
        # posting_skills name skills of the bundled taxonomy; the skills table describes them.
        with self.engine.begin() as connection:
            sync_skills(connection, load_taxonomy())

    def _open_run(self, spider_name: str, arguments: dict[str, Any]) -> int:
        with self.engine.begin() as connection:
            return connection.execute(
                insert(models.CrawlRun)
                .values(spider=spider_name, arguments=arguments, started_at=datetime.now(timezone.utc))
                .returning(models.CrawlRun.id)
            ).scalar_one()

    def process_item(self, item):
        if isinstance(item, Reject):
            self.rejects.append(item)
            self.stats.inc_value("pasarkerja/rejected")
            self.stats.inc_value(f"pasarkerja/rejected/{item.reason}")
            logger.warning("Rejected %s record from %s: %s (%s)", item.source, item.url, item.reason, item.detail)
        elif isinstance(item, Posting):
            self.postings.append(item)
            self.stats.inc_value("pasarkerja/postings")
        if len(self.postings) + len(self.rejects) >= self.batch_size:
            writing_already = any(not write.done() for write in self.writes)
            write = self._start_write()
            # At most one batch is written while the next fills; a third waits (backpressure), so
            # memory stays bounded and the crawl never runs far ahead of the database.
            if writing_already:
                return deferred_from_coro(self._after(write, item))
        # Plain return for all other items: the crawl goes on while the batch is written.
        return item

    def _start_write(self) -> asyncio.Task:
        postings, rejects = self.postings, self.rejects
        self.postings, self.rejects = [], []
        write = asyncio.ensure_future(self._write(postings, rejects))
        # Finished writes are dropped; failed ones stay so that close_spider raises their error.
        self.writes = [w for w in self.writes if not w.done() or w.exception()] + [write]
        return write

    async def _after(self, write: asyncio.Task, item):
        await write
        return item

    async def _write(self, postings: list[Posting], rejects: list[Reject]) -> None:
        async with self.writing:  # one batch at a time, in the order they filled
            new, updated = await asyncio.to_thread(self.writer.write, postings, rejects)
        self.stats.inc_value("pasarkerja/postings/new", new)
        self.stats.inc_value("pasarkerja/postings/updated", updated)

    async def close_spider(self):
        if self.writer is None:
            return
        if self.postings or self.rejects:
            self._start_write()
        await asyncio.gather(*self.writes)

    async def spider_closed(self, spider, reason):
        """Complete the crawl_runs row; runs after Scrapy's core stats have the finish reason."""
        if self.crawl_run_id is None:
            return
        stats = self.stats.get_stats()
        values = {
            "finished_at": datetime.now(timezone.utc),
            "finish_reason": reason,
            "requests": stats.get("downloader/request_count", 0),
            "items": stats.get("pasarkerja/postings", 0),
            "new": stats.get("pasarkerja/postings/new", 0),
            "updated": stats.get("pasarkerja/postings/updated", 0),
            "rejected": stats.get("pasarkerja/rejected", 0),
            "stats": stats,
        }
        await asyncio.to_thread(self._close_run, values)

    def _close_run(self, values: dict[str, Any]) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(models.CrawlRun).where(models.CrawlRun.id == self.crawl_run_id).values(**values)
            )
        self.engine.dispose()
