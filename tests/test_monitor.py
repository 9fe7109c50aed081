"""Crawl health (pipelines/monitor.py): each check by hand, then real crawls judged, stored and shown by
``pasarkerja status``."""

from __future__ import annotations

import json

import pytest

from pipelines.monitor import (
    COVERAGE_STAT,
    COVERED_FIELDS,
    Check,
    MonitorSettings,
    check_crawl,
)
from sample.server import Route
from sample.synthetic import synthetic_page
from tests.conftest import rows, run_crawl
from tests.test_cli import pasarkerja

SETTINGS = MonitorSettings()


def stats(postings: int, rejected: int = 0, errors: int = 0, **shares: float) -> dict:
    """A crawl's stats with ``postings`` stored, every key field filled in all of them but those in ``shares``."""
    counted = {"pasarkerja/postings": postings, "pasarkerja/rejected": rejected, "log_count/ERROR": errors}
    for field in COVERED_FIELDS:
        counted[COVERAGE_STAT.format(field=field)] = round(postings * shares.get(field, 1.0))
    return counted


def failed(checks: list[Check]) -> dict[str, str]:
    return {check.name: check.detail for check in checks if not check.passed}


def test_a_good_crawl_passes_every_check():
    checks = check_crawl(stats(100), "finished", [stats(90), stats(120)], SETTINGS)
    assert [check.name for check in checks] == ["items", "writes", "errors", "rejects", "coverage", "finish_reason"]
    assert failed(checks) == {}


@pytest.mark.parametrize(
    ("crawl", "reason", "failing"),
    [
        (stats(0), "finished", {"items": "0 postings (at least 1 expected)"}),
        (stats(50, errors=2), "finished", {"errors": "2 errors logged (at most 0)"}),
        (stats(30, rejected=10), "finished", {"rejects": "10 of 40 records rejected (25%; at most 20%)"}),
        (stats(50), "shutdown", {"finish_reason": "finished with 'shutdown' (expected finished)"}),
    ],
)
def test_each_check_fails_on_its_own(crawl, reason, failing):
    assert failed(check_crawl(crawl, reason, [], SETTINGS)) == failing


def test_records_the_database_did_not_take_fail_the_writes_check():
    """Whatever else went well: a crawl that lost records to a database refusing writes is not healthy."""
    error = "OperationalError: database or disk is full"
    lost = check_crawl(stats(50), "finished", [], SETTINGS, unwritten=500, write_error=error)
    assert failed(lost) == {"writes": f"500 records not written: {error}"}
    # Before any record: the worker could not connect, say.
    refused_early = check_crawl(stats(50), "finished", [], SETTINGS, write_error=error)
    assert failed(refused_early) == {"writes": f"the database refused writes: {error}"}


def test_a_key_field_found_far_less_often_than_in_the_runs_before_fails():
    previous = [stats(100, pay=0.6), stats(80, pay=0.7), stats(100, pay=0.65)]
    # Median before 65%; 45% is within 25 points, 30% is not.
    assert failed(check_crawl(stats(100, pay=0.45), "finished", previous, SETTINGS)) == {}
    assert failed(check_crawl(stats(100, pay=0.30, description=0.0), "finished", previous, SETTINGS)) == {
        "coverage": "key fields found far less often than before: description 100% -> 0%, pay 65% -> 30%"
    }


def test_coverage_is_compared_only_between_runs_large_enough():
    assert failed(check_crawl(stats(10, pay=0.0), "finished", [stats(100)], SETTINGS)) == {}
    assert failed(check_crawl(stats(100, pay=0.0), "finished", [stats(10)], SETTINGS)) == {}
    # Runs stored before coverage was counted have nothing to compare.
    assert failed(check_crawl(stats(100, pay=0.0), "finished", [{"pasarkerja/postings": 100}], SETTINGS)) == {}


