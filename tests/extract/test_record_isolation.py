"""One bad record costs only itself, on every platform (issue 14, points 3 and 4).

Each case takes a page of the bundled sample (the platforms' real structure, invented values),
spoils one record and reads the page: the other records come out as postings, the spoilt one
as a Reject with its reason. No posting ever gets "None" as its id or in its URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from crawlers.items import snippet
from sample.server import SAMPLE_DIR
from tests.platforms import read_page, sample_body

INFINITY, NAN = float("inf"), float("nan")
# Python's json writes these as the tokens Infinity and NaN, and reads them back: as a platform's JSON might hold them.
HUGE_DIGITS = "9" * 400  # float() reads this as infinity

# Where each JSON platform keeps the records of a page.
RECORDS: dict[str, Callable[[Any], list[dict]]] = {
    "freelancer": lambda page: page["result"]["projects"],
    "remoteok": lambda page: page[1:],  # the first element is the legal notice
    "remotive": lambda page: page["jobs"],
    "arbeitnow": lambda page: page["data"],
    "jobicy": lambda page: page["jobs"],
    "himalayas": lambda page: page["jobs"],
    "karirhub": lambda page: page["data"],
    "kalibrr": lambda page: page["jobs"],
    "glints": lambda page: page["data"]["searchJobsV3"]["jobsInPage"],
    "jobstreet": lambda page: page["data"],
    "jobstreet-graphql": lambda page: page["data"]["jobSearchV7"]["results"]["jobs"],
    "lokerid": lambda page: page["jobs"],
    "dealls": lambda page: page["data"]["docs"],
}
JSONLD_PAGE_URL = "https://lowongan.example/lowongan/contoh"


def sample_json(platform: str) -> Any:
    if platform == "jobstreet-graphql":
        return json.loads((SAMPLE_DIR / "jobstreet" / "graphql-page-1.json").read_bytes())
    return json.loads(sample_body(platform))


def sample_job_posting() -> dict:
    """The JobPosting of the bundled jobposting sample's first page."""
    html = sample_body("jobposting").decode()
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def read_json_ld(*blocks: object):
    """A page holding one JSON-LD block per value (text as it is, anything else as JSON), read."""
    scripts = "".join(
        f'<script type="application/ld+json">{block if isinstance(block, str) else json.dumps(block)}</script>'
        for block in blocks
    )
    return read_page("jobposting", f"<html><head>{scripts}</head><body></body></html>".encode(), JSONLD_PAGE_URL)


def read_spoilt(platform: str, spoil: Callable[[dict], None]):
    """The sample page of ``platform`` read with ``spoil`` applied to its second record."""
    page = sample_json(platform)
    spoil(RECORDS[platform](page)[1])
    return read_page(platform.removesuffix("-graphql"), json.dumps(page).encode())


def setter(**fields: Any) -> Callable[[dict], None]:
    """A spoiler setting fields; ``"a.b"`` sets ``record["a"]["b"]``."""

    def spoil(record: dict) -> None:
        for path, value in fields.items():
            *parents, last = path.split(".")
            target = record
            for step in parents:
                if not isinstance(target.get(step), dict):
                    target[step] = {}
                target = target[step]
            target[last] = value

    return spoil


def assert_one_reject(page, reason: str, detail: str) -> None:
    """Every record but one is a posting; that one is a Reject with ``reason`` and ``detail`` in its detail."""
    assert len(page.postings) == page.record_count - 1, [reject.detail for reject in page.rejects]
    [reject] = page.rejects
    assert reject.reason == reason and detail in reject.detail, (reject.reason, reject.detail)
    assert reject.snippet
    assert_no_none(page)


def assert_no_none(page) -> None:
    for posting in page.postings:
        assert posting.source_id and "None" not in posting.source_id
        assert "None" not in posting.url and not posting.url.endswith("/")


# --- Point 3: a record without an id is rejected, never stored as "None" ---------------------------

NULL_IDS = {
    "freelancer": "id",
    "remoteok": "id",
    "remotive": "id",
    "arbeitnow": "slug",  # Arbeitnow's id
    "jobicy": "id",
    "himalayas": "guid",  # Himalayas' id is its job page
    "karirhub": "id",
    "kalibrr": "id",
    "glints": "id",
    "jobstreet": "id",
    "jobstreet-graphql": "id",
    "lokerid": "id",
    "dealls": "id",
}


def weworkremotely_without_link() -> bytes:
    """The sample feed with the second item's guid and link empty (the feed's "null")."""
    feed = sample_body("weworkremotely").decode()
    items = feed.split("<item>")
    items[2] = re.sub(r"<(guid|link)>[^<]*</\1>", r"<\1></\1>", items[2])
    return "<item>".join(items).encode()


