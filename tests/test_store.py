"""pipelines.db (the writer, the schema) on real SQLite and real PostgreSQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, insert, select
from sqlalchemy.exc import IntegrityError

from crawlers.items import Posting, Reject
from pipelines.db import models
from pipelines.db.engine import SQLITE_PAGE_SIZE, WAL_CHECKPOINT_BYTES, make_engine, mask
from pipelines.db.rate_sources import RateSourceIds
from pipelines.db.schema import current_revision, head_revision, upgrade
from pipelines.db.writer import PostingWriter
from tests.conftest import PROJECT_DIR, TEST_SETTINGS, rows
from tests.platforms import sample_source_ids


def new_run(engine) -> int:
    with engine.begin() as connection:
        return connection.execute(
            insert(models.CrawlRun).values(spider="freelancer", arguments={}, started_at=datetime.now(timezone.utc)).returning(models.CrawlRun.id)
        ).scalar_one()


def posting(source_id: str, **fields) -> Posting:
    defaults = dict(
        source="freelancer",
        source_id=source_id,
        url=f"https://example.test/{source_id}",
        title=f"Posting {source_id}",
        posted_at=datetime(2026, 11, 1, tzinfo=timezone.utc),
        pay_min=100,
        pay_max=200,
        pay_currency="USD",
        pay_period="project",
        skills=["PHP"],
        raw={"id": source_id, "note": "test record"},
    )
    return Posting(**{**defaults, **fields})


def test_upgrade_reaches_head_and_is_idempotent(engine):
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_models_match_migrations(engine):
    """A model change without a migration fails here."""
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), models.Base.metadata) == []


def test_write_is_idempotent_within_and_across_crawls(engine, database_url):
    first = PostingWriter(engine, new_run(engine))
    assert first.write([posting("1"), posting("2")], []) == (2, 0, 0)
    assert first.write([posting("2")], []) == (0, 0, 0)  # met twice in one crawl
    assert [r.times_seen for r in rows(database_url, "SELECT times_seen FROM postings ORDER BY source_id")] == [1, 1]

    second = PostingWriter(engine, new_run(engine))
    assert second.write([posting("1"), posting("2"), posting("1")], []) == (0, 0, 0)
    stored = rows(database_url, "SELECT source_id, times_seen, first_seen_at < last_seen_at AS moved FROM postings ORDER BY source_id")
    assert [(r.source_id, r.times_seen, bool(r.moved)) for r in stored] == [("1", 2, True), ("2", 2, True)]


def test_changes_of_title_pay_and_status_are_logged(engine, database_url):
    PostingWriter(engine, new_run(engine)).write([posting("7", status="open")], [])
    changed = posting("7", title="Posting 7 (urgent)", pay_max=350, status="closed")
    assert PostingWriter(engine, new_run(engine)).write([changed], []) == (0, 1, 0)

    stored = rows(database_url, "SELECT title, pay_max, times_seen FROM postings")[0]
    assert (stored.title, stored.pay_max, stored.times_seen) == ("Posting 7 (urgent)", 350, 2)
    with engine.connect() as connection:
        changes = {c.field: (c.old_value, c.new_value) for c in connection.execute(select(models.PostingChange))}
    assert changes == {"title": ("Posting 7", "Posting 7 (urgent)"), "pay_max": (200, 350), "status": ("open", "closed")}


def test_rejects_are_stored_with_their_crawl_run(engine, database_url):
    run_id = new_run(engine)
    PostingWriter(engine, run_id).write([], [Reject("freelancer", "invalid_json", "https://example.test/p", "cut short", '{"a": ')])
    [reject] = rows(database_url, "SELECT crawl_run_id, source, reason, snippet FROM rejects")
    assert tuple(reject) == (run_id, "freelancer", "invalid_json", '{"a": ')


def test_a_failing_batch_leaves_nothing_behind(engine, database_url):
    """One transaction per batch: a row the database refuses undoes the whole batch."""
    writer = PostingWriter(engine, new_run(engine))
    broken = replace(posting("3"), url=None)  # NOT NULL in the database
    with pytest.raises(IntegrityError):
        writer.write([posting("1"), posting("2"), broken], [Reject("freelancer", "x", None, None, None)])
    assert rows(database_url, "SELECT count(*) FROM postings")[0][0] == 0
    assert rows(database_url, "SELECT count(*) FROM rejects")[0][0] == 0


def paid(source_id: str, usd_source: str, idr_source: str, **fields) -> Posting:
    """A posting as pipelines.derive leaves it, its pay converted with the rates named."""
    pay = {"kind": "project", "usd_one_off_min": 100.0, "rate_source": usd_source, "idr_rate_source": idr_source}
    return replace(posting(source_id, **fields), pay_normalised=pay)


def test_each_rate_source_text_is_stored_once_and_its_id_kept(engine, database_url):
    statements = []
    event.listen(engine, "before_cursor_execute", lambda _c, _k, statement, *_: statements.append(statement))
    first = PostingWriter(engine, new_run(engine))
    first.write([paid("1", "platform", "IDR 2025"), paid("2", "platform", "IDR 2025")], [])
    statements.clear()
    first.write([paid("3", "platform", "IDR 2025")], [])
    assert statements and not [statement for statement in statements if "rate_sources" in statement]  # known ids
    # Another crawl meets a stored text (read, not inserted again) and a new one, in a batch the database refuses: the
    # new text's row stays, and the id the writer keeps serves the batch written again.
    second = PostingWriter(engine, new_run(engine))
    with pytest.raises(IntegrityError):
        second.write([paid("4", "USD 2025", "IDR 2025", url=None)], [])
    second.write([paid("4", "USD 2025", "IDR 2025"), posting("5")], [])

    texts = rows(database_url, "SELECT text FROM rate_sources ORDER BY text")
    assert [row.text for row in texts] == ["IDR 2025", "USD 2025", "platform"]
    stored = rows(
        database_url,
        "SELECT p.source_id, usd.text AS usd_source, idr.text AS idr_source FROM postings p "
        "LEFT JOIN rate_sources usd ON usd.id = p.pay_rate_source_id "
        "LEFT JOIN rate_sources idr ON idr.id = p.pay_idr_rate_source_id ORDER BY p.source_id",
    )
    assert [tuple(row) for row in stored] == [
        ("1", "platform", "IDR 2025"),
        ("2", "platform", "IDR 2025"),
        ("3", "platform", "IDR 2025"),
        ("4", "USD 2025", "IDR 2025"),
        ("5", None, None),  # no normalised pay
    ]


def test_two_crawls_creating_the_same_rate_source_share_one_row(engine, database_url):
    """The second waits for the first's row (the unique text), inserts nothing and learns the first's id."""
    table = models.RateSource.__table__
    learnt = RateSourceIds()

    def learn() -> None:
        with engine.begin() as connection:
            learnt.learn(connection, {"USD 2026"})

    with engine.connect() as first:
        first.begin()
        first.execute(insert(table).values(text="USD 2026"))  # not committed yet
        second = threading.Thread(target=learn)
        second.start()
        second.join(timeout=1)
        assert second.is_alive()  # waiting for the first crawl's transaction
        first.commit()
    second.join(timeout=30)
    assert [tuple(row) for row in rows(database_url, "SELECT text, id FROM rate_sources")] == list(learnt.ids.items())


def test_mask_hides_passwords():
    assert mask("postgresql+psycopg://crawler:s3cret@db.example:5432/pasarkerja") == (
        "postgresql+psycopg://crawler:***@db.example:5432/pasarkerja"
    )


def test_a_new_sqlite_database_has_pages_of_8_kib_and_an_existing_one_keeps_its_own(tmp_path):
    """Both checkpoint their write-ahead log every 40 MB, whatever their page size."""
    existing = tmp_path / "existing.db"
    connection = sqlite3.connect(existing)
    connection.execute("CREATE TABLE kept (x)")
    connection.close()
    for path, page_size in ((tmp_path / "new.db", SQLITE_PAGE_SIZE), (existing, 4096)):
        engine = make_engine(f"sqlite:///{path}")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA page_size").scalar() == page_size
            pages = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
            assert pages * page_size == WAL_CHECKPOINT_BYTES == 40 * 1024 * 1024
        engine.dispose()


# Concurrent first crawls ---------------------------------------------------------------------------------------

_UPGRADE_WHEN_TOLD = """
import os, sys, time
from pipelines.db.engine import make_engine
from pipelines.db.schema import upgrade
engine = make_engine(sys.argv[1])
open(sys.argv[2], "w").close()  # ready
while not os.path.exists(sys.argv[3]):
    time.sleep(0.001)
