"""Duplicate links in the database: the rules of pipelines.dedupe applied to stored postings.

``link_duplicates`` links the postings a batch inserts, in the writer's transaction (pipelines.db.writer);
``relink_all`` (``pasarkerja dedupe``) recomputes every key and link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import timedelta

from sqlalchemy import bindparam, select, update

from pipelines.db import models
from pipelines.db.engine import as_utc
from pipelines.dedupe import Candidate, DedupeSettings, find_repeats, fingerprint_columns

_STORED_COLUMNS = tuple(name for name in Candidate.__dataclass_fields__ if name != "computed")


def _candidates(rows) -> Iterator[Candidate]:
    for row in rows:
        values = {name: getattr(row, name) for name in _STORED_COLUMNS}
        # SQLite gives back naive times, PostgreSQL aware ones.
        values["first_seen_at"], values["last_seen_at"] = as_utc(row.first_seen_at), as_utc(row.last_seen_at)
        yield Candidate(**values)


def link_duplicates(
    connection, keys: Mapping[int, str], candidate: Callable[[int], Candidate], settings: DedupeSettings
) -> int:
    """Link each just-inserted posting (``keys``: id -> vacancy key) to the first posting of its vacancy; returns how
    many were linked. ``candidate(id)`` gives one of them as dedupe compares it, asked only for postings whose key
    is met again: most are not, and building them all would cost the crawl.

    Runs in the writer's transaction, after the insert: the originals are the stored postings of the same keys
    inserted before them (lower ids), and the batch's own postings are compared with one another too."""
    if not keys:
        return 0
    table = models.Posting.__table__
    # Only the key in SQL: given "duplicate_of IS NULL" too, SQLite would walk that index, which holds nearly
    # every posting; the few rows of the batch's keys are sorted out here.
    rows = connection.execute(
        select(*(table.c[name] for name in _STORED_COLUMNS), table.c.duplicate_of).where(
            table.c.vacancy_key.in_(sorted(set(keys.values()))), table.c.id < min(keys)
        )
    ).all()
    met = Counter(keys.values())
    met.update(row.vacancy_key for row in rows)
    postings = [candidate(posting_id) for posting_id, key in keys.items() if met[key] > 1]
    if not postings:
        return 0
    oldest = min(posting.first_seen_at for posting in postings) - timedelta(days=settings.window_days)
    originals = [
        original
        for original, row in zip(_candidates(rows), rows, strict=True)
        if row.duplicate_of is None and original.last_seen_at >= oldest
    ]
    links = find_repeats(postings, originals, settings)
    # Only this transaction's own rows: two crawls writing signatures into each other's originals could deadlock.
    _store(connection, links, postings)
    return len(links)


def _store(connection, links: list[tuple[int, int, float | None]], compared: Iterable[Candidate]) -> None:
    """Write ``links`` and the signatures computed while comparing."""
    table = models.Posting.__table__
    computed = [
        {"posting_id": candidate.id, "signature": candidate.description_minhash}
        for candidate in compared
        if candidate.computed and candidate.description_minhash is not None
    ]
    if computed:
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("posting_id"))
            .values(description_minhash=bindparam("signature")),
            computed,
        )
    if links:
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("posting_id"))
            .values(duplicate_of=bindparam("original_id"), duplicate_similarity=bindparam("score")),
            [{"posting_id": posting, "original_id": original, "score": score} for posting, original, score in links],
        )


def relink_all(
    engine, settings: DedupeSettings, batch_size: int = 1000, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Recompute every posting's vacancy key and link; returns (postings, duplicates).

    Keys are written a batch per transaction (signatures cleared, to be computed again where keys meet); the links
    are then rebuilt in one transaction, so readers see either the old links or the new ones, never a mix.
    ``progress(n)`` after each batch of keys.
    """
    table = models.Posting.__table__
    with engine.connect() as connection:
        ids = list(connection.execute(select(table.c.id).order_by(table.c.id)).scalars())
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        with engine.begin() as connection:
            rows = connection.execute(
                select(table.c.id, table.c.title, table.c.company, table.c.location).where(table.c.id.in_(batch))
            )
            # bindparam names may not be column names, hence the prefix.
            values = [
                {"posting_id": row.id}
                | {
                    f"new_{name}": value
                    for name, value in fingerprint_columns(row.title, row.company, row.location).items()
                }
                for row in rows
            ]
            fingerprint = {name: bindparam(f"new_{name}") for name in ("vacancy_key", "description_minhash")}
            connection.execute(update(table).where(table.c.id == bindparam("posting_id")).values(fingerprint), values)
        if progress:
            progress(len(batch))
    with engine.begin() as connection:
        connection.execute(update(table).values(duplicate_of=None, duplicate_similarity=None))
        links, compared, group = [], [], []
        ordered = (
            select(*(table.c[name] for name in _STORED_COLUMNS))
            .order_by(table.c.vacancy_key, table.c.id)
            .execution_options(yield_per=10_000)
        )
        # One vacancy key at a time: memory holds one group and the signatures computed, not the table.
        for candidate in _candidates(connection.execute(ordered)):
            if group and candidate.vacancy_key != group[0].vacancy_key:
                links += find_repeats(group, (), settings)
                compared += [member for member in group if member.computed]
                group = []
            group.append(candidate)
        links += find_repeats(group, (), settings)
        compared += [member for member in group if member.computed]
        _store(connection, links, compared)
    return len(ids), len(links)
