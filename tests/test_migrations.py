"""Migrations that rewrite stored rows, on rows as the store wrote them before, on SQLite and PostgreSQL: 0007 (pay
kinds) and 0009 (rate sources in their own table)."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from pipelines.db.engine import make_engine
from pipelines.db.schema import _alembic_config, upgrade

# Rows as the store wrote them before pay kinds: an hourly rate stretched to 173.33 hours, a salary cut into hours,
# a day rate over 21.67 days, a budget kept apart.
OLD_ROWS = [
    # source_id, period, month (IDR), hour (IDR), one-off (IDR)
    ("hourly", "hour", 100_000 * 40 * 52 / 12, 100_000, None),
    ("monthly", "month", 4_000_000, 4_000_000 / (40 * 52 / 12), None),
    ("daily", "day", 150_000 * 5 * 52 / 12, 150_000 / 8, None),
    ("budget", "project", None, None, 2_000_000),
    ("unpaid", None, None, None, None),
]


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_rows_derived_before_keep_their_figures_in_the_new_meaning(database, request):
    engine = make_engine(request.getfixturevalue(f"{database}_url"))
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        for source_id, period, month, hour, one_off in OLD_ROWS:
            connection.execute(
                text(
                    "INSERT INTO postings (source, source_id, url, title, content_hash, first_seen_at, last_seen_at, "
                    "times_seen, skills, raw, pay_period, pay_idr_month_min, pay_idr_hour_min, pay_idr_one_off_min, pay_rate_source) "
                    "VALUES ('test', :id, 'u', 't', 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, '[]', '{}', :period, :month, "
                    ":hour, :one_off, :rate)"
                ),
                {"id": source_id, "period": period, "month": month, "hour": hour, "one_off": one_off,
                 "rate": None if period is None else "pay in IDR"},
            )  # fmt: skip
    upgrade(engine)
    with engine.connect() as connection:
        stored = {
            row.source_id: row
            for row in connection.execute(
                text("SELECT source_id, pay_kind, pay_idr_month_min, pay_idr_hour_min, pay_idr_one_off_min FROM postings")
            )
        }
    engine.dispose()
    assert (stored["hourly"].pay_kind, stored["hourly"].pay_idr_month_min) == ("hourly", None)
    assert stored["hourly"].pay_idr_hour_min == pytest.approx(100_000)
    assert (stored["monthly"].pay_kind, stored["monthly"].pay_idr_hour_min) == ("salaried", None)
    assert stored["monthly"].pay_idr_month_min == pytest.approx(4_000_000)
    assert stored["daily"].pay_idr_month_min == pytest.approx(150_000 * 21)  # PP 36/2021: 21 working days
    assert (stored["budget"].pay_kind, stored["budget"].pay_idr_one_off_min) == ("project", 2_000_000)
    assert stored["unpaid"].pay_kind is None


def migrate(engine, step, revision: str) -> None:
    """``step`` (alembic's command.upgrade or command.downgrade) to ``revision``."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)


WORLD_BANK_IDR = (
    "World Bank WDI PA.NUS.FCRF official exchange rate, period average (IMF International Financial Statistics), 2025"
)
# source_id: (pay_kind, pay_rate_source, pay_idr_rate_source) as 0008 stored them; the texts repeat.
RATE_SOURCE_ROWS = {
    "budget": ("project", "platform", WORLD_BANK_IDR),
    "hourly": ("hourly", "platform", WORLD_BANK_IDR),
    "rupiah": ("salaried", WORLD_BANK_IDR, "pay in IDR"),
    "unpaid": (None, None, None),
}


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_rate_sources_move_to_their_table_and_back_with_their_texts(database, request):
    engine = make_engine(request.getfixturevalue(f"{database}_url"))
    migrate(engine, command.upgrade, "0008")
    with engine.begin() as connection:
        for source_id, (kind, usd_source, idr_source) in RATE_SOURCE_ROWS.items():
            connection.execute(
                text(
                    "INSERT INTO postings (source, source_id, url, title, content_hash, first_seen_at, last_seen_at, "
                    "times_seen, skills, raw, pay_kind, pay_rate_source, pay_idr_rate_source) "
                    "VALUES ('test', :id, 'u', 't', 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, '[]', '{}', :kind, "
                    ":usd_source, :idr_source)"
                ),
                {"id": source_id, "kind": kind, "usd_source": usd_source, "idr_source": idr_source},
            )
        # A row referring to postings: SQLite's foreign keys refuse a migration that copies the table.
        connection.execute(
            text("INSERT INTO posting_skills (posting_id, skill, source) SELECT id, 'PHP', 'tag' FROM postings")
        )

    migrate(engine, command.upgrade, "0009")
    with engine.connect() as connection:
        texts = connection.execute(text("SELECT text FROM rate_sources ORDER BY text")).scalars().all()
        by_id = connection.execute(
            text(
                "SELECT p.source_id, p.pay_kind, usd.text AS usd_source, idr.text AS idr_source FROM postings p "
                "LEFT JOIN rate_sources usd ON usd.id = p.pay_rate_source_id "
                "LEFT JOIN rate_sources idr ON idr.id = p.pay_idr_rate_source_id"
            )
        ).all()
        shown = connection.execute(
            text(
                "SELECT p.source_id, pp.pay_rate_source, pp.pay_idr_rate_source FROM posting_pay pp "
                "JOIN postings p ON p.id = pp.posting_id"
            )
        ).all()
    assert texts == sorted([WORLD_BANK_IDR, "pay in IDR", "platform"])  # each text once
    assert {row.source_id: tuple(row[1:]) for row in by_id} == RATE_SOURCE_ROWS
    assert {row.source_id: tuple(row[1:]) for row in shown} == {
        source_id: (usd_source, idr_source)
        for source_id, (kind, usd_source, idr_source) in RATE_SOURCE_ROWS.items()
        if kind
    }
    assert "pay_rate_source" not in {column["name"] for column in inspect(engine).get_columns("postings")}

    migrate(engine, command.downgrade, "0008")
    with engine.connect() as connection:
        restored = connection.execute(
            text("SELECT source_id, pay_kind, pay_rate_source, pay_idr_rate_source FROM postings")
        ).all()
        views = connection.execute(text("SELECT count(*) FROM posting_pay")).scalar_one()
    database_now = inspect(engine)
    assert {row.source_id: tuple(row[1:]) for row in restored} == RATE_SOURCE_ROWS
    assert "rate_sources" not in database_now.get_table_names()
    assert {"pay_rate_source_id", "pay_idr_rate_source_id"}.isdisjoint(
        column["name"] for column in database_now.get_columns("postings")
    )
    assert views == 3  # 0008's posting_pay again
    engine.dispose()
