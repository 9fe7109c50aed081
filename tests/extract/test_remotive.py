"""crawlers.extract.remotive on the bundled sample and on edge cases, and the spider's one request."""

import json
from datetime import datetime, timezone

import pytest

from sample.server import Route
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body


def page_with(**fields) -> bytes:
    """The sample page with ``fields`` set on its first job."""
    payload = json.loads(sample_body("remotive"))
    payload["jobs"][0].update(fields)
    return json.dumps(payload).encode()


def test_sample_page_fields():
    page = read_page("remotive", sample_body("remotive"))
    assert (page.record_count, len(page.postings), page.rejects) == (7, 7, [])
    flutter = page.postings[0]
    assert (flutter.source, flutter.source_id) == ("remotive", "3100207")
    assert flutter.url == "https://remotive.com/remote-jobs/software-dev/junior-flutter-developer-3100207"
    assert (flutter.title, flutter.company) == ("Junior Flutter Developer", "Gerobak Apps")
    assert (flutter.employment_type, flutter.remote, flutter.category) == ("full_time", True, "Software Development")
    assert (flutter.location, flutter.country) == ("Indonesia", "ID")
    assert (flutter.pay_min, flutter.pay_max, flutter.pay_currency, flutter.pay_period) == (31200, 52000, "USD", "year")
    assert flutter.pay_text == "$31,2k- $52k"
    assert flutter.skills == ["flutter", "dart", "mobile", "firebase"]
    assert flutter.raw["tags"].count("flutter") == 2 and flutter.raw["id"] == 3100207


def test_publication_date_without_time_zone_is_utc():
    flutter = read_page("remotive", sample_body("remotive")).postings[0]
    assert flutter.raw["publication_date"] == "2026-10-28T09:15:42"
    assert flutter.posted_at == datetime(2026, 10, 28, 9, 15, 42, tzinfo=timezone.utc)


def test_tracking_pixel_stays_out_of_the_text():
    flutter = read_page("remotive", sample_body("remotive")).postings[0]
    assert flutter.description == (
        "Gerobak Apps helps street-food sellers take orders online.\n\n"
        "Join our mobile team to build the seller app in Flutter."
    )
    assert flutter.description_html.endswith(
        '<img src="https://remotive.com/job/track/3100207/blank.gif?source=public_api" alt=""/>'
    )


@pytest.mark.parametrize(
    ("salary", "pay"),
    [
        ("$18 - $22/hr", (18, 22, "USD", "hour")),
        ("$31,2k- $52k", (31200, 52000, "USD", "year")),
        ("OTE $25k - $35k", (25000, 35000, "USD", "year")),
        ("$12K", (12000, 12000, "USD", "year")),
        ("$800 - $1,000/month", (800, 1000, "USD", "month")),
        ("$45,000 - $60,000", (45000, 60000, "USD", "year")),
        ("Competitive", (None, None, None, None)),
    ],
)
def test_salary_texts(salary, pay):
    posting = read_page("remotive", page_with(salary=salary)).postings[0]
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == pay
    assert posting.pay_text == salary


def test_empty_salary_and_job_type_mean_not_given():
    clerk = {posting.source_id: posting for posting in read_page("remotive", sample_body("remotive")).postings}["3100203"]
    assert (clerk.raw["salary"], clerk.raw["job_type"]) == ("", "")
    assert (clerk.pay_min, clerk.pay_max, clerk.pay_currency, clerk.pay_period, clerk.pay_text) == (None, None, None, None, None)
    assert clerk.employment_type is None
    assert (clerk.location, clerk.country) == ("Philippines, Indonesia, Vietnam", None)


@pytest.mark.parametrize(("job_type", "employment_type"), [("freelance", "freelance"), ("internship", "internship"), ("other", None)])
def test_job_types(job_type, employment_type):
    assert read_page("remotive", page_with(job_type=job_type)).postings[0].employment_type == employment_type


def test_bad_records_are_rejected_alone():
    payload = json.loads(sample_body("remotive"))
    del payload["jobs"][1]["url"]
    payload["jobs"][2]["publication_date"] = "yesterday"
    page = read_page("remotive", json.dumps(payload).encode())
    assert len(page.postings) == 5
    missing, unreadable = page.rejects
    assert (missing.reason, missing.source) == ("missing_field", "remotive") and "'url'" in missing.detail
    assert unreadable.reason == "bad_record" and "yesterday" in unreadable.detail


def test_spider_requests_the_listing_once_with_its_arguments(serve, sqlite_url):
    server = serve([Route("/api/remote-jobs", sample_body("remotive"))])
    run_crawl("remotive", server.url, sqlite_url, "category=software-dev", "search=flutter", "limit=5")
    assert [path for path in server.requests if path != "/robots.txt"] == [
        "/api/remote-jobs?category=software-dev&search=flutter&limit=5"
    ]
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 7