def test_settings_come_from_scrapy_settings():
    from scrapy.settings import Settings

    settings = MonitorSettings.from_settings(
        Settings({"MONITOR_MAX_REJECT_RATE": "0.5", "MONITOR_FINISH_REASONS": "finished,closespider_itemcount"})
    )
    assert settings.max_reject_rate == 0.5 and settings.finish_reasons == ("finished", "closespider_itemcount")


# Real crawls ------------------------------------------------------------------------------------------------


def freelancer_page(without: tuple[str, ...] = ()) -> bytes:
    """30 synthetic Freelancer projects in one page; ``without`` drops fields, as a changed platform would."""
    page = json.loads(synthetic_page(0, 30))
    for project in page["result"]["projects"]:
        for name in without:
            project.pop(name, None)
    return json.dumps(page).encode()


def test_a_platform_that_stops_sending_a_field_fails_the_next_crawl(serve, sqlite_url):
    good = serve([Route("*", freelancer_page())])
    first = run_crawl("freelancer", good.url, sqlite_url)
    assert "Crawl health: ok" in first.stderr
    changed = serve([Route("*", freelancer_page(without=("description", "budget")))])
    second = run_crawl("freelancer", changed.url, sqlite_url, healthy=False)
    assert "Crawl health: coverage failed: key fields found far less often than before: " in second.stderr
    assert "description 100% -> 0%" in second.stderr and "pay 100% -> 0%" in second.stderr

    runs = rows(sqlite_url, "SELECT healthy, health FROM crawl_runs ORDER BY id")
    assert [run.healthy for run in runs] == [True, False]
    health = json.loads(runs[1].health) if isinstance(runs[1].health, str) else runs[1].health
    assert [check["name"] for check in health if not check["passed"]] == ["coverage"]

    status = pasarkerja("--database-url", sqlite_url, "status")
    assert status.returncode == 1
    lines = status.stdout.splitlines()
    assert lines[0] == "freelancer"
    assert lines[1].endswith("FAILED") and "30 postings" in lines[1]
    assert lines[2].strip().startswith("coverage: key fields found far less often than before")
    assert lines[3].endswith(" ok")
    assert lines[-1] == "Latest crawl failed for: freelancer"
    as_json = json.loads(pasarkerja("--database-url", sqlite_url, "status", "--json").stdout)
    assert as_json["unhealthy"] == ["freelancer"]
    assert [run["state"] for run in as_json["spiders"]["freelancer"]] == ["FAILED", "ok"]

    # The platform comes back: healthy again, compared with the healthy runs only.
    run_crawl("freelancer", good.url, sqlite_url)
    assert pasarkerja("--database-url", sqlite_url, "status", "--spider", "freelancer").returncode == 0


def test_status_tells_unfinished_crawls_and_judges_the_latest_finished_one(engine):
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import insert

    from analysis.status import latest_runs, render, unhealthy
    from pipelines.db import models

    start = datetime(2026, 12, 1, 8, tzinfo=timezone.utc)
    failed_check = [{"name": "items", "passed": False, "detail": "0 postings (at least 1 expected)"}]
    with engine.begin() as connection:
        connection.execute(
            insert(models.CrawlRun),
            [
                {"spider": "kalibrr", "arguments": {}, "started_at": start, "finished_at": start + timedelta(minutes=2),
                 "finish_reason": "finished", "items": 0, "healthy": False, "health": failed_check},
                {"spider": "kalibrr", "arguments": {}, "started_at": start + timedelta(hours=1), "finished_at": None,
                 "finish_reason": None, "items": 0, "healthy": None, "health": None},  # killed, or running
            ],
        )  # fmt: skip
    found = latest_runs(engine)
    assert [run.state for run in found["kalibrr"]] == ["unfinished", "FAILED"]
    assert unhealthy(found) == ["kalibrr"]
    assert "items: 0 postings (at least 1 expected)" in render(found)
    assert render({}) == "No crawls yet: run `scrapy crawl SPIDER` or schedule one (docs/deploy.md)."
