"""Write batches of derived postings and rejects: one batch, one transaction.

``PostingWriter`` matches a posting already stored on (source, source_id): an unchanged one only gets
``last_seen_at``/``times_seen`` bumped, a changed one is updated and its title, pay or status changes are logged in
``posting_changes``; new postings are linked to the vacancy they repeat (pipelines.db.duplicates). It runs in the
store's worker process (pipelines.db.worker), so this module imports neither Scrapy nor Alembic. A batch the database
refuses is written again record by record (``write_each``), the refused record becoming a reject with the database's
message; only a database that refuses every write ends in ``WriteFailed``.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

import orjson
from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crawlers.items import Posting, Reject
from pipelines.content_hash import PLATFORM_FIELDS, content_hash
from pipelines.db import models
from pipelines.db.duplicates import link_duplicates
from pipelines.db.errors import WriteFailed, describe, refuses_this_record
from pipelines.db.rate_sources import RATE_SOURCE_COLUMNS, RateSourceIds
from pipelines.db.storable import reject_row, unwritten_reject
from pipelines.dedupe import Candidate, DedupeSettings, fingerprint_columns, vacancy_key
from pipelines.pay import NormalisedPay
from pipelines.skills.taxonomy import Taxonomy

# Bound parameters in one INSERT: under SQLite's limit (32,766 since 3.32) and PostgreSQL's (65,535).
_PARAMETERS_PER_STATEMENT = 30_000
TRACKED_FIELDS = ("title", "pay_min", "pay_max", "pay_currency", "pay_period", "pay_text", "status")


NORMALISED_PAY_COLUMNS = tuple(
    (f"pay_{field.name}", field.name)
    for field in dataclasses.fields(NormalisedPay)
    if field.name not in RATE_SOURCE_COLUMNS
)
"""(column, field) of pipelines.pay.NormalisedPay's kind and amounts, each stored as it is; its rate sources are
stored as ids (RATE_SOURCE_COLUMNS)."""


def derived_columns(posting: Posting, rate_source_ids: Mapping[str, int]) -> dict[str, Any]:
    """The ``postings`` columns that hold a posting's derived fields; ``rate_source_ids`` holds the id of each of its
    rate sources (RateSourceIds)."""
    pay = posting.pay_normalised or {}
    return {
        "oli_occupation": posting.oli_occupation,
        "occupation_confidence": posting.occupation_confidence,
        "unmapped_tags": posting.unmapped_tags or None,
        "derived_with": posting.derived_with,
        **{column: pay.get(field) for column, field in NORMALISED_PAY_COLUMNS},
        **{
            column: None if (text := pay.get(field)) is None else rate_source_ids[text]
            for field, column in RATE_SOURCE_COLUMNS.items()
        },
    }


def replace_posting_skills(connection, matches_by_id: dict[int, list[dict[str, str]]]) -> None:
    """Make posting_skills hold exactly ``matches_by_id`` for those postings."""
    if not matches_by_id:
        return
    table = models.PostingSkill.__table__
    connection.execute(delete(table).where(table.c.posting_id.in_(sorted(matches_by_id))))
    insert_posting_skills(connection, matches_by_id)


def insert_posting_skills(connection, matches_by_id: dict[int, list[dict[str, str]]]) -> None:
    """Store ``matches_by_id`` in posting_skills, for postings that have none stored."""
    table = models.PostingSkill.__table__
    rows = [
        (posting_id, match["skill"], match["source"], match["matched"])
        for posting_id, matches in matches_by_id.items()
        for match in matches
    ]
    if rows:
        # Plain strings and ints through the driver: three rows a posting, and SQLAlchemy's per-row parameter
        # processing would cost more than the database's work. One row a statement, executemany: a statement of many
        # rows, of another length in every batch, is compiled anew each time and costs more.
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} (posting_id, skill, source, matched) "
            f"VALUES {_placeholders(connection.dialect, 4, 1)}",
            rows,
        )


def _placeholders(dialect, width: int, rows: int) -> str:
    """The driver's parameter markers for ``rows`` rows of ``width`` values, as VALUES takes them."""
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    row = f"({', '.join([marker] * width)})"
    return ", ".join([row] * rows)


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
    """Synchronous batch writer; one instance per crawl, used by one thread at a time."""

    def __init__(self, engine, crawl_run_id: int, dedupe: DedupeSettings | None = None):
        self.engine = engine
        self.crawl_run_id = crawl_run_id
        self.dedupe = dedupe or DedupeSettings()
        self.rate_sources = RateSourceIds()

    def write(self, postings: list[Posting], rejects: list[Reject]) -> tuple[int, int, int]:
        """Store one batch in one transaction; returns (new, updated, new postings that repeat an earlier one)."""
        now = datetime.now(timezone.utc)
        if missing := self.rate_sources.missing(postings):
            # In a transaction of its own: a batch rolled back must not take rows whose ids the writer keeps.
            with self.engine.begin() as connection:
                self.rate_sources.learn(connection, missing)
        rows, skill_matches = {}, {}
        for posting in postings:  # a posting met twice in one batch counts once, last version wins
            # Shallow on purpose: dataclasses.asdict deep-copies raw records and dominates the cost.
            row = {name: getattr(posting, name) for name in PLATFORM_FIELDS}
            if isinstance(row["raw"], bytes):  # its JSON, as the crawl sends it (pipelines.db.packing)
                row["raw"] = orjson.Fragment(row["raw"])
            row["content_hash"] = content_hash(row)
            row.update(derived_columns(posting, self.rate_sources.ids))
            rows[(row["source"], row["source_id"])] = row
            skill_matches[(row["source"], row["source_id"])] = posting.skill_matches
        with self.engine.begin() as connection:
            if rejects:
                connection.execute(
                    insert(models.Reject), [reject_row(reject, self.crawl_run_id, now) for reject in rejects]
                )
            if not rows:
                return 0, 0, 0
            stored = self._stored(connection, rows)
            for key, row in rows.items():  # what dedupe compares, (re)computed for new and changed postings
                if key not in stored:
                    row["vacancy_key"] = vacancy_key(row["title"], row["company"], row["location"])
                elif stored[key].content_hash != row["content_hash"]:
                    row.update(fingerprint_columns(row["title"], row["company"], row["location"]))
            # Sorted keys: concurrent crawls touch rows in the same order and cannot deadlock.
            fresh = [key for key in sorted(rows) if key not in stored]
            inserted = self._insert(connection, [rows[key] for key in fresh], now)
            # Rows another crawl inserted since _stored() read are refreshed like stored ones.
            stored.update(self._stored(connection, {key: rows[key] for key in fresh if key not in inserted}))
            changed = self._refresh(connection, rows, stored, now)
            replace_posting_skills(connection, {posting_id: skill_matches[key] for key, posting_id in changed.items()})
            # A posting just inserted has no skills stored to replace.
            insert_posting_skills(connection, {posting_id: skill_matches[key] for key, posting_id in inserted.items()})
            by_id = {posting_id: rows[key] for key, posting_id in inserted.items()}
            duplicates = link_duplicates(
                connection,
                {posting_id: row["vacancy_key"] for posting_id, row in by_id.items()},
                lambda posting_id: _candidate(posting_id, by_id[posting_id], now),
                self.dedupe,
            )
        return len(inserted), len(changed), duplicates

    def write_each(
        self, postings: list[Posting], rejects: list[Reject]
    ) -> tuple[tuple[int, int, int], list[Posting], list[Reject]]:
        """Store a batch the database refused, one posting a transaction, then its rejects: ((new, updated,
        duplicates), the postings written, rejects made of the others with reason ``write_failed`` and the database's
        message). Raises WriteFailed when the database refuses writes as a whole: an error not about a record, or the
        rejects (always storable) refused."""
        counts, written, refused = (0, 0, 0), [], []
        for posting in postings:
            try:
                one = self.write([posting], [])
            except Exception as error:
                if not refuses_this_record(error):
                    raise WriteFailed(describe(error), len(written)) from None
                refused.append(unwritten_reject(posting, "write_failed", error))
            else:
                counts = tuple(total + added for total, added in zip(counts, one, strict=True))
                written.append(posting)
        try:
            self.write([], rejects + refused)
        except Exception as error:
            raise WriteFailed(describe(error), len(written)) from None
        return counts, written, refused

    def _stored(self, connection, rows: dict) -> dict:
        if not rows:
            return {}
        table = models.Posting.__table__
        # What _refresh compares, not whole rows: their raw records and descriptions would be read and decoded for
        # every posting a re-crawl meets again.
        columns = [table.c[name] for name in ("id", "source", "source_id", "content_hash", *TRACKED_FIELDS)]
        stored = {}
        # Per source, so the (source, source_id) unique index serves the lookup on every database.
        for source in {source for source, _ in rows}:
            ids = [source_id for key_source, source_id in rows if key_source == source]
            query = select(*columns).where(table.c.source == source, table.c.source_id.in_(ids))
            stored.update({(row.source, row.source_id): row for row in connection.execute(query)})
        return stored

    def _insert(self, connection, rows: list[dict[str, Any]], now: datetime) -> dict:
        """Insert new postings; returns the ids of those inserted, by key (a row another crawl inserted first is
        left as that crawl wrote it)."""
        if not rows:
            return {}
        seen = {
            "first_seen_at": now,
            "last_seen_at": now,
            "times_seen": 1,
            "first_crawl_run_id": self.crawl_run_id,
            "last_crawl_run_id": self.crawl_run_id,
        }
        row_columns = list(rows[0])  # every row of a batch has the same keys
        # Through the driver, with SQLAlchemy's own converter for each column that needs one (JSON, dates...): its
        # generic parameter handling costs the store's worker more than the database's work (bench/).
        dialect = connection.dialect
        converters = [
            (position, converter)
            for position, column in enumerate(row_columns)
            if (converter := self._converter(column, dialect)) is not None
        ]
        seen_values = [
            value if (converter := self._converter(column, dialect)) is None else converter(value)
            for column, value in seen.items()
        ]
        values = []
        for row in rows:
            value = [row[column] for column in row_columns]
            for position, converter in converters:
                value[position] = converter(value[position])
            values.append(value + seen_values)
        columns = [*row_columns, *seen]
        inserted = {}
        per_statement = max(1, _PARAMETERS_PER_STATEMENT // len(columns))
        for start in range(0, len(values), per_statement):
            chunk = values[start : start + per_statement]
            statement = self._insert_statement(connection.dialect, tuple(columns), len(chunk))
            result = connection.exec_driver_sql(statement, tuple(itertools.chain.from_iterable(chunk)))
            inserted.update({(source, source_id): posting_id for source, source_id, posting_id in result})
        return inserted

    @staticmethod
    @functools.cache
    def _converter(column: str, dialect) -> Callable[[Any], Any] | None:
        """SQLAlchemy's conversion of a Python value for ``postings.column`` on ``dialect`` (JSON, dates...)."""
        column_type = models.Posting.__table__.c[column].type
        return column_type.dialect_impl(dialect).bind_processor(dialect)

    @staticmethod
    @functools.cache
    def _insert_statement(dialect, columns: tuple[str, ...], rows: int) -> str:
        """INSERT of ``rows`` rows of ``columns`` that skips postings stored already and returns the others' ids."""
        quote = dialect.identifier_preparer.quote
        return (
            f"INSERT INTO postings ({', '.join(quote(column) for column in columns)}) "
            f"VALUES {_placeholders(dialect, len(columns), rows)} "
            "ON CONFLICT (source, source_id) DO NOTHING RETURNING source, source_id, id"
        )

    def _refresh(self, connection, rows: dict, stored: dict, now: datetime) -> dict:
        """Mark stored postings as seen again and rewrite the changed ones; returns their ids, by key."""
        table = models.Posting.__table__
        seen = {
            "last_seen_at": now,
            "last_crawl_run_id": self.crawl_run_id,
            "closed_at": None,  # seen again: open again (pipelines/db/crawl_runs.py)
            # Seen twice in one crawl is seen once.
            "times_seen": case(
                (table.c.last_crawl_run_id == self.crawl_run_id, table.c.times_seen), else_=table.c.times_seen + 1
            ),
        }
        changed = [key for key in sorted(stored) if stored[key].content_hash != rows[key]["content_hash"]]
        changed_keys = set(changed)
        unchanged_ids = sorted(stored[key].id for key in stored if key not in changed_keys)
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


def _candidate(posting_id: int, row: dict[str, Any], now: datetime) -> Candidate:
    """A posting just inserted, as dedupe compares it."""
    return Candidate(
        id=posting_id,
        vacancy_key=row["vacancy_key"],
        location=row["location"],
        country=row["country"],
        first_seen_at=now,
        last_seen_at=now,
        description=row["description"],
    )
