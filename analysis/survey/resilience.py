"""Economic resilience: the share of survey members whose income reaches each yardstick (analysis/yardsticks.py),
overall and per group, comparing like with like (docs/survey.md)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from analysis.formats import format_count, format_decimal, is_missing
from analysis.language import say
from analysis.survey.reading import SurveyError
from analysis.yardsticks import (
    PER_PERSON,
    Figure,
    YardstickFileError,
    YardstickLookupError,
    Yardsticks,
    load_yardsticks,
)


@dataclass(frozen=True)
class Indicator:
    """One comparison: a members column against one yardstick."""

    yardstick: str
    """The key of the figure in `yardsticks_for`."""
    income: str
    """The `members` column compared with it."""
    words: tuple[str, str]
    """That column in words: (Indonesian, English); `compares` is the one of the current language."""
    per_person: str | None = None
    """For a household line: the key of the per-person line that, times a member's household size, is that
    member's line (BPS's method: a household is poor when its income per member is below the per-person line). The
    indicator's own figure, the line per poor household of average size, then stands only for members whose
    household size is not known."""

    @property
    def compares(self) -> str:
        """The column compared, in words, in the current language (analysis/language.py)."""
        return say(*self.words)


PER_MEMBER_WORDS = ("pendapatan per anggota rumah tangga", "income per household member")
INDICATORS = (
    Indicator("wb_extreme", "income_per_member_idr", PER_MEMBER_WORDS),
    Indicator("wb_lower_middle", "income_per_member_idr", PER_MEMBER_WORDS),
    Indicator("wb_upper_middle", "income_per_member_idr", PER_MEMBER_WORDS),
    Indicator("bps_capita", "income_per_member_idr", PER_MEMBER_WORDS),
    Indicator(
        "bps_household",
        "household_income_used_idr",
        ("pendapatan rumah tangga", "household income"),
        per_person="bps_capita",
    ),
    Indicator("umk", "monthly_income_idr", ("pendapatan pribadi", "personal income")),
)
INDICATOR_COLUMNS = (
    "indicator",
    "yardstick",
    "compares",
    "line_idr",
    "members",
    "reaching",
    "share",
    "left_out",
    "per_person_line_idr",
    "by_household_size",
    "by_average_household",
    "average_household_size",
    "note",
)
# Counts that do not apply to every indicator: <NA> where they do not, whole numbers where they do.
_NULLABLE_COUNTS = ("by_household_size", "by_average_household")


def period_day(period: str) -> date:
    """The 15th of the month `period` ("YYYY-MM"): the day whose yardsticks a survey of that month uses."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", period.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise SurveyError(f'period "{period}" is not a month written YYYY-MM, e.g. 2026-01')
    return date(int(match.group(1)), int(match.group(2)), 15)


def average_poor_household_size(yardsticks: Yardsticks, household: Figure, on: date) -> float | None:
    """How many people the BPS line per poor household stands for: that line over the per-person line of the same
    area and survey, which BPS multiplied by the average size of a poor household to make it (about 4,8 people).

    None when the table cannot say: no household figure, or no per-person figure of the same area and survey.
    """
    if not household.available:
        return None
    try:
        person = yardsticks.lookup("bps_poverty_line", household.area, on, unit=PER_PERSON)
    except YardstickLookupError:
        return None
    if person.area != household.area or person.valid_from != household.valid_from or not person.value:
        return None
    return household.value / person.value


