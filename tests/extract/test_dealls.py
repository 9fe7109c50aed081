"""crawlers.extract.dealls on the bundled sample and on edge cases; the spider's paging query."""

import json
from datetime import datetime, timezone

import pytest

from sample.server import SAMPLE_DIR, load_routes
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body

FIRST_PAGE_URL = "https://api.sejutacita.id/v1/explore-job/job?page=1&limit=30&sortParam=publishedAt&sortBy=desc"


def sample_page(name: str = "page-1.json") -> dict:
    return json.loads((SAMPLE_DIR / "dealls" / name).read_text())


def read_docs(*docs: dict) -> list:
    """The items of a one-page listing holding ``docs``."""
    page = sample_page()
    page["data"]["docs"] = list(docs)
    return read_page("dealls", json.dumps(page).encode()).items


def test_sample_page_fields():
    page = read_page("dealls", sample_body("dealls"), url=FIRST_PAGE_URL)
    assert (page.record_count, page.total) == (4, 7)
    # The next page is the same request with the next page number.
    assert page.next_url == FIRST_PAGE_URL.replace("page=1", "page=2")
    frontend, social, support, design = page.postings
    assert frontend.source_id == "7a1c0e52b3d94f0012a8c101"
    assert frontend.url == "https://dealls.com/loker/frontend-developer-react~sawitdigitalkalbar"
    assert (frontend.title, frontend.company) == ("Frontend Developer (React)", "Sawit Digital Kalbar")
    assert frontend.posted_at == datetime(2026, 10, 29, 9, 14, 22, 118000, tzinfo=timezone.utc)
    assert (frontend.remote, frontend.location, frontend.country, frontend.status) == (False, "Pontianak", "ID", "active")
    assert (frontend.pay_min, frontend.pay_max, frontend.pay_currency, frontend.pay_period) == (7000000, 10000000, "IDR", "month")
    assert frontend.pay_text is frontend.employment_type is frontend.description is None
    assert frontend.skills == [] and frontend.category is None
    assert frontend.raw == sample_page()["data"]["docs"][0]
    # A slug numbered because the company reused the title.
    assert social.url == "https://dealls.com/loker/admin-media-sosial-2~batiklaweyanonline"
    # Remote, no city: the location is the country; no salary range.
    assert support.raw["city"] is None and support.raw["salaryRange"] is None
    assert (support.remote, support.location, support.country) == (True, "Indonesia", "ID")
    assert support.pay_min is support.pay_max is support.pay_currency is support.pay_period is None
    # Hybrid work needs the office: not remote. A single figure is both bounds.
    assert (design.remote, design.pay_min, design.pay_max) == (False, 1500000, 1500000)


def test_last_page_has_no_next_url():
    page = read_page("dealls", json.dumps(sample_page("page-2.json")).encode(), url=FIRST_PAGE_URL.replace("page=1", "page=2"))
    assert (page.record_count, page.total, page.next_url) == (3, 7, None)
    marketing, guest_relations, finance = page.postings
    assert (marketing.location, marketing.remote, marketing.pay_min, marketing.pay_max) == ("Bandung", False, 6000000, 8000000)
    assert (guest_relations.location, guest_relations.remote) == ("Denpasar", False)
    assert (finance.title, finance.location, finance.pay_min) == ("Finance & Bookkeeping Staff", "Jakarta Barat", None)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"page": 2, "totalPages": 2}, None),
        ({"page": 1, "totalPages": None}, None),
        ({"page": "1", "totalPages": 2}, None),
        ({"page": 3, "totalPages": 9}, "http://127.0.0.1/v1/explore-job/job?page=4&limit=30&search=admin"),
    ],
)
def test_next_url_follows_total_pages(change, expected):
    page = sample_page()
    page["data"].update(change)
    url = "http://127.0.0.1/v1/explore-job/job?page=3&limit=30&search=admin"
    assert read_page("dealls", json.dumps(page).encode(), url=url).next_url == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"salaryRange": {"start": 0, "end": 0}}, (None, None, None)),
        ({"salaryRange": {"start": 5000000, "end": None}}, (5000000, None, "IDR")),
        ({"salaryRange": {"start": None, "end": 6000000}}, (None, 6000000, "IDR")),
    ],
)
def test_pay_edge_cases(change, expected):
    [posting] = read_docs(dict(sample_page()["data"]["docs"][0], **change))
    assert (posting.pay_min, posting.pay_max, posting.pay_currency) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"country": None}, ("Pontianak", "ID")),
        ({"country": {"name": "Singapore", "id": 65}}, ("Pontianak", "SG")),
        ({"city": None, "country": None}, (None, "ID")),
    ],
)
def test_places(change, expected):
    [posting] = read_docs(dict(sample_page()["data"]["docs"][0], **change))
    assert (posting.location, posting.country) == expected


def test_unknown_workplace_type_leaves_remote_unknown():
    [posting] = read_docs(dict(sample_page()["data"]["docs"][0], workplaceType="flexible"))
    assert posting.remote is None


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"slug": ""}, "missing_field", "'slug' is blank"),
        ({"company": {"name": "Tanpa Slug", "slug": None}}, "missing_field", "'company.slug' is null"),
        ({"company": {"name": "Tanpa Slug"}}, "missing_field", "'company.slug' is absent"),
        ({"company": None}, "missing_field", "'company.slug' is absent"),
        ({"salaryRange": {"start": "nego", "end": None}}, "bad_record", "nego"),
        ({"publishedAt": "2 hari yang lalu"}, "bad_record", "2 hari yang lalu"),
    ],
)
def test_bad_record_is_rejected_alone(change, reason, detail):
    good, bad = sample_page()["data"]["docs"][:2]
    bad = dict(bad, **change)
    posting, reject = read_docs(good, bad)
    assert posting.source_id == "7a1c0e52b3d94f0012a8c101"
    assert (reject.source, reject.reason) == ("dealls", reason) and detail in reject.detail
    assert json.loads(reject.snippet) == bad


@pytest.mark.parametrize("field", ["id", "role", "company"])
def test_record_without_id_title_or_company_is_rejected_alone(field):
    good, bad = sample_page()["data"]["docs"][:2]
    del bad[field]
    posting, reject = read_docs(good, bad)
    assert posting.source_id == "7a1c0e52b3d94f0012a8c101"
    assert reject.reason == "missing_field" and f"'{field}'" in reject.detail


def test_crawl_keeps_the_search_on_every_page(serve, sqlite_url):
    server = serve(load_routes(SAMPLE_DIR / "dealls"))
    run_crawl("dealls", server.url, sqlite_url, "search=admin")
    assert [request for request in server.requests if request != "/robots.txt"] == [
        "/v1/explore-job/job?page=1&limit=30&search=admin&sortParam=publishedAt&sortBy=desc",
        "/v1/explore-job/job?page=2&limit=30&search=admin&sortParam=publishedAt&sortBy=desc",
    ]
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 7
