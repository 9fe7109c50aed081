"""crawlers.extract.remoteok on the bundled sample and on edge cases, and the spider's one request."""

import json
from datetime import datetime, timezone

from sample.server import Route
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body


def sample_jobs() -> list:
    return json.loads(sample_body("remoteok"))


def test_sample_page_fields():
    page = read_page("remoteok", sample_body("remoteok"))
    assert (page.record_count, len(page.postings), page.rejects) == (7, 7, [])
    react = page.postings[0]
    assert (react.source, react.source_id) == ("remoteok", "2100107")
    assert react.url == "https://remoteok.com/remote-jobs/remote-senior-react-native-developer-kopi-kode-studio-2100107"
    assert (react.title, react.company) == ("Senior React Native Developer", "Kopi Kode Studio")
    assert react.posted_at == datetime(2026, 10, 29, 3, 20, tzinfo=timezone.utc)
    assert (react.remote, react.location, react.country, react.employment_type) == (True, "Worldwide", None, None)
    assert (react.pay_min, react.pay_max, react.pay_currency, react.pay_period, react.pay_text) == (40000, 60000, "USD", "year", None)
    assert react.description.startswith("Kopi Kode Studio builds ordering apps")
    assert react.description_html.startswith("<p><b>Kopi Kode Studio</b>")
    assert react.raw["id"] == "2100107" and react.raw["epoch"] == 1793244000


def test_legal_notice_is_skipped_and_its_absence_tolerated():
    jobs = sample_jobs()
    assert "legal" in jobs[0] and "id" not in jobs[0]
    without_notice = read_page("remoteok", json.dumps(jobs[1:]).encode())
    assert (without_notice.record_count, len(without_notice.postings)) == (7, 7)


def test_string_id_and_url_from_slug_even_when_url_leads_elsewhere():
    laravel = {posting.source_id: posting for posting in read_page("remoteok", sample_body("remoteok")).postings}["2100102"]
    assert laravel.raw["url"].startswith("https://careers.example.org/")
    assert laravel.url == "https://remoteok.com/remote-jobs/remote-full-stack-laravel-developer-sawah-digital-2100102"
    assert laravel.location is None


def test_duplicated_tags_are_kept_once_in_order():
    react = read_page("remoteok", sample_body("remoteok")).postings[0]
    assert react.raw["tags"].count("react native") == 2
    assert react.skills == ["react native", "mobile", "javascript", "dev", "senior"]


def test_salary_zero_means_unknown():
    postings = {posting.source_id: posting for posting in read_page("remoteok", sample_body("remoteok")).postings}
    unknown = postings["2100106"]
    assert (unknown.pay_min, unknown.pay_max, unknown.pay_currency, unknown.pay_period) == (None, None, None, None)
    only_minimum = postings["2100103"]
    assert (only_minimum.pay_min, only_minimum.pay_max, only_minimum.pay_currency, only_minimum.pay_period) == (9000, None, "USD", "year")


def test_html_escaped_company_is_decoded():
    design = read_page("remoteok", sample_body("remoteok")).postings[1]
    assert design.raw["company"] == "Batik &amp; Bytes"
    assert design.company == "Batik & Bytes"
    assert design.description.startswith("Batik & Bytes sells")


def test_double_encoded_description_is_repaired_in_the_text_only():
    marketing = read_page("remoteok", sample_body("remoteok")).postings[2]
    assert marketing.description.startswith("We\u2019re Caf\u00e9 Nusantara, a coffee roaster")
    assert "newsletter \u2013 and measure" in marketing.description
    assert marketing.description_html.startswith("<p>We\u00e2\u0080\u0099re Caf\u00c3\u00a9 Nusantara")
    assert (marketing.location, marketing.country) == ("Jakarta, Indonesia", "ID")


def test_epoch_stands_in_for_a_missing_date():
    jobs = sample_jobs()
    del jobs[1]["date"]
    assert read_page("remoteok", json.dumps(jobs).encode()).postings[0].posted_at == datetime(2026, 10, 29, 3, 20, tzinfo=timezone.utc)


def test_double_encoded_title_and_escaped_entities_together():
    jobs = sample_jobs()
    jobs[1]["position"] = "Caf\u00c3\u00a9 &amp; Bakery Web Developer"
    assert read_page("remoteok", json.dumps(jobs).encode()).postings[0].title == "Caf\u00e9 & Bakery Web Developer"


def test_bad_records_are_rejected_alone():
    jobs = sample_jobs()
    del jobs[1]["id"]
    jobs[2]["salary_min"] = "negotiable"
    page = read_page("remoteok", json.dumps(jobs).encode())
    assert len(page.postings) == 5
    missing, unreadable = page.rejects
    assert (missing.reason, missing.source) == ("missing_field", "remoteok") and "'id'" in missing.detail
    assert unreadable.reason == "bad_record" and "negotiable" in unreadable.detail


def test_spider_requests_the_feed_once_with_its_tag(serve, sqlite_url):
    server = serve([Route("/api", sample_body("remoteok"))])
    run_crawl("remoteok", server.url, sqlite_url, "tag=design")
    assert [path for path in server.requests if path != "/robots.txt"] == ["/api?tag=design"]
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 7
