"""Skill demand: how many postings ask for each skill, per week or month, and what rose or fell between two periods.

Demand is counted in postings, not mentions: a posting asking for Python in its tags and again in its text
counts once. A skill's *share* is the fraction of a period's postings that ask for it, so periods with more
postings crawled are comparable with quieter ones; a rise in share is a shift in what employers ask for,
a rise in count may only be a busier crawl.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.data import PostingSet, posting_days
from analysis.formats import format_count
from analysis.language import say

PERIODS = ("week", "month")
# What rose or fell is measured between two periods of at least this many days, each holding at least this many
# postings: a shorter period swings with the weekday mix and with one busy crawl, and a count of 100 varies by
# chance by about a tenth of itself (1/√100), as the occupation index's minimum (analysis.index).
MIN_PERIOD_DAYS = 28
MIN_PERIOD_POSTINGS = 100


class SkillDemand:
    """Postings asking for each skill, per period (weeks start on Monday, months on the 1st).

    After ``fit``: ``postings_`` (postings per period), ``counts_`` (periods x skills: postings asking for the
    skill), ``shares_`` (``counts_`` / ``postings_``) and ``totals_`` (postings per skill over the whole set, most
    first). Periods run from the first posting's to the last one's; a period with no posting at all is kept, with
    counts of 0 and shares of NaN. Postings without a ``posted_on`` count in ``totals_`` only.
    """

    def __init__(self, period: str = "month"):
        if period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
        self.period = period

    def fit(self, posting_set: PostingSet) -> SkillDemand:
        starts = period_starts(posting_days(posting_set.postings), self.period)
        dated = starts.notna().to_numpy()
        frequency = "W-MON" if self.period == "week" else "MS"
        if dated.any():
            periods = pd.date_range(starts[dated].min(), starts[dated].max(), freq=frequency, name="period")
        else:
            periods = pd.DatetimeIndex([], name="period")
        rows = periods.get_indexer(starts[dated])
        # periods x postings indicator: one product sums the skill rows of each period's postings.
        membership = sparse.csr_matrix(
            (np.ones(rows.size, dtype=np.int64), (rows, np.flatnonzero(dated))),
            shape=(len(periods), len(posting_set)),
        )
        counts = (membership @ posting_set.skills).toarray()
        self.postings_ = pd.Series(np.asarray(membership.sum(axis=1)).ravel(), index=periods, name="postings")
        self.counts_ = pd.DataFrame(counts, index=periods, columns=pd.Index(posting_set.skill_names, name="skill"))
        self.shares_ = self.counts_.div(self.postings_.where(self.postings_ > 0), axis=0)
        self.totals_ = posting_set.skill_counts()
        return self


def period_starts(days: pd.Series, period: str) -> pd.Series:
    """The first day of the week (Monday) or month holding each day (NaT stays NaT)."""
    if period == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return days.dt.to_period("M").dt.start_time


def compare_periods(
    posting_set: PostingSet, before: tuple[date, date], after: tuple[date, date], min_count: int = 5
) -> pd.DataFrame:
    """Each skill's share of postings in ``before`` and ``after`` (first and last day, inclusive).

    Columns: skill, count_before, count_after, share_before, share_after (fractions of the period's postings) and
    change (share_after - share_before: 0.05 is five percentage points), largest change first. Skills with fewer
    than ``min_count`` postings in both periods are left out: with a handful of postings a share jumps by chance.
    """
    days = posting_days(posting_set.postings)
    total_before, counts_before = _skill_counts_between(posting_set, days, *before)
    total_after, counts_after = _skill_counts_between(posting_set, days, *after)
    changes = pd.DataFrame(
        {
            "skill": posting_set.skill_names,
            "count_before": counts_before,
            "count_after": counts_after,
            "share_before": counts_before / total_before,
            "share_after": counts_after / total_after,
        }
    )
    # Rounded far below any meaningful change, so that equal moves (0.4 - 0.1 and 0.6 - 0.3) tie and sort by name.
    changes["change"] = (changes["share_after"] - changes["share_before"]).round(12)
    frequent = (changes["count_before"] >= min_count) | (changes["count_after"] >= min_count)
    return (
        changes[frequent]
        .sort_values(["change", "skill"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def _skill_counts_between(posting_set: PostingSet, days: pd.Series, first: date, last: date) -> tuple[int, np.ndarray]:
    """Postings posted from ``first`` to ``last`` (inclusive), and how many of them ask for each skill."""
    if first > last:
        raise ValueError(
            say(
                f"periode tidak boleh berakhir sebelum dimulai: {first} sampai {last}",
                f"a period must not end before it starts: {first} to {last}",
            )
        )
    inside = ((days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))).to_numpy()
    if not inside.any():
        raise ValueError(
            say(
                f"tidak ada lowongan dari {first} sampai {last}: pilih periode yang ada datanya",
                f"no postings from {first} to {last}: choose periods the data cover",
            )
        )
    return int(inside.sum()), np.asarray(inside.astype(np.int64) @ posting_set.skills).ravel()


def rising_and_falling(changes: pd.DataFrame, top: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``top`` skills whose share rose most (largest first) and fell most (steepest first) in ``changes``."""
    rising = changes[changes["change"] > 0].sort_values(["change", "skill"], ascending=[False, True], kind="stable")
    falling = changes[changes["change"] < 0].sort_values(["change", "skill"], ascending=[True, True], kind="stable")
    return rising.head(top).reset_index(drop=True), falling.head(top).reset_index(drop=True)


def recent_periods(
    posting_set: PostingSet,
    days: int = 91,
    min_days: int = MIN_PERIOD_DAYS,
    min_postings: int = MIN_PERIOD_POSTINGS,
) -> tuple[tuple[date, date], tuple[date, date]]:
    """Two consecutive periods of equal length ending on the last ``posted_on``: the default comparison of a report.

    Each is ``days`` long (a quarter by default: what changed lately, not since the oldest posting stored), or half
    the days covered when they are fewer; with an odd number of days covered, the first day is left out. Raises
    ValueError, saying why in plain words, when the periods would be shorter than ``min_days`` or either would
    hold fewer than ``min_postings`` postings: too little data to say what rose or fell. Its messages, and those of
    `compare_periods`, are in the current language (analysis/language.py): a report shows them.
    """
    dates = posting_days(posting_set.postings).dropna()
    if dates.empty:
        raise ValueError(
            say(
                "tidak ada lowongan yang bertanggal untuk dibagi menjadi dua periode",
                "no dated postings to split into two periods",
            )
        )
    first, last = dates.min().date(), dates.max().date()
    covered = (last - first).days + 1
    half = min(days, covered // 2)
    if half < min_days:
        days_covered, least = format_count(covered), format_count(min_days)
        raise ValueError(
            say(
                f"lowongan hanya mencakup {days_covered} hari ({first} sampai {last}); untuk membandingkan "
                f"dibutuhkan dua periode yang masing-masing paling sedikit {least} hari",
                f"the postings cover {days_covered} days ({first} to {last}); comparing needs two periods of at "
                f"least {least} days each",
            )
        )
    after_start = last - timedelta(days=half - 1)
    before = (after_start - timedelta(days=half), after_start - timedelta(days=1))
    after = (after_start, last)
    for period_first, period_last in (before, after):
        inside = int(dates.between(pd.Timestamp(period_first), pd.Timestamp(period_last)).sum())
        if inside < min_postings:
            held, least = format_count(inside), format_count(min_postings)
            raise ValueError(
                say(
                    f"{period_first} sampai {period_last} hanya berisi {held} lowongan; untuk membandingkan "
                    f"dibutuhkan paling sedikit {least} lowongan di setiap periode",
                    f"{period_first} to {period_last} holds {held} postings; comparing needs at least {least} in "
                    "each period",
                )
            )
    return before, after
