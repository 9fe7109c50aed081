"""crawlers.extract.himalayas on the bundled sample and on edge cases."""

import json
from datetime import datetime, timezone

import pytest

from sample.server import SAMPLE_DIR
from tests.platforms import read_page, sample_body


def sample_page(name: str = "first.json") -> dict:
    return json.loads((SAMPLE_DIR / "himalayas" / name).read_text())


def read_jobs(*jobs: dict) -> list:
    """The items of a one-page listing holding ``jobs``."""
    page = sample_page()
    page["jobs"] = list(jobs)
    return read_page("himalayas", json.dumps(page).encode()).items


def test_sample_page_fields():
    page = read_page("himalayas", sample_body("himalayas"))
    assert (page.record_count, page.total) == (3, 8)
    assert page.next_cursor == "MjAyNi0xMC0yN1QwODo0MDowMC4wMDAwMDBafDczMTAwNDI"
    mobile, support, design = page.postings
    assert mobile.source_id == "kopi-cloud-labs/senior-react-native-developer"
    assert mobile.url == "https://himalayas.app/companies/kopi-cloud-labs/jobs/senior-react-native-developer"
    assert (mobile.title, mobile.company) == ("Senior React Native Developer", "Kopi Cloud Labs")
    assert mobile.posted_at == datetime(2026, 10, 28, 3, 10, tzinfo=timezone.utc)
    assert mobile.valid_through == datetime(2026, 12, 27, 3, 10, tzinfo=timezone.utc)
    assert (mobile.employment_type, mobile.remote) == ("full_time", True)
    assert (mobile.pay_min, mobile.pay_max, mobile.pay_currency, mobile.pay_period) == (48000, 72000, "USD", "year")
    # Several countries: the location names them all, the country stays unknown.
    assert (mobile.location, mobile.country) == ("Indonesia, Philippines, Vietnam", None)
    assert mobile.raw["categories"] == ["React-Native-Developer", "Mobile-Developer", "React-Native-Developer"]
    assert (mobile.skills, mobile.category) == (["React-Native-Developer", "Mobile-Developer"], "Software Engineering")
    assert mobile.description_html.startswith("<h3><strong>About Kopi Cloud Labs</strong></h3>")
    assert mobile.description == (
        "About Kopi Cloud Labs\nWe build ordering apps for coffee chains across Southeast Asia.\n"
        "React Native & TypeScript\nOffline-first sync"
    )
    assert mobile.raw == sample_page()["jobs"][0]
    assert (support.location, support.country) == ("Indonesia", "ID")
    assert (support.pay_min, support.pay_max, support.pay_period, support.employment_type) == (9, 14, "hour", "part_time")
    assert (design.location, design.country, design.employment_type) == ("Worldwide", None, "contract")
    assert design.pay_min is design.pay_max is design.pay_currency is design.pay_period is None


def test_pub_date_in_milliseconds_reads_like_seconds():
    """The docs say milliseconds, the live feed sends seconds: both give the same instant."""
    support = sample_page()["jobs"][1]
    assert support["pubDate"] == 1793143800000
    in_seconds = dict(support, pubDate=support["pubDate"] // 1000, expiryDate=support["expiryDate"] // 1000)
    from_milliseconds, from_seconds = read_jobs(support, in_seconds)
    assert from_milliseconds.posted_at == from_seconds.posted_at == datetime(2026, 10, 27, 23, 30, tzinfo=timezone.utc)
    assert from_milliseconds.valid_through == from_seconds.valid_through == datetime(2026, 12, 11, 23, 30, tzinfo=timezone.utc)


def test_last_page_has_no_cursor():
    last = sample_page("cursor-3.json")
    assert "nextCursor" not in last
    page = read_page("himalayas", json.dumps(last).encode())
    assert (page.record_count, page.next_cursor) == (2, None)
    wordpress, intern = page.postings
    assert (wordpress.pay_min, wordpress.pay_max, wordpress.pay_period, wordpress.employment_type) == (15, 25, "hour", "contract")
    assert (intern.employment_type, intern.country) == ("internship", "PH")
    assert read_page("himalayas", json.dumps(dict(last, nextCursor=None)).encode()).next_cursor is None


def test_url_is_the_job_page_not_an_external_apply_link():
    fullstack = read_page("himalayas", json.dumps(sample_page("cursor-2.json")).encode()).postings[2]
    assert fullstack.raw["applicationLink"] == "https://careers.sawah-tech.example/jobs/fullstack"
    assert fullstack.url == "https://himalayas.app/companies/sawah-tech/jobs/full-stack-web-developer-laravel-vue"
    assert (fullstack.country, fullstack.pay_currency, fullstack.pay_period) == ("DE", "EUR", "year")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"employmentType": "Temporary"}, ("temporary", 48000, "USD", "year")),
        ({"employmentType": "Other"}, (None, 48000, "USD", "year")),
        ({"minSalary": 0, "maxSalary": 0}, ("full_time", None, None, None)),
        ({"minSalary": 52000, "maxSalary": None}, ("full_time", 52000, "USD", "year")),
        ({"salaryPeriod": "fortnightly"}, ("full_time", 48000, "USD", None)),
    ],
)
def test_employment_type_and_pay_edge_cases(change, expected):
    [posting] = read_jobs(dict(sample_page()["jobs"][0], **change))
    assert (posting.employment_type, posting.pay_min, posting.pay_currency, posting.pay_period) == expected


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"guid": None}, "missing_field", "'guid' is null"),
        ({"guid": "https://example.com/jobs/1"}, "bad_record", "not a Himalayas job page"),
        ({"minSalary": "negotiable"}, "bad_record", "negotiable"),
        ({"pubDate": "yesterday"}, "bad_record", "yesterday"),
    ],
)
def test_bad_record_is_rejected_alone(change, reason, detail):
    good, bad = sample_page()["jobs"][:2]
    posting, reject = read_jobs(good, dict(bad, **change))
    assert posting.source_id == "kopi-cloud-labs/senior-react-native-developer"
    assert (reject.source, reject.reason) == ("himalayas", reason) and detail in reject.detail
    assert json.loads(reject.snippet)["title"] == bad["title"]


def test_record_without_guid_is_rejected_alone():
    good, bad = sample_page()["jobs"][:2]
    del bad["guid"]
    posting, reject = read_jobs(good, bad)
    assert posting.company == "Kopi Cloud Labs" and reject.reason == "missing_field" and "'guid'" in reject.detail
