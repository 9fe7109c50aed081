"""The jobposting spider end to end: how it finds pages, and pages rendered in Chromium.

Real ``scrapy crawl`` runs against local servers: the bundled sample site (sample/jobposting)
and tests/site, whose job list and JobPosting JSON-LD exist only after its JavaScript ran.
Tests marked ``browser`` are about rendering; those that start Chromium take the
``chromium`` fixture (skipped when it is missing, failing when CI=true).
"""

from pathlib import Path

import pytest

from crawlers import browser
from crawlers.spiders.base import ArgumentError
from crawlers.spiders.jobposting import JobPostingSpider
from sample.server import SAMPLE_DIR, Route, load_routes
from tests.conftest import TEST_SETTINGS, rows, run_crawl, stat
from tests.platforms import sample_source_ids
from tests.test_cli import scrapy

SITE_DIR = Path(__file__).parent / "site"
JS_SITE_IDS = {"kerja-cepat.example:KC-501", "kerja-cepat.example:KC-502", "kerja-cepat.example:KC-503"}
SAMPLE_PAGE = "https://lowongan.example/lowongan/lwg-1001-backend-developer-golang"


def html_page(*links: str) -> bytes:
    """A page without postings that links to ``links``; its path is set by the caller."""
    anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
    return f"<html><body><h1>Lowongan</h1>{anchors}</body></html>".encode()


def stored_ids(database_url: str) -> set[str]:
    return {row.source_id for row in rows(database_url, "SELECT source_id FROM postings")}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "spider 'jobposting' needs exactly one of -a urls=, -a sitemap=, -a domain=, got none"),
        ({"urls": SAMPLE_PAGE, "sitemap": "https://lowongan.example/s.xml"}, "got urls and sitemap"),
        ({"urls": " , "}, "-a urls= names no URL"),
        ({"urls": f"{SAMPLE_PAGE},lowongan.example/x"}, "-a urls= takes http:// or https:// URLs, got 'lowongan.example/x'"),
        ({"sitemap": "ftp://lowongan.example/s.xml"}, "-a sitemap= takes http:// or https:// URLs"),
        ({"domain": "https://lowongan.example/lowongan"}, "-a domain= must be a site such as lowongan.example"),
        ({"domain": "lowongan.example", "render": "yes"}, "-a render= must be 1 (load pages in Chromium) or 0, got 'yes'"),
    ],
)
def test_bad_arguments_say_what_to_fix(arguments, message):
    with pytest.raises(ArgumentError) as error:
        JobPostingSpider(**arguments)
    assert message in str(error.value)


def test_start_arguments_are_read():
    assert JobPostingSpider(urls=f"{SAMPLE_PAGE}, https://lowongan.example/b").search["urls"] == [SAMPLE_PAGE, "https://lowongan.example/b"]
    assert JobPostingSpider(domain="lowongan.example").search["domain"] == "https://lowongan.example/"
    assert JobPostingSpider(domain="http://lowongan.example:8080").search["domain"] == "http://lowongan.example:8080/"
    assert JobPostingSpider(domain="lowongan.example", render="0").chromium is None


def test_sitemap_in_robots_txt_is_followed_and_postings_keep_the_site_url(serve, sqlite_url):
    robots = b"User-agent: *\nAllow: /\nSitemap: https://lowongan.example/sitemap_index.xml\n"
    server = serve([Route("/robots.txt", robots, content_type="text/plain"), *load_routes(SAMPLE_DIR / "jobposting")])
    result = run_crawl("jobposting", server.url, sqlite_url, "domain=lowongan.example")

    assert stored_ids(sqlite_url) == sample_source_ids("jobposting")
    # Every request went to base_url, the sitemap URLs too; the postings keep the site's own URLs.
    assert {"/sitemap_index.xml", "/sitemap-lowongan.xml", "/lowongan/magang"} <= set(server.requests)
    assert "/sitemap.xml" not in server.requests
    assert {row.url for row in rows(sqlite_url, "SELECT url FROM postings")} == {
        "https://lowongan.example/lowongan/lwg-1001-backend-developer-golang",
        "https://lowongan.example/lowongan/lwg-1002-desainer-ui-ux",
        "https://lowongan.example/lowongan/lwg-1003-staf-admin-gudang",
        "https://lowongan.example/lowongan/magang",
    }
    # The about page listed in the sitemap holds no posting: counted, not rejected.
    assert stat(result, "pasarkerja/pages_without_jobposting") == 1
    assert rows(sqlite_url, "SELECT count(*) FROM rejects")[0][0] == 0
    # A crawl that does not render keeps Scrapy's plain downloader: no Playwright, no browser.
    assert "scrapy-playwright" not in result.stderr and "playwright/" not in result.stderr


