"""crawlers.extract.lokerid on the bundled sample and the real format's quirks; the spider's paging and arguments."""

import json
from datetime import datetime, timezone

import pytest
from scrapy.http import TextResponse

from crawlers.extract.common import PageError
from crawlers.extract.lokerid import read_page as read_lokerid
from crawlers.parse.money import pay_text_disagrees
from crawlers.spiders.base import ArgumentError
from crawlers.spiders.lokerid import LokerIdSpider
from sample.server import SAMPLE_DIR, Route
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body


def sample_page(number: int = 1) -> dict:
    return json.loads((SAMPLE_DIR / "lokerid" / f"page-{number}.json").read_text())


def read_jobs(*jobs: dict) -> list:
    """The items of a one-page listing holding ``jobs``."""
    return read_page("lokerid", json.dumps({"jobs": list(jobs)}).encode()).items


def test_sample_page_fields():
    page = read_page("lokerid", sample_body("lokerid"))
    assert (page.record_count, page.rejects, page.total, page.next_url) == (3, [], None, None)
    programmer, admin, support = page.postings

    assert (programmer.source, programmer.source_id) == ("lokerid", "16402115")
    assert programmer.url == "https://www.loker.id/cari-lowongan-kerja?jobid=16402115"
    assert (programmer.title, programmer.company) == ("Web Programmer (PHP/Laravel)", "CV Sinar Kode Nusantara")
    # published_at is Jakarta time (WIB, UTC+7).
    assert programmer.posted_at == datetime(2026, 10, 28, 2, 15, tzinfo=timezone.utc)
    assert programmer.valid_through is None
    assert (programmer.employment_type, programmer.remote) == ("full_time", False)
    assert (programmer.location, programmer.country) == ("Yogyakarta, DI Yogyakarta", "ID")
    assert (programmer.pay_min, programmer.pay_max, programmer.pay_currency, programmer.pay_period) == (
        4_000_000, 5_000_000, "IDR", "month"
    )
    assert programmer.pay_text == "Rp.4 – 5 Juta"
    assert programmer.skills == ["PHP", "Laravel", "MySQL"]  # the record lists PHP twice
    assert (programmer.category, programmer.applicant_count, programmer.status) == ("Programmer / Developer", 14, "publish")
    # The description is the three HTML fields, in the order the site shows them.
    assert programmer.description_html == (
        "<p>CV Sinar Kode Nusantara membuat aplikasi kasir dan inventori untuk UMKM di Yogyakarta.</p>\n"
        "<ol><li>Mengembangkan fitur aplikasi web berbasis Laravel.</li><li>Memperbaiki bug yang dilaporkan pelanggan.</li></ol>\n"
        "<ol><li>Menguasai PHP dan Laravel.</li><li>Terbiasa memakai Git.</li></ol>"
    )
    assert programmer.description.startswith("CV Sinar Kode Nusantara membuat aplikasi kasir")
    assert "Menguasai PHP dan Laravel.\nTerbiasa memakai Git." in programmer.description
    assert programmer.raw == sample_page()["jobs"][0]

    assert (support.employment_type, support.remote, support.location) == ("part_time", True, "Jakarta Barat, DKI Jakarta")
    assert admin.location == "Surakarta, Jawa Tengah"


def test_label_and_numbers_that_disagree_keep_the_numbers():
    """The sample's admin job is labelled Rp.2 – 3 Juta over 2,100,000..2,600,000, as Loker.id does."""
    admin = read_page("lokerid", sample_body("lokerid")).postings[1]
    assert (admin.pay_min, admin.pay_max, admin.pay_text) == (2_100_000, 2_600_000, "Rp.2 – 3 Juta")
    assert pay_text_disagrees(admin.pay_text, admin.pay_min, admin.pay_max)


