"""The DataFrames of ``import pasarkerja``: postings, their skills and distinct vacancies, read from the store.

Each call opens the database as a ``pasarkerja`` command that only reads does (analysis/cli/database.py): it must
exist at the current schema, and is never created or migrated. The filters are the commands' own (analysis/data.py:
``--since``, ``--source``, ``--open-to``, ``--with-duplicates``), checked by the same functions, so a bad value is a
one-line ValueError saying what to write. docs/python.md describes every column.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, func, literal_column, select, table, text

from analysis.cli.command import CommandError, Store
from analysis.cli.database import database_for
from analysis.data import (
    Filters,
    PostingSet,
    country_argument,
    date_argument,
    load_postings,
    source_argument,
    sql_conditions,
)
from pipelines.db.engine import DEFAULT_URL
from pipelines.db.models import Posting

# The vacancies view's times; SQLite gives them back as text, PostgreSQL as aware datetimes.
_VACANCY_TIMES = ("posted_at", "valid_through", "first_seen_at", "last_seen_at", "closed_at")


def postings(
    database_url: str | None = None,
    since: date | str | None = None,
    source: str | Iterable[str] | None = None,
    open_to: str | None = None,
    distinct: bool = True,
    descriptions: bool = False,
) -> pd.DataFrame:
    """Postings, one row each, ordered by id, with the skills each asks for as a list column.

    ``database_url``: a SQLAlchemy URL; None reads ``$DATABASE_URL``, else ``sqlite:///data/pasarkerja.db``, as the
    ``pasarkerja`` command does. ``since``: the first day posted, a date (or datetime) or ``"YYYY-MM-DD"``, or a span before today
    such as ``"30d"`` or ``"12w"``. ``source``: a platform name (spider name) or a list of them. ``open_to``: a
    two-letter country code; only work people there can take (located there, or remote with no country given).
    ``distinct``: one row per distinct vacancy, as every analysis counts them (a posting repeating an earlier one on
    another platform, or reposted, is left out; the first posting stands for the vacancy, and the filters apply to
    it); False gives every posting. ``descriptions``: add the ``description`` column (large).

    Columns: analysis.data.POSTING_COLUMNS, ``skills`` (a sorted list of skill names) and, when asked,
    ``description``.

    >>> import pasarkerja
    >>> jobs = pasarkerja.postings(since="30d", source=["glints", "kalibrr"], open_to="ID")
    >>> jobs.explode("skills")["skills"].value_counts().head(10)
    """
    filters = _filters(since, source, open_to, distinct)
    with _reading(database_url) as engine:
        loaded = load_postings(engine, filters)
        frame = loaded.postings.assign(skills=_skill_lists(loaded))
        if descriptions:
            query = select(Posting.__table__.c.id, Posting.__table__.c.description).where(*sql_conditions(filters))
            with engine.connect() as connection:
                by_id = dict(connection.execute(query).all())
            frame["description"] = frame["id"].map(by_id)
    return frame


def skills(
    database_url: str | None = None,
    since: date | str | None = None,
    source: str | Iterable[str] | None = None,
    open_to: str | None = None,
    distinct: bool = True,
) -> pd.DataFrame:
    """The skills of postings, one row per posting and skill (the ``posting_skills_named`` view), ordered by posting
    id and skill; the postings are those ``postings`` gives for the same arguments.

    Columns: ``posting_id``, ``skill``, ``skill_group`` (programming_language, framework...), ``skill_occupation``,
    ``found_in`` (where in the posting it was found: tag, title, text, or implied by another skill) and
    ``matched`` (the words that matched).

    >>> import pasarkerja
    >>> found = pasarkerja.skills(since="2026-01-01", source="glints")
    >>> found.groupby("skill_group")["posting_id"].nunique()
    """
    named = table("posting_skills_named")
    posting_id = literal_column("posting_id")
    chosen = select(Posting.__table__.c.id).where(*sql_conditions(_filters(since, source, open_to, distinct)))
    query = (
        select(text("*")).select_from(named).where(posting_id.in_(chosen)).order_by(posting_id, literal_column("skill"))
    )
    with _reading(database_url) as engine, engine.connect() as connection:
        frame = pd.read_sql(query, connection)
    return frame.astype({"posting_id": "int64"})


def vacancies(
    database_url: str | None = None,
    since: date | str | None = None,
    source: str | Iterable[str] | None = None,
    open_to: str | None = None,
    descriptions: bool = False,
) -> pd.DataFrame:
    """Distinct vacancies, one row each (the ``vacancies`` view), ordered by ``vacancy_id``: each shown through its
    most recently seen posting, with the platforms it appeared on and whether it is still open.

    The filters take the arguments of ``postings``; a vacancy passes when any of its postings does (a vacancy seen on
    glints and kalibrr is among ``source="glints"``'s). Times are pandas timestamps in UTC; ``remote`` is True,
    False or None. ``descriptions``: keep the ``description`` column (large).

    >>> import pasarkerja
    >>> still_open = pasarkerja.vacancies(since="30d").query("state == 'open'")
    >>> still_open["platforms"].str.split(",").str.len().value_counts()
    """
    postings_table = Posting.__table__
    vacancy_id = literal_column("vacancy_id")
    chosen = select(func.coalesce(postings_table.c.duplicate_of, postings_table.c.id)).where(
        *sql_conditions(_filters(since, source, open_to, distinct=False))
    )
    query = select(text("*")).select_from(table("vacancies")).where(vacancy_id.in_(chosen)).order_by(vacancy_id)
    with _reading(database_url) as engine, engine.connect() as connection:
        frame = pd.read_sql(query, connection)
    for name in _VACANCY_TIMES:
        frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601")
    frame["remote"] = frame["remote"].map(lambda value: None if pd.isna(value) else bool(value)).astype(object)
    frame = frame.astype(
        {"vacancy_id": "int64", "posting_id": "int64", "postings": "int64", "pay_min": "float64", "pay_max": "float64"}
    )
    return frame if descriptions else frame.drop(columns="description")


@contextmanager
def _reading(database_url: str | None) -> Iterator[Engine]:
    """The store, opened as the commands that only read open it; what stops them is a one-line ValueError here."""
    url = database_url or os.environ.get("DATABASE_URL", DEFAULT_URL)
    try:
        with database_for(Store.READ, url, choosing="pass database_url= (or set DATABASE_URL)") as engine:
            yield engine
    except CommandError as exc:
        raise ValueError(str(exc)) from None


def _filters(since, source, open_to, distinct: bool) -> Filters:
    """The analyses' Filters of the arguments, each checked as the command line checks its option."""
    if isinstance(since, datetime):
        since = since.date()
    elif since is not None and not isinstance(since, date):
        since = _checked("since", date_argument, str(since))
    sources = [source] if isinstance(source, str) else list(source or ())
    return Filters(
        since=since,
        sources=tuple(dict.fromkeys(_checked("source", source_argument, str(name)) for name in sources)),
        open_to=None if open_to is None else _checked("open_to", country_argument, str(open_to)),
        with_duplicates=not distinct,
    )


def _checked(name: str, check: Callable[[str], object], value: str):
    try:
        return check(value)
    except argparse.ArgumentTypeError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _skill_lists(loaded: PostingSet) -> list[list[str]]:
    """Each posting's skill names, sorted, from the set's posting-by-skill matrix."""
    matrix = loaded.skills.tocsr()
    matrix.sort_indices()
    names = pd.Index(loaded.skill_names, dtype=object)
    return [
        names[matrix.indices[start:end]].tolist()
        for start, end in zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True)
    ]
