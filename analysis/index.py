"""An occupation index of new postings, computed the way the Online Labour Index does it.

The Online Labour Index (Kässi & Lehdonvirta, 2018, "Online labour index: Measuring the online gig economy
for policy and research") counts the projects and tasks newly posted on the largest online labour platforms
each day, by occupation class, smooths the daily counts with a 28-day moving average, and expresses the
series relative to a base of 100. ``OccupationIndex`` does the same over the postings of a ``PostingSet``,
with one base day:

1. each posting counts once, on its ``posted_on`` day, in its ``oli_occupation`` class and in the total; the
   classes are the OLI's six and ``other`` (local and manual work, which the OLI does not count: it follows online
   platforms only);
   days with no posting count 0, so the series has every day from the first posting to the last;
2. a trailing ``window``-day mean: the value of a day is the mean of it and the ``window - 1`` days before;
   the first ``window - 1`` days have no full window and stay NaN rather than being means of fewer days;
3. one factor, 100 / (the smoothed total on the base day), multiplies the total and every class alike, so
   the classes stay comparable with each other and with the total: a class at 40 on some day posts as much
   as 40% of the whole base-day volume, and the classes add up to the total (less any postings without a
   class).

The index measures the postings on the platforms crawled, not the labour market: a platform added to the
crawls, or one that stops answering, moves it as much as demand does.
"""

from __future__ import annotations

from datetime import date
from numbers import Integral

import pandas as pd

from analysis.data import PostingSet, posting_days
from pipelines.skills.taxonomy import OCCUPATIONS


class OccupationIndex:
    """Daily new postings per OLI occupation class, smoothed and normalised to 100 on a base day.

    After ``fit``: ``daily_`` (days x classes plus ``total``: new postings), ``smoothed_`` (their trailing
    ``window``-day means), ``index_`` (``smoothed_`` scaled so the total is 100 on ``base_date_``) and ``method_``
    (the method in a sentence or two, for a report). Every class of ``OCCUPATIONS`` has a column; ``total`` also
    counts postings without a class (stored before occupations were derived), so the classes may add up to less.
    """

    def __init__(self, window: int = 28, base_date: date | None = None):
        if not isinstance(window, Integral) or window < 1:
            raise ValueError(f"window must be a whole number of days, at least 1; got {window!r}")
        self.window = window
        self.base_date = base_date

    def fit(self, posting_set: PostingSet) -> OccupationIndex:
        days = posting_days(posting_set.postings)
        dated = days.notna()
        if not dated.any():
            raise ValueError("no dated postings: the index needs postings with a posted_on day")
        calendar = pd.date_range(days[dated].min(), days[dated].max(), freq="D", name="day")
        if len(calendar) < self.window:
            raise ValueError(
                f"the postings cover {len(calendar)} days ({calendar[0].date()} to {calendar[-1].date()}), "
                f"fewer than the {self.window}-day window: load a longer period or use a shorter window"
            )
        occupations = posting_set.postings["oli_occupation"][dated]
        by_class = pd.crosstab(days[dated], occupations) if occupations.notna().any() else pd.DataFrame()
        daily = by_class.reindex(index=calendar, columns=list(OCCUPATIONS), fill_value=0)
        daily["total"] = days[dated].value_counts().reindex(calendar, fill_value=0)
        self.daily_ = daily.astype("int64").rename_axis(index="day", columns="occupation")
        self.smoothed_ = self.daily_.rolling(self.window, min_periods=self.window).mean()
        self.base_date_ = self._base_date(calendar)
        base_total = self.smoothed_.at[pd.Timestamp(self.base_date_), "total"]
        if not base_total > 0:
            raise ValueError(
                f"no postings in the {self.window} days up to the base date {self.base_date_}: choose another"
            )
        self.index_ = self.smoothed_ * (100 / base_total)
        sources = sorted(posting_set.postings["source"].dropna().unique())
        self.method_ = (
            f"Counts of new postings per day, by Online Labour Index occupation class (plus other: local and manual "
            f"work), on the platforms crawled "
            f"({', '.join(sources) if sources else 'no source given'}), smoothed with a trailing {self.window}-day "
            f"mean as the Online Labour Index does (Kässi & Lehdonvirta 2018); 100 is the smoothed total on "
            f"{self.base_date_}, and every class is scaled by that same factor, so classes are comparable with "
            f"each other and with the total."
        )
        return self

    def _base_date(self, calendar: pd.DatetimeIndex) -> date:
        """``base_date``, checked to have a full window; by default the first day that has one."""
        first_full = calendar[self.window - 1].date()
        if self.base_date is None:
            return first_full
        base = pd.Timestamp(self.base_date).date()
        if not first_full <= base <= calendar[-1].date():
            raise ValueError(
                f"base date {base} is outside the smoothed series: choose a day from {first_full} "
                f"(the first with a full {self.window}-day window) to {calendar[-1].date()}"
            )
        return base