def test_site_without_sitemap_is_walked_along_its_links(serve, sqlite_url):
    pages = load_routes(SAMPLE_DIR / "jobposting")
    golang, design = (route for route in pages if route.path.startswith(("/lowongan/lwg-1001", "/lowongan/lwg-1002")))
    server = serve([
        Route("/", html_page("/lowongan/", "https://tetangga.example/lowongan/luar", "mailto:hr@lowongan.example"), content_type="text/html"),
        Route("/lowongan/", html_page(golang.path, "https://www.lowongan.example/lowongan/arsip"), content_type="text/html"),
        Route(golang.path, golang.body, content_type="text/html"),
        # Two clicks from home: read, but its links are not followed.
        Route("/lowongan/arsip", design.body.replace(b"</body>", b'<a href="/lowongan/lama">lama</a></body>'), content_type="text/html"),
        Route("/lowongan/lama", golang.body, content_type="text/html"),
        Route("/lowongan/luar", golang.body, content_type="text/html"),
    ])
    result = run_crawl("jobposting", server.url, sqlite_url, "domain=lowongan.example")

    assert stored_ids(sqlite_url) == {"lowongan.example:LWG-1001", "www.lowongan.example:LWG-1002"}
    assert "/sitemap.xml" in server.requests
    assert "/lowongan/lama" not in server.requests and "/lowongan/luar" not in server.requests
    assert stat(result, "pasarkerja/pages_without_jobposting") == 2  # the home and list pages


def test_named_page_without_posting_is_rejected(serve, sqlite_url):
    server = serve(load_routes(SAMPLE_DIR / "jobposting"))
    run_crawl(
        "jobposting", server.url, sqlite_url, f"urls={SAMPLE_PAGE},https://lowongan.example/tentang,https://lowongan.example/hilang",
        healthy=False,  # 2 of 3 pages rejected
    )

    assert stored_ids(sqlite_url) == {"lowongan.example:LWG-1001"}
    rejects = rows(sqlite_url, "SELECT reason, url FROM rejects ORDER BY url")
    assert [(row.reason, row.url) for row in rejects] == [
        ("http_status", "https://lowongan.example/hilang"),
        ("no_jobposting", "https://lowongan.example/tentang"),
    ]


def test_unreadable_sitemap_is_rejected(serve, sqlite_url):
    server = serve([Route("/sitemap.xml", b"<html><body>Checking your browser</body></html>", content_type="text/html")])
    run_crawl("jobposting", server.url, sqlite_url, "sitemap=https://lowongan.example/sitemap.xml", healthy=False)
    assert [row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects")] == ["invalid_sitemap"]


def test_missing_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.delenv(browser.CHROMIUM_VARIABLE, raising=False)
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(browser.ChromiumNotFound, match="needs Chromium, which is not installed: apt-get install chromium"):
        JobPostingSpider(domain="lowongan.example", render="1")

    monkeypatch.setenv(browser.CHROMIUM_VARIABLE, str(tmp_path / "chrome"))
    with pytest.raises(browser.ChromiumNotFound, match=f"PASARKERJA_CHROMIUM={tmp_path / 'chrome'} is not an executable file"):
        JobPostingSpider(domain="lowongan.example", render="1")


def test_launch_options_use_the_found_chromium(monkeypatch):
    options = browser.launch_options("/opt/chromium/chrome")
    assert options["executable_path"] == "/opt/chromium/chrome"
    assert {"--disable-background-networking", "--disable-component-update", "--no-first-run"} <= set(options["args"])
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    assert "--no-sandbox" in browser.launch_options("/usr/bin/chromium")["args"]
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)
    assert "--no-sandbox" not in browser.launch_options("/usr/bin/chromium")["args"]


