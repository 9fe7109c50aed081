"""crawlers.extract.freelancer on the bundled sample and on edge cases."""

import json
from datetime import datetime, timezone

from crawlers.items import Reject
from tests.platforms import read_page, sample_body


def test_sample_page_fields():
    page = read_page("freelancer", sample_body("freelancer"))
    assert (page.record_count, page.total) == (3, 5)
    batik, data_entry, django = page.postings
    assert batik.source_id == "90000101"
    assert batik.url == "https://www.freelancer.com/projects/html/landing-page-batik-shop"
    assert (batik.company, batik.client_country) == ("Warung Kopi Lestari", "ID")
    assert (batik.pay_min, batik.pay_max, batik.pay_currency, batik.pay_period) == (1500000, 3000000, "IDR", "project")
    assert batik.posted_at == datetime(2025, 11, 22, 8, 26, 40, tzinfo=timezone.utc)
    assert batik.valid_through > batik.posted_at
    assert (batik.employment_type, batik.remote, batik.bid_count, batik.status) == ("freelance", True, 12, "open")
    assert batik.skills == ["HTML", "CSS", "Website Design"]
    assert batik.category == "Websites, IT & Software"
    assert batik.raw["owner"]["id"] == 7001 and batik.raw["project"]["currency"]["exchange_rate"] == 0.00007
    assert data_entry.pay_period == "hour"


def test_record_without_id_is_rejected_alone():
    page_json = json.loads(sample_body("freelancer"))
    del page_json["result"]["projects"][1]["id"]
    page = read_page("freelancer", json.dumps(page_json).encode())
    assert len(page.postings) == 2
    [reject] = page.rejects
    assert isinstance(reject, Reject) and reject.reason == "missing_field" and "'id'" in reject.detail
