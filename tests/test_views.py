"""The analysts' views (migrations 0008, 0009) and docs/schema.md's example queries, on SQLite and PostgreSQL alike.

Postings are derived and written as a crawl does (pipelines.derive, pipelines.db.writer); their times are then set
by hand, so that every view's rows can be worked out here.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, text, update

from crawlers.items import Posting
from pipelines.db import models
from pipelines.db.engine import as_utc, make_engine
from pipelines.db.schema import _alembic_config, upgrade
from pipelines.db.writer import PostingWriter, sync_skills
from pipelines.derive import Deriver
from tests.conftest import PROJECT_DIR

SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", (PROJECT_DIR / "docs" / "schema.md").read_text(), re.S)
VIEWS = ("vacancies", "posting_skills_named", "posting_pay", "weekly_postings")
SOFTWARE = "software_development"
DESCRIPTION = (
    "CV Kode Merapi mencari programmer web untuk membangun dan merawat aplikasi pemesanan pelanggan kami. "
    "Anda akan menulis kode PHP dengan Laravel, merancang tabel MySQL, dan membuat halaman dengan HTML dan CSS. "
    "Kantor di Sleman, lima hari kerja, BPJS, dan pelatihan rutin."
)


def utc(day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


def job(source: str, source_id: str, title: str, pay: tuple[float, float, str] | None, **fields) -> Posting:
    """A posting paid ``pay`` (minimum, maximum, period) in rupiah."""
    low, high, period = pay or (None, None, None)
    return Posting(
        source=source, source_id=source_id, url=f"https://{source}.example.test/{source_id}", title=title,
        location="Kabupaten Sleman, DI Yogyakarta", country="ID", pay_min=low, pay_max=high,
        pay_currency="IDR" if pay else None, pay_period=period, raw={"invented": "for tests"}, **fields,
    )  # fmt: skip


# The same vacancy on three platforms (written kalibrr first, then jobstreet, then glints), and six more.
MERAPI = dict(company="CV Kode Merapi", description=DESCRIPTION)
FIRST_BATCH = [job("kalibrr", "k1", "Programmer Laravel", (4_500_000, 6_000_000, "month"), **MERAPI)]
SECOND_BATCH = [
    job("jobstreet", "a1", "Programmer Laravel", (4_500_000, 6_000_000, "month"), **MERAPI),
    job("glints", "g1", "Programmer Laravel", (4_500_000, 6_000_000, "month"), **MERAPI),
    job("freelancer", "f1", "Fix my WordPress site", (50_000, 100_000, "hour"), skills=["WordPress"]),
    job("projects_co_id", "p1", "Laravel developer untuk aplikasi kasir", (2_000_000, 2_000_000, "project"),
        skills=["Laravel"]),
    job("karirhub", "d1", "Programmer PHP harian", (150_000, 150_000, "day"), company="PT Data Jogja"),
    job("jobstreet", "j3", "Junior Laravel Developer", (3_000_000, 4_000_000, "month"), company="PT Tiga Web"),
    job("remoteok", "u1", "Laravel mentor", None, skills=["Laravel"]),
    job("dealls", "e2", "Laravel Backend Engineer", (8_000_000, 10_000_000, "month"), company="PT Lain Sekali"),
]  # fmt: skip
# e2 was seen this month (the examples ask for "this month"), the same moment on both databases.
THIS_MONTH = datetime.now(timezone.utc).replace(second=0, microsecond=0)
# (first seen, last seen, closed) of each posting.
TIMES = {
    "e2": (THIS_MONTH, THIS_MONTH, None),
    "k1": (utc(2, 8), utc(10), utc(11, 6)),
    "a1": (utc(5), utc(11), None),
    "g1": (utc(4), utc(12), None),
    "f1": (utc(8, 23, 30), utc(9), utc(16, 10)),  # a Sunday night: the week of Monday 2 November
    "p1": (utc(9, 0), utc(9, 12), None),  # Monday midnight: the week it begins
    "d1": (utc(15, 23, 59), utc(15, 23, 59), None),
    "j3": (utc(16), utc(17), None),
    "u1": (utc(3), utc(3), None),
}


@pytest.fixture(scope="module")
def deriver() -> Deriver:
    return Deriver().fit()


@pytest.fixture
def stored(engine, deriver) -> dict[str, int]:
    return store(engine, deriver)


def store(engine, deriver: Deriver) -> dict[str, int]:
    """The postings above, stored as a crawl stores them, at their times; returns their ids by source_id."""
    with engine.begin() as connection:
        sync_skills(connection, deriver.taxonomy_)
        run = connection.execute(
            insert(models.CrawlRun).values(spider="test", arguments={}, started_at=utc(1)).returning(models.CrawlRun.id)
        ).scalar_one()
    writer = PostingWriter(engine, run)
    for batch in (FIRST_BATCH, SECOND_BATCH):
        writer.write([deriver.derive(posting) for posting in batch], [])
    table = models.Posting.__table__
    with engine.begin() as connection:
        for source_id, (first, last, closed) in TIMES.items():
            connection.execute(
                update(table)
                .where(table.c.source_id == source_id)
                .values(first_seen_at=first, last_seen_at=last, closed_at=closed)
            )
        return dict(connection.execute(text("SELECT source_id, id FROM postings")).all())


def query(engine, sql: str) -> list:
    with engine.connect() as connection:
        return list(connection.execute(text(sql)))


def comparable(value):
    """A value as both databases can give it: times as UTC ISO text, numbers as rounded floats."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", value):
        value = datetime.fromisoformat(value)  # SQLite's stored times
    if isinstance(value, datetime):
        return as_utc(value).isoformat(sep=" ", timespec="microseconds").removesuffix("+00:00")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float | Decimal):
        return round(float(value), 6)
    return value