@pytest.fixture
def js_site(serve):
    """tests/site: a job board that builds its list and JSON-LD in the browser."""
    return serve(load_routes(SITE_DIR))


@pytest.mark.browser
def test_plain_crawl_of_a_javascript_site_finds_nothing(js_site, sqlite_url):
    result = run_crawl("jobposting", js_site.url, sqlite_url, "domain=kerja-cepat.example", healthy=False)  # no postings
    assert stored_ids(sqlite_url) == set()
    assert rows(sqlite_url, "SELECT count(*) FROM rejects")[0][0] == 0
    assert stat(result, "pasarkerja/pages_without_jobposting") == 1
    assert "/api/lowongan.json" not in js_site.requests
    assert "scrapy-playwright" not in result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("start", ["domain=kerja-cepat.example", "urls=https://kerja-cepat.example/"])
def test_render_finds_every_posting(start, chromium, js_site, sqlite_url):
    result = run_crawl("jobposting", js_site.url, sqlite_url, start, "render=1")

    assert stored_ids(sqlite_url) == JS_SITE_IDS
    assert rows(sqlite_url, "SELECT count(*) FROM rejects")[0][0] == 0
    assert {row.url for row in rows(sqlite_url, "SELECT url FROM postings")} == {"https://kerja-cepat.example/"}
    assert "/api/lowongan.json" in js_site.requests  # fetched by the page's script, in Chromium
    # Only the page went through the browser (robots.txt and sitemap guesses did not), and it was closed.
    assert (stat(result, "playwright/browser_count"), stat(result, "playwright/page_count")) == (1, 1)
    assert stat(result, "playwright/page_count/closed") == 1
    assert stat(result, "playwright/request_count/aborted") == 2  # the logo and the style sheet


@pytest.mark.browser
def test_render_keeps_open_pages_bounded(chromium, sample_server, sqlite_url):
    result = run_crawl(
        "jobposting", sample_server.url, sqlite_url, "sitemap=https://lowongan.example/sitemap_index.xml", "render=1",
        CONCURRENT_REQUESTS_PER_DOMAIN="8",
    )
    assert stored_ids(sqlite_url) == sample_source_ids("jobposting")
    assert stat(result, "playwright/page_count") == stat(result, "playwright/page_count/closed") == 5
    assert stat(result, "playwright/page_count/max_concurrent") <= 2  # PLAYWRIGHT_MAX_PAGES_PER_CONTEXT


@pytest.mark.browser
def test_page_that_fails_to_load_is_closed_and_rejected(chromium, js_site, sqlite_url):
    settings = {**TEST_SETTINGS, "DATABASE_URL": sqlite_url, "RETRY_ENABLED": "False", "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": "1"}
    result = scrapy(
        "crawl", "jobposting", "-a", f"base_url={js_site.url}", "-a", "urls=https://kerja-cepat.example/", "-a", "render=1",
        *(option for name, value in settings.items() for option in ("-s", f"{name}={value}")),
    )
    assert result.returncode == 1  # its only page rejected: the crawl's health check fails
    assert stat(result, "playwright/page_count") == stat(result, "playwright/page_count/closed") == 1
    assert [row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects")] == ["download_failed"]


@pytest.mark.browser
def test_render_without_chromium_is_a_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setenv(browser.CHROMIUM_VARIABLE, str(tmp_path / "chromium"))
    result = scrapy("crawl", "jobposting", "-a", "urls=https://kerja-cepat.example/", "-a", "render=1")
    assert result.returncode == 2
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"error: PASARKERJA_CHROMIUM={tmp_path / 'chromium'} is not an executable file: apt-get install chromium" in last_line
    assert "Traceback" not in result.stderr
