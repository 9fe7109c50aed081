"""What the database can take (pipelines.db.storable.make_storable, used by pipelines.validate), and the store worker's
last line of defence: one record the database refuses never loses its batch, and SQLite and PostgreSQL store and refuse the
same records."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace

import pytest

from crawlers.items import Reject
from pipelines.db.errors import WriteFailed, describe
from pipelines.db.models import JSON_DEPTH, storable_json
from pipelines.db.packing import PackedPostings, packed
from pipelines.db.storable import make_storable
from pipelines.db.worker import StoreWorker
from pipelines.derive import Deriver
from sample.server import Route
from sample.synthetic import synthetic_page
from tests.conftest import rows, run_crawl
from tests.test_store import new_run, posting


def nested(depth: int):
    """A list ``depth`` lists deep, as a JSON parser makes it."""
    return json.loads("[" * depth + "1" + "]" * depth)


# Each field change and the reject it gets. Every one of them was written by SQLite, or by both databases, or lost
# its whole batch, before these checks.
UNSTORABLE = [
    ({"language": "x" * 9}, "too_long:language"),
    ({"status": "s" * 33}, "too_long:status"),
    ({"country": "IDN"}, "too_long:country"),
    ({"client_country": "IDN"}, "too_long:client_country"),
    ({"source_id": "9" * 256}, "too_long:source_id"),
    ({"bid_count": 2**31}, "out_of_range:bid_count"),
    ({"applicant_count": -(2**31) - 1}, "out_of_range:applicant_count"),
    ({"pay_min": 2**63, "pay_max": 2**64}, "out_of_range:pay_min"),
    ({"pay_usd_rate": float("nan")}, "out_of_range:pay_usd_rate"),
    ({"pay_max": float("inf")}, "out_of_range:pay_max"),
    ({"title": "Logo\x00 design"}, "bad_text:title"),
    ({"description": "Desain \ud83d logo"}, "bad_text:description"),
    ({"company": "PT \udc00"}, "bad_text:company"),
    ({"skills": ["PHP\x00"]}, "bad_text:skills"),
    ({"raw": {"id": 1, "note": "a\x00b"}}, "bad_text:raw"),
    ({"raw": {"id": 1, "a\x00": 1}}, "bad_text:raw"),
    ({"raw": {"id": 1, "note": "\ud800"}}, "bad_text:raw"),
    ({"raw": {"deep": nested(JSON_DEPTH)}}, "too_deep:raw"),
]


@pytest.mark.parametrize(("changes", "reason"), UNSTORABLE)
def test_make_storable_names_what_the_database_would_refuse(changes, reason):
    assert make_storable(posting("1")) == []
    problems = make_storable(replace(posting("1"), **changes))
    assert problems[0][0] == reason
    assert all("\x00" not in detail and len(detail) < 120 for _, detail in problems)  # never the value itself


def test_storable_values_at_the_limits_pass():
    at_limits = posting(
        "9" * 255, language="x" * 8, status="s" * 32, country="ID", bid_count=2**31 - 1, applicant_count=0,
        pay_min=2**63 - 1, pay_max=2.0**70, title="Désain logo 🎨", raw={"deep": nested(JSON_DEPTH - 1)},
    )  # fmt: skip
    assert make_storable(at_limits) == []


def test_integers_beyond_64_bits_in_raw_become_their_digits():
    raw = {"id": 1, "budget": {"minimum": 10**30, "ids": [2**64, -(2**63) - 1, 2**64 - 1]}, 10**20: "key"}
    record = posting("1", raw=raw)
    assert make_storable(record) == []
    assert record.raw == {
        "id": 1,
        "budget": {"minimum": str(10**30), "ids": [str(2**64), str(-(2**63) - 1), 2**64 - 1]},
        str(10**20): "key",
    }
    # A literal backslash-u0000 is text, not a NUL.
    assert storable_json({"note": "\\u0000"}) == ({"note": "\\u0000"}, None)


# On both databases ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deriver():
    return Deriver().fit()


@pytest.fixture
def worker(engine, deriver):
    """The store's worker, started in this process on ``engine``."""
    store = StoreWorker(engine.url.render_as_string(hide_password=False), deriver=deriver)
    store.start(new_run(engine))
    yield store
    store.close()