def projects_co_id_without_link() -> bytes:
    """The sample listing with the second project's title link empty."""
    listing = sample_body("projects_co_id").decode()
    second = re.findall(r'<h2><a href="[^"]*">', listing)[1]
    return listing.replace(second, '<h2><a href="">').encode()


@pytest.mark.parametrize("platform", sorted(NULL_IDS))
@pytest.mark.parametrize("empty", [None, "", "  "], ids=["null", "empty", "blank"])
def test_record_with_null_id_is_rejected_alone(platform, empty):
    field = NULL_IDS[platform]
    page = read_spoilt(platform, setter(**{field: empty}))
    assert_one_reject(page, "missing_field", f"'{field}' is {'null' if empty is None else 'blank'}")


def test_weworkremotely_item_without_guid_or_link_is_rejected_alone():
    page = read_page("weworkremotely", weworkremotely_without_link())
    assert_one_reject(page, "missing_field", "'link' is blank, 'guid' is blank")


def test_projects_co_id_block_without_link_is_rejected_alone():
    page = read_page("projects_co_id", projects_co_id_without_link())
    assert_one_reject(page, "missing_field", "'link'")


def test_jobposting_without_identifier_is_named_after_its_page_never_none():
    """schema.org makes ``identifier`` optional: such a posting is named after its page URL (the spider's design)."""
    good = sample_job_posting()
    page = read_json_ld(good, dict(good, identifier={"@type": "PropertyValue", "value": None}, title="Tanpa Nomor"))
    assert [posting.source_id for posting in page.postings] == ["lowongan.example:LWG-1001", JSONLD_PAGE_URL]
    assert_no_none(page)


@pytest.mark.parametrize("bad_id", [NAN, 90000101.0, True, {"value": 1}, ["a"]], ids=repr)
def test_id_of_a_wrong_type_is_rejected_alone(bad_id):
    page = read_spoilt("freelancer", setter(id=bad_id))
    assert_one_reject(page, "bad_record", "not an id")


def test_two_records_without_id_are_two_rejects_not_one_posting():
    page = sample_json("remotive")
    for job in page["jobs"][:2]:
        job["id"] = None
    read = read_page("remotive", json.dumps(page).encode())
    assert len(read.rejects) == 2 and len(read.postings) == read.record_count - 2
    assert_no_none(read)


# A URL part the platform's URL cannot do without. Each of these URLs names the posting only by
# these parts (Freelancer, Remote OK, Dealls) or by them and the id in a path the site may not
# resolve without them (Kalibrr's /c/{company}/jobs/{id}/{slug}), so the record is rejected.
NULL_URL_PARTS = [
    ("freelancer", "seo_url"),
    ("remoteok", "slug"),
    ("kalibrr", "slug"),
    ("kalibrr", "company.code"),
    ("dealls", "slug"),
    ("dealls", "company.slug"),
]


@pytest.mark.parametrize(("platform", "field"), NULL_URL_PARTS)
@pytest.mark.parametrize("empty", [None, ""], ids=["null", "empty"])
def test_record_with_null_url_part_is_rejected_alone(platform, field, empty):
    page = read_spoilt(platform, setter(**{field: empty}))
    assert_one_reject(page, "missing_field", f"'{field}' is {'null' if empty is None else 'blank'}")


def test_glints_url_needs_only_the_id():
    """Glints finds a job by the id at the end of its URL; the slug before it is made from the title."""
    page = read_spoilt("glints", setter(title="!!!"))
    assert page.postings[1].url.endswith("/job/" + page.postings[1].source_id)


# --- Point 4: a number no date, amount or count can be rejects its record, never its page -----------