def test_the_views_exist_at_head_are_no_tables_for_the_model_check_and_go_with_the_downgrade(engine):
    assert set(VIEWS) <= set(inspect(engine).get_view_names())
    with engine.connect() as connection:
        # Views are no tables: the check that models match the migrations does not see them.
        assert compare_metadata(MigrationContext.configure(connection), models.Base.metadata) == []
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    assert not set(VIEWS) & set(inspect(engine).get_view_names())
    upgrade(engine)
    assert set(VIEWS) <= set(inspect(engine).get_view_names())


def test_vacancies_one_row_per_distinct_vacancy_shown_through_its_latest_posting(engine, stored):
    got = {row.vacancy_id: row for row in query(engine, "SELECT * FROM vacancies")}
    assert sorted(got) == sorted(stored[name] for name in ("k1", "f1", "p1", "d1", "j3", "u1", "e2"))
    merapi = got[stored["k1"]]
    assert (merapi.posting_id, merapi.source, merapi.title) == (stored["g1"], "glints", "Programmer Laravel")
    assert (merapi.platforms, merapi.postings, merapi.state, merapi.closed_at) == (
        "glints,jobstreet,kalibrr",
        3,
        "open",
        None,
    )
    assert comparable(merapi.first_seen_at) == comparable(utc(2))  # kalibrr's, the first
    assert comparable(merapi.last_seen_at) == comparable(utc(12))  # glints', shown
    assert (merapi.pay_kind, merapi.pay_period, merapi.oli_occupation) == ("salaried", "month", SOFTWARE)
    hourly = got[stored["f1"]]
    assert (hourly.platforms, hourly.postings, hourly.state) == ("freelancer", 1, "closed")
    assert comparable(hourly.closed_at) == comparable(utc(16, 10))
    assert [got[stored[name]].state for name in ("p1", "d1", "j3", "u1", "e2")] == ["open"] * 5


def test_posting_skills_named_gives_each_skill_its_group_occupation_and_where_it_was_found(engine, stored):
    named = query(engine, f"SELECT * FROM posting_skills_named WHERE posting_id = {stored['p1']}")
    assert sorted((row.skill, row.skill_group, row.skill_occupation, row.found_in, row.matched) for row in named) == [
        ("Laravel", "framework", SOFTWARE, "tag", "Laravel"),
        ("PHP", "programming_language", SOFTWARE, "implied", "Laravel"),
    ]
    tagged = query(engine, f"SELECT skill, found_in FROM posting_skills_named WHERE posting_id = {stored['f1']}")
    assert [tuple(row) for row in tagged] == [("WordPress", "tag")]


