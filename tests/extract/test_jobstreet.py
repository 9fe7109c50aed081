"""crawlers.extract.jobstreet on both response shapes of the sample and their quirks, and the spider's paging."""

import json
from datetime import datetime, timezone

import pytest

from crawlers.extract.common import PageError
from crawlers.spiders.base import ArgumentError
from crawlers.spiders.jobstreet import JobstreetSpider
from sample.server import SAMPLE_DIR
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body

CORE_FIELDS = ("source_id", "url", "title", "company", "posted_at", "employment_type", "remote", "location", "country",
               "pay_min", "pay_max", "pay_currency", "pay_period", "description")


def sample_page(name: str) -> dict:
    return json.loads((SAMPLE_DIR / "jobstreet" / name).read_text())


def read(payload: dict):
    return read_page("jobstreet", json.dumps(payload).encode())


def v5_with(**fields) -> list:
    """The items of the first v5 page with ``fields`` set on its first job."""
    payload = sample_page("v5-page-1.json")
    payload["data"][0].update(fields)
    return read(payload).items


def graphql_with(**fields) -> list:
    payload = sample_page("graphql-page-1.json")
    payload["data"]["jobSearchV7"]["results"]["jobs"][0].update(fields)
    return read(payload).items


def test_v5_sample_page_fields():
    page = read_page("jobstreet", sample_body("jobstreet"))
    assert (page.record_count, page.total, page.page_number, page.page_size, page.rejects) == (4, 7, 1, 4, [])
    flutter, service, design, warehouse = page.postings
    assert (flutter.source, flutter.source_id, flutter.url) == ("jobstreet", "88410237", "https://id.jobstreet.com/id/job/88410237")
    assert (flutter.title, flutter.company) == ("Mobile Developer (Flutter)", "PT Aplikasi Rakyat")
    assert flutter.posted_at == datetime(2026, 10, 29, 2, 14, 5, tzinfo=timezone.utc)
    assert (flutter.location, flutter.country) == ("Yogyakarta, DI Yogyakarta", "ID")
    # The label is kept verbatim beside the numbers read from it.
    assert flutter.pay_text == "Rp 6.000.000 – Rp 9.000.000 per month"
    assert (flutter.pay_min, flutter.pay_max, flutter.pay_currency) == (6000000, 9000000, "IDR")
    assert flutter.pay_period == "month"
    # Hybrid work needs the office.
    assert (flutter.employment_type, flutter.remote) == ("full_time", False)
    assert flutter.category == "Information & Communication Technology"
    assert flutter.description.startswith("Membangun aplikasi Flutter") and flutter.description_html is None
    assert flutter.skills == [] and flutter.raw == sample_page("v5-page-1.json")["data"][0]

    assert (service.remote, service.pay_min, service.pay_max) == (False, 2400000, 2900000)
    # An empty label: the pay is not shown.
    assert design.raw["salaryLabel"] == ""
    assert (design.pay_text, design.pay_min, design.pay_currency, design.pay_period) == (None, None, None, None)
    assert (design.employment_type, design.remote) == ("contract", True)
    assert warehouse.location == "Pontianak, Kalimantan Barat"


def test_v5_last_page():
    page = read(sample_page("v5-page-2.json"))
    assert (page.record_count, page.total, page.page_number, page.page_size) == (3, 7, 2, 4)
    marketing, barista, bookkeeping = page.postings
    assert (marketing.location, marketing.pay_max) == ("Jakarta Selatan, Jakarta Raya", 10000000)
    assert barista.employment_type == "part_time"
    assert (barista.pay_min, barista.pay_max, barista.pay_period) == (20000, 25000, "hour")
    # A single figure is both ends of the range.
    assert bookkeeping.pay_text == "Rp 3.500.000 per month"
    assert (bookkeeping.pay_min, bookkeeping.pay_max) == (3500000, 3500000)


def test_graphql_sample_reads_like_v5():
    """The same jobs through jobSearchV7: numbers instead of a label, SEEK's ids instead of work-type words."""
    for number in (1, 2):
        graphql = read(sample_page(f"graphql-page-{number}.json"))
        v5 = read(sample_page(f"v5-page-{number}.json"))
        assert (graphql.record_count, graphql.total, graphql.page_number, graphql.page_size) == (
            v5.record_count, v5.total, v5.page_number, v5.page_size
        )
        assert [[getattr(posting, name) for name in CORE_FIELDS] for posting in graphql.postings] == [
            [getattr(posting, name) for name in CORE_FIELDS] for posting in v5.postings
        ]
        assert all(posting.pay_text is None and posting.category is None for posting in graphql.postings)
    flutter = read(sample_page("graphql-page-1.json")).postings[0]
    assert flutter.raw["url"] is None and flutter.url == "https://id.jobstreet.com/id/job/88410237"
    assert flutter.raw["listedAt"] == {"dateTimeUtc": "2026-10-29T02:14:05.000Z"}


@pytest.mark.parametrize(
    ("label", "pay"),
    [
        ("Rp 4.250.000 – Rp 5.100.000 per month", (4250000, 5100000, "IDR", "month")),
        ("Rp 30.000 – Rp 45.000 per hour", (30000, 45000, "IDR", "hour")),
        ("Rp 150.000 per day", (150000, 150000, "IDR", "day")),
        ("Rp 72.000.000 – Rp 96.000.000 per year", (72000000, 96000000, "IDR", "year")),
        ("Gaji kompetitif", (None, None, None, None)),
    ],
)
def test_salary_labels(label, pay):
    posting = v5_with(salaryLabel=label)[0]
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == pay
    assert posting.pay_text == label


