"""The texts naming the exchange rates pay was converted with, each stored once in ``rate_sources``.

A posting refers to its rate sources (pipelines.pay.NormalisedPay's ``rate_source`` and ``idr_rate_source``) by id.
``RateSourceIds`` gives the writer (pipelines.db.writer) and ``pasarkerja rederive`` the id of each text, creating the
rows of texts not stored yet, and keeps every id it has learnt: a batch whose texts are known costs no query. Rows are
never deleted, so a learnt id stays true for as long as its row is committed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crawlers.items import Posting
from pipelines.db import models

RATE_SOURCE_COLUMNS = {"rate_source": "pay_rate_source_id", "idr_rate_source": "pay_idr_rate_source_id"}
"""NormalisedPay's rate-source fields, and the postings column holding the id of each one's text."""


class RateSourceIds:
    """The ``rate_sources`` id of each text learnt so far (``ids``); one instance per writer."""

    def __init__(self):
        self.ids: dict[str, int] = {}

    def missing(self, postings: Iterable[Posting]) -> set[str]:
        """The rate-source texts of derived ``postings`` whose ids are not learnt yet."""
        return {
            text
            for posting in postings
            if (pay := posting.pay_normalised)
            for field in RATE_SOURCE_COLUMNS
            if (text := pay.get(field)) is not None and text not in self.ids
        }

    def learn(self, connection, texts: set[str]) -> None:
        """Learn the ids of ``texts``, inserting the rows of those not stored. Rows inserted by a transaction that then
        rolls back leave wrong ids here: call it in a transaction of its own, or drop the instance with the
        transaction."""
        if not texts:
            return
        # Read first: a crawl meets stored texts almost always, and reading them takes no write lock.
        self._read(connection, texts)
        if new := sorted(texts - self.ids.keys()):
            insert_for = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
            # Another crawl may be inserting the same new text: its row is the one kept, and the SELECT finds it.
            # Sorted, so that two crawls inserting several texts wait for each other in one order, never deadlock.
            statement = insert_for(models.RateSource.__table__).on_conflict_do_nothing(index_elements=["text"])
            connection.execute(statement, [{"text": text} for text in new])
            self._read(connection, new)

    def _read(self, connection, texts: Iterable[str]) -> None:
        table = models.RateSource.__table__
        self.ids.update(connection.execute(select(table.c.text, table.c.id).where(table.c.text.in_(texts))).all())
