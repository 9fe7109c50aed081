"""A crawl killed mid-way loses at most the batch in flight and never leaves half a batch;
a crawl stopped with Ctrl-C stores everything it scraped."""

import os
import signal
import subprocess
import sys
import time

import pytest

from sample.synthetic import serve_synthetic
from tests.conftest import PROJECT_DIR, TEST_SETTINGS, rows, run_crawl, stat

BATCH = 50


@pytest.fixture
def synthetic_site():
    server = serve_synthetic(20_000)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def start_crawl(base_url: str, database_url: str, **extra: str) -> subprocess.Popen:
    """The freelancer spider over the synthetic site, in its own process group (as from a terminal)."""
    settings = {**TEST_SETTINGS, "DATABASE_URL": database_url, "STORE_BATCH_SIZE": str(BATCH), **extra}
    command = [sys.executable, "-m", "scrapy", "crawl", "freelancer", "-a", f"base_url={base_url}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return subprocess.Popen(
        command, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def wait_for_postings(crawl: subprocess.Popen, database_url: str, count: int) -> None:
    deadline = time.monotonic() + 60
    stored = 0
    while stored < count and time.monotonic() < deadline and crawl.poll() is None:
        time.sleep(0.05)
        try:
            stored = rows(database_url, "SELECT count(*) FROM postings")[0][0]
        except Exception:  # the crawl has not created the tables yet
            stored = 0


def test_killed_crawl_keeps_whole_batches_only(synthetic_site, sqlite_url):
    crawl = start_crawl(synthetic_site, sqlite_url)
    try:
        wait_for_postings(crawl, sqlite_url, 4 * BATCH)
        os.killpg(crawl.pid, signal.SIGKILL)  # the crawl and its store worker, as the OOM killer or a power cut would
        crawl.wait()

        stored = rows(sqlite_url, "SELECT count(*) FROM postings")[0][0]
        assert 0 < stored < 20_000, "the crawl was not killed mid-way"
        assert stored % BATCH == 0, f"{stored} postings: a partial batch was committed"
        [run] = rows(sqlite_url, "SELECT finished_at FROM crawl_runs")
        assert run.finished_at is None  # the killed crawl is visible as unfinished

        run_crawl("freelancer", synthetic_site, sqlite_url, "max_items=1000")
        assert rows(sqlite_url, "SELECT count(DISTINCT source_id), count(*) FROM postings")[0] == (max(stored, 1000),) * 2
    finally:
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)


def test_ctrl_c_stores_every_scraped_posting(synthetic_site, sqlite_url):
    crawl = start_crawl(synthetic_site, sqlite_url)
    try:
        wait_for_postings(crawl, sqlite_url, 4 * BATCH)
        os.killpg(crawl.pid, signal.SIGINT)  # Ctrl-C in a terminal signals the whole process group
        assert crawl.wait(timeout=60) == 1  # stopped before the end: the health check says so
    finally:
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)

    [run] = rows(sqlite_url, "SELECT finish_reason, items, new FROM crawl_runs")
    assert run.finish_reason == "shutdown"
    assert 0 < run.items < 20_000, "the crawl was not stopped mid-way"
    # The store's worker saw Ctrl-C too, and still wrote and derived every posting it was handed.
    assert rows(sqlite_url, "SELECT count(*), count(derived_with) FROM postings")[0] == (run.items, run.items)
    assert run.new == run.items


def test_a_crawl_killed_and_resumed_from_its_jobdir_stores_what_an_uninterrupted_crawl_stores(synthetic_site, tmp_path):
    paused, whole = f"sqlite:///{tmp_path / 'paused.db'}", f"sqlite:///{tmp_path / 'whole.db'}"
    jobdir = str(tmp_path / "job")
    crawl = start_crawl(synthetic_site, paused, JOBDIR=jobdir)
    try:
        wait_for_postings(crawl, paused, 4 * BATCH)
        os.killpg(crawl.pid, signal.SIGTERM)  # `kill`: Scrapy stops, keeping its queue of pages in the JOBDIR
        assert crawl.wait(timeout=60) == 1  # stopped before the end: not a healthy crawl
    finally:
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)
    first = rows(paused, "SELECT count(*) FROM postings")[0][0]
    assert 0 < first < 20_000, "the crawl was not stopped mid-way"

    resumed = run_crawl("freelancer", synthetic_site, paused, JOBDIR=jobdir, STORE_BATCH_SIZE=str(BATCH))
    run_crawl("freelancer", synthetic_site, whole)
    query = "SELECT source_id, content_hash, times_seen FROM postings ORDER BY source_id"
    assert rows(paused, query) == rows(whole, query)
    assert len(rows(paused, query)) == 20_000
    # The resumed crawl went on from where the first stopped: it did not ask for the pages already stored.
    assert stat(resumed, "pasarkerja/pages") < 200
    finished = rows(paused, "SELECT finish_reason FROM crawl_runs ORDER BY id")
    assert [run.finish_reason for run in finished] == ["shutdown", "finished"]