upgrade(engine)
"""


def test_processes_upgrading_a_new_sqlite_file_at_once_all_succeed(tmp_path, sqlite_url):
    """Each waits for the others (BEGIN IMMEDIATE) and finds the schema current once it may look."""
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{number}" for number in range(4)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _UPGRADE_WHEN_TOLD, sqlite_url, str(flag), str(go)],
            cwd=PROJECT_DIR, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for flag in ready
    ]
    deadline = time.monotonic() + 60
    while not all(flag.exists() for flag in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 4, "\n".join(errors)[-3000:]
    assert current_revision(make_engine(sqlite_url)) == head_revision()


def test_three_first_crawls_at_once_on_a_new_sqlite_file_all_succeed(sample_server, sqlite_url):
    command = [sys.executable, "-m", "scrapy", "crawl", "freelancer", "-a", f"base_url={sample_server.url}"]
    for name, value in {**TEST_SETTINGS, "DATABASE_URL": sqlite_url}.items():
        command += ["-s", f"{name}={value}"]
    crawls = [subprocess.Popen(command, cwd=PROJECT_DIR, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    logs = [crawl.communicate(timeout=240)[1] for crawl in crawls]
    for crawl, log in zip(crawls, logs, strict=True):
        assert crawl.returncode == 0, log[-3000:]
        assert "Traceback" not in log and "already exists" not in log, log[-3000:]
    runs = rows(sqlite_url, "SELECT finish_reason, healthy FROM crawl_runs")
    assert [tuple(run) for run in runs] == [("finished", 1)] * 3
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == len(sample_source_ids("freelancer"))
