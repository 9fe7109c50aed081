"""crawlers.extract.projects_co_id on the bundled sample and edge cases; the spider's paging and arguments."""

import asyncio
from datetime import datetime, timezone

import pytest
from scrapy.http import Response, TextResponse

from crawlers.extract import projects_co_id
from crawlers.extract.common import PageError
from crawlers.spiders.base import ArgumentError
from crawlers.spiders.projects_co_id import ProjectsCoIdSpider
from sample.server import SAMPLE_DIR, Route
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body

LISTING_URL = "https://projects.co.id/public/browse_projects/listing"


def sample_html(number: int) -> bytes:
    return (SAMPLE_DIR / "projects_co_id" / f"listing-page-{number}.html").read_bytes()


def sample_blocks() -> list[str]:
    """The project blocks of the first sample page, as served."""
    return [posting.raw for posting in read_page("projects_co_id", sample_body("projects_co_id")).postings]


def listing(*blocks: str, pagination: str = "") -> bytes:
    """A listing page holding ``blocks``."""
    return (
        "<!DOCTYPE html><html><head><title>Browse Projects</title></head><body>"
        f'<div class="form form-horizontal"><div class="col-md-12">{"".join(blocks)}{pagination}</div></div>'
        "</body></html>"
    ).encode()


def test_sample_page_fields():
    page = read_page("projects_co_id", sample_body("projects_co_id"), url=f"{LISTING_URL}?page=1")
    assert (page.record_count, page.rejects, page.next_url) == (3, [], f"{LISTING_URL}?page=2")
    shop, android, data_entry = page.postings

    assert (shop.source, shop.source_id) == ("projects_co_id", "8f2a41")
    assert shop.url == "https://projects.co.id/public/browse_projects/view/8f2a41/toko-online-woocommerce-untuk-batik-tulis"
    assert (shop.title, shop.company) == ("Toko Online WooCommerce untuk Batik Tulis", "batiklarasati")
    assert shop.description == (
        "Butuh toko online WordPress + WooCommerce untuk usaha batik tulis di Surakarta, "
        "lengkap dengan ongkir otomatis & pembayaran transfer."
    )
    assert shop.description_html.startswith("<p>Butuh toko online") and "&amp; pembayaran" in shop.description_html
    # 28/10/2026 19:42:05 WIB (UTC+7), day first.
    assert shop.posted_at == datetime(2026, 10, 28, 12, 42, 5, tzinfo=timezone.utc)
    assert shop.valid_through == datetime(2026, 11, 4, 12, 42, 5, tzinfo=timezone.utc)
    assert (shop.pay_min, shop.pay_max, shop.pay_currency, shop.pay_period) == (1_500_000, 1_700_000, "IDR", "project")
    assert shop.pay_text == "Rp 1,500,000 - 1,700,000"
    assert (shop.employment_type, shop.remote, shop.country, shop.location) == ("freelance", True, "ID", None)
    assert (shop.skills, shop.bid_count, shop.status) == (["WordPress", "WooCommerce", "PHP"], 7, "Published")
    assert shop.raw.startswith('<div class="row">') and "Need Weekly Report:" in shop.raw

    assert android.skills == ["Flutter", "Android", "Firebase"]  # the page tags Flutter twice
    assert (android.pay_min, android.pay_max, android.bid_count) == (3_000_000, 5_000_000, 12)
    assert (data_entry.pay_min, data_entry.pay_max, data_entry.company) == (250_000, 400_000, "gerabahkasongan")


def test_raw_block_reads_back_to_the_same_posting():
    page = read_page("projects_co_id", sample_body("projects_co_id"))
    assert [projects_co_id.to_posting(posting.raw) for posting in page.postings] == page.postings


def test_later_pages_and_the_end_of_paging():
    second = read_page("projects_co_id", sample_html(2), url=f"{LISTING_URL}?page=2")
    assert second.next_url == f"{LISTING_URL}?page=3"
    logo, villa, bookkeeping = second.postings
    # A WITA time (UTC+8), as Bali writes it.
    assert villa.posted_at == datetime(2026, 10, 23, 8, 45, 12, tzinfo=timezone.utc)
    assert (bookkeeping.title, bookkeeping.pay_min, bookkeeping.pay_max) == ("Rekap Pembukuan UMKM Bulanan", 600_000, 900_000)

    last = read_page("projects_co_id", sample_html(3), url=f"{LISTING_URL}?page=3")
    assert (last.record_count, last.next_url) == (2, None)


def test_next_page_keeps_the_search_and_category():
    url = f"{LISTING_URL}/6_website-development?search=wordpress&page=1"
    page = read_page("projects_co_id", sample_body("projects_co_id"), url=url)
    assert page.next_url == f"{LISTING_URL}/6_website-development?search=wordpress&page=2"


