"""A crawl killed mid-way loses at most the batch in flight and never leaves half a batch."""

import signal
import subprocess
import sys
import time

from sample.synthetic import serve_synthetic
from tests.conftest import PROJECT_DIR, TEST_SETTINGS, rows, run_crawl

BATCH = 50


def test_killed_crawl_keeps_whole_batches_only(sqlite_url):
    server = serve_synthetic(20_000)
    base_url = f"http://127.0.0.1:{server.server_port}"
    settings = {**TEST_SETTINGS, "DATABASE_URL": sqlite_url, "STORE_BATCH_SIZE": str(BATCH)}
    command = [sys.executable, "-m", "scrapy", "crawl", "freelancer", "-a", f"base_url={base_url}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    crawl = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while stored < 4 * BATCH and time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.05)
            try:
                stored = rows(sqlite_url, "SELECT count(*) FROM postings")[0][0]
            except Exception:  # the crawl has not created the tables yet
                stored = 0
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()

        stored = rows(sqlite_url, "SELECT count(*) FROM postings")[0][0]
        assert 0 < stored < 20_000, "the crawl was not killed mid-way"
        assert stored % BATCH == 0, f"{stored} postings: a partial batch was committed"
        [run] = rows(sqlite_url, "SELECT finished_at FROM crawl_runs")
        assert run.finished_at is None  # the killed crawl is visible as unfinished

        run_crawl("freelancer", base_url, sqlite_url, "max_items=1000")
        assert rows(sqlite_url, "SELECT count(DISTINCT source_id), count(*) FROM postings")[0] == (max(stored, 1000),) * 2
    finally:
        if crawl.poll() is None:
            crawl.kill()
        server.shutdown()
