"""Migration 0007 (pay kinds) on rows derived by the rules before it, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

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
