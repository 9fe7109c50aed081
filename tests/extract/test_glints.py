"""crawlers.extract.glints on the bundled sample and on the real format's quirks, and the spider's requests."""

import json
from datetime import datetime, timezone

import pytest
from scrapy.http import TextResponse

from crawlers.extract import glints
from crawlers.extract.common import PageError
from crawlers.spiders.base import ArgumentError
from crawlers.spiders.glints import GlintsSpider
from sample.server import SAMPLE_DIR, Route
from tests.conftest import realdata, rows, run_crawl
from tests.platforms import read_page, sample_body


def sample_page(number: int = 1) -> dict:
    return json.loads((SAMPLE_DIR / "glints" / f"page-{number}.json").read_text())


def read_jobs(*jobs: dict) -> list:
    """The items of a search page holding ``jobs``."""
    page = sample_page()
    page["data"]["searchJobsV3"]["jobsInPage"] = list(jobs)
    return read_page("glints", json.dumps(page).encode()).items


def first_job(**changes) -> dict:
    return dict(sample_page()["data"]["searchJobsV3"]["jobsInPage"][0], **changes)


def test_sample_page_fields():
    page = read_page("glints", sample_body("glints"))
    assert (page.record_count, page.has_more, page.rejects) == (3, True, [])
    laravel, data_entry, social = page.postings
    assert (laravel.source, laravel.source_id) == ("glints", "3b7e1c20-5a41-4d2e-9f10-7a2c5e8d0101")
    assert laravel.url == (
        "https://glints.com/id/opportunities/jobs/junior-web-developer-laravel/3b7e1c20-5a41-4d2e-9f10-7a2c5e8d0101"
    )
    assert (laravel.title, laravel.company) == ("Junior Web Developer (Laravel)", "PT Kode Nusantara Digital")
    assert laravel.posted_at == datetime(2026, 10, 27, 3, 15, 20, 512000, tzinfo=timezone.utc)
    assert (laravel.employment_type, laravel.remote, laravel.status) == ("full_time", False, "open")
    assert (laravel.location, laravel.country) == ("Kota Yogyakarta, DI Yogyakarta", "ID")
    assert (laravel.pay_min, laravel.pay_max, laravel.pay_currency) == (4500000, 6000000, "IDR")
    assert laravel.pay_period == "month"
    # Glints shows numbers only: there is no pay label to keep.
    assert laravel.pay_text is None
    # Must-have skills first, each group in platform order; the flags stay in raw.
    assert laravel.skills == ["Laravel", "PHP", "MySQL", "Git"]
    assert [(entry["skill"]["name"], entry["mustHave"]) for entry in laravel.raw["skills"]] == [
        ("Laravel", True), ("MySQL", False), ("PHP", True), ("Git", False)
    ]
    assert laravel.category == "Computer & Information Technology"
    assert laravel.description is laravel.description_html is laravel.valid_through is None
    assert laravel.raw == sample_page()["data"]["searchJobsV3"]["jobsInPage"][0]

    # A district: the location names district, city and province, never the country.
    assert (data_entry.location, data_entry.employment_type) == ("Laweyan, Kota Surakarta, Jawa Tengah", "contract")
    assert data_entry.skills == ["Data Entry", "Microsoft Excel", "Typing"]
    assert data_entry.url.endswith("/jobs/admin-data-entry/3b7e1c20-5a41-4d2e-9f10-7a2c5e8d0102")

    # Hybrid work needs the office; a hidden salary is no pay, though the numbers came along.
    assert (social.remote, social.employment_type) == (False, "part_time")
    assert social.raw["shouldShowSalary"] is False and social.raw["salaries"][0]["minAmount"] == 3000000
    assert social.pay_min is social.pay_max is social.pay_currency is social.pay_period is None
    assert social.skills == ["Instagram Marketing", "Canva", "Content Writing"]


def test_later_pages():
    remote, freelance, intern = read_page("glints", json.dumps(sample_page(2)).encode()).postings
    assert (remote.remote, remote.location) == (True, "Kota Pontianak, Kalimantan Barat")
    assert (remote.pay_min, remote.pay_max) == (3200000, 3800000)
    # Project-based work is freelance work.
    assert (freelance.raw["type"], freelance.employment_type, freelance.remote) == ("PROJECT_BASED", "freelance", True)
    assert intern.employment_type == "internship"
    last = read_page("glints", json.dumps(sample_page(3)).encode())
    assert (last.record_count, last.has_more) == (2, False)
    # An older record without the location hierarchy: the city field names the place.
    bookkeeping = last.postings[1]
    assert (bookkeeping.raw["location"], bookkeeping.location, bookkeeping.country) == (None, "Pontianak", "ID")


