"""Fuzzing: the bundled format samples mutated, with fixed seeds, into hundreds of records, each crawl serving one page
of good and mutated records (one crawl per spider, so the whole run fits CI).

The invariant, for every spider: no traceback; every unmutated record stored; every mutated record stored or rejected
with a reason, never both and never lost; ``crawl_runs`` counting exactly that. On PostgreSQL the same page gives the
same postings and the same rejects as on SQLite: column limits are checked before the database sees a record.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from sample.server import SAMPLE_DIR, Route
from tests.conftest import rows, run_crawl
from tests.platforms import sample_body

SEED = 20261205
MUTATED_PER_SPIDER = 80
UNMUTATED_PER_SPIDER = 12
DEEP = 300  # deeper than orjson encodes (255), shallow enough for Python's parser and copy


@dataclass(frozen=True)
class Feed:
    """Where a spider's sample page keeps its records, and how to make the page hold them all in one."""

    spider: str
    records: tuple[str, ...]
    """Keys from the page to its list of records (empty: the page is the list)."""
    id_key: str
    skip: int = 0
    """Leading elements that are not records (Remote OK's legal notice)."""
    totals: tuple[tuple[str, ...], ...] = ()
    """Keys of counts to set to the number of records, so that the spider asks for no second page."""
    last_page: tuple[tuple[tuple[str, ...], Any], ...] = ()
    """Keys set to say there is no next page."""


FEEDS = [
    Feed("freelancer", ("result", "projects"), "id", totals=(("result", "total_count"),)),
    Feed("remoteok", (), "id", skip=1),
    Feed("remotive", ("jobs",), "id"),
    Feed("arbeitnow", ("data",), "slug", last_page=((("links", "next"), None),)),
    Feed("jobicy", ("jobs",), "id"),
    Feed("kalibrr", ("jobs",), "id", totals=(("count",),)),
    Feed("dealls", ("data", "docs"), "id", totals=(("data", "totalDocs"),),
         last_page=((("data", "totalPages"), 1),)),  # fmt: skip
]