def test_later_pages():
    designer, social, hotel = read_page("lokerid", json.dumps(sample_page(2)).encode()).postings
    # A hybrid job needs the office: not remote.
    assert (designer.employment_type, designer.remote, designer.location) == ("contract", False, "Denpasar, Bali")
    # "Negosiasi" over 0 and 0: no figures, the label stays.
    assert (social.pay_min, social.pay_max, social.pay_currency, social.pay_text) == (None, None, None, "Negosiasi")
    # The site hides this job's salary, so the posting shows none; raw keeps what was sent.
    assert (hotel.pay_min, hotel.pay_text, hotel.raw["salary_min"]) == (None, None, 3_200_000)

    bookkeeper, intern, cook, courier = read_page("lokerid", json.dumps(sample_page(3)).encode()).postings
    assert bookkeeper.valid_through == datetime(2026, 11, 30, 16, 59, tzinfo=timezone.utc)
    assert (intern.employment_type, intern.pay_min, intern.pay_max) == ("internship", 1_000_000, 2_000_000)
    assert (cook.title, cook.category, cook.location) == ("Juru Masak", "Restoran / Katering", "Klaten, Jawa Tengah")
    assert (courier.title, courier.category) == ("Kurir Motor", "Driver / Kurir")
    assert courier.skills == ["Mengemudi Sepeda Motor"]


def test_real_record_shape():
    """The real record's quirks, on an invented copy: label Rp.3 – 4 Juta over 2,300,000..3,000,000, WIB times."""
    job = dict(sample_page()["jobs"][0], job_salary="Rp.3 – 4 Juta", salary_min=2300000, salary_max=3000000,
               published_at="2025-11-12 16:56:37")
    [posting] = read_jobs(job)
    assert (posting.pay_min, posting.pay_max, posting.pay_text) == (2_300_000, 3_000_000, "Rp.3 – 4 Juta")
    assert pay_text_disagrees(posting.pay_text, posting.pay_min, posting.pay_max)
    assert posting.posted_at == datetime(2025, 11, 12, 9, 56, 37, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # Only a label: its figures and its period.
        ({"salary_min": None, "salary_max": None, "job_salary": "Rp 150rb per hari"}, (150_000, 150_000, "IDR", "day")),
        ({"salary_min": 0, "salary_max": 0, "job_salary": ""}, (None, None, None, None)),
        ({"salary_min": "4000000", "salary_max": None}, (4_000_000, None, "IDR", "month")),
    ],
)
def test_pay_edge_cases(change, expected):
    [posting] = read_jobs(dict(sample_page()["jobs"][0], **change))
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"job_location_type": {"id": 2, "name": "Remote", "slug": "remote"}, "is_remote": False}, True),
        ({"job_location_type": {"id": 3, "name": "Hybrid", "slug": "hybrid"}, "is_remote": True}, False),
        ({"job_location_type": None, "is_remote": True}, True),
        ({"job_location_type": None, "is_remote": None}, None),
    ],
)
def test_work_place_word_wins_over_the_flag(change, expected):
    [posting] = read_jobs(dict(sample_page()["jobs"][0], **change))
    assert posting.remote is expected


def test_location_falls_back_to_the_location_field():
    [posting] = read_jobs(dict(sample_page()["jobs"][0], locations=[], location="Sleman"))
    assert posting.location == "Sleman"


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"published_at": "kemarin sore"}, "bad_record", "kemarin sore"),
        ({"salary_min": "nego"}, "bad_record", "nego"),
        ({"job_skills": [{"id": 1}]}, "missing_field", "'name'"),
        ({"locations": "Bandung"}, "bad_record", "AttributeError"),
    ],
)
def test_bad_record_is_rejected_alone(change, reason, detail):
    good, bad = sample_page()["jobs"][:2]
    posting, reject = read_jobs(good, dict(bad, **change))
    assert posting.source_id == "16402115"
    assert (reject.source, reject.reason) == ("lokerid", reason) and detail in reject.detail
    assert f'"id": {bad["id"]}' in reject.snippet


def test_record_without_id_is_rejected_alone():
    good, bad = sample_page()["jobs"][:2]
    del bad["id"]
    posting, reject = read_jobs(good, bad)
    assert posting.title == "Web Programmer (PHP/Laravel)" and reject.reason == "missing_field" and "'id'" in reject.detail


