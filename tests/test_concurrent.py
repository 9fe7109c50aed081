"""Several machines, one PostgreSQL: crawls writing into one database at the same time lose nothing, store
nothing twice, and never fail on a deadlock or a serialization error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sample.market import market_records
from sample.synthetic import serve_market, serve_synthetic
from tests.conftest import PROJECT_DIR, TEST_SETTINGS, rows

pytestmark = pytest.mark.postgres
POSTINGS = 20_000  # the synthetic site's size (sample/synthetic.py)


@pytest.fixture(scope="module")
def synthetic_site():
    server = serve_synthetic(POSTINGS)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def market_site():
    server = serve_market(list(market_records(3_000, seed=11)))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def crawl_at_once(*crawls: tuple[str, str], database_url: str) -> list[subprocess.CompletedProcess]:
    """Start every (spider, base_url) crawl, then wait for all: they write at the same time, small batches
    interleaving."""
    settings = {**TEST_SETTINGS, "DATABASE_URL": database_url, "STORE_BATCH_SIZE": "100"}
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={base_url}",
             *(option for name, value in settings.items() for option in ("-s", f"{name}={value}"))],
            cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for spider, base_url in crawls
    ]
    finished = [(process, process.communicate(timeout=600)[1]) for process in running]
    return [subprocess.CompletedProcess(process.args, process.returncode, "", stderr) for process, stderr in finished]


def assert_clean(results: list[subprocess.CompletedProcess]) -> None:
    for result in results:
        assert result.returncode == 0, result.stderr[-3000:]
        for trouble in ("Traceback", "deadlock", "could not serialize", "UniqueViolation", "Crawl health: FAILED"):
            assert trouble not in result.stderr, result.stderr[-3000:]


def test_two_spiders_at_once(synthetic_site, market_site, postgres_url):
    assert_clean(crawl_at_once(("freelancer", synthetic_site), ("kalibrr", market_site), database_url=postgres_url))
    counts = dict(rows(postgres_url, "SELECT source, count(*) FROM postings GROUP BY source"))
    jobs = sum(1 for record in market_records(3_000, seed=11) if record.platform == "kalibrr")
    assert counts == {"freelancer": POSTINGS, "kalibrr": jobs}
    runs = rows(postgres_url, "SELECT spider, items, new, finish_reason, healthy FROM crawl_runs ORDER BY spider")
    assert [tuple(run) for run in runs] == [
        ("freelancer", POSTINGS, POSTINGS, "finished", True),
        ("kalibrr", jobs, jobs, "finished", True),
    ]
    # Every posting was derived by the worker that wrote it.
    assert rows(postgres_url, "SELECT count(*) FROM postings WHERE derived_with IS NULL")[0][0] == 0


def test_the_same_spider_twice_over_the_same_pages(synthetic_site, postgres_url):
    assert_clean(
        crawl_at_once(("freelancer", synthetic_site), ("freelancer", synthetic_site), database_url=postgres_url)
    )
    [(stored, distinct, seen_twice)] = rows(
        postgres_url,
        "SELECT count(*), count(DISTINCT source_id), sum(CASE WHEN times_seen = 2 THEN 1 ELSE 0 END) FROM postings",
    )
    assert (stored, distinct, seen_twice) == (POSTINGS, POSTINGS, POSTINGS)
    # Between them the two crawls stored each posting once and saw it again once.
    [(items, new, updated)] = rows(postgres_url, "SELECT sum(items), sum(new), sum(updated) FROM crawl_runs")
    assert (items, new, updated) == (2 * POSTINGS, POSTINGS, 0)
    assert rows(postgres_url, "SELECT count(*) FROM posting_skills")[0][0] == rows(
        postgres_url, "SELECT count(*) FROM posting_skills ps JOIN postings p ON p.id = ps.posting_id"
    )[0][0]
