"""What a crawl reads and records in the database: its ``crawl_runs`` row, the spider's earlier runs, the content hashes
of the postings stored already, and the closing of postings complete crawls no longer see.

A complete crawl is one that could see every posting of its platform: it finished, paged to the end (no stop at known
pages, no ``max_pages``/``max_items``), was given no search arguments and stored what it saw. ``close_missing`` marks a
posting closed (``postings.closed_at``) once ``missed_crawls`` complete crawls of its platform in a row did not see
it; a closed posting seen again is open again (pipelines.db.writer). Analysts get the Online Labour Index's flows
from this: postings opened per day (``first_seen_at``) and closed per day (``closed_at``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from pipelines.db import models

_RUNS = models.CrawlRun.__table__
_POSTINGS = models.Posting.__table__
EARLIER_RUNS = 1000
"""How many of a spider's earlier runs a crawl reads: a day of crawls every few minutes; the last full one is there."""


def open_run(engine: Engine, spider: str, arguments: dict[str, Any], started_at: datetime) -> tuple[int, list]:
    """(the id of a new crawl_runs row for ``spider``, the spider's earlier runs newest first: id, complete,
    stopped_at_known_pages)."""
    with engine.begin() as connection:
        earlier = connection.execute(
            select(_RUNS.c.id, _RUNS.c.complete, _RUNS.c.stopped_at_known_pages)
            .where(_RUNS.c.spider == spider)
            .order_by(_RUNS.c.id.desc())
            .limit(EARLIER_RUNS)
        ).all()
        run_id = connection.execute(
            insert(_RUNS).values(spider=spider, arguments=arguments, started_at=started_at).returning(_RUNS.c.id)
        ).scalar_one()
    return run_id, earlier


def stored_hashes(engine: Engine, source: str) -> dict[str, str]:
    """source_id -> content hash of the stored postings of ``source``."""
    with engine.connect() as connection:
        found = connection.execute(
            select(_POSTINGS.c.source_id, _POSTINGS.c.content_hash).where(_POSTINGS.c.source == source)
        )
        return dict(found.all())


def previous_healthy_stats(engine: Engine, spider: str, run_id: int, runs: int) -> list[dict[str, Any]]:
    """The stats of ``spider``'s ``runs`` latest healthy runs before ``run_id``, newest first."""
    with engine.connect() as connection:
        return [
            stats or {}
            for stats in connection.execute(
                select(_RUNS.c.stats)
                .where(_RUNS.c.spider == spider, _RUNS.c.healthy.is_(True), _RUNS.c.id != run_id)
                .order_by(_RUNS.c.id.desc())
                .limit(runs)
            ).scalars()
        ]


def close_run(engine: Engine, run_id: int, values: dict[str, Any], missed_crawls: int) -> int:
    """Complete the row ``run_id`` with ``values``; when the run was complete, close the postings its spider's last
    ``missed_crawls`` complete runs missed (at its ``finished_at``), in the same transaction. Returns how many."""
    with engine.begin() as connection:
        connection.execute(update(_RUNS).where(_RUNS.c.id == run_id).values(**values))
        if not values["complete"]:
            return 0
        spider = connection.execute(select(_RUNS.c.spider).where(_RUNS.c.id == run_id)).scalar_one()
        return close_missing(connection, spider, values["finished_at"], missed_crawls)


def close_missing(connection, spider: str, now: datetime, missed_crawls: int) -> int:
    """Mark closed the open postings of ``spider``'s platform that none of its last ``missed_crawls`` complete
    crawls saw; returns how many."""
    oldest_counted = connection.execute(
        select(_RUNS.c.id)
        .where(_RUNS.c.spider == spider, _RUNS.c.complete.is_(True))
        .order_by(_RUNS.c.id.desc())
        .offset(missed_crawls - 1)
        .limit(1)
    ).scalar()
    if oldest_counted is None:
        return 0  # fewer complete crawls than that so far
    return connection.execute(
        update(_POSTINGS)
        .where(
            _POSTINGS.c.source == spider,
            _POSTINGS.c.closed_at.is_(None),
            _POSTINGS.c.last_crawl_run_id < oldest_counted,
        )
        .values(closed_at=now)
    ).rowcount