def test_both_databases_store_and_reject_the_same_records(worker, engine):
    """Through the crawl's own path (packed, then judged and written by the worker): every good record stored, every
    unstorable one a reject with its reason, on SQLite as on PostgreSQL."""
    records = [replace(posting(str(number)), **changes) for number, (changes, _) in enumerate(UNSTORABLE)]
    records += [posting("good-1"), posting("good-2", raw={"id": 2**70})]
    written = worker.submit(pickle.loads(pickle.dumps(PackedPostings(map(packed, records)))), [])
    assert written.new == 2 and len(written.refused) == len(UNSTORABLE)
    url = engine.url.render_as_string(hide_password=False)
    assert [row.source_id for row in rows(url, "SELECT source_id FROM postings ORDER BY source_id")] == ["good-1", "good-2"]
    raw = rows(url, "SELECT raw FROM postings WHERE source_id = 'good-2'")[0].raw
    assert (json.loads(raw) if isinstance(raw, str) else raw) == {"id": str(2**70)}
    stored = rows(url, "SELECT reason, snippet FROM rejects ORDER BY id")
    # Pay that no posting can pay, or that is not a number, is judged by find_problem before the column checks.
    judged_first = {
        "out_of_range:pay_min": "pay_beyond_ceiling", "out_of_range:pay_usd_rate": "bad_number",
        "out_of_range:pay_max": "bad_number",
    }  # fmt: skip
    assert [reject.reason for reject in stored] == [judged_first.get(reason, reason) for _, reason in UNSTORABLE]
    # Snippets keep what the database cannot hold as \u escapes.
    assert any("\\u0000" in reject.snippet for reject in stored) and any("\\ud800" in reject.snippet for reject in stored)


def test_the_worker_makes_unsound_postings_rejects_and_mends_what_it_can(engine, deriver):
    """What the crawl no longer judges (its items go to the worker as they are): the reject's reason, the source the
    posting names or else the crawl's platform, the raw record's start."""
    store = StoreWorker(engine.url.render_as_string(hide_password=False), deriver=deriver, platform="freelancer")
    store.start(new_run(engine))
    try:
        long_status = posting("1", status="open" * 20, raw={"id": 1, "status": "open" * 20})
        no_source = posting("2", source=None, raw={"id": 2})
        written = store.submit([long_status, no_source, posting("3", raw={"id": 2**70})], [])
    finally:
        store.close()
    assert written.new == 1
    assert [(r.source, r.reason, r.detail) for r in written.refused] == [
        ("freelancer", "too_long:status", "status has 80 characters (at most 32)"),
        ("freelancer", "missing:source", "source is None"),
    ]
    assert written.refused[1].snippet == '{"id": 2}'
    url = engine.url.render_as_string(hide_password=False)
    raw = rows(url, "SELECT raw FROM postings WHERE source_id = '3'")[0].raw
    assert (json.loads(raw) if isinstance(raw, str) else raw) == {"id": str(2**70)}  # mended, not refused


def test_postings_sent_packed_are_stored_as_they_were(worker, engine):
    """The crawl sends postings packed (pipelines.db.packing.PackedPostings): the raw record as its JSON, stored as
    it is."""
    records = [posting("1", raw={"id": 1, "budget": {"minimum": 2.5, "currency": "IDR"}, "tags": ["é", None]})]
    records.append(posting("2"))
    sent = pickle.loads(pickle.dumps(PackedPostings(map(packed, records))))
    assert [replace(record, raw=None) for record in sent] == [replace(record, raw=None) for record in records]
    written = worker.submit(sent, [])
    assert (written.new, written.refused) == (2, [])
    url = engine.url.render_as_string(hide_password=False)
    raw = rows(url, "SELECT raw FROM postings WHERE source_id = '1'")[0].raw
    assert (json.loads(raw) if isinstance(raw, str) else raw) == records[0].raw


def test_a_record_the_database_refuses_anyway_becomes_a_reject_and_the_rest_of_its_batch_is_stored(
    worker, engine, monkeypatch
):
    """The last line of defence, for what no check foresaw (here a NOT NULL column given None, the check that would
    have seen it switched off)."""
    monkeypatch.setattr("pipelines.db.worker.find_problem", lambda posting, now: None)
    url = engine.url.render_as_string(hide_password=False)
    batch = [posting("1"), replace(posting("2"), url=None), posting("3")]
    earlier = Reject("freelancer", "invalid_json", "https://example.test/p", "cut short", '{"a": ')
    written = worker.submit(batch, [earlier])
    assert (written.new, written.updated) == (2, 0)
    assert [reject.reason for reject in written.refused] == ["write_failed"]
    assert "url" in written.refused[0].detail and "Posting 2" not in written.refused[0].detail
    assert written.covered["title"] == 2  # counted for the postings stored only
    assert [row.source_id for row in rows(url, "SELECT source_id FROM postings ORDER BY source_id")] == ["1", "3"]
    stored = rows(url, "SELECT reason, detail, snippet FROM rejects ORDER BY id")
    assert [reject.reason for reject in stored] == ["invalid_json", "write_failed"]
    assert stored[1].detail == written.refused[0].detail
    assert json.loads(stored[1].snippet) == {"id": "2", "note": "test record"}
    # The postings stored were derived as in any batch.
    assert rows(url, "SELECT count(DISTINCT posting_id) FROM posting_skills")[0][0] == 2


