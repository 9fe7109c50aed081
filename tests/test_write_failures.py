"""A database that refuses a crawl's writes (no rights, a full disk, a read-only file) stops the crawl within a few
batches: one line from the database, a non-zero exit, a short log without postings in it, and a crawl run that is
neither complete nor healthy, so no posting is closed for having been missed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sample.server import Route
from sample.synthetic import serve_synthetic, synthetic_page
from tests.conftest import POSTGRES_URL, PROJECT_DIR, TEST_SETTINGS, rows, run_crawl, stat

POSTINGS = 20_000  # 201 requests: robots.txt and 200 pages of 100
# Well under the listing: the crawl stops once the first batch fails, after the pages already downloaded or queued.
MAX_REQUESTS = 80
MAX_LOG_BYTES = 40_000  # the Scrapy log of a crawl's start and stats; a traceback per batch was megabytes


@pytest.fixture(scope="module")
def synthetic_site():
    server = serve_synthetic(POSTINGS)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def failing_crawl(base_url: str, database_url: str) -> subprocess.CompletedProcess:
    """``scrapy crawl freelancer`` of every page that must fail cleanly: exit 1, no traceback, a short log, no posting
    in it, stopped early."""
    command = [sys.executable, "-m", "scrapy", "crawl", "freelancer", "-a", f"base_url={base_url}"]
    # Every page, as a crawl after a killed one reads them: without the stop, such a crawl would count as complete.
    for name, value in {**TEST_SETTINGS, "DATABASE_URL": database_url, "INCREMENTAL": "False"}.items():
        command += ["-s", f"{name}={value}"]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=240)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert len(result.stderr.encode()) < MAX_LOG_BYTES, result.stderr[-3000:]
    assert "Synthetic description" not in result.stderr and "Synthetic project" not in result.stderr
    assert (stat(result, "downloader/request_count") or 0) < MAX_REQUESTS, result.stderr[-3000:]
    return result


def last_line(result: subprocess.CompletedProcess) -> str:
    return result.stderr.strip().splitlines()[-1]


@pytest.fixture
def role_without_insert(postgres_url):
    """``restrict()`` makes a login role on the test's schema that reads everything, records crawl runs and may close
    postings (``closed_at``), but writes no posting, reject or skill; returns its database URL."""
    schema = re.search(r"search_path%3D(\w+)", postgres_url).group(1)
    role = f"pk_noinsert_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL)

    def restrict() -> str:
        with admin.begin() as connection:
            for statement in (
                f"CREATE ROLE {role} LOGIN",
                f"GRANT USAGE ON SCHEMA {schema} TO {role}",
                f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
                f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
                f"GRANT INSERT, UPDATE ON {schema}.crawl_runs TO {role}",
                f"GRANT UPDATE (closed_at) ON {schema}.postings TO {role}",
            ):
                connection.execute(text(statement))
        return postgres_url.replace("://postgres@", f"://{role}@")

    yield restrict
    with admin.begin() as connection:
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}).first():
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
    admin.dispose()


@pytest.mark.postgres
def test_a_database_refusing_inserts_stops_the_crawl_and_closes_nothing(synthetic_site, postgres_url, role_without_insert):
    run_crawl("freelancer", synthetic_site, postgres_url)  # complete: every posting stored
    restricted = role_without_insert()
    for _ in range(2):  # two complete crawls not seeing a posting would close it
        result = failing_crawl(synthetic_site, restricted)
        error = "InsufficientPrivilege: permission denied for table postings"
        assert re.fullmatch(rf"Error: the database refused writes \(\d+ records not stored\): {error}", last_line(result))
        assert re.search(rf"\d+ records of this crawl were not written; the first error: {error}", result.stderr)
        assert f"Crawl health: writes failed: {stat(result, 'pasarkerja/unwritten')} records not written" in result.stderr

    runs = rows(postgres_url, "SELECT complete, healthy, finish_reason, items FROM crawl_runs ORDER BY id")
    assert [tuple(run) for run in runs] == [
        (True, True, "finished", POSTINGS),
        (False, False, "write_failed", 0),
        (False, False, "write_failed", 0),
    ]
    assert rows(postgres_url, "SELECT count(*) FROM postings WHERE closed_at IS NOT NULL")[0][0] == 0


@pytest.mark.postgres
def test_writes_refused_at_the_last_batch_leave_a_finished_crawl_incomplete(serve, postgres_url, role_without_insert):
    """A one-page listing is written when the crawl closes: it finishes, yet it stored nothing and closes nothing."""
    site = serve([Route("*", synthetic_page(0, 40))])
    run_crawl("freelancer", site.url, postgres_url)
    restricted = role_without_insert()
    for _ in range(2):
        result = failing_crawl(site.url, restricted)
        assert "40 records of this crawl were not written" in result.stderr
    runs = rows(postgres_url, "SELECT complete, healthy, finish_reason FROM crawl_runs ORDER BY id")
    assert [tuple(run) for run in runs] == [(True, True, "finished")] + [(False, False, "finished")] * 2
    assert rows(postgres_url, "SELECT count(*) FROM postings WHERE closed_at IS NOT NULL")[0][0] == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system (tmpfs), which a crawl of POSTINGS fills: needs the right to mount (root, say)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_stops_the_crawl_and_records_it_unhealthy(synthetic_site, small_disk):
    database_url = f"sqlite:///{small_disk / 'pasarkerja.db'}"
    result = failing_crawl(synthetic_site, database_url)
    assert last_line(result).endswith("records not stored): OperationalError: database or disk is full")

    [run] = rows(database_url, "SELECT complete, healthy, finish_reason, items FROM crawl_runs")
    assert (run.complete, run.healthy, run.finish_reason) == (0, 0, "write_failed")
    # What was stored is counted: the items recorded are the postings in the database.
    assert run.items == rows(database_url, "SELECT count(*) FROM postings")[0][0] < POSTINGS
    assert stat(result, "pasarkerja/unwritten") + run.items <= POSTINGS


def make_read_only(path: Path) -> None:
    """``path`` made unwritable, even for root (immutable), whom file modes do not stop."""
    if sys.platform == "linux" and hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode != 0:
            pytest.skip("running as root, and chattr cannot make a file immutable here")
    else:
        path.chmod(0o444)


def test_a_read_only_database_file_stops_the_crawl_before_its_first_page(synthetic_site, tmp_path):
    database = tmp_path / "pasarkerja.db"
    run_crawl("freelancer", synthetic_site, f"sqlite:///{database}", "max_items=100")
    make_read_only(database)
    try:
        result = failing_crawl(synthetic_site, f"sqlite:///{database}")
    finally:
        subprocess.run(["chattr", "-i", str(database)], capture_output=True)
    assert last_line(result) == (
        "Error: the database refused writes (0 records not stored): OperationalError: attempt to write a readonly database"
    )
    assert "Closing spider (write_failed)" in result.stderr
    assert (stat(result, "downloader/request_count") or 0) <= 1  # robots.txt at most
