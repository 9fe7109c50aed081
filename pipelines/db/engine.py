"""The database behind DATABASE_URL: the URL checked, the engine, safe display of the URL."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError

from pipelines.content_hash import to_json

DEFAULT_URL = "sqlite:///data/pasarkerja.db"
# Seconds a SQLite connection waits for another's lock (a crawl writing, a migration running).
SQLITE_TIMEOUT = 30
WAL_CHECKPOINT_BYTES = 40 * 1024 * 1024
"""SQLite's write-ahead log between two checkpoints."""
SQLITE_PAGE_SIZE = 8192
"""Bytes of a new SQLite database's pages. A posting row takes 2 to 3 KB: SQLite's default 4 KiB pages hold one and
leave the rest empty, pages of 8 KiB hold three. The bench's 20,000 postings then take 56 MB instead of 69, and the
store's worker spends 0.13 s in the kernel writing them instead of 0.2 (bench/crawl_throughput.py). A database keeps
the page size it was made with."""


class DatabaseURLError(ValueError):
    """DATABASE_URL cannot be used; the message says what to fix."""


def mask(url: str) -> str:
    """``url`` with the password replaced by ``***``, for logs and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable DATABASE_URL>"


def describe(url: str) -> str:
    """The database as messages name it: the URL, password masked, and for a SQLite file its absolute path."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return mask(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return f"{mask(url)} ({Path(parsed.database).absolute()})"
    return mask(url)


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as an aware UTC time: SQLite gives back naive UTC times, PostgreSQL aware ones."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def check_url(url: str, create: bool = True) -> URL:
    """``url`` parsed, once it names a database pasarkerja can use (DatabaseURLError says what to fix otherwise); a
    SQLite file's folder is created when missing. With ``create=False`` (commands that use a database already there)
    a SQLite file that does not exist is refused instead, and nothing is created."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseURLError(
            "DATABASE_URL is not a database URL; use e.g. sqlite:///data/pasarkerja.db "
            "or postgresql+psycopg://user:password@host:5432/dbname"
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseURLError(f"DATABASE_URL {mask(url)}: only sqlite and postgresql are supported")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            if create:
                try:
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseURLError(f"{describe(url)}: cannot create its folder: {exc.strerror}") from None
            elif not Path(parsed.database).exists():  # connecting would create it
                raise DatabaseURLError(
                    f"{describe(url)}: no such database file; check the path (a crawl or `pasarkerja migrate` "
                    "creates it)"
                )
    return parsed


def make_engine(url: str, create: bool = True) -> Engine:
    """An engine for ``url``, checked by ``check_url`` (``create`` as there)."""
    parsed = check_url(url, create)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_TIMEOUT}, json_serializer=to_json)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True, json_serializer=to_json)


def open_database(url: str, create: bool = False) -> Engine:
    """An engine for ``url`` (``make_engine``) that has connected once, so that a server that is down, a database
    that does not exist or a file that is not SQLite raises DatabaseURLError now, in one line naming the database
    and the reason, rather than a traceback in the middle of a command."""
    engine = make_engine(url, create)
    try:
        with engine.connect():
            pass
    except DatabaseError as exc:  # OperationalError, and SQLite's "file is not a database"
        engine.dispose()
        reason = " ".join(str(exc.orig).split())  # the driver's own words (never the password), on one line
        raise DatabaseURLError(f"cannot open the database {describe(url)}: {reason}") from None
    return engine


def _use_wal(cursor) -> None:
    """Switch the file to WAL (kept by the file once done). Switching needs the file to itself, and SQLite answers
    "database is locked" at once instead of waiting, so crawls opening a new file together try again until the
    first has switched it, for as long as the connection would wait for a lock."""
    deadline = time.monotonic() + SQLITE_TIMEOUT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets analysts read while a crawl writes; with it, synchronous=NORMAL keeps every
    # transaction atomic and durable across a crashed process (only a power cut may lose the
    # last ones, those since the last checkpoint); foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    # Before WAL, which fixes the page size; an existing database keeps its own.
    cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A checkpoint, which waits for the disk, every WAL_CHECKPOINT_BYTES instead of SQLite's 1,000 pages (4 MB): the
    # store writes tens of MB a crawl, and waited for the disk a quarter of its time (bench/crawl_throughput.py).
    page_size = cursor.execute("PRAGMA page_size").fetchone()[0]
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_BYTES // page_size}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
