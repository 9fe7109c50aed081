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
   class);
4. a day whose window is too thin to compare has no value (a gap), never 0 or a huge number: its window holds
   fewer than ``min_postings`` postings, a week (7 days in a row) with less than half the window's average
   week (``QUIET_WEEK``), or ``EMPTY_DAYS`` days in a row without any posting: crawls that had not started yet,
   or a platform that stopped answering. The series starts at the first window that is not thin and starts on
   a day with postings, so a window reaching back before the crawls began is blank too; the default base day
   is that first day. Five stray postings before the crawls do not become 100.

The minimum is MIN_WINDOW_POSTINGS = 100 postings in the window by default: a count of n postings varies by
chance by about 1/√n of itself, a tenth for 100, so the base is known to about ±10%; with five postings it
would be ±45%.

The index measures the postings on the platforms crawled, not the labour market: a platform added to the
crawls, or one that stops answering, moves it as much as demand does.
"""

from __future__ import annotations

from datetime import date
from numbers import Integral, Real

import pandas as pd

from analysis.data import PostingSet, posting_days
from analysis.formats import format_count, format_decimal
from analysis.language import say
from pipelines.skills.taxonomy import OCCUPATIONS

# The fewest postings a day's window must hold for the day to have a value (see the module docstring).
MIN_WINDOW_POSTINGS = 100
# A week of a window with less than this share of the window's average week, or this many days in a row
# without a posting, is a gap in the crawls (or the window reaches back before them), not a quiet market.
QUIET_WEEK = 0.5
EMPTY_DAYS = 3


class OccupationIndex:
    """Daily new postings per OLI occupation class, smoothed and normalised to 100 on a base day.

    After ``fit``: ``daily_`` (days x classes plus ``total``: new postings), ``smoothed_`` (their trailing
    ``window``-day means), ``enough_`` (per day: its window holds at least ``min_postings`` postings and no
    quiet week, as the module docstring says), ``index_`` (``smoothed_`` scaled so the total is 100 on ``base_date_``,
    NaN on the days without ``enough_``) and ``method_`` (the method in a sentence or two, for a report). Every class
    of ``OCCUPATIONS`` has a column; ``total`` also counts postings without a class (stored before occupations were
    derived), so the classes may add up to less.

    ``method_`` and the messages of the ValueErrors ``fit`` raises when the data are too short or too thin (a report
    shows them instead of the index) are in the current language (analysis/language.py).
    """

    def __init__(self, window: int = 28, base_date: date | None = None, min_postings: int = MIN_WINDOW_POSTINGS):
        if not isinstance(window, Integral) or window < 1:
            raise ValueError(f"window must be a whole number of days, at least 1; got {window!r}")
        if not isinstance(min_postings, Real) or min_postings < 1:
            raise ValueError(f"min_postings must be a number of postings, at least 1; got {min_postings!r}")
        self.window = window
        self.base_date = base_date
        self.min_postings = min_postings

    def fit(self, posting_set: PostingSet) -> OccupationIndex:
        days = posting_days(posting_set.postings)
        dated = days.notna()
        if not dated.any():
            raise ValueError(
                say(
                    "tidak ada lowongan yang bertanggal: indeks membutuhkan lowongan yang menyebut hari pemasangannya "
                    "(posted_on)",
                    "no dated postings: the index needs postings with a posted_on day",
                )
            )
        calendar = pd.date_range(days[dated].min(), days[dated].max(), freq="D", name="day")
        if len(calendar) < self.window:
            covered, first, last = format_count(len(calendar)), calendar[0].date(), calendar[-1].date()
            raise ValueError(
                say(
                    f"lowongan hanya mencakup {covered} hari ({first} sampai {last}), kurang dari {self.window} hari "
                    "yang dirata-rata indeks: muat periode yang lebih panjang atau pakai rata-rata yang lebih pendek",
                    f"the postings cover {covered} days ({first} to {last}), fewer than the {self.window}-day window: "
                    "load a longer period or use a shorter window",
                )
            )
        occupations = posting_set.postings["oli_occupation"][dated]
        by_class = pd.crosstab(days[dated], occupations) if occupations.notna().any() else pd.DataFrame()
        daily = by_class.reindex(index=calendar, columns=list(OCCUPATIONS), fill_value=0)
        daily["total"] = days[dated].value_counts().reindex(calendar, fill_value=0)
        self.daily_ = daily.astype("int64").rename_axis(index="day", columns="occupation")
        self.smoothed_ = self.daily_.rolling(self.window, min_periods=self.window).mean()
        self.enough_ = self._enough(self.daily_["total"])
        self.base_date_ = self._base_date(calendar)
        base_total = self.smoothed_.at[pd.Timestamp(self.base_date_), "total"]
        self.index_ = (self.smoothed_ * (100 / base_total)).where(self.enough_, axis=0)
        sources = sorted(posting_set.postings["source"].dropna().unique())
        platforms = ", ".join(sources) if sources else say("tidak ada sumber yang disebut", "no source given")
        least = format_decimal(self.min_postings)
        self.method_ = say(
            f"Jumlah lowongan baru per hari, menurut golongan pekerjaan Online Labour Index (ditambah lainnya: "
            f"pekerjaan lokal dan manual), di situs-situs yang dikumpulkan ({platforms}), dirata-rata selama "
            f"{self.window} hari terakhir seperti yang dilakukan Online Labour Index (Kässi & Lehdonvirta 2018); 100 "
            f"adalah jumlah rata-rata semua lowongan pada {self.base_date_}, dan setiap golongan dikalikan dengan "
            f"faktor yang sama, jadi golongan-golongan bisa dibandingkan satu sama lain dan dengan jumlah semuanya. "
            f"Hari yang {self.window} harinya berisi kurang dari {least} lowongan, satu minggu dengan kurang dari "
            f"separuh rata-rata mingguannya, atau {EMPTY_DAYS} hari berturut-turut tanpa lowongan (pengumpulan "
            f"lowongan belum dimulai atau sempat terhenti) terlalu tipis untuk dibandingkan dan dibiarkan kosong.",
            f"Counts of new postings per day, by Online Labour Index occupation class (plus other: local and manual "
            f"work), on the platforms crawled ({platforms}), smoothed with a trailing {self.window}-day mean as the "
            f"Online Labour Index does (Kässi & Lehdonvirta 2018); 100 is the smoothed total on {self.base_date_}, "
            f"and every class is scaled by that same factor, so classes are comparable with each other and with the "
            f"total. A day whose {self.window} days hold fewer than {least} postings, a week with less than half "
            f"their average week, or {EMPTY_DAYS} days in a row without any (crawls not yet started or interrupted) "
            f"is too thin to compare and is left blank.",
        )
        return self

    def _enough(self, total: pd.Series) -> pd.Series:
        """Per day: whether its full window holds ``min_postings`` postings, no quiet week and no empty days in
        a row, from the first such window that starts on a day with postings."""
        in_window = total.rolling(self.window, min_periods=self.window).sum()
        enough = in_window >= self.min_postings
        for days, least in ((7, QUIET_WEEK * in_window * 7 / self.window), (EMPTY_DAYS, 1)):
            if self.window >= days:  # the quietest `days` in a row inside each window
                enough &= total.rolling(days).sum().rolling(self.window - days + 1).min() >= least
        # the series starts with a window that starts on a day with postings, not before the crawls began
        starts_with_postings = enough & (total.shift(self.window - 1) > 0)
        if starts_with_postings.any():
            enough[: starts_with_postings.idxmax() - pd.Timedelta(days=1)] = False
        else:
            enough[:] = False
        return enough.rename("enough")

    def _base_date(self, calendar: pd.DatetimeIndex) -> date:
        """``base_date``, checked to have a full window that is not thin; by default the first day that has one."""
        first_full = calendar[self.window - 1].date()
        enough_days = self.enough_.index[self.enough_.to_numpy()]
        least = format_decimal(self.min_postings)
        thin = say(
            f"kurang dari {least} lowongan dalam {self.window} hari, satu minggu dengan kurang dari separuh "
            f"rata-ratanya, atau {EMPTY_DAYS} hari berturut-turut tanpa lowongan",
            f"fewer than {least} postings in {self.window} days, a week with less than half their average, or "
            f"{EMPTY_DAYS} days in a row without any",
        )
        if self.base_date is None:
            if enough_days.empty:
                most = format_count(int(self.daily_["total"].rolling(self.window).sum().max()))
                raise ValueError(
                    say(
                        f"data terlalu sedikit untuk indeks: setiap rentang {self.window} hari berisi {thin} (paling "
                        f"banyak {most} lowongan dalam satu rentang); kumpulkan lowongan lebih lama atau turunkan "
                        "batas minimumnya (--min-postings)",
                        f"too little data for an index: every {self.window}-day window has {thin} (the most postings "
                        f"in one is {most}); crawl for longer or lower the minimum (--min-postings)",
                    )
                )
            return enough_days[0].date()
        base, last = pd.Timestamp(self.base_date).date(), calendar[-1].date()
        if not first_full <= base <= last:
            raise ValueError(
                say(
                    f"hari dasar {base} di luar deret yang dirata-rata: pilih hari dari {first_full} (hari pertama "
                    f"dengan rentang penuh {self.window} hari) sampai {last}",
                    f"base date {base} is outside the smoothed series: choose a day from {first_full} (the first "
                    f"with a full {self.window}-day window) to {last}",
                )
            )
        if not self.enough_.at[pd.Timestamp(base)]:
            suggestion = ""
            if len(enough_days):
                first_enough = enough_days[0].date()
                suggestion = say(
                    f": hari pertama yang cukup adalah {first_enough}",
                    f": the first day that has enough is {first_enough}",
                )
            raise ValueError(
                say(
                    f"hari dasar {base} terlalu tipis untuk dibandingkan ({thin}){suggestion}",
                    f"base date {base} is too thin to compare ({thin}){suggestion}",
                )
            )
        return base