def _at(page: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        page = page[key]
    return page


def _set(page: Any, keys: tuple[str, ...], value: Any) -> None:
    _at(page, keys[:-1])[keys[-1]] = value


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


# Values of another type than the field's, and the hostile values every field is tried with.
WRONG_TYPES = [None, 12345, "text", [], {}, True, 1.5]
HOSTILE_VALUES = [
    2**70, -(2**70), 1e308, -1e308, float("inf"), float("-inf"), float("nan"), _nested(DEEP),
    "a\ud800b", "\uffff\ufffe", "nul\x00nul", "\u202egnp.exe", "x" * 20_000, "=HYPERLINK(\"http://evil.test\")",
]  # fmt: skip
# What an id may be replaced with; each must reject its record.
NO_IDS = [None, "", "   ", [], {}]


@dataclass
class Case:
    record: dict
    id: str | None
    """The source id the record must be stored under, or None when it has none and must be rejected."""
    what: str


def _unique(value: Any, number: int) -> Any:
    """An id of the sample's kind, different for each ``number``."""
    return 7_700_000 + number if isinstance(value, int) else f"fuzz-{number}-{value}"


def cases(feed: Feed, samples: list[dict], rng: random.Random) -> tuple[list[Case], list[Case]]:
    """Unmutated records (the samples with fresh ids) and mutated ones, all with ids of their own unless the
    mutation is of the id."""
    numbers = iter(range(10**6))

    def fresh() -> dict:
        record = copy.deepcopy(rng.choice(samples))
        record[feed.id_key] = _unique(record[feed.id_key], next(numbers))
        return record

    unmutated = [Case(record, str(record[feed.id_key]), "unmutated") for record in (fresh() for _ in range(UNMUTATED_PER_SPIDER))]
    mutated = []
    for no_id in NO_IDS:
        record = fresh()
        record[feed.id_key] = no_id
        mutated.append(Case(record, None, f"id {no_id!r}"))
    duplicate = fresh()
    duplicate[feed.id_key] = unmutated[0].record[feed.id_key]
    mutated.append(Case(duplicate, unmutated[0].id, "duplicate id"))
    unread = fresh()
    unread["pasarkerja_fuzz_extra"] = {"big": 2**80, "deep": _nested(DEEP)}  # a field nobody reads
    mutated.append(Case(unread, str(unread[feed.id_key]), "unread field"))
    while len(mutated) < MUTATED_PER_SPIDER:
        record = fresh()
        key = rng.choice(sorted(key for key in record if key != feed.id_key))
        mutation = rng.choice(("drop", "wrong type", "hostile"))
        if mutation == "drop":
            del record[key]
        else:
            record[key] = copy.deepcopy(rng.choice(WRONG_TYPES if mutation == "wrong type" else HOSTILE_VALUES))
        mutated.append(Case(record, str(record[feed.id_key]), f"{mutation} {key}"))
    return unmutated, mutated


def fuzz_page(feed: Feed, seed: int) -> tuple[bytes, list[Case], list[Case]]:
    """The spider's sample page holding good and mutated records, shuffled, as the platform would serve it."""
    rng = random.Random(f"{seed}-{feed.spider}")
    page = json.loads(sample_body(feed.spider))
    listed = _at(page, feed.records) if feed.records else page
    samples = [record for record in listed[feed.skip :] if isinstance(record, dict)]
    unmutated, mutated = cases(feed, samples, rng)
    records = [case.record for case in unmutated + mutated]
    rng.shuffle(records)
    listed[feed.skip :] = records
    for keys in feed.totals:
        _set(page, keys, len(records))
    for keys, value in feed.last_page:
        _set(page, keys, value)
    # Python writes NaN and Infinity as JSON's non-standard literals, as a careless platform would.
    return json.dumps(page, allow_nan=True).encode("utf-8", "surrogatepass"), unmutated, mutated


def crawl_outcome(database_url: str) -> dict[str, Any]:
    postings = rows(database_url, "SELECT source_id, times_seen FROM postings")
    rejects = rows(database_url, "SELECT reason, detail, snippet FROM rejects")
    [run] = rows(database_url, "SELECT new, items, rejected, complete, finish_reason FROM crawl_runs")
    return {"stored": {row.source_id for row in postings}, "rejects": rejects, "run": run}


def check_invariant(outcome: dict[str, Any], unmutated: list[Case], mutated: list[Case]) -> None:
    stored, rejects, run = outcome["stored"], outcome["rejects"], outcome["run"]
    missing = [case.id for case in unmutated if case.id not in stored]
    assert not missing, f"unmutated records not stored: {missing}"
    assert all(reject.reason and reject.detail for reject in rejects), "every reject has a reason and a detail"
    expected_ids = {case.id for case in unmutated + mutated if case.id is not None}
    unexpected = stored - expected_ids
    assert not unexpected, f"stored under ids no record had (a None or a made-up id): {sorted(unexpected)[:5]}"
    lost = [case for case in mutated if case.id not in stored]  # rejected, or it must be
    assert len(rejects) == len(lost), (
        f"{len(lost)} mutated records not stored but {len(rejects)} rejects: "
        f"{Counter(case.what.split()[0] for case in lost)} vs {Counter(reject.reason for reject in rejects)}"
    )
    assert run.finish_reason == "finished"
    assert run.rejected == len(rejects)
    assert run.new == len(stored)


@pytest.mark.parametrize("feed", FEEDS, ids=[feed.spider for feed in FEEDS])
def test_mutated_records_are_stored_or_rejected_and_the_rest_kept(feed, serve, sqlite_url):
    body, unmutated, mutated = fuzz_page(feed, SEED)
    server = serve([Route("*", body)])
    # Many records of the page are rejected on purpose: the crawl's health check fails (exit status 1).
    run_crawl(feed.spider, server.url, sqlite_url, healthy=False)
    check_invariant(crawl_outcome(sqlite_url), unmutated, mutated)


def test_the_fuzz_covers_enough_inputs():
    inputs = sum(len(fuzz_page(feed, SEED)[2]) for feed in FEEDS) + PAGES
    assert inputs >= 500 and len(FEEDS) + 1 >= 6


@pytest.mark.postgres
@pytest.mark.parametrize("spider", ["freelancer", "kalibrr"])
def test_postgresql_stores_and_rejects_exactly_what_sqlite_does(spider, serve, sqlite_url, postgres_url):
    """NUL characters, over-long texts and numbers beyond 32 bits are refused by PostgreSQL alone; checked in
    Python first, both databases keep the same postings and the same rejects."""
    feed = next(feed for feed in FEEDS if feed.spider == spider)
    body, unmutated, mutated = fuzz_page(feed, SEED + 1)
    server = serve([Route("*", body)])
    outcomes = []
    for database_url in (sqlite_url, postgres_url):
        run_crawl(feed.spider, server.url, database_url, healthy=False)
        outcome = crawl_outcome(database_url)
        check_invariant(outcome, unmutated, mutated)
        outcomes.append((outcome["stored"], sorted(reject.reason for reject in outcome["rejects"])))
    assert outcomes[0] == outcomes[1]


# Pages: the jobposting spider reads any site's pages, so one crawl of its `urls` argument serves many page-level
# inputs: good pages, pages cut short, HTTP errors, redirect loops and redirects off the site, bytes that are not
# UTF-8, and pages whose JSON-LD JobPosting is mutated like the records above.
PAGES = 120
JSON_LD = re.compile(rb'(<script type="application/ld\+json">)(.*?)(</script>)', re.S)


def fuzz_site(seed: int, port_of_other_host: int) -> tuple[list[Route], list[str], list[str]]:
    """Routes of a fuzzed job site, the paths of its good pages and of all pages to crawl."""
    rng = random.Random(f"{seed}-jobposting")
    html = (SAMPLE_DIR / "jobposting" / "lwg-1001-backend-developer-golang.html").read_bytes()
    head, block, tail = JSON_LD.search(html).groups()
    posting = json.loads(block)

    def page(record: dict) -> bytes:
        text = json.dumps(record, allow_nan=True).replace("</", "<\\/").encode()
        return JSON_LD.sub(lambda _: head + text + tail, html)

    routes, good, crawled = [], [], []
    for number in range(PAGES):
        path = f"/lowongan/fz-{number}"
        record = copy.deepcopy(posting)
        record["identifier"]["value"] = f"FZ-{number}"
        kind = "good" if number % 5 == 0 else rng.choice(
            ("status", "truncated", "not utf-8", "loop", "off host", "same host", "field", "field", "field")
        )
        crawled.append(path)
        if kind == "good":
            good.append(path)
            routes.append(Route(path, page(record), content_type="text/html; charset=utf-8"))
        elif kind == "status":
            routes.append(Route(path, b"error", status=rng.choice((403, 404, 410, 500)), content_type="text/plain"))
        elif kind == "truncated":
            body = page(record)
            routes.append(Route(path, body[: rng.randrange(len(body))], content_type="text/html; charset=utf-8"))
        elif kind == "not utf-8":
            routes.append(Route(path, page(record).replace(b"Golang", b"Go\xff\xfelang"), content_type="text/html; charset=utf-8"))
        elif kind == "loop":
            routes.append(Route(path, b"", status=302, headers={"Location": path}))
        elif kind == "off host":
            routes.append(Route(path, b"", status=302,
                                headers={"Location": f"http://localhost:{port_of_other_host}{path}"}))  # fmt: skip
        elif kind == "same host":
            routes.append(Route(path, b"", status=301, headers={"Location": f"{path}/moved"}))
            routes.append(Route(f"{path}/moved", page(record), content_type="text/html; charset=utf-8"))
        else:
            key = rng.choice(sorted(key for key in record if key != "identifier"))
            record[key] = copy.deepcopy(rng.choice(WRONG_TYPES + HOSTILE_VALUES))
            routes.append(Route(path, page(record), content_type="text/html; charset=utf-8"))
    return routes, good, crawled


def test_every_fuzzed_page_gives_a_posting_or_a_reject(serve, sqlite_url):
    server = serve([])
    routes, good, crawled = fuzz_site(SEED, server.httpd.server_port)
    server.routes.extend(routes)
    urls = ",".join(f"{server.url}{path}" for path in crawled)
    run_crawl("jobposting", server.url, sqlite_url, f"urls={urls}", healthy=False)

    stored = {row.url for row in rows(sqlite_url, "SELECT url FROM postings")}
    rejects = rows(sqlite_url, "SELECT url, reason, detail FROM rejects")
    for path in good:
        assert f"{server.url}{path}" in stored, path
    for path in crawled:
        url = f"{server.url}{path}"
        outcomes = (url in stored or f"{url}/moved" in stored) + sum(reject.url == url for reject in rejects)
        assert outcomes >= 1, f"{path} left no trace"
    assert all(reject.reason and reject.detail for reject in rejects)
    [run] = rows(sqlite_url, "SELECT rejected, finish_reason FROM crawl_runs")
    assert (run.rejected, run.finish_reason) == (len(rejects), "finished")
