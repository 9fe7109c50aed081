"""Politeness and limits, in real crawls against a scripted server on 127.0.0.1: Retry-After honoured up to
RETRY_AFTER_MAX, oversize pages, redirect loops and redirects off the host become rejects with a reason, and a live
crawl without PASARKERJA_CONTACT warns."""

from __future__ import annotations

import gzip
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawlers.extensions.contact import ContactWarning
from crawlers.middlewares.redirects import same_host
from crawlers.middlewares.retry_after import retry_after_seconds
from crawlers.spiders.remotive import RemotiveSpider
from tests.conftest import PROJECT_DIR, TEST_SETTINGS, rows, run_crawl
from tests.platforms import sample_body

FEED = "/api/remote-jobs"  # the remotive spider's one request: a whole crawl is one page
FEED_BODY = sample_body("remotive")
FEED_POSTINGS = 7


@dataclass
class Reply:
    status: int = 200
    body: bytes = FEED_BODY
    headers: dict[str, str | Callable[[], str]] = field(default_factory=dict)
    """Header values; a callable is called when the reply is sent (an HTTP-date a few seconds ahead)."""
    length: bool = True
    """False: no Content-Length, the body ends when the connection closes."""


class ScriptedServer:
    """Answers each path (query ignored) with its replies in turn, the last one repeated; anything else is a 404.

    Records every request as (monotonic time, path, Host header).
    """

    def __init__(self, script: dict[str, list[Reply]]):
        self.script = script
        self.served: dict[str, int] = {}
        self.requests: list[tuple[float, str, str]] = []
        handler = type("Handler", (_Handler,), {"server_script": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def reply(self, path: str) -> Reply:
        path = path.split("?")[0]
        replies = self.script.get(path)
        if not replies:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        count = self.served.get(path, 0)
        self.served[path] = count + 1
        return replies[min(count, len(replies) - 1)]

    def paths(self, path: str) -> list[str]:
        return [seen for _, seen, _ in self.requests if seen.split("?")[0] == path]

    def times(self, path: str) -> list[float]:
        return [at for at, seen, _ in self.requests if seen.split("?")[0] == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    server_script: ScriptedServer

    def do_GET(self) -> None:
        self.server_script.requests.append((time.monotonic(), self.path, self.headers.get("Host", "")))
        reply = self.server_script.reply(self.path)
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value() if callable(value) else value)
        if reply.length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def scripted():
    servers = []

    def start(script: dict[str, list[Reply]]) -> ScriptedServer:
        servers.append(ScriptedServer(script))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def rejects(database_url: str) -> list[tuple]:
    return [tuple(row) for row in rows(database_url, "SELECT reason, url, detail, snippet FROM rejects")]


def postings(database_url: str) -> int:
    return rows(database_url, "SELECT count(*) FROM postings")[0][0]


# Retry-After


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"120", 120.0),
        (b" 0 ", 0.0),
        (formatdate(1_000_090, usegmt=True).encode(), 90.0),  # an HTTP-date 90 s after "now"
        (formatdate(999_000, usegmt=True).encode(), 0.0),  # a date gone by: no wait
        (b"soon", None),
        (b"-5", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(value, expected):
    assert retry_after_seconds(value, now=1_000_000) == expected


@pytest.mark.parametrize(
    ("status", "retry_after", "waited_at_least"),
    [
        (429, "2", 1.9),
        # An HTTP-date is whole seconds: 3 s ahead is at least 2 s of waiting.
        (503, lambda: formatdate(time.time() + 3, usegmt=True), 1.9),
    ],
    ids=["429-seconds", "503-http-date"],
)
def test_retry_after_is_waited_then_the_page_is_stored(status, retry_after, waited_at_least, scripted, sqlite_url):
    server = scripted({FEED: [Reply(status, b'{"error": "slow down"}', {"Retry-After": retry_after}), Reply()]})
    run_crawl("remotive", server.url, sqlite_url)

    first, second = server.times(FEED)  # exactly one retry
    assert second - first >= waited_at_least
    assert postings(sqlite_url) == FEED_POSTINGS
    assert rejects(sqlite_url) == []


def test_retry_after_beyond_the_cap_is_rejected_at_once(scripted, sqlite_url):
    server = scripted({FEED: [Reply(429, b'{"error": "rate limited"}', {"Retry-After": "3600"})]})
    run_crawl("remotive", server.url, sqlite_url, healthy=False)

    assert server.paths(FEED) == [FEED]  # never retried
    assert rejects(sqlite_url) == [
        (
            "rate_limited",
            server.url + FEED,
            "HTTP 429: Retry-After 3600 s beyond the 300 s cap (RETRY_AFTER_MAX)",
            '{"error": "rate limited"}',
        )
    ]


def test_a_host_that_asked_to_wait_beyond_the_cap_is_not_asked_again(scripted, sqlite_url):
    """Its robots.txt says to come back in an hour: no page of the host is requested in this crawl."""
    too_many = Reply(429, b"", {"Retry-After": "3600"})
    server = scripted({"/robots.txt": [too_many], "/a": [too_many], "/b": [too_many]})
    run_crawl(
        "jobposting",
        server.url,
        sqlite_url,
        "urls=https://lowongan.example/a,https://lowongan.example/b",
        healthy=False,
    )

    assert [path for _, path, _ in server.requests] == ["/robots.txt"]
    found = rejects(sqlite_url)
    assert sorted(url for _, url, _, _ in found) == [server.url + "/a", server.url + "/b"]
    assert {reason for reason, *_ in found} == {"rate_limited"}
    assert all("beyond the 300 s cap" in detail for _, _, detail, _ in found)


@pytest.mark.parametrize(
    ("headers", "detail"),
    [({"Retry-After": "1"}, "HTTP 429 after 1 retry (Retry-After 1 s)"), ({}, "HTTP 429 after 1 retry")],
    ids=["with-retry-after", "without"],
)
def test_still_rate_limited_after_the_retries_is_a_reject(headers, detail, scripted, sqlite_url):
    server = scripted({FEED: [Reply(429, b"{}", headers)]})
    run_crawl("remotive", server.url, sqlite_url, RETRY_TIMES="1", healthy=False)

    assert len(server.paths(FEED)) == 2
    assert [(reason, found_detail) for reason, _, found_detail, _ in rejects(sqlite_url)] == [("rate_limited", detail)]


def test_waiting_for_retry_after_leaves_the_crawl_responsive(scripted, sqlite_url, tmp_path):
    """The wait is not a sleep of the reactor: Ctrl-C during a 200 s Retry-After ends the crawl."""
    server = scripted({FEED: [Reply(429, b"{}", {"Retry-After": "200"}), Reply()]})
    command = [sys.executable, "-m", "scrapy", "crawl", "remotive", "-a", f"base_url={server.url}"]
    for name, value in {**TEST_SETTINGS, "DATABASE_URL": sqlite_url}.items():
        command += ["-s", f"{name}={value}"]
    log = tmp_path / "crawl.log"
    with log.open("w") as stderr:
        crawl = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            deadline = time.monotonic() + 60
            while not server.paths(FEED) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert server.paths(FEED), log.read_text()[-3000:]
            time.sleep(1)  # the 429 is read and the retry is waiting
            crawl.send_signal(signal.SIGINT)
            crawl.wait(timeout=60)
        finally:
            if crawl.poll() is None:
                crawl.kill()
    assert server.paths(FEED) == [FEED]
    assert "Traceback" not in log.read_text()
    assert [(reason, detail.split(" with ")[0]) for reason, _, detail, _ in rejects(sqlite_url)] == [
        ("rate_limited", "the crawl stopped")
    ]


# Download size


def test_download_size_has_a_sane_default():
    settings = get_project_settings()
    assert settings.getint("DOWNLOAD_MAXSIZE") == 32 * 1024 * 1024
    assert 0 < settings.getint("DOWNLOAD_WARNSIZE") < settings.getint("DOWNLOAD_MAXSIZE")


@pytest.mark.parametrize(
    "reply",
    [
        Reply(),  # Content-Length says it is too large: not downloaded
        Reply(length=False),  # no Content-Length: cut off once past the limit
        # 2 KB sent, 24 KB unpacked
        Reply(body=gzip.compress(FEED_BODY * 4), headers={"Content-Encoding": "gzip"}),
    ],
    ids=["content-length", "close-delimited", "gzip"],
)
def test_a_page_larger_than_download_maxsize_is_rejected(reply, scripted, sqlite_url):
    server = scripted({FEED: [reply]})
    run_crawl("remotive", server.url, sqlite_url, DOWNLOAD_MAXSIZE="4096", DOWNLOAD_WARNSIZE="1024", healthy=False)

    assert [(reason, url) for reason, url, _, _ in rejects(sqlite_url)] == [("too_large", server.url + FEED)]
    assert "DOWNLOAD_MAXSIZE 4096" in rejects(sqlite_url)[0][2]
    assert len(server.paths(FEED)) == 1  # not retried


# Redirects


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", {"Location": location})


def test_same_host_redirects_are_followed(scripted, sqlite_url):
    server = scripted({FEED: [redirect("/api/v2/remote-jobs", 301)], "/api/v3/remote-jobs": [Reply()]})
    server.script["/api/v2/remote-jobs"] = [redirect(f"{server.url}/api/v3/remote-jobs")]  # absolute, same host
    run_crawl("remotive", server.url, sqlite_url)

    assert postings(sqlite_url) == FEED_POSTINGS
    assert rejects(sqlite_url) == []


@pytest.mark.parametrize(
    ("script", "detail"),
    [
        # Back to the first page: Scrapy's duplicate filter dropped it without a word.
        (
            {FEED: [redirect("/b")], "/b": [redirect(FEED)]},
            "a redirect back to {url}/api/remote-jobs: {url}/api/remote-jobs -> {url}/b -> {url}/api/remote-jobs",
        ),
        (
            {FEED: [redirect(FEED + "?again=1")]},
            "a redirect back to {url}/api/remote-jobs?again=1: {url}/api/remote-jobs -> {url}/api/remote-jobs?again=1 -> {url}/api/remote-jobs?again=1",
        ),
        # Always somewhere new: Scrapy's REDIRECT_MAX_TIMES ends it.
        (
            {
                FEED: [redirect("/r/1")],
                "/r/1": [redirect("/r/2")],
                "/r/2": [redirect("/r/3")],
                "/r/3": [redirect("/r/4")],
            },
            "more than 2 redirects: {url}/api/remote-jobs -> {url}/r/1 -> {url}/r/2 -> ...",
        ),
    ],
    ids=["back-to-the-start", "to-itself", "endless"],
)
def test_a_redirect_loop_is_rejected(script, detail, scripted, sqlite_url):
    server = scripted(script)
    result = run_crawl("remotive", server.url, sqlite_url, REDIRECT_MAX_TIMES="2", healthy=False)

    assert [(reason, url, found) for reason, url, found, _ in rejects(sqlite_url)] == [
        ("redirect_loop", server.url + FEED, detail.format(url=server.url))
    ]
    assert "Rejected page" in result.stderr
    assert len(server.requests) <= 6  # robots.txt and the chain, nothing more


def test_a_redirect_to_another_host_is_rejected(scripted, sqlite_url):
    """With base_url, a redirect must not leave it: here to the same server under another name, and to another port."""
    other = scripted({FEED: [Reply()]})
    server = scripted({FEED: [redirect("/moved")]})
    server.script["/moved"] = [redirect(f"http://localhost:{server.port}{FEED}")]
    run_crawl("remotive", server.url, sqlite_url, healthy=False)
    chain = f"{server.url}/api/remote-jobs -> {server.url}/moved -> http://localhost:{server.port}/api/remote-jobs"
    assert rejects(sqlite_url) == [
        (
            "off_host_redirect",
            server.url + FEED,
            f"127.0.0.1:{server.port} redirected to localhost:{server.port}: {chain}",
            None,
        )
    ]
    assert all(host == f"127.0.0.1:{server.port}" for _, _, host in server.requests)

    server.script["/moved"] = [redirect(other.url + FEED)]
    database = sqlite_url.replace(".db", "-2.db")
    run_crawl("remotive", server.url, database, healthy=False)
    assert [reason for reason, *_ in rejects(database)] == ["off_host_redirect"]
    assert other.requests == []
    assert postings(database) == 0


def test_a_meta_refresh_to_another_host_is_rejected(scripted, sqlite_url):
    server = scripted({})
    refresh = f'<html><head><meta http-equiv="refresh" content="0; url=http://localhost:{server.port}/b"></head></html>'
    server.script["/a"] = [Reply(body=refresh.encode(), headers={"Content-Type": "text/html"})]
    run_crawl("jobposting", server.url, sqlite_url, "urls=https://lowongan.example/a", healthy=False)

    assert [(reason, url) for reason, url, _, _ in rejects(sqlite_url)] == [("off_host_redirect", server.url + "/a")]
    assert server.paths("/b") == []


@pytest.mark.parametrize(
    ("first", "then", "same"),
    [
        ("https://www.freelancer.com/api/x", "https://www.freelancer.com/api/y", True),
        ("http://lowongan.example/", "https://www.lowongan.example/", True),  # to https, to www.
        ("https://www.lowongan.example/", "https://lowongan.example/", True),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b", True),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:8001/a", False),
        ("http://127.0.0.1:8000/a", "http://localhost:8000/a", False),
        ("https://remotive.com/api", "https://cdn.remotive.com/api", False),
        ("https://lowongan.example/", "https://lowongan.example.evil/", False),
    ],
)
def test_same_host(first, then, same):
    assert same_host(first, then) is same


def test_a_live_crawl_follows_robots_txt_to_another_host(scripted, sqlite_url):
    """RFC 9309: robots.txt redirects are followed, across hosts too; here to the same server under another name."""
    server = scripted(
        {"/rules.txt": [Reply(body=b"User-agent: *\nDisallow: /private", headers={"Content-Type": "text/plain"})]}
    )
    server.script["/robots.txt"] = [redirect(f"http://localhost:{server.port}/rules.txt")]
    crawl_live(server.url + "/private/1", sqlite_url, contact="mailto:koordinator@pondok.example")

    assert [path for _, path, _ in server.requests] == ["/robots.txt", "/rules.txt"]  # the page: forbidden


# PASARKERJA_CONTACT


def crawl_live(page_url: str, database_url: str, contact: str | None) -> subprocess.CompletedProcess:
    """A crawl without base_url (here of a page on 127.0.0.1 named with urls=, as an operator names a site's pages)."""
    environment = {name: value for name, value in os.environ.items() if name != "PASARKERJA_CONTACT"}
    if contact is not None:
        environment["PASARKERJA_CONTACT"] = contact
    command = [sys.executable, "-m", "scrapy", "crawl", "jobposting", "-a", f"urls={page_url}"]
    for name, value in {**TEST_SETTINGS, "DATABASE_URL": database_url}.items():
        command += ["-s", f"{name}={value}"]
    return subprocess.run(command, cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120)


def test_a_live_crawl_without_a_contact_warns_once(scripted, sqlite_url):
    server = scripted({})
    result = crawl_live(server.url + "/lowongan/1", sqlite_url, contact=None)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.stderr.count("PASARKERJA_CONTACT is not set") == 1, result.stderr[-3000:]

    result = crawl_live(server.url + "/lowongan/1", sqlite_url, contact="mailto:koordinator@pondok.example")
    assert "PASARKERJA_CONTACT" not in result.stderr, result.stderr[-3000:]


def test_a_crawl_of_a_test_server_does_not_warn_about_the_contact(scripted, sqlite_url):
    server = scripted({FEED: [Reply()]})
    result = run_crawl("remotive", server.url, sqlite_url)
    assert "PASARKERJA_CONTACT" not in result.stderr


@pytest.mark.parametrize(
    ("user_agent", "arguments", "warns"),
    [
        (
            "pasarkerja/0.1 (labour-market research for training communities; +https://github.com/pasarkerja/pasarkerja)",
            {},
            True,
        ),
        ("pasarkerja/0.1 (labour-market research for training communities; +mailto:a@b.example)", {}, False),
        (
            "pasarkerja/0.1 (labour-market research for training communities; +https://github.com/pasarkerja/pasarkerja)",
            {"base_url": "http://127.0.0.1:8000"},
            False,
        ),
    ],
    ids=["live-unset", "live-set", "base-url"],
)
def test_contact_warning(user_agent, arguments, warns, caplog):
    crawler = get_crawler(
        RemotiveSpider,
        {"USER_AGENT": user_agent, "PASARKERJA_PROJECT_PAGE": "https://github.com/pasarkerja/pasarkerja"},
    )
    extension = ContactWarning.from_crawler(crawler)
    with caplog.at_level(logging.WARNING):
        extension.spider_opened(RemotiveSpider(**arguments))
    assert ("PASARKERJA_CONTACT is not set" in caplog.text) is warns