def test_detail_form_carries_a_draft_js_description_and_an_expiry_date():
    description = {
        "blocks": [
            {"key": "a1", "text": "Kami mencari admin untuk kantor di Surakarta.\n", "type": "unstyled", "depth": 0,
             "entityRanges": [], "inlineStyleRanges": [], "data": {}},
            {"key": "b2", "text": " \nPersyaratan", "type": "unstyled", "depth": 0, "entityRanges": [],
             "inlineStyleRanges": [{"style": "BOLD", "offset": 2, "length": 11}], "data": {}},
            {"key": "c3", "text": "Teliti dan rapi", "type": "unordered-list-item", "depth": 0, "entityRanges": [],
             "inlineStyleRanges": [], "data": {}},
            {"key": "d4", "text": "Menguasai Microsoft Excel\n\n\n", "type": "unordered-list-item", "depth": 0,
             "entityRanges": [], "inlineStyleRanges": [], "data": {}},
        ],
        "entityMap": {},
    }
    job = first_job(descriptionJsonString=json.dumps(description), expiryDate="2026-11-30")
    page = read_page("glints", json.dumps({"data": {"getJobById": job}, "isAuthenticated": False}).encode())
    assert (page.record_count, page.has_more, page.rejects) == (1, False, [])
    [posting] = page.postings
    assert posting.description == (
        "Kami mencari admin untuk kantor di Surakarta.\n\nPersyaratan\nTeliti dan rapi\nMenguasai Microsoft Excel"
    )
    # Open all of 30 November in Jakarta: until midnight WIB, 17:00 UTC.
    assert posting.valid_through == datetime(2026, 11, 30, 17, 0, tzinfo=timezone.utc)
    assert posting.description_html is None


def test_real_detail_response_is_read():
    page = read_page("glints", realdata("glints/getJobById_response.json"))
    assert (page.record_count, page.rejects) == (1, [])
    [posting] = page.postings
    assert posting.description and posting.valid_through > posting.posted_at
    assert (posting.employment_type, posting.remote) == ("freelance", True)


@pytest.mark.parametrize(("value", "text"), [(None, None), ("", None), ('{"blocks": [], "entityMap": {}}', None)])
def test_empty_draft_js_is_no_description(value, text):
    assert glints.draft_to_text(value) == text


def salary(low, high, mode="MONTH", kind="BASIC", currency="IDR") -> dict:
    return {"CurrencyCode": currency, "minAmount": low, "maxAmount": high, "salaryMode": mode, "salaryType": kind}


@pytest.mark.parametrize(
    ("salaries", "pay"),
    [
        ([salary(50000, 75000, "HOUR")], (50000, 75000, "IDR", "hour")),
        ([salary(60000000, 84000000, "YEAR")], (60000000, 84000000, "IDR", "year")),
        ([salary(800, 1200, "FORTNIGHT", currency="USD")], (800, 1200, "USD", None)),
        # Several salaries: the basic one is the posting's pay.
        ([salary(500000, 900000, kind="BONUS"), salary(4000000, 4800000)], (4000000, 4800000, "IDR", "month")),
        ([salary(0, 0)], (None, None, None, None)),
        ([], (None, None, None, None)),
    ],
)
def test_salaries(salaries, pay):
    [posting] = read_jobs(first_job(salaries=salaries))
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == pay


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"type": "DAILY", "workArrangementOption": None}, (None, None)),
        ({"type": "FREELANCE", "workArrangementOption": "REMOTE"}, ("freelance", True)),
        ({"type": "PART_TIME", "workArrangementOption": "HYBRID"}, ("part_time", False)),
    ],
)
def test_job_types_and_work_arrangements(changes, expected):
    [posting] = read_jobs(first_job(**changes))
    assert (posting.employment_type, posting.remote) == expected