def test_error_status_raises_page_error():
    response = TextResponse(url="https://www.loker.id/cari-lowongan-kerja/page/1?_data", status=503, body=b"{}")
    with pytest.raises(PageError) as error:
        read_lokerid(response)
    assert (error.value.reason, error.value.detail) == ("http_status", "HTTP 503")


# The spider: its URLs, arguments and paging.


def test_page_url_puts_the_data_flag_after_the_search():
    assert LokerIdSpider().page_url(1) == "https://www.loker.id/cari-lowongan-kerja/page/1?_data"
    spider = LokerIdSpider(q="admin gudang", lokasi="jawa-tengah", category="administrasi-perkantoran")
    assert spider.page_url(3) == (
        "https://www.loker.id/cari-lowongan-kerja/page/3?q=admin+gudang&category=administrasi-perkantoran&lokasi=jawa-tengah&_data"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"lokasi": "Jawa Barat"}, "-a lokasi= must look like jawa-barat, got 'Jawa Barat'"),
        ({"category": "it/"}, "-a category= must look like information-technology, got 'it/'"),
        ({"keyword": "admin"}, "spider 'lokerid' takes no argument 'keyword'; it takes: base_url, category, lokasi, max_items, max_pages, q"),
    ],
)
def test_bad_arguments_say_what_to_fix(arguments, message):
    with pytest.raises(ArgumentError) as error:
        LokerIdSpider(**arguments)
    assert str(error.value) == message


def test_crawl_counts_pay_labels_that_disagree(sample_server, sqlite_url):
    run_crawl("lokerid", sample_server.url, sqlite_url)
    [run] = rows(sqlite_url, "SELECT items, rejected, stats FROM crawl_runs")
    stats = json.loads(run.stats)
    assert (run.items, run.rejected) == (10, 0)
    # One sample job's label disagrees with its numbers; the crawl stores it and counts it.
    assert stats["pasarkerja/pay_text_disagrees"] == 1
    [admin] = rows(sqlite_url, "SELECT pay_min, pay_max, pay_text FROM postings WHERE source_id = '16401987'")
    assert tuple(admin) == (2_100_000, 2_600_000, "Rp.2 – 3 Juta")


def test_paging_ends_at_the_first_404(serve, sqlite_url):
    pages = {number: (SAMPLE_DIR / "lokerid" / f"page-{number}.json").read_bytes() for number in (1, 2)}
    server = serve([Route(f"/cari-lowongan-kerja/page/{number}", body) for number, body in pages.items()])
    run_crawl("lokerid", server.url, sqlite_url)
    paths = [path for path in server.requests if path != "/robots.txt"]
    assert paths == [f"/cari-lowongan-kerja/page/{number}?_data" for number in (1, 2, 3)]
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 6
    assert rows(sqlite_url, "SELECT count(*) FROM rejects")[0][0] == 0


def test_404_on_the_first_page_is_a_reject(serve, sqlite_url):
    server = serve([])
    run_crawl("lokerid", server.url, sqlite_url, healthy=False)
    assert [tuple(row) for row in rows(sqlite_url, "SELECT reason, detail FROM rejects")] == [("http_status", "HTTP 404")]


def test_other_error_status_is_a_reject_and_ends_paging(serve, sqlite_url):
    server = serve([Route("*", b'{"message": "Service Unavailable"}', status=503)])
    run_crawl("lokerid", server.url, sqlite_url, RETRY_ENABLED="False", healthy=False)
    assert [row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects")] == ["http_status"]
    assert [path for path in server.requests if path != "/robots.txt"] == ["/cari-lowongan-kerja/page/1?_data"]


def test_a_page_repeating_the_last_one_ends_paging(serve, sqlite_url):
    """A site that ignores the page number would otherwise be crawled for ever."""
    server = serve([Route("*", sample_body("lokerid"))])
    run_crawl("lokerid", server.url, sqlite_url)
    assert [path for path in server.requests if path != "/robots.txt"] == [
        "/cari-lowongan-kerja/page/1?_data",
        "/cari-lowongan-kerja/page/2?_data",
    ]
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 3


def test_max_pages_caps_the_crawl(sample_server, sqlite_url):
    run_crawl("lokerid", sample_server.url, sqlite_url, "max_pages=1")
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 3
