"""Responses that are not what a spider expects end as rejects with a reason, never a crash."""

import json

import pytest

from sample.server import Route
from tests.conftest import rows, run_crawl
from tests.platforms import CRAWL_ARGUMENTS, sample_body, spider_names

ERROR_PAGE = b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"


def malformed_cases():
    for spider in spider_names():
        body = sample_body(spider)
        yield pytest.param(spider, body[: len(body) // 2], id=f"{spider}-truncated")
        yield pytest.param(spider, ERROR_PAGE, id=f"{spider}-html-error-page")


@pytest.mark.parametrize(("spider", "body"), list(malformed_cases()))
def test_malformed_response_becomes_a_counted_reject(spider, body, serve, sqlite_url):
    server = serve([Route("*", body, content_type="application/json", method=method) for method in ("GET", "POST")])
    result = run_crawl(spider, server.url, sqlite_url, *CRAWL_ARGUMENTS.get(spider, []), healthy=False)

    rejects = rows(sqlite_url, "SELECT source, reason, url, snippet FROM rejects")
    assert len(rejects) >= 1
    assert all(reject.source == spider and reject.reason and reject.snippet for reject in rejects)
    run = rows(sqlite_url, "SELECT finish_reason, rejected FROM crawl_runs")[0]
    assert run.finish_reason == "finished" and run.rejected == len(rejects)
    assert "Rejected" in result.stderr


def test_http_error_status_becomes_a_reject(serve, sqlite_url):
    server = serve([Route("*", b'{"status": "error", "message": "rate limited"}', status=429)])
    run_crawl("freelancer", server.url, sqlite_url, RETRY_ENABLED="False", healthy=False)
    assert [row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects")] == ["http_status"]


def test_bad_records_are_rejected_and_good_ones_kept(serve, sqlite_url):
    """One page with a good record, one without a title, one with min pay above max."""
    page = json.loads(sample_body("freelancer"))
    good, untitled, inverted = page["result"]["projects"]
    untitled["title"] = None
    inverted["budget"] = {"minimum": 900, "maximum": 100}
    page["result"]["total_count"] = 3
    server = serve([Route("*", json.dumps(page).encode())])
    run_crawl("freelancer", server.url, sqlite_url, healthy=False)  # 2 of 3 records rejected

    assert [row.source_id for row in rows(sqlite_url, "SELECT source_id FROM postings")] == [str(good["id"])]
    reasons = sorted(row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects"))
    assert reasons == ["missing:title", "pay_min_above_max"]
    assert rows(sqlite_url, "SELECT rejected FROM crawl_runs")[0].rejected == 2


def test_record_without_id_or_with_an_impossible_timestamp_costs_only_itself(serve, sqlite_url):
    """Issue 14: a null id is no posting "None", and a timestamp of Infinity (a token Python's json reads) or
    1.5e308 is no reason to lose the page: each bad record is a reject of its own, the good one is stored."""
    page = json.loads(sample_body("freelancer"))
    good, without_id, infinite_time = page["result"]["projects"]
    without_id["id"] = None
    infinite_time["time_submitted"] = float("inf")
    page["result"]["projects"].append(dict(good, id=90000199, seo_url="php/huge-time", time_submitted=1.5e308))
    page["result"]["total_count"] = 4
    server = serve([Route("*", json.dumps(page).encode())])
    run_crawl("freelancer", server.url, sqlite_url, healthy=False)  # 3 of 4 records rejected

    assert [row.source_id for row in rows(sqlite_url, "SELECT source_id FROM postings")] == [str(good["id"])]
    rejects = rows(sqlite_url, "SELECT reason, detail FROM rejects ORDER BY reason")
    assert [reject.reason for reject in rejects] == ["bad_number", "bad_number", "missing_field"]
    assert "'id' is null" in rejects[2].detail
