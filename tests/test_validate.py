"""pipelines.validate: what is wrong with an unsound posting (the store's worker makes it a reject, tests/test_store_limits.py)."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from crawlers.items import Posting
from pipelines.validate import find_problem

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
GOOD = Posting(
    source="freelancer",
    source_id="1",
    url="https://example.test/1",
    title="Logo design",
    posted_at=NOW - timedelta(hours=2),
    pay_min=50,
    pay_max=80,
    pay_currency="USD",
    pay_period="project",
    raw={"id": 1},
)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": None}, "missing:title"),
        ({"title": "  "}, "missing:title"),
        ({"source_id": None}, "missing:source_id"),
        ({"url": ""}, "missing:url"),
        ({"pay_min": 90}, "pay_min_above_max"),
        ({"pay_min": -5}, "negative_pay"),
        ({"posted_at": NOW + timedelta(days=2)}, "posted_in_future"),
        ({"pay_max": "80"}, "bad_type:pay_max"),
        ({"bid_count": True}, "bad_type:bid_count"),
        ({"posted_at": datetime(2026, 1, 1)}, "bad_type:posted_at"),
        ({"company": 12}, "bad_type:company"),
        ({"employment_type": "fulltime"}, "bad_value:employment_type"),
        ({"pay_period": "fortnight"}, "bad_value:pay_period"),
        ({"pay_currency": "usd"}, "bad_value:pay_currency"),
        ({"pay_max": float("inf")}, "bad_number"),
        ({"pay_min": float("nan")}, "bad_number"),
        ({"pay_usd_rate": float("inf")}, "bad_number"),
        ({"pay_min": 500_000, "pay_max": 6_000_000}, "pay_beyond_ceiling"),  # USD 6 million for one project
        ({"pay_min": 2_000, "pay_max": 2_000, "pay_period": "hour"}, "pay_beyond_ceiling"),
        # IDR 4 billion a month, at the table's 2026 rate (about Rp 15,841 per dollar): above USD 200,000
        ({"pay_min": 4e9, "pay_max": 4e9, "pay_currency": "IDR", "pay_period": "month"}, "pay_beyond_ceiling"),
        # The platform's own rate wins: INR 10 million a project at USD 0.012 = USD 120,000, under the ceiling
        ({"pay_min": 9e6, "pay_max": 1e7, "pay_currency": "INR", "pay_usd_rate": 0.012}, None),
        ({"pay_min": 5e6, "pay_max": 9e6, "pay_currency": "IDR", "pay_period": "month"}, None),
        ({"pay_min": 9e9, "pay_max": 9e9, "pay_currency": "XYZ"}, None),  # no rate for the currency: not judged
    ],
)
def test_find_problem(changes, reason):
    assert find_problem(GOOD, NOW) is None
    problem = find_problem(replace(GOOD, **changes), NOW)
    assert (problem and problem[0]) == reason


def test_a_few_hours_ahead_is_clock_skew_not_an_error():
    assert find_problem(replace(GOOD, posted_at=NOW + timedelta(hours=20)), NOW) is None