@pytest.mark.parametrize(
    ("changes", "reason", "detail"),
    [
        ({"createdAt": "kemarin"}, "bad_record", "kemarin"),
        ({"skills": [{"mustHave": True, "skill": None}]}, "bad_record", "TypeError"),
        ({"descriptionJsonString": '{"blocks": [{"text": "Admin'}, "bad_record", "JSONDecodeError"),
        ({"title": None}, "bad_record", "AttributeError"),
    ],
)
def test_bad_record_is_rejected_alone(changes, reason, detail):
    good, bad = sample_page()["data"]["searchJobsV3"]["jobsInPage"][:2]
    posting, reject = read_jobs(good, dict(bad, **changes))
    assert posting.source_id == "3b7e1c20-5a41-4d2e-9f10-7a2c5e8d0101"
    assert (reject.source, reject.reason) == ("glints", reason) and detail in reject.detail
    # The snippet is the start of the raw record (cut at 2,000 characters).
    assert reject.snippet.startswith('{"__typename": "Job"') and '"CV Sinar Berkas Mandiri"' in reject.snippet


def test_record_without_id_is_rejected_alone():
    good, bad = sample_page()["data"]["searchJobsV3"]["jobsInPage"][:2]
    del bad["id"]
    posting, reject = read_jobs(good, bad)
    assert posting.title == "Junior Web Developer (Laravel)"
    assert reject.reason == "missing_field" and "'id'" in reject.detail


CHALLENGE = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Enable JavaScript</body></html>"


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        (b'{"data": {"searchJobsV3": {"jobsInPage": [{"id": "3b7e', 200, "invalid_json"),
        (CHALLENGE, 200, "browser_challenge"),
        (CHALLENGE, 403, "browser_challenge"),
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", 200, "invalid_json"),
        (b'{"errors": [{"message": "Too many requests"}], "data": null}', 200, "api_error"),
        (b"[]", 200, "unexpected_shape"),
        (b'{"data": {}}', 200, "unexpected_shape"),
        (b'{"data": {"searchJobsV3": {"jobsInPage": {}, "hasMore": false}}}', 200, "unexpected_shape"),
        (b'{"data": {"searchJobsV3": {"jobsInPage": []}}}', 200, "unexpected_shape"),
        (b'{"data": {"getJobById": null}}', 200, "unexpected_shape"),
    ],
)
def test_unexpected_pages_raise_page_error(body, status, reason):
    with pytest.raises(PageError) as error:
        glints.read_page(TextResponse(url="http://127.0.0.1/", body=body, status=status, encoding="utf-8"))
    assert error.value.reason == reason


def test_request_body_has_the_real_request_shape_and_is_the_same_every_time():
    spider = GlintsSpider(query="admin gudang", category="0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    body = spider.page_body(2)
    assert body == spider.page_body(2) and '"page": 2' in body and '"page": 2' not in spider.page_body(1)
    request = json.loads(body)
    assert request["operationName"] == "searchJobsV3"
    assert request["variables"] == {"data": {
        "CountryCode": "ID", "includeExternalJobs": True, "pageSize": 30, "page": 2, "sortBy": "LATEST",
        "SearchTerm": "admin gudang", "HierarchicalJobCategoryIds": ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"],
    }}
    assert request["query"].startswith("query searchJobsV3($data: JobSearchConditionInput!)")
    assert list(json.loads(GlintsSpider().page_body(1))["variables"]["data"]) == [
        "CountryCode", "includeExternalJobs", "pageSize", "page", "sortBy"
    ]


def test_category_must_be_an_id():
    with pytest.raises(ArgumentError) as error:
        GlintsSpider(category="design")
    assert str(error.value) == "-a category= must look like 0a1b2c3d-0000-4000-8000-00000000abcd, got 'design'"


def test_spider_pages_while_has_more_and_stops_when_a_page_repeats(serve, sqlite_url):
    """An API that ignores the page variable answers page 1 again: the crawl ends there instead of looping."""
    server = serve([Route("/api/v2-alc/graphql", sample_body("glints"), method="POST")])
    run_crawl("glints", server.url, sqlite_url)
    assert [path for path in server.requests if path != "/robots.txt"] == ["/api/v2-alc/graphql?op=searchJobsV3"] * 2
    assert ['"page": 1' in body for body in server.bodies if body] == [True, False]
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 3