def test_empty_listing_is_a_page_without_projects():
    page = read_page("projects_co_id", listing())
    assert (page.record_count, page.items, page.next_url) == (0, [], None)


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        (lambda block: block.replace('<h2><a href="https://projects.co.id', '<h2><a data-href="https://projects.co.id'),
         "missing_field", "'link'"),
        (lambda block: block.replace(">Toko Online WooCommerce untuk Batik Tulis</a>", "> </a>"), "missing_field", "'title'"),
        (lambda block: block.replace("https://projects.co.id/public/browse_projects/view/8f2a41",
                                     "https://example.com/view/8f2a41"), "bad_record", "example.com"),
        (lambda block: block.replace("28/10/2026 19:42:05 WIB", "28 Oktobr 2026"), "bad_record", "Oktobr"),
        (lambda block: block.replace("<strong>Bid Count:</strong> 7", "<strong>Bid Count:</strong> banyak"),
         "bad_record", "banyak"),
    ],
)
def test_bad_project_is_rejected_alone(change, reason, detail):
    shop, android = sample_blocks()[:2]
    reject, posting = read_page("projects_co_id", listing(change(shop), android)).items
    assert posting.source_id == "8f2a3c"
    assert (reject.source, reject.reason) == ("projects_co_id", reason) and detail in reject.detail
    assert reject.snippet.startswith('<div class="row">') and "batik tulis" in reject.snippet


def test_project_without_budget_or_bids_has_none():
    shop = sample_blocks()[0]
    bare = shop.replace("<strong>Published Budget:</strong> Rp 1,500,000 - 1,700,000<br>", "").replace(
        "<strong>Bid Count:</strong> 7<br>", ""
    )
    [posting] = read_page("projects_co_id", listing(bare)).postings
    assert (posting.pay_min, posting.pay_currency, posting.pay_period, posting.pay_text, posting.bid_count) == (
        None, None, None, None, None
    )


UNRELATED_PAGE = (
    b"<!DOCTYPE html><html><head><title>Masuk - Projects.co.id</title></head>"
    b'<body><form class="login" action="/public/home/login"><input name="user_name"></form></body></html>'
)


def test_error_status_and_binary_body_raise_page_error():
    with pytest.raises(PageError) as error:
        projects_co_id.read_page(TextResponse(url=f"{LISTING_URL}?page=1", status=502, body=sample_html(1), encoding="utf-8"))
    assert (error.value.reason, error.value.detail) == ("http_status", "HTTP 502")
    with pytest.raises(PageError) as error:
        projects_co_id.read_page(Response(url=f"{LISTING_URL}?page=1", body=b"\x89PNG\r\n"))
    assert error.value.reason == "not_html"


# The spider: its start URL, arguments and paging.


def start_url(**arguments) -> str:
    """The URL of the spider's first request."""
    spider = ProjectsCoIdSpider(**arguments)

    async def first_request():
        return [request async for request in spider.start()][0]

    return asyncio.run(first_request()).url


def test_start_url_carries_search_and_category():
    assert start_url() == f"{LISTING_URL}?page=1"
    assert start_url(search="landing page", category="6_website-development") == (
        f"{LISTING_URL}/6_website-development?search=landing+page&page=1"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"category": "website-development"}, "-a category= must look like 6_website-development, got 'website-development'"),
        ({"query": "php"}, "spider 'projects_co_id' takes no argument 'query'; it takes: base_url, category, max_items, max_pages, search"),
    ],
)
def test_bad_arguments_say_what_to_fix(arguments, message):
    with pytest.raises(ArgumentError) as error:
        ProjectsCoIdSpider(**arguments)
    assert str(error.value) == message


def test_crawl_follows_the_pages_until_the_last(serve, sqlite_url):
    routes = [Route("/public/browse_projects/listing", sample_html(n), query={"page": str(n)}, content_type="text/html")
              for n in (1, 2, 3)]
    server = serve(routes)
    run_crawl("projects_co_id", server.url, sqlite_url)
    assert [path for path in server.requests if path != "/robots.txt"] == [
        f"/public/browse_projects/listing?page={n}" for n in (1, 2, 3)
    ]
    stored = rows(sqlite_url, "SELECT source_id, pay_min, pay_period, bid_count FROM postings ORDER BY source_id")
    assert len(stored) == 8 and ("8f2a41", 1_500_000, "project", 7) in [tuple(row) for row in stored]


def test_truncated_later_page_is_rejected_and_the_rest_kept(serve, sqlite_url):
    second = sample_html(2)
    routes = [
        Route("/public/browse_projects/listing", sample_html(1), query={"page": "1"}, content_type="text/html"),
        Route("/public/browse_projects/listing", second[: len(second) * 2 // 3], query={"page": "2"}, content_type="text/html"),
    ]
    server = serve(routes)
    run_crawl("projects_co_id", server.url, sqlite_url, healthy=False)  # 1 of 4 records rejected
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 3
    assert [row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects")] == ["truncated_page"]


def test_max_pages_caps_the_crawl(sample_server, sqlite_url):
    run_crawl("projects_co_id", sample_server.url, sqlite_url, "max_pages=1")
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 3


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (sample_html(1)[: len(sample_html(1)) // 2], "truncated_page"),
        (sample_html(1).replace(b"</html>", b""), "truncated_page"),
        (b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>", "browser_challenge"),
        (UNRELATED_PAGE, "unexpected_shape"),
    ],
)
def test_unexpected_pages_raise_page_error(body, reason):
    with pytest.raises(PageError) as error:
        read_page("projects_co_id", body)
    assert error.value.reason == reason