BAD_NUMBERS = [
    # Timestamps.
    ("freelancer", {"time_submitted": 1.5e308}, "timestamp"),
    ("freelancer", {"time_submitted": INFINITY}, "timestamp"),
    ("freelancer", {"time_submitted": NAN}, "timestamp"),
    ("freelancer", {"time_submitted": True}, "timestamp"),
    ("remoteok", {"date": None, "epoch": -1.5e308}, "timestamp"),
    ("arbeitnow", {"created_at": 1.5e308}, "timestamp"),
    ("arbeitnow", {"created_at": "1e999"}, "timestamp"),
    ("himalayas", {"pubDate": INFINITY}, "timestamp"),
    ("himalayas", {"expiryDate": 1e20}, "timestamp"),
    ("karirhub", {"published_at": 1.5e308}, "timestamp"),
    # A bidding period past the year 9999.
    ("freelancer", {"bidperiod": 2**31 - 1}, "OverflowError"),
    # Pay figures.
    ("freelancer", {"budget.maximum": INFINITY}, "pay figure"),
    ("freelancer", {"budget.minimum": NAN}, "pay figure"),
    ("freelancer", {"currency.exchange_rate": INFINITY}, "exchange_rate"),
    ("remoteok", {"salary_min": INFINITY}, "pay figure"),
    ("remoteok", {"salary_max": 1.5e308}, "beyond any pay"),
    ("remotive", {"salary": f"${HUGE_DIGITS}/hr"}, "pay figure"),
    ("jobicy", {"salaryMin": NAN}, "pay figure"),
    ("himalayas", {"minSalary": "Infinity"}, "pay figure"),
    ("karirhub", {"show_salary": True, "min_salary_amount": INFINITY}, "pay figure"),
    ("kalibrr", {"salary_shown": True, "maximum_salary": NAN}, "pay figure"),
    ("glints", {"shouldShowSalary": True, "salaries": [{"CurrencyCode": "IDR", "minAmount": INFINITY}]}, "pay figure"),
    ("jobstreet", {"salaryLabel": f"Rp {HUGE_DIGITS} per month"}, "pay figure"),
    ("jobstreet-graphql", {"salary": {"period": "monthly", "min": INFINITY, "currency": "IDR"}}, "pay figure"),
    ("lokerid", {"is_hide_salary": False, "salary_min": INFINITY}, "pay figure"),
    ("lokerid", {"salary_min": 0, "salary_max": 0, "job_salary": f"Rp {HUGE_DIGITS}"}, "pay figure"),
    ("dealls", {"salaryRange": {"start": INFINITY, "end": None}}, "pay figure"),
    # Counts.
    ("freelancer", {"bid_stats.bid_count": INFINITY}, "bid_count"),
    ("freelancer", {"bid_stats.bid_count": -3}, "bid_count"),
    ("freelancer", {"bid_stats.bid_count": 10**12}, "bid_count"),
    ("lokerid", {"statistic": {"application_count": 2.5}}, "application_count"),
]


@pytest.mark.parametrize(("platform", "fields", "detail"), BAD_NUMBERS, ids=lambda value: str(value)[:40])
def test_number_that_cannot_be_rejects_its_record_not_its_page(platform, fields, detail):
    page = read_spoilt(platform, setter(**fields))
    assert_one_reject(page, "bad_number", detail)


def test_projects_co_id_numbers_that_cannot_be():
    listing = sample_body("projects_co_id").decode()
    budgets = re.findall(r"<strong>Published Budget:</strong> [^<]*", listing)
    bids = re.findall(r"<strong>Bid Count:</strong> [^<]*", listing)
    huge_budget = listing.replace(budgets[1], f"<strong>Published Budget:</strong> Rp {HUGE_DIGITS}")
    assert_one_reject(read_page("projects_co_id", huge_budget.encode()), "bad_number", "pay figure")
    infinite_bids = listing.replace(bids[1], "<strong>Bid Count:</strong> 1e999")
    assert_one_reject(read_page("projects_co_id", infinite_bids.encode()), "bad_number", "Bid Count")


def test_jobposting_salary_that_is_infinite():
    good = sample_job_posting()
    infinite_salary = {"@type": "MonetaryAmount", "currency": "IDR", "value": INFINITY}
    page = read_json_ld(good, dict(good, identifier="LWG-9", baseSalary=infinite_salary))
    assert_one_reject(page, "bad_number", "pay figure")


# --- Records read outside convert_records, and what can go wrong beyond ValueError ------------------


def test_record_nested_too_deep_rejects_only_itself():
    """A Draft.js description nested past Python's recursion limit: RecursionError, one record's fault."""
    page = read_spoilt("glints", setter(descriptionJsonString="[" * 100_000))
    assert_one_reject(page, "bad_record", "RecursionError")


def test_json_ld_block_nested_too_deep_costs_only_itself():
    deep = '{"@type": "JobPosting", "title": "Dalam", "about": ' + "[" * 100_000
    page = read_json_ld(sample_job_posting(), deep)
    assert [posting.source_id for posting in page.postings] == ["lowongan.example:LWG-1001"]
    [reject] = page.rejects
    assert reject.reason == "invalid_json_ld" and "RecursionError" in reject.detail


def test_snippet_of_a_record_nested_too_deep_is_its_outline():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert snippet({"id": 1, "deep": deep}) == "{'deep': [[[[[[...]]]]]], 'id': 1}"


@pytest.mark.parametrize("number", ["²", "3.5", "-1", True, "tiga"])
def test_odd_paging_number_is_not_given_and_the_page_is_read(number):
    page = json.loads((SAMPLE_DIR / "jobstreet" / "v5-page-1.json").read_bytes())
    page["solMetadata"]["pageNumber"] = number
    page["totalCount"] = number
    read = read_page("jobstreet", json.dumps(page).encode())
    assert (read.page_number, read.total) == (None, None) and read.postings and not read.rejects


def test_odd_page_link_in_projects_co_id_pagination_is_skipped():
    listing = sample_body("projects_co_id").decode().replace('paramval="1"', 'paramval="²"')
    page = read_page("projects_co_id", listing.encode(), "https://projects.co.id/public/browse_projects/listing?page=1")
    assert page.postings and not page.rejects