class ResilienceIndicators:
    """The share of members whose income reaches each yardstick, overall and per group.

    A member reaches a yardstick when the income compared is at least the line: a wage of exactly the UMK meets
    the minimum wage, and a person spending exactly the poverty line is not below it. The comparisons
    (`INDICATORS`), all in rupiah per month:

    - income per household member against the three World Bank lines and the BPS line per person. A member without
      a household size has no income per household member and is left out of these four, counted in `left_out`:
      guessing a size would be an assumption the reader cannot see;
    - household income against the BPS line per person times the member's household size (BPS's method; a member
      living alone is held to 1 × the line). Only for a member without a household size is it compared with the BPS
      line per poor household, which assumes the average size of a poor household; the row counts both ways;
    - the member's own income against the UMK (or the province's UMP where the region has no UMK).

    Parameters: `region` and `period` ("YYYY-MM") choose the yardsticks, those in force in `region` on the 15th of
    the month; `figures` replaces the yardstick table with given figures (by `INDICATORS` key), for tests and for
    what-if questions; `average_household_size` is the number of people the line per poor household stands for,
    for the output only (default: worked out from the yardstick table when `figures` is None, else not stated).

    Attributes after `fit`:

    - `on_`: the day the yardsticks are taken at; `yardsticks_`: {key: Figure} of the figures used, whose
      ``.used`` says which figure was chosen and why;
    - `members_`: how many members were analysed; `members_without_household_size_`: how many of them have no
      household size; `average_household_size_`: see the parameter (None when not known);
    - `overall_`: one row per indicator: `indicator` (the key), `yardstick` (the figure's name), `compares`,
      `line_idr` (the figure), `members` (members measured), `reaching` (members at or above the line), `share`
      (reaching / members), `left_out` (members analysed but not measured: without a household size), and for
      the household line `per_person_line_idr` (the line multiplied by each size), `by_household_size` and
      `by_average_household` (members held to each kind of line) and `average_household_size` (<NA>/NaN on the
      other rows); `note` says in words whom the row leaves out or how it compared them ("" when nothing);
    - `by_cluster_`: the same per group, with a `cluster` column first, groups in label order; None when `fit`
      got no labels.
    """

    def __init__(
        self,
        region: str,
        period: str,
        figures: Mapping[str, Figure] | None = None,
        average_household_size: float | None = None,
    ) -> None:
        self.region = region
        self.period = period
        self.figures = figures
        self.average_household_size = average_household_size

    def fit(self, members: pd.DataFrame, labels: Sequence[int] | np.ndarray | None = None) -> ResilienceIndicators:
        self.on_ = period_day(self.period)
        figures, size = self._figures()
        absent = [indicator.yardstick for indicator in INDICATORS if indicator.yardstick not in figures]
        if absent:
            raise SurveyError(f"no {', '.join(absent)} figure for {self.region} on {self.on_.isoformat()}")
        self.yardsticks_ = {indicator.yardstick: figures[indicator.yardstick] for indicator in INDICATORS}
        self.average_household_size_ = size
        self.members_ = len(members)
        self.members_without_household_size_ = int(members["household_size"].isna().sum())
        self.overall_ = self._shares(members)
        if labels is None:
            self.by_cluster_ = None
        else:
            labels = np.asarray(labels)
            self.by_cluster_ = pd.concat(
                [self._shares(members[labels == cluster]).assign(cluster=cluster) for cluster in np.unique(labels)],
                ignore_index=True,
            )[["cluster", *INDICATOR_COLUMNS]]
        return self

    def _figures(self) -> tuple[Mapping[str, Figure], float | None]:
        """The figures to compare with, and the average poor household size to state beside the household line."""
        if self.figures is not None:
            return self.figures, self.average_household_size
        yardsticks = load_survey_yardsticks()
        figures = figures_for(self.region, self.on_, yardsticks)
        size = self.average_household_size
        if size is None and "bps_household" in figures:
            size = average_poor_household_size(yardsticks, figures["bps_household"], self.on_)
        return figures, size

    def _shares(self, members: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for indicator in INDICATORS:
            figure = self.yardsticks_[indicator.yardstick]
            row = {
                "indicator": indicator.yardstick,
                "yardstick": figure.name,
                "compares": indicator.compares,
                "line_idr": float(figure.value),
                "per_person_line_idr": math.nan,
                "by_household_size": None,
                "by_average_household": None,
                "average_household_size": math.nan,
            }
            if indicator.per_person:
                row |= self._household_reach(indicator, members)
            else:
                row |= _reach(members[indicator.income], figure)
            measured, reaching = row["members"], row["reaching"]
            row["share"] = reaching / measured if measured and reaching is not None else math.nan
            rows.append(row)
        frame = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
        return frame.astype(dict.fromkeys(_NULLABLE_COUNTS, "Int64"))

    def _household_reach(self, indicator: Indicator, members: pd.DataFrame) -> dict[str, Any]:
        """Household income against the per-person line × the household size, or, for a member without a size, the
        line per poor household."""
        person, household = self.yardsticks_[indicator.per_person], self.yardsticks_[indicator.yardstick]
        average_size = self.average_household_size_
        sizes = members["household_size"].to_numpy(dtype=float, na_value=np.nan)
        known = ~np.isnan(sizes)
        lines = np.where(known, person.value * sizes, household.value)
        by_size, by_average = int(known.sum()), int((~known).sum())
        # Without the figure some members need, nobody can be said to reach it: None, not a count of the others.
        available = (person.available or not by_size) and (household.available or not by_average)
        income = members[indicator.income].to_numpy(dtype=float)
        return {
            "members": len(members),
            "reaching": int((income >= lines).sum()) if available else None,
            "left_out": 0,
            "per_person_line_idr": float(person.value),
            "by_household_size": by_size,
            "by_average_household": by_average,
            "average_household_size": math.nan if average_size is None else average_size,
            "note": _household_note(person, household, by_size, by_average, average_size),
        }


def _reach(income: pd.Series, figure: Figure) -> dict[str, Any]:
    """An income column against one line; a member whose income is unknown (NaN: income per household member
    without a household size) is left out and counted."""
    measured = income.dropna()
    left_out = len(income) - len(measured)
    # Without a figure for the period nobody can be said to reach it: None, not 0.
    reaching = int((measured >= figure.value).sum()) if figure.available else None
    note = ""
    if left_out:
        are = "is" if left_out == 1 else "are"
        rest = f"the share is of the other {len(measured)}" if len(measured) else "no member is left to measure"
        note = (
            f"{counted(left_out, 'member')} without a household size {are} left out, since income per household "
            f"member cannot be worked out without it; {rest}"
        )
    return {"members": len(measured), "reaching": reaching, "left_out": left_out, "note": note}


def _household_note(person: Figure, household: Figure, by_size: int, by_average: int, size: float | None) -> str:
    """How the household line was drawn, in words, e.g. "household income against Rp 649.331 × household size
    (BPS's method); 2 members without a household size were compared with the average poor-household line of 4,76
    people, Rp 3.053.269"."""
    parts = []
    if by_size:
        parts.append(f"household income against {exact_rupiah(person.value)} × household size (BPS's method)")
    if by_average:
        people = f" of {format_decimal(size, 2)} people" if size is not None else ""
        were = "was" if by_average == 1 else "were"
        parts.append(
            f"{counted(by_average, 'member')} without a household size {were} compared with the average "
            f"poor-household line{people}, {exact_rupiah(household.value)}"
        )
    return "; ".join(parts)


def figures_for(region: str, on: date, yardsticks: Yardsticks | None = None) -> dict[str, Figure]:
    """The yardsticks of `INDICATORS` for `region` on `on` (analysis.yardsticks), or `SurveyError` saying why not."""
    try:
        return (yardsticks or load_survey_yardsticks()).yardsticks_for(region, on)
    except YardstickLookupError as exc:
        raise SurveyError(f"no yardsticks for {region} on {on.isoformat()}: {exc}") from exc


def load_survey_yardsticks() -> Yardsticks:
    """The yardstick table (analysis/yardsticks.py), or `SurveyError` when it cannot be read."""
    try:
        return load_yardsticks()
    except YardstickFileError as exc:
        raise SurveyError(str(exc)) from exc


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun`` in English, for the notes and the terminal: "1 member", "3 members"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def exact_rupiah(value: float) -> str:
    """Rupiah to the rupiah, so that a coordinator can check a yardstick against its source; "–" for no figure."""
    return format_count(value) if is_missing(value) else f"Rp {format_count(value)}"
