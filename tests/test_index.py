"""analysis.index: the Online Labour Index arithmetic on hand-computed examples."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis.data import PostingSet
from analysis.index import EMPTY_DAYS, MIN_WINDOW_POSTINGS, OccupationIndex
from analysis.language import language
from pipelines.skills.taxonomy import OCCUPATIONS

START = date(2026, 1, 1)


def day(n: int) -> date:
    """The n-th day of the example, from 1."""
    return START + timedelta(days=n - 1)


def posting_set(per_day: dict[int, list[str | None]], source: str = "glints") -> PostingSet:
    """Postings on day n of the example, one per occupation class listed for n."""
    return PostingSet.from_records(
        {"posted_on": day(n), "oli_occupation": occupation, "source": source}
        for n, occupations in per_day.items()
        for occupation in occupations
    )


def test_constant_postings_give_100_everywhere():
    index = OccupationIndex(min_postings=56).fit(
        posting_set({n: ["software_development", "sales_marketing"] for n in range(1, 41)})
    )
    assert len(index.daily_) == 40 and (index.daily_["total"] == 2).all()
    assert index.smoothed_["total"].iloc[:27].isna().all()  # no partial means before the first full window
    assert (index.smoothed_["total"].iloc[27:] == 2).all()
    assert index.base_date_ == day(28)
    assert (index.index_["total"].iloc[27:] == 100).all()
    assert (index.index_["software_development"].iloc[27:] == 50).all()


def test_a_step_gives_the_rolling_means_and_index_by_hand():
    # Days 1-5: one software and one sales posting a day; days 6-10: two of each.
    two, four = ["software_development", "sales_marketing"], ["software_development", "sales_marketing"] * 2
    step = posting_set({n: two if n <= 5 else four for n in range(1, 11)})
    index = OccupationIndex(window=3, min_postings=1).fit(step)
    assert index.daily_["total"].tolist() == [2, 2, 2, 2, 2, 4, 4, 4, 4, 4]
    np.testing.assert_allclose(index.smoothed_["total"], [np.nan, np.nan, 2, 2, 2, 8 / 3, 10 / 3, 4, 4, 4])
    assert index.base_date_ == day(3)
    np.testing.assert_allclose(index.index_["total"], [np.nan, np.nan, 100, 100, 100, 400 / 3, 500 / 3, 200, 200, 200])
    # Every class is scaled by the total's factor (100 / 2), so a class holding half the postings is at half the total.
    np.testing.assert_allclose(
        index.index_["software_development"].iloc[2:], [50, 50, 50, 200 / 3, 250 / 3, 100, 100, 100]
    )
    np.testing.assert_allclose(index.index_[list(OCCUPATIONS)].sum(axis=1).iloc[2:], index.index_["total"].iloc[2:])

    rebased = OccupationIndex(window=3, base_date=day(8), min_postings=1).fit(step)
    assert rebased.base_date_ == day(8)
    np.testing.assert_allclose(rebased.index_["total"].iloc[2:], [50, 50, 50, 200 / 3, 250 / 3, 100, 100, 100])


def test_days_without_postings_count_zero_and_a_window_without_enough_is_a_gap():
    index = OccupationIndex(window=2, min_postings=1).fit(
        posting_set({1: ["writing_translation"], 4: ["writing_translation"] * 3})
    )
    assert list(index.daily_.index) == list(pd.date_range(day(1), day(4), name="day"))
    assert index.daily_["writing_translation"].tolist() == [1, 0, 0, 3]
    np.testing.assert_allclose(index.smoothed_["total"], [np.nan, 0.5, 0, 1.5])
    np.testing.assert_allclose(index.index_["total"], [np.nan, 100, np.nan, 300])  # never 0 for a thin window


def test_stray_postings_before_the_crawls_are_not_the_base():
    # Five stray postings on day 1, nothing for two months, then 20 a day for 80 days: the base is the first window
    # wholly inside the steady postings (day 61 + 27), not day 28 with its five postings, and nothing is 0 or
    # thousands.
    steady = {n: ["sales_marketing"] * 20 for n in range(61, 141)}
    index = OccupationIndex().fit(posting_set({1: ["software_development"] * 5, **steady}))
    assert index.base_date_ == day(88)
    total = index.index_["total"]
    assert total[: pd.Timestamp(day(87))].isna().all()
    assert (total[pd.Timestamp(day(88)) :] == 100).all()
    assert "terlalu tipis untuk dibandingkan" in index.method_  # in Indonesian unless written in English


def test_an_interrupted_crawl_is_a_gap_not_a_fall():
    # 10 postings a day for 100 days, none on days 50-52: every window holding all three days (those ending on
    # days 52 to 77) is blank; one holding two of them has a value, a little lower.
    per_day = {n: ["clerical_data_entry"] * 10 for n in range(1, 101) if not 50 <= n <= 52}
    total = OccupationIndex().fit(posting_set(per_day)).index_["total"]
    assert EMPTY_DAYS == 3
    assert total[pd.Timestamp(day(52)) : pd.Timestamp(day(77))].isna().all()
    assert total[pd.Timestamp(day(51))] == pytest.approx(100 * 26 / 28)
    assert total[pd.Timestamp(day(78))] == pytest.approx(100 * 26 / 28)
    assert total[pd.Timestamp(day(80)) :].eq(100).all() and total[pd.Timestamp(day(49))] == 100
    # a quiet week (two postings a day instead of ten) is as thin as an empty one
    per_day = {n: ["clerical_data_entry"] * (2 if 50 <= n <= 56 else 10) for n in range(1, 101)}
    total = OccupationIndex().fit(posting_set(per_day)).index_["total"]
    assert total[pd.Timestamp(day(56))] != total[pd.Timestamp(day(56))]  # NaN
    assert total[pd.Timestamp(day(49))] == 100


def test_every_class_has_a_column_and_unclassified_postings_count_in_the_total():
    index = OccupationIndex(window=1, min_postings=1).fit(
        posting_set({1: ["creative_multimedia", None], 2: ["creative_multimedia"]})
    )
    assert list(index.daily_.columns) == [*OCCUPATIONS, "total"]
    assert index.daily_.loc[pd.Timestamp(day(1))].to_dict() == {
        **{occupation: 0 for occupation in OCCUPATIONS},
        "creative_multimedia": 1,
        "total": 2,
    }
    assert index.index_["total"].tolist() == [100, 50]


def test_method_states_window_base_date_and_sources():
    postings = posting_set({n: ["software_development"] * 4 for n in range(1, 29)})
    with language("en"):
        method = OccupationIndex().fit(postings).method_
    for words in ("new postings", "platforms crawled (glints)", "28-day", "2026-01-28", "same factor"):
        assert words in method


def test_method_and_messages_are_in_indonesian_by_default():
    # The report shows them; its readers read Indonesian first.
    method = OccupationIndex().fit(posting_set({n: ["software_development"] * 4 for n in range(1, 29)})).method_
    for words in ("lowongan baru per hari", "situs-situs yang dikumpulkan (glints)", "28 hari", "2026-01-28"):
        assert words in method
    assert "postings" not in method
    with pytest.raises(ValueError, match=r"^lowongan hanya mencakup 3 hari \(2026-01-01 sampai 2026-01-03\)"):
        OccupationIndex().fit(posting_set({1: ["sales_marketing"], 3: ["sales_marketing"]}))
    with pytest.raises(ValueError, match=r"^data terlalu sedikit untuk indeks: .*paling banyak 84 lowongan"):
        OccupationIndex().fit(posting_set({n: ["sales_marketing"] * 3 for n in range(1, 41)}))


@pytest.mark.parametrize(
    ("per_day", "index", "message"),
    [
        (
            {1: ["sales_marketing"], 3: ["sales_marketing"]},
            OccupationIndex(),
            r"the postings cover 3 days \(2026-01-01 to 2026-01-03\), fewer than the 28-day window",
        ),
        (
            {n: ["sales_marketing"] for n in range(1, 6)},
            OccupationIndex(window=3, base_date=date(2026, 1, 2), min_postings=1),
            "base date 2026-01-02 is outside the smoothed series: choose a day from 2026-01-03",
        ),
        (
            {1: ["sales_marketing"], 6: ["sales_marketing"]},
            OccupationIndex(window=2, base_date=date(2026, 1, 4), min_postings=1),
            "base date 2026-01-04 is too thin to compare .*: the first day that has enough is 2026-01-02",
        ),
        (
            {n: ["sales_marketing"] * 3 for n in range(1, 41)},
            OccupationIndex(),
            rf"too little data for an index: every 28-day window has fewer than {MIN_WINDOW_POSTINGS} postings .* "
            r"\(the most postings in one is 84\)",
        ),
    ],
)
def test_unusable_data_or_base_date_raise_a_clear_error(per_day, index, message):
    with language("en"), pytest.raises(ValueError, match=message):  # as the command line says it
        index.fit(posting_set(per_day))


def test_window_and_minimum_must_be_positive():
    with pytest.raises(ValueError, match="window must be a whole number of days"):
        OccupationIndex(window=0)
    with pytest.raises(ValueError, match="min_postings must be a number of postings, at least 1"):
        OccupationIndex(min_postings=0)
