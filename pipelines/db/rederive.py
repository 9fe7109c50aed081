"""Recompute the derived fields of stored postings (skills, occupation, pay) without re-crawling.

Run after the taxonomy or the exchange rates change: ``pasarkerja rederive``. Each batch
is one transaction, so an interrupted run leaves every posting either as it was or
fully re-derived, and running it again finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, bindparam, select, update

from crawlers.items import Posting
from pipelines.content_hash import PLATFORM_FIELDS
from pipelines.db import models
from pipelines.db.rate_sources import RateSourceIds
from pipelines.db.writer import derived_columns, replace_posting_skills, sync_skills
from pipelines.derive import Deriver


def rederive(engine: Engine, deriver: Deriver, batch_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Re-derive every stored posting in batches; returns how many; ``progress(n)`` after each batch."""
    table = models.Posting.__table__
    with engine.begin() as connection:
        sync_skills(connection, deriver.taxonomy_)
        ids = list(connection.execute(select(table.c.id).order_by(table.c.id)).scalars())
    columns = [table.c.id, *(table.c[name] for name in PLATFORM_FIELDS)]
    rate_sources = RateSourceIds()
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        with engine.begin() as connection:
            postings = {
                row.id: deriver.derive(Posting(**{name: getattr(row, name) for name in PLATFORM_FIELDS}))
                for row in connection.execute(select(*columns).where(table.c.id.in_(batch)))
            }
            # In the batch's transaction: when it fails, the run ends, and the ids learnt go with it.
            rate_sources.learn(connection, rate_sources.missing(postings.values()))
            # bindparam names may not be column names, hence the prefix.
            derived = [
                {
                    "posting_id": posting_id,
                    **{f"new_{k}": v for k, v in derived_columns(posting, rate_sources.ids).items()},
                }
                for posting_id, posting in postings.items()
            ]
            matches = {posting_id: posting.skill_matches for posting_id, posting in postings.items()}
            values = {name.removeprefix("new_"): bindparam(name) for name in derived[0] if name != "posting_id"}
            connection.execute(update(table).where(table.c.id == bindparam("posting_id")).values(values), derived)
            replace_posting_skills(connection, matches)
        if progress:
            progress(len(batch))
    return len(ids)