@pytest.mark.parametrize(
    ("salary", "pay"),
    [
        ({"period": "hourly", "min": 90000, "max": 110000, "currency": "IDR"}, (90000, 110000, "IDR", "hour")),
        ({"period": "annual", "min": 80000000, "max": 95000000, "currency": "IDR"}, (8e7, 9.5e7, "IDR", "year")),
        ({"period": "monthly", "min": 0, "max": 0, "currency": "IDR"}, (None, None, None, None)),
        (None, (None, None, None, None)),
    ],
)
def test_graphql_salaries(salary, pay):
    posting = graphql_with(salary=salary)[0]
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == pay


@pytest.mark.parametrize(
    ("work_types", "employment_type"),
    [(["Part time"], "part_time"), (["Contract/Temp"], "contract"), (["Casual/Vacation"], "temporary"),
     (["Paruh waktu"], "part_time"), ([], None)],
)
def test_v5_work_types(work_types, employment_type):
    assert v5_with(workTypes=work_types)[0].employment_type == employment_type


@pytest.mark.parametrize(("source_id", "employment_type"), [("243", "part_time"), ("245", "temporary"), ("999", None)])
def test_graphql_work_type_ids(source_id, employment_type):
    assert graphql_with(cjs={"workTypes": [{"sourceId": source_id}]})[0].employment_type == employment_type


@pytest.mark.parametrize(
    ("label", "remote"),
    [("Kantor", False), ("On-site", False), ("Hybrid", False), ("Remote", True), ("Kerja dari rumah", True)],
)
def test_work_arrangements(label, remote):
    assert graphql_with(workArrangements=[{"id": "1", "label": {"text": label}}])[0].remote is remote
    assert v5_with(workArrangements={"data": [{"id": "1", "label": {"text": label}}]})[0].remote is remote


def test_no_work_arrangement_is_unknown():
    assert v5_with(workArrangements={"data": []})[0].remote is None
    assert graphql_with(workArrangements=[])[0].remote is None


@pytest.mark.parametrize(
    ("read_with", "changes", "reason", "detail"),
    [
        (v5_with, {"listingDate": "30d+ ago"}, "bad_record", "30d+ ago"),
        (v5_with, {"workArrangements": {"data": [{"id": "1"}]}}, "missing_field", "'label'"),
        (v5_with, {"locations": [{"countryCode": "ID"}]}, "missing_field", "'label'"),
        (graphql_with, {"salary": {"period": "monthly", "min": "negotiable"}}, "bad_record", "negotiable"),
        (graphql_with, {"listedAt": {"dateTimeUtc": "16/09/2026"}}, "bad_record", "16/09/2026"),
    ],
)
def test_bad_record_is_rejected_alone(read_with, changes, reason, detail):
    reject, *postings = read_with(**changes)
    assert len(postings) == 3 and postings[0].source_id == "88410219"
    assert (reject.source, reject.reason) == ("jobstreet", reason) and detail in reject.detail
    assert '"88410237"' in reject.snippet


def test_record_without_id_is_rejected_alone():
    payload = sample_page("v5-page-1.json")
    del payload["data"][1]["id"]
    page = read(payload)
    assert len(page.postings) == 3
    [reject] = page.rejects
    assert reject.reason == "missing_field" and "'id'" in reject.detail


def test_graphql_errors_are_an_api_error_with_the_message():
    with pytest.raises(PageError) as error:
        read({"errors": [{"message": "UNSTABLE_QUERY_ERROR"}], "data": None})
    assert (error.value.reason, error.value.detail) == ("api_error", "UNSTABLE_QUERY_ERROR")


def test_v5_request_carries_the_search_arguments():
    spider = JobstreetSpider(query="admin gudang", location="Yogyakarta")
    assert spider.page_url(2) == (
        "https://id.jobstreet.com/api/jobsearch/v5/search?siteKey=ID-Main&page=2&pageSize=30"
        "&keywords=admin+gudang&where=Yogyakarta&sortmode=ListedDate&locale=id-ID"
    )


def test_graphql_request_body_is_the_same_every_time_within_a_crawl():
    spider = JobstreetSpider(api="graphql", query="customer service", location="Denpasar")
    body = spider.graphql_body(2)
    assert body == spider.graphql_body(2) and '"page": 2' in body and '"page": 2' not in spider.graphql_body(1)
    request = json.loads(body)
    assert request["operationName"] == "jobSearchV7"
    params = request["variables"]["params"]
    assert params["responseConfig"] == {"page": 2, "pageSize": 30, "representations": ["uiV1"], "results": ["jobs"]}
    assert params["searchIntent"] == {
        "country": "ID", "locale": "id-ID", "sort": "listedAt", "text": "customer service", "where": ["Denpasar"]
    }
    assert params["searchContext"]["solVisitorId"] == spider.visitor_id and params["sessionId"] == spider.session_id
    assert request["query"].startswith("query jobSearchV7($params: JobSearchV7QueryInput!)")


def test_api_must_be_known():
    assert JobstreetSpider().search["api"] == "v5"
    with pytest.raises(ArgumentError) as error:
        JobstreetSpider(api="v7")
    assert str(error.value) == "-a api= must look like v5 or graphql, got 'v7'"


def test_graphql_crawl_of_the_sample(sample_server, sqlite_url):
    run_crawl("jobstreet", sample_server.url, sqlite_url, "api=graphql")
    stored = rows(sqlite_url, "SELECT source_id, pay_min, pay_text FROM postings ORDER BY source_id")
    assert [row.source_id for row in stored] == [
        "88410063", "88410097", "88410112", "88410150", "88410188", "88410219", "88410237"
    ]
    assert all(row.pay_text is None for row in stored) and stored[1].pay_min == 20000
    assert rows(sqlite_url, "SELECT count(*) FROM rejects")[0][0] == 0