def test_posting_pay_keeps_each_kind_in_its_own_period(engine, stored, deriver):
    pay = {
        row.posting_id: (row.pay_kind, row.pay_idr_per, row.pay_idr_min, row.pay_idr_max, row.pay_idr, row.pay_period)
        for row in query(engine, "SELECT * FROM posting_pay")
    }
    merapi = ("salaried", "month", 4_500_000, 6_000_000, 5_250_000, "month")
    assert pay == {
        stored["k1"]: merapi,
        stored["a1"]: merapi,
        stored["g1"]: merapi,
        stored["f1"]: ("hourly", "hour", 50_000, 100_000, 75_000, "hour"),  # never stretched to a month
        stored["p1"]: ("project", "project", 2_000_000, 2_000_000, 2_000_000, "project"),
        stored["d1"]: ("salaried", "month", 150_000 * 21, 150_000 * 21, 150_000 * 21, "day"),  # PP 36/2021: 21 days
        stored["j3"]: ("salaried", "month", 3_000_000, 4_000_000, 3_500_000, "month"),
        stored["e2"]: ("salaried", "month", 8_000_000, 10_000_000, 9_000_000, "month"),
    }  # u1 states no pay: it has no row
    # The rate sources' texts, from rate_sources: rupiah pay with no date is converted at the table's latest IDR rate.
    rates = {(row.pay_rate_source, row.pay_idr_rate_source) for row in query(engine, "SELECT * FROM posting_pay")}
    assert rates == {(deriver.rates_.usd_per_unit("IDR", None)[1], "pay in IDR")}


def this_monday() -> str:
    return (THIS_MONTH.date() - timedelta(days=THIS_MONTH.weekday())).isoformat()


def weekly() -> list[tuple]:
    """weekly_postings' rows, in (week, platform) order: every posting is software development."""
    return [
        ("2026-11-02", "freelancer", SOFTWARE, 1, 0),
        ("2026-11-02", "glints", SOFTWARE, 1, 0),
        ("2026-11-02", "jobstreet", SOFTWARE, 1, 0),
        ("2026-11-02", "kalibrr", SOFTWARE, 1, 0),
        ("2026-11-02", "remoteok", SOFTWARE, 1, 0),
        ("2026-11-09", "kalibrr", SOFTWARE, 0, 1),
        ("2026-11-09", "karirhub", SOFTWARE, 1, 0),
        ("2026-11-09", "projects_co_id", SOFTWARE, 1, 0),
        ("2026-11-16", "freelancer", SOFTWARE, 0, 1),
        ("2026-11-16", "jobstreet", SOFTWARE, 1, 0),
        (this_monday(), "dealls", SOFTWARE, 1, 0),
    ]


def test_weekly_postings_counts_new_and_closed_postings_by_monday(engine, stored):
    assert sorted(tuple(row) for row in query(engine, "SELECT * FROM weekly_postings")) == weekly()


def example(marker: str) -> str:
    (block,) = [block for block in SQL_BLOCKS if marker in block]
    return block


def test_the_documented_examples_give_the_answers_worked_out_by_hand(engine, stored):
    assert [tuple(row) for row in query(engine, example("skill = 'Laravel'"))] == [(3, 5_250_000)]  # 3.5M 5.25M 9M
    per_platform = query(engine, example("FROM weekly_postings"))
    assert [tuple(row) for row in per_platform] == [
        (week, platform, new, closed) for week, platform, _, new, closed in weekly()
    ]
    # This month, only e2 was first seen: its skills, each once.
    top = query(engine, example("CURRENT_TIMESTAMP"))
    assert ("Laravel", "framework", 1) in [tuple(row) for row in top]
    assert {row.vacancies for row in top} == {1}
    (shared,) = query(engine, example("platforms LIKE"))
    assert (shared.vacancy_id, shared.platforms) == (stored["k1"], "glints,jobstreet,kalibrr")


@pytest.mark.postgres
def test_every_documented_example_runs_and_gives_the_same_rows_on_both(sqlite_url, postgres_url, deriver):
    """Each ```sql block of docs/schema.md, on the same postings stored in SQLite and in PostgreSQL."""
    answers = {}
    for url in (sqlite_url, postgres_url):
        engine = make_engine(url)
        upgrade(engine)
        store(engine, deriver)
        answers[url] = [
            sorted((tuple(comparable(value) for value in row) for row in query(engine, block)), key=repr)
            for block in SQL_BLOCKS
        ]
        engine.dispose()
    assert len(SQL_BLOCKS) >= 20
    for block, on_sqlite, on_postgres in zip(SQL_BLOCKS, answers[sqlite_url], answers[postgres_url], strict=True):
        assert on_sqlite == on_postgres, block
