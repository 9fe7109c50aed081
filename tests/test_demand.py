"""analysis.demand on small hand-made posting sets with answers worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis.data import PostingSet
from analysis.demand import SkillDemand, compare_periods, recent_periods, rising_and_falling
from analysis.language import language


def posting_set(*postings: tuple[date, list[str]]) -> PostingSet:
    """One posting per (posted_on, skills)."""
    return PostingSet.from_records({"posted_on": day, "skills": skills} for day, skills in postings)


def repeated(day: date, count: int, skills_of) -> list[tuple[date, list[str]]]:
    """``count`` postings on ``day``; the i-th asks for ``skills_of(i)``."""
    return [(day, skills_of(i)) for i in range(count)]


def test_monthly_counts_and_shares_keep_empty_months():
    demand = SkillDemand().fit(
        posting_set(
            (date(2026, 1, 3), ["python", "sql"]),
            (date(2026, 1, 15), ["python"]),
            (date(2026, 1, 31), ["figma"]),
            (date(2026, 1, 31), []),
            (date(2026, 3, 1), ["python"]),
            (date(2026, 3, 31), ["figma", "python"]),
        )
    )
    months = pd.DatetimeIndex(["2026-01-01", "2026-02-01", "2026-03-01"])
    assert list(demand.postings_.index) == list(months)
    assert demand.postings_.tolist() == [4, 0, 2]
    assert demand.counts_.to_dict("list") == {"figma": [1, 0, 1], "python": [2, 0, 2], "sql": [1, 0, 0]}
    assert demand.shares_["python"].tolist()[::2] == [0.5, 1.0]
    assert demand.shares_["sql"].tolist()[::2] == [0.25, 0.0]
    assert demand.shares_.loc["2026-02-01"].isna().all()  # no postings: no share, rather than a share of 0
    assert demand.totals_.to_dict() == {"python": 4, "figma": 2, "sql": 1}
    assert list(demand.totals_.index) == ["python", "figma", "sql"]


def test_weeks_start_on_monday():
    demand = SkillDemand("week").fit(
        posting_set(
            (date(2026, 1, 4), ["python"]),  # a Sunday: the week of Monday 2025-12-29
            (date(2026, 1, 5), ["python"]),  # Monday
            (date(2026, 1, 11), []),  # Sunday of the same week
            (date(2026, 1, 26), ["sql"]),  # two weeks later, the week between is empty
        )
    )
    assert list(demand.postings_.index) == list(
        pd.DatetimeIndex(["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"])
    )
    assert demand.postings_.tolist() == [1, 2, 0, 0, 1]
    assert demand.shares_["python"].tolist()[:2] == [1.0, 0.5]


def test_period_must_be_week_or_month():
    with pytest.raises(ValueError, match="period must be one of week, month, got 'year'"):
        SkillDemand("year")


JANUARY, FEBRUARY = (date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28))


def two_months() -> PostingSet:
    """10 postings in January, 20 in February, 3 in March (in neither period).

    January: python 5, sql 6, excel 4, figma 1; February: python 15, sql 6, excel 2, figma 2.
    """
    january = repeated(
        date(2026, 1, 10),
        10,
        lambda i: (["python"] if i < 5 else []) + (["sql"] if i >= 4 else []) + (["excel"] if i < 4 else [])
        + (["figma"] if i == 9 else []),
    )  # fmt: skip
    february = repeated(
        date(2026, 2, 20),
        20,
        lambda i: (["python"] if i < 15 else []) + (["sql"] if i >= 14 else []) + (["excel"] if i < 2 else [])
        + (["figma"] if i in (18, 19) else []),
    )  # fmt: skip
    march = repeated(date(2026, 3, 5), 3, lambda i: ["python", "sql", "excel", "figma"])
    return posting_set(*january, *february, *march)


def test_compare_periods_shares_change_and_minimum_count():
    changes = compare_periods(two_months(), JANUARY, FEBRUARY)
    assert list(changes.columns) == ["skill", "count_before", "count_after", "share_before", "share_after", "change"]
    # excel (4 and 2) and figma (1 and 2) have fewer than 5 postings in both months.
    assert changes["skill"].tolist() == ["python", "sql"]
    assert changes[["count_before", "count_after"]].values.tolist() == [[5, 15], [6, 6]]
    np.testing.assert_allclose(changes["share_before"], [0.5, 0.6])
    np.testing.assert_allclose(changes["share_after"], [0.75, 0.3])
    np.testing.assert_allclose(changes["change"], [0.25, -0.3])


def test_compare_periods_without_the_guard_sorts_by_change_then_name():
    changes = compare_periods(two_months(), JANUARY, FEBRUARY, min_count=1)
    assert changes["skill"].tolist() == ["python", "figma", "excel", "sql"]
    np.testing.assert_allclose(changes["change"], [0.25, 0.0, -0.3, -0.3])


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ((date(2025, 1, 1), date(2025, 1, 31)), FEBRUARY, "no postings from 2025-01-01 to 2025-01-31"),
        ((date(2026, 1, 31), date(2026, 1, 1)), FEBRUARY, "must not end before it starts"),
    ],
)
def test_compare_periods_rejects_empty_or_reversed_periods(before, after, message):
    with language("en"), pytest.raises(ValueError, match=message):  # as the command line says it
        compare_periods(two_months(), before, after)


def test_rising_and_falling():
    changes = pd.DataFrame({"skill": ["a", "b", "c", "d", "e"], "change": [0.1, 0.3, 0.0, -0.05, -0.2]}).sort_values(
        "change", ascending=False
    )
    rising, falling = rising_and_falling(changes)
    assert rising["skill"].tolist() == ["b", "a"]
    assert falling["skill"].tolist() == ["e", "d"]  # steepest fall first; "c" did not move
    rising, falling = rising_and_falling(changes, top=1)
    assert (rising["skill"].tolist(), falling["skill"].tolist()) == (["b"], ["e"])
    assert list(rising.index) == [0]


def test_recent_periods_are_equal_and_end_on_the_last_day():
    ten_days = posting_set(*((date(2026, 1, 1) + timedelta(days=n), []) for n in (0, 3, 9)))
    periods = recent_periods(ten_days, min_days=1, min_postings=1)
    assert periods == ((date(2026, 1, 1), date(2026, 1, 5)), (date(2026, 1, 6), date(2026, 1, 10)))
    eleven_days = posting_set((date(2026, 1, 1), []), (date(2026, 1, 11), []))
    periods = recent_periods(eleven_days, min_days=1, min_postings=0)
    assert periods == ((date(2026, 1, 2), date(2026, 1, 6)), (date(2026, 1, 7), date(2026, 1, 11)))
    # a quarter each at most
    year = posting_set(*((date(2026, 1, 1) + timedelta(days=n), []) for n in range(365)))
    assert recent_periods(year, min_postings=1)[1] == (date(2026, 10, 2), date(2026, 12, 31))  # 91 days


def test_too_little_data_to_compare_says_why():
    with language("en"):  # as the command line says it
        with pytest.raises(ValueError, match="no dated postings"):
            recent_periods(posting_set())
        # two-day halves of a few postings are no comparison: at least 28 days and 100 postings in each period
        few_days = posting_set(
            *repeated(date(2026, 1, 1), 200, lambda n: []), *repeated(date(2026, 1, 4), 200, lambda n: [])
        )
        with pytest.raises(
            ValueError,
            match=r"the postings cover 4 days \(2026-01-01 to 2026-01-04\); comparing needs two "
            r"periods of at least 28 days each",
        ):
            recent_periods(few_days)
        sparse_days = posting_set(*((date(2026, 1, 1) + timedelta(days=n), []) for n in range(0, 60, 2)))
        with pytest.raises(
            ValueError, match="2026-01-02 to 2026-01-30 holds 14 postings; comparing needs at least 100 in each period"
        ):
            recent_periods(sparse_days)


def test_why_nothing_was_compared_is_said_in_indonesian_by_default():
    # The report shows the reason; its readers read Indonesian first.
    few_days = posting_set(
        *repeated(date(2026, 1, 1), 200, lambda n: []), *repeated(date(2026, 1, 4), 200, lambda n: [])
    )
    with pytest.raises(
        ValueError,
        match=r"^lowongan hanya mencakup 4 hari \(2026-01-01 sampai 2026-01-04\); untuk "
        r"membandingkan dibutuhkan dua periode yang masing-masing paling sedikit 28 hari$",
    ):
        recent_periods(few_days)
    sparse_days = posting_set(*((date(2026, 1, 1) + timedelta(days=n), []) for n in range(0, 60, 2)))
    with pytest.raises(ValueError, match="^2026-01-02 sampai 2026-01-30 hanya berisi 14 lowongan; "):
        recent_periods(sparse_days)
    with pytest.raises(ValueError, match="^tidak ada lowongan dari 2025-01-01 sampai 2025-01-31"):
        compare_periods(two_months(), (date(2025, 1, 1), date(2025, 1, 31)), FEBRUARY)