def test_a_posting_that_cannot_be_derived_becomes_a_reject(worker, monkeypatch):
    original = worker.deriver.derive

    def derive(record):
        if record.source_id == "2":
            raise ZeroDivisionError("division by zero")
        return original(record)

    monkeypatch.setattr(worker.deriver, "derive", derive)
    written = worker.submit([posting("1"), posting("2")], [])
    assert written.new == 1
    assert [(r.reason, r.detail) for r in written.refused] == [("derive_failed", "ZeroDivisionError: division by zero")]


def test_a_database_that_refuses_every_write_raises_one_line_without_the_postings(worker, engine):
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE rejects")  # even a reject, which is always storable, is refused
    batch = [posting("1", description="secret posting text")], [Reject("freelancer", "invalid_json")]
    with pytest.raises(WriteFailed) as failed:
        worker.submit(*batch)
    message = str(failed.value)
    assert "rejects" in message and "\n" not in message and "secret posting text" not in message
    assert failed.value.postings_written == 1  # stored one by one before the database refused the reject


def test_describe_keeps_the_database_message_and_drops_sql_and_parameters(engine):
    from sqlalchemy import text

    with pytest.raises(Exception) as raised, engine.begin() as connection:
        connection.execute(text("INSERT INTO no_such_table (a) VALUES (:value)"), {"value": "whole posting text"})
    line = describe(raised.value)
    assert "no_such_table" in line and "whole posting text" not in line and "INSERT" not in line and "\n" not in line


# Real crawls -------------------------------------------------------------------------------------------------------


def adversarial_page() -> tuple[bytes, dict[str, str]]:
    """40 synthetic Freelancer projects, 8 of them altered as the adversarial tests did; and the reject reason of each
    altered one that cannot be stored (the one with an integer beyond 64 bits in a field nobody reads is stored)."""
    page = json.loads(synthetic_page(0, 40))
    projects, users = page["result"]["projects"], page["result"]["users"]
    projects[0]["unread"] = 2**70
    projects[1]["unread"] = nested(300)
    projects[2]["title"] = "Logo \ud800 design"
    projects[3]["description"] = "Desain\x00 logo"
    projects[4]["language"] = "english-uk"
    projects[5]["frontend_project_status"] = "open" * 10
    users[str(projects[6]["owner_id"])]["location"]["country"]["code"] = "idn"
    projects[7]["id"] = "9" * 256
    reasons = ["too_deep:raw", "bad_text:title", "bad_text:description", "too_long:language", "too_long:status",
               "too_long:client_country", "too_long:source_id"]  # fmt: skip
    return json.dumps(page).encode(), dict(zip([str(project["id"]) for project in projects[1:8]], reasons, strict=True))


@pytest.mark.postgres
def test_a_crawl_stores_every_good_record_beside_unstorable_ones_alike_on_both_databases(serve, sqlite_url, postgres_url):
    body, reasons = adversarial_page()
    server = serve([Route("*", body)])
    outcomes = []
    for database_url in (sqlite_url, postgres_url):
        run_crawl("freelancer", server.url, database_url)  # 7 of 40 rejected: under the 20% that fails a crawl
        stored = {row.source_id for row in rows(database_url, "SELECT source_id FROM postings")}
        rejected = sorted(row.reason for row in rows(database_url, "SELECT reason FROM rejects"))
        run = rows(database_url, "SELECT items, rejected, healthy FROM crawl_runs")[0]
        outcomes.append((stored, rejected, (run.items, run.rejected, bool(run.healthy))))
    stored, rejected, run = outcomes[0]
    assert len(stored) == 33 and "10000000" in stored and not stored & set(reasons)
    assert rejected == sorted(reasons.values())
    assert run == (33, 7, True)
    assert all(outcome == outcomes[0] for outcome in outcomes)  # SQLite and PostgreSQL alike


def test_a_re_crawl_meeting_an_unhashable_version_of_a_stored_posting_rejects_it_alone(serve, sqlite_url):
    """The incremental middleware hashes postings already stored; one it cannot hash no longer fails its page."""
    first = serve([Route("*", synthetic_page(0, 40))])
    run_crawl("freelancer", first.url, sqlite_url)
    page = json.loads(synthetic_page(0, 40))
    page["result"]["projects"][0]["title"] = "Synthetic project \udc00"
    page["result"]["projects"][1]["bid_stats"]["bid_count"] = 2**70
    again = serve([Route("*", json.dumps(page).encode())])
    run_crawl("freelancer", again.url, sqlite_url)  # healthy: no error logged
    [(items, rejected)] = rows(sqlite_url, "SELECT items, rejected FROM crawl_runs WHERE id = 2")
    assert items + rejected == 40 and rejected >= 1
    assert "bad_text:title" in {row.reason for row in rows(sqlite_url, "SELECT reason FROM rejects")}
