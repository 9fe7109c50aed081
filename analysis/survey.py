"""A training community's own survey of its members: reading it, grouping the members, and measuring resilience.

The study behind pasarkerja asked community members their income by questionnaire and judged whether they reach
individual economic resilience by holding that income against three yardsticks: the World Bank international
poverty lines, the BPS poverty line (Garis Kemiskinan, per person and per poor household) and the regional minimum
wage (UMK). This module does the same for a community's own CSV file; the columns, and how every number below is
computed, are documented for coordinators in docs/survey.md (a template and an invented example are in
examples/survey/).

- `read_survey` reads the file. Coordinators fill it in by hand, so one bad value must not stop the analysis: each
  becomes a one-line problem naming the row (numbered as a spreadsheet numbers it, every line counted) and the
  column, that row is left out, and the good rows are analysed. Only a file that cannot be read, or that lacks a
  required column, raises `SurveyError`.
- `SurveyClusters` groups members by k-means on their income per household member, household size, experience and
  employment status, and describes each group.
- `ResilienceIndicators` gives, for each yardstick, the share of members whose income reaches it, overall and per
  group, comparing like with like: per-person lines with income per household member, and household income with
  the per-person line times the member's household size (BPS's method). The yardsticks are those of
  analysis/yardsticks.py for the community's region, in force on the 15th of the chosen month.
- `analyse_survey` does all three and returns a `SurveyResult` (text for the terminal, or JSON);
  `run_survey` is the ``pasarkerja survey`` command's output as one string.

The household size is optional. Where a member gives none, the output says what was done instead: the member is
left out of the per-person indicators, held to the BPS line per poor household of average size, and grouped as if
the household had the median size.

Member rows hold income, so the output never names a member: only counts, shares and medians.

What the HTML report shows from here follows the current language (analysis/language.py): what each indicator
compares (`Indicator.compares`) and the yardsticks' ``used`` (analysis/yardsticks.py) are Indonesian by default and
English inside ``language("en")``; the rest of the terminal text is for analysts, in English.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from analysis.formats import format_count, format_decimal, format_percent, format_rupiah, is_missing
from analysis.language import say
from analysis.spreadsheet import read_records
from analysis.untrusted import json_document, json_ready
from analysis.yardsticks import (
    PER_PERSON,
    Figure,
    YardstickFileError,
    YardstickLookupError,
    Yardsticks,
    load_yardsticks,
)
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy, normalise

# Every survey column, in the template's order (examples/survey/template.csv).
COLUMNS = (
    "member_id",
    "monthly_income_idr",
    "household_size",
    "region",
    "main_platform",
    "skills",
    "months_experience",
    "employment_status",
    "household_income_idr",
    "age",
    "gender",
    "track",
)
# household_size is optional: a member may not know, or a community may not ask. Without it there is no income
# per household member, and the output says how such members were treated (ResilienceIndicators).
OPTIONAL_COLUMNS = ("household_size", "household_income_idr", "age", "gender", "track")
REQUIRED_COLUMNS = tuple(column for column in COLUMNS if column not in OPTIONAL_COLUMNS)
EMPLOYMENT_STATUSES = ("employed", "freelance", "self_employed", "student", "unemployed")
# Words in a column name that say it holds names or contact details ("nama", "no_hp", "e-mail"): the survey needs
# none, so such a column is never read.
PERSONAL_COLUMN = re.compile(
    r"(?:^|_)(?:name|nama|phone|telp|telepon|hp|wa|whatsapp|e-?mail|address|alamat|nik|ktp|contact|kontak)(?:_|$)"
)
EMAIL = re.compile(r"\S+@\S+\.\S+")
PHONE = re.compile(r"\+?[\d ()-]{9,}")
# Whole rupiah, optionally after "Rp", with or without thousands separators: 3500000, 3.500.000, 3,500,000.
AMOUNT = re.compile(r"(?:rp\.?\s*)?(\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)", re.IGNORECASE)
AGE_RANGE = (10, 100)
# Added to income per household member before its log, so that no income sits next to very little instead of
# infinitely far below it (log 0); about a fifth of the lowest World Bank line.
INCOME_OFFSET_IDR = 100_000
# k-means starts: a fixed number, so that a random_state gives the same groups on every machine.
KMEANS_STARTS = 10
TOP_SKILLS = 3
# The text output wraps long explanations at this width.
LINE_WIDTH = 120


class SurveyError(ValueError):
    """A survey that cannot be analysed at all; the message is one line naming the file.

    `problems` holds the row problems when every row had one, so that a caller can show them all.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class SurveyReading:
    """The good rows of a survey file, typed, and one message per problem found.

    `members` has one row per usable member, in file order, with the survey's columns typed (incomes, household
    size, months and age as integers, missing optional values, household size included, as <NA>; `skills` as a
    tuple of names, taxonomy skills by their canonical name) and three more: `row` (its row number in the file),
    `household_income_used_idr` (household_income_idr where given, otherwise the member's own income) and
    `income_per_member_idr` (that divided by household_size; NaN when the size is not known).
    """

    path: Path
    members: pd.DataFrame
    problems: list[str]
    rows_read: int
    """Member rows in the file, usable or not (blank and comment lines are not member rows)."""
    rows_left_out: int


class _Invalid(ValueError):
    """One bad value; the message is what follows "column X: " in the problem line."""


def read_survey(path: str | Path, taxonomy: Taxonomy | None = None) -> SurveyReading:
    """Read the survey CSV file `path` (docs/survey.md); skills resolve against `taxonomy` (default: the bundled one).

    Blank lines and lines starting with ``#`` are skipped. Raises `SurveyError` when the file cannot be read or
    lacks a required column; every other problem is a message in `problems`, and its row is left out.
    """
    path = Path(path)
    taxonomy = taxonomy or load_taxonomy()
    records = read_records(path, SurveyError)
    header_at = next((i for i, record in enumerate(records) if not _skipped(record)), None)
    if header_at is None:
        raise SurveyError(f"{path}: the file is empty; its first line must name the columns, as in the template")
    columns = [normalise(name).replace(" ", "_") for name in records[header_at]]
    _check_header(path, columns)

    name = path.name
    problems = [
        f"{name} row {header_at + 1}, column {column}: {_unknown_column(column)}"
        for column in columns
        if column and column not in COLUMNS
    ]
    members: list[dict[str, Any]] = []
    first_row_of: dict[str, int] = {}
    rows_read = 0
    for index in range(header_at + 1, len(records)):
        record, row = records[index], index + 1
        if _skipped(record):
            continue
        rows_read += 1
        if len(record) > len(columns):
            problems.append(
                f"{name} row {row}: {len(record)} values but the header names {len(columns)} columns; put a value "
                'holding a comma in double quotes ("HTML, CSS"), or separate skills with ";"'
            )
            continue
        # A row may stop early when its last columns are empty, as a hand-written file often does.
        values = dict(zip(columns, [*record, *[""] * (len(columns) - len(record))], strict=True))
        member, row_problems = _member(values, taxonomy)
        member_id = member.get("member_id")
        if member_id in first_row_of:
            row_problems.insert(0, ("member_id", f'"{member_id}" is already used on row {first_row_of[member_id]}'))
        elif member_id is not None:
            first_row_of[member_id] = row
        problems += [f"{name} row {row}, column {column}: {message}" for column, message in row_problems]
        if not row_problems:
            members.append({"row": row, **member})
    return SurveyReading(
        path=path,
        members=_typed(members),
        problems=problems,
        rows_read=rows_read,
        rows_left_out=rows_read - len(members),
    )


def _skipped(record: list[str]) -> bool:
    """Blank lines and comment lines hold no member."""
    return not any(value.strip() for value in record) or record[0].lstrip().startswith("#")


def _check_header(path: Path, columns: list[str]) -> None:
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if repeated:
        raise SurveyError(f"{path}: column {repeated[0]} appears twice in the first line; keep one")
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        listed = ", ".join(missing)
        raise SurveyError(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {listed}; the first line must name the columns, "
            "as in examples/survey/template.csv"
        )


def _unknown_column(column: str) -> str:
    if PERSONAL_COLUMN.search(column):
        return "looks like names or contact details, which the survey must not hold; ignored, remove it from the file"
    return "not a survey column (docs/survey.md); ignored"


def _member(values: Mapping[str, str], taxonomy: Taxonomy) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One row's typed values, and (column, message) for each bad one."""
    member: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    readers = {
        "member_id": _member_id,
        "monthly_income_idr": _amount,
        "household_size": lambda text: _optional(text, lambda value: _whole(value, low=1)),
        "region": _text,
        "main_platform": lambda text: _text(text).lower(),
        "skills": lambda text: _skills(text, taxonomy),
        "months_experience": lambda text: _whole(text, low=0),
        "employment_status": _status,
        "household_income_idr": lambda text: _optional(text, _amount),
        "age": lambda text: _optional(text, lambda value: _whole(value, *AGE_RANGE)),
        "gender": lambda text: _optional(text, _text),
        "track": lambda text: _optional(text, _text),
    }
    for column, read in readers.items():
        try:
            member[column] = read(values.get(column, "").strip())
        except _Invalid as exc:
            problems.append((column, str(exc)))
    household, own = member.get("household_income_idr"), member.get("monthly_income_idr")
    if household is not None and own is not None and household < own:
        # The household's income includes the member's own.
        problems.append(("household_income_idr", f'"{household}" is less than the member\'s own income ({own})'))
    return member, problems


def _text(text: str) -> str:
    if not text:
        raise _Invalid("empty; every row needs a value here")
    return " ".join(text.split())


def _optional(text: str, read: Callable[[str], Any]) -> Any:
    return read(text) if text else None


def _member_id(text: str) -> str:
    member_id = _text(text)
    if EMAIL.fullmatch(member_id):
        raise _Invalid(f'"{member_id}" looks like an e-mail address; use a member id such as A01, never contacts')
    if PHONE.fullmatch(member_id) and sum(character.isdigit() for character in member_id) >= 9:
        raise _Invalid(f'"{member_id}" looks like a phone number; use a member id such as A01, never contacts')
    return member_id


def _amount(text: str) -> int:
    if not text:
        raise _Invalid("empty; write the amount in rupiah, 0 for none")
    if text.lstrip().startswith("-"):
        raise _Invalid(f'"{text}" is below zero; write 0 for no income')
    match = AMOUNT.fullmatch(text)
    if not match:
        raise _Invalid(f'"{text}" is not an amount in whole rupiah; write it in full, e.g. 3500000')
    return int(re.sub(r"\D", "", match.group(1)))


def _whole(text: str, low: int, high: int | None = None) -> int:
    if not re.fullmatch(r"\d+", text) or int(text) < low or (high is not None and int(text) > high):
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise _Invalid(f'"{text}" is not a whole number {bounds}')
    return int(text)


def _status(text: str) -> str:
    status = re.sub(r"[\s-]+", "_", text.lower())
    if status not in EMPLOYMENT_STATUSES:
        raise _Invalid(f'"{text}" is not one of {", ".join(EMPLOYMENT_STATUSES)}')
    return status


def _skills(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The skills between semicolons (or commas: no skill name has one), taxonomy skills by canonical name, so that
    "js" and "JavaScript" count as one."""
    names = []
    for term in re.split(r"[;,]", text):
        term = " ".join(term.split())
        if term:
            skill = taxonomy.lookup(term)
            names.append(skill.name if skill else term)
    return tuple(dict.fromkeys(names))


def _typed(members: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(members, columns=["row", *COLUMNS])
    for column in ("row", "monthly_income_idr", "months_experience"):
        frame[column] = frame[column].astype("int64")
    for column in ("household_size", "household_income_idr", "age"):
        frame[column] = frame[column].astype("Int64")
    for column in ("gender", "track"):
        frame[column] = frame[column].astype("string")
    given = frame["household_income_idr"]
    frame["household_income_used_idr"] = given.fillna(frame["monthly_income_idr"]).astype("int64")
    # NaN where the size is unknown: dividing by a guessed size would be an assumption the reader cannot see.
    sizes = frame["household_size"].to_numpy(dtype=float, na_value=np.nan)
    frame["income_per_member_idr"] = frame["household_income_used_idr"].to_numpy(dtype=float) / sizes
    return frame


# Clusters of members ------------------------------------------------------------------------------------------


def survey_features(members: pd.DataFrame) -> np.ndarray:
    """The rows k-means groups: three numeric features standardised, then the employment status one-hot.

    The numeric features are log(income per household member + `INCOME_OFFSET_IDR`), household size and months of
    experience, each rescaled to mean 0 and standard deviation 1 so that none outweighs the others by its unit. The
    status columns stay 0/1, one per status in `EMPLOYMENT_STATUSES`: two members of different status are sqrt(2),
    about 1.4 standard deviations, apart on them. (Standardised, a status only one member has would weigh so much
    that the member would form a group alone.)

    A member without a household size is grouped as if the household had the median size of those known
    (`grouping_sizes`); this serves the grouping only, never the indicators.
    """
    sizes = grouping_sizes(members)
    numeric = np.column_stack(
        [
            np.log(_grouping_income_per_member(members, sizes) + INCOME_OFFSET_IDR),
            sizes,
            members["months_experience"].to_numpy(dtype=float),
        ]
    )
    if len(members):
        numeric = StandardScaler().fit_transform(numeric)
    statuses = np.column_stack(
        [(members["employment_status"] == status).to_numpy(dtype=float) for status in EMPLOYMENT_STATUSES]
    )
    return np.hstack([numeric, statuses])


def grouping_sizes(members: pd.DataFrame) -> np.ndarray:
    """Household sizes for k-means: a missing size is the median of the known ones.

    k-means needs a value for every member, and the median keeps such a member in the middle of the others on this
    feature rather than pulling it anywhere. When no member gives a size, every size is 1: the column is then the
    same for everyone, so standardised it is 0 and weighs nothing.
    """
    sizes = members["household_size"].to_numpy(dtype=float, na_value=np.nan)
    known = sizes[~np.isnan(sizes)]
    return np.where(np.isnan(sizes), np.median(known) if len(known) else 1.0, sizes)


def _grouping_income_per_member(members: pd.DataFrame, sizes: np.ndarray) -> np.ndarray:
    """Income per household member, and for a member without a household size the household income over the
    size `grouping_sizes` gives it."""
    income = members["income_per_member_idr"].to_numpy(dtype=float)
    unknown = np.isnan(income)
    if unknown.any():
        income = income.copy()
        income[unknown] = members["household_income_used_idr"].to_numpy(dtype=float)[unknown] / sizes[unknown]
    return income


class SurveyClusters(BaseEstimator):
    """Groups of members alike in income, household, experience and employment status (k-means).

    The features are `survey_features`. Without `n_clusters`, k is the one of best silhouette over `k_range`
    (inclusive; ties go to the smaller k), clipped to what the members allow: the silhouette needs at least two
    groups and fewer groups than members, and k-means cannot make more groups than there are distinct members.
    When no k can be scored (fewer than three members, or fewer than two distinct ones) there is one group. k-means
    runs `KMEANS_STARTS` times from seeded starts, so the same `random_state` gives the same groups.

    Attributes after `fit`, with k = `k_` and groups numbered 0..k-1 from the largest (equal sizes: the group of the
    earlier first member first):

    - `labels_`: the group of each member, in the order of `members`;
    - `silhouette_`: {k: silhouette} for each k tried, or for the given k (empty when k < 2);
    - `profiles_`: one row per group: `cluster`, `members`, `share` (of all members), `median_income_idr`,
      `median_income_per_member_idr`, `median_months_experience`, `commonest_status`, `commonest_platform`
      (the commonest value; equal counts: the alphabetically first), `top_skills` (a tuple of the
      `top_skills` skills most members of the group name; equal counts: alphabetically) and
      `members_without_household_size` (whom the median income per household member leaves out: NaN when all).
    """

    def __init__(
        self,
        n_clusters: int | None = None,
        k_range: tuple[int, int] = (2, 6),
        random_state: int = 0,
        top_skills: int = TOP_SKILLS,
    ) -> None:
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.random_state = random_state
        self.top_skills = top_skills

    def fit(self, members: pd.DataFrame) -> SurveyClusters:
        if self.n_clusters is not None and self.n_clusters < 1:
            raise ValueError(f"the number of clusters must be at least 1, not {self.n_clusters}")
        features = survey_features(members)
        distinct = len(np.unique(features, axis=0)) if len(features) else 0
        self.silhouette_: dict[int, float] = {}
        if self.n_clusters is not None:
            self.k_ = min(self.n_clusters, distinct)
            labels = self._kmeans(features, self.k_)
            if 2 <= self.k_ < len(features):
                self.silhouette_[self.k_] = float(silhouette_score(features, labels))
        else:
            low, high = self.k_range
            candidates = range(max(2, low), min(high, distinct, len(features) - 1) + 1)
            fits = {k: self._kmeans(features, k) for k in candidates}
            self.silhouette_ = {k: float(silhouette_score(features, labels)) for k, labels in fits.items()}
            # max keeps the first of equal scores: the smaller k.
            self.k_ = max(self.silhouette_, key=self.silhouette_.get) if fits else min(distinct, 1)
            labels = fits[self.k_] if fits else np.zeros(len(features), dtype=np.int64)
        self.labels_ = _numbered_from_largest(labels)
        self.profiles_ = _profiles(members, self.labels_, self.k_, self.top_skills)
        return self

    def _kmeans(self, features: np.ndarray, k: int) -> np.ndarray:
        if k <= 1:
            return np.zeros(len(features), dtype=np.int64)
        model = KMeans(n_clusters=k, n_init=KMEANS_STARTS, random_state=self.random_state)
        return model.fit_predict(features).astype(np.int64)


def _numbered_from_largest(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered so that group 0 is the largest; equal sizes keep the order of their first members."""
    if not len(labels):
        return labels
    groups, first_member, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(groups)), key=lambda i: (-sizes[i], first_member[i]))
    renumber = {groups[i]: number for number, i in enumerate(order)}
    return np.array([renumber[label] for label in labels], dtype=np.int64)


def _commonest(values: pd.Series) -> str:
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value)) if counts else ""


def _top_skills(skill_lists: pd.Series, top: int) -> tuple[str, ...]:
    counts = Counter(skill for skills in skill_lists for skill in skills)
    return tuple(sorted(counts, key=lambda skill: (-counts[skill], skill))[:top])


PROFILE_COLUMNS = (
    "cluster",
    "members",
    "share",
    "median_income_idr",
    "median_income_per_member_idr",
    "median_months_experience",
    "commonest_status",
    "commonest_platform",
    "top_skills",
    "members_without_household_size",
)


def _profiles(members: pd.DataFrame, labels: np.ndarray, k: int, top: int) -> pd.DataFrame:
    rows = []
    for cluster in range(k):
        group = members[labels == cluster]
        rows.append(
            {
                "cluster": cluster,
                "members": len(group),
                "share": len(group) / len(members),
                "median_income_idr": float(group["monthly_income_idr"].median()),
                "median_income_per_member_idr": float(group["income_per_member_idr"].median()),
                "median_months_experience": float(group["months_experience"].median()),
                "commonest_status": _commonest(group["employment_status"]),
                "commonest_platform": _commonest(group["main_platform"]),
                "top_skills": _top_skills(group["skills"], top),
                # The median income per household member above is of the others.
                "members_without_household_size": int(group["household_size"].isna().sum()),
            }
        )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


# Resilience indicators ----------------------------------------------------------------------------------------


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
        yardsticks = _yardsticks()
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
            f"{_counted(left_out, 'member')} without a household size {are} left out, since income per household "
            f"member cannot be worked out without it; {rest}"
        )
    return {"members": len(measured), "reaching": reaching, "left_out": left_out, "note": note}


def _household_note(person: Figure, household: Figure, by_size: int, by_average: int, size: float | None) -> str:
    """How the household line was drawn, in words, e.g. "household income against Rp 649.331 × household size
    (BPS's method); 2 members without a household size were compared with the average poor-household line of 4,76
    people, Rp 3.053.269"."""
    parts = []
    if by_size:
        parts.append(f"household income against {_exact_rupiah(person.value)} × household size (BPS's method)")
    if by_average:
        people = f" of {format_decimal(size, 2)} people" if size is not None else ""
        were = "was" if by_average == 1 else "were"
        parts.append(
            f"{_counted(by_average, 'member')} without a household size {were} compared with the average "
            f"poor-household line{people}, {_exact_rupiah(household.value)}"
        )
    return "; ".join(parts)


# The command ------------------------------------------------------------------------------------------------


@dataclass
class SurveyResult:
    """Everything ``pasarkerja survey`` shows: the reading, the groups and the indicators."""

    reading: SurveyReading
    region: str
    period: str
    clusters: SurveyClusters
    indicators: ResilienceIndicators
    members_elsewhere: dict[str, int] = field(default_factory=dict)
    """{region as written: members} for members whose region is neither the one measured against nor in it."""

    @property
    def problems(self) -> list[str]:
        return self.reading.problems

    def text(self) -> str:
        """The result for a terminal: who was analysed, the yardsticks, the indicators, the clusters, the problems."""
        lines = [*self._heading(), *self._yardstick_lines(), *self._indicator_lines(), *self._cluster_lines()]
        if self.problems:
            lines.append(f"Problems ({len(self.problems)})")
            lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines).rstrip() + "\n"

    def _heading(self) -> list[str]:
        reading, members = self.reading, self.indicators.members_
        left_out = f"; {reading.rows_left_out} left out, see the problems at the end" if reading.rows_left_out else ""
        analysed = f"{_counted(members, 'member')} analysed ({_counted(reading.rows_read, 'row')}{left_out})"
        lines = [f"Survey {reading.path.name}: {analysed}", ""]
        if self.members_elsewhere:
            places = ", ".join(f"{region} {count}" for region, count in self.members_elsewhere.items())
            outside = f"{_counted(sum(self.members_elsewhere.values()), 'member')} outside {self.region} ({places})"
            measured = f"they are measured against the yardsticks of {self.region} too"
            lines += textwrap.wrap(f"{outside}; {measured}.", LINE_WIDTH)
            lines.append("")
        return lines

    def _yardstick_lines(self) -> list[str]:
        indicators = self.indicators
        lines = [f"Yardsticks for {self.region} in force on {_long_date(indicators.on_)}, rupiah a month"]
        for key, figure in indicators.yardsticks_.items():
            lines += textwrap.wrap(
                figure.used,
                width=LINE_WIDTH,
                initial_indent=f"  {key:<15} {_exact_rupiah(figure.value):>12}  ",
                subsequent_indent=" " * 32,
            )
        return [*lines, ""]

    def _indicator_lines(self) -> list[str]:
        indicators = self.indicators
        overall = indicators.overall_
        # The members measured differ between indicators only when some members have no household size; the
        # column is shown then, so that "reaching" can be read against it.
        partial = bool((overall["members"] != indicators.members_).any())
        rows = [
            [
                row.indicator,
                row.compares,
                _line_cell(row),
                *([format_count(row.members)] if partial else []),
                format_count(row.reaching),
                format_percent(row.share),
            ]
            for row in overall.itertuples()
        ]
        header = ["indicator", "compares", "line", *(["members"] if partial else []), "reaching", "share"]
        table = _table(rows, header, left=2)
        # The notes say, beside the figures, whom an indicator left out and which household line was used.
        return ["Members at or above each yardstick", *table[:-1], *_note_lines(overall), table[-1]]

    def _cluster_lines(self) -> list[str]:
        lines = [f"Clusters of members (k-means, {_how_k(self.clusters)})"]
        for profile in self.clusters.profiles_.itertuples():
            described = (
                f"cluster {profile.cluster}: {_counted(profile.members, 'member')} ({format_percent(profile.share)}); "
                f"commonest status {profile.commonest_status}, main platform {profile.commonest_platform}; median "
                f"income {format_rupiah(profile.median_income_idr)}, per household member "
                f"{_per_member_median(profile)}; median experience "
                f"{format_decimal(profile.median_months_experience)} months; top skills: "
                f"{', '.join(profile.top_skills) or 'none named'}"
            )
            lines += textwrap.wrap(described, width=LINE_WIDTH, initial_indent="  ", subsequent_indent="    ")
        lines.append("")
        indicators = self.indicators
        if indicators.by_cluster_ is not None and self.clusters.k_ > 1:
            shares = indicators.by_cluster_.pivot(index="indicator", columns="cluster", values="share")
            rows = [
                [key, format_percent(share), *(format_percent(shares.loc[key, cluster]) for cluster in shares.columns)]
                for key, share in zip(indicators.overall_["indicator"], indicators.overall_["share"], strict=True)
            ]
            lines.append("Members at or above each yardstick, by cluster")
            lines += _table(rows, ["indicator", "all", *(f"cluster {c}" for c in shares.columns)])
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values; no member is named."""
        reading, indicators, clusters = self.reading, self.indicators, self.clusters
        return {
            "file": str(reading.path),
            "region": self.region,
            "period": self.period,
            "yardsticks_on": indicators.on_.isoformat(),
            "rows_read": reading.rows_read,
            "rows_left_out": reading.rows_left_out,
            "members": indicators.members_,
            "members_without_household_size": indicators.members_without_household_size_,
            "average_poor_household_size": indicators.average_household_size_,
            "members_elsewhere": self.members_elsewhere,
            "yardsticks": {
                key: {
                    "name": figure.name,
                    "value_idr": json_ready(figure.value),
                    "unit": figure.unit,
                    "used": figure.used,
                    "source": figure.source,
                }
                for key, figure in indicators.yardsticks_.items()
            },
            "indicators": _records_of(indicators.overall_),
            "clusters": {
                "k": clusters.k_,
                "k_given": clusters.n_clusters is not None,
                "silhouette": {str(k): score for k, score in clusters.silhouette_.items()},
                "profiles": _records_of(clusters.profiles_),
                "indicators": _records_of(indicators.by_cluster_) if indicators.by_cluster_ is not None else [],
            },
            "problems": self.problems,
        }

    def to_json(self) -> str:
        """``to_dict`` as JSON: a non-finite figure null, never NaN or Infinity (analysis.untrusted.json_document)."""
        return json_document(self.to_dict())


def analyse_survey(
    path: str | Path, region: str, period: str, n_clusters: int | None = None, random_state: int = 0
) -> SurveyResult:
    """Read the survey at `path`, group its members and measure them against the yardsticks of `region` in `period`.

    Raises `SurveyError` when the period is malformed, the file cannot be read or lacks a column, no row can be
    used (the error's `problems` then lists why), or the yardstick table has no figures for the region.
    """
    on = period_day(period)
    reading = read_survey(path)
    if reading.members.empty:
        if not reading.rows_read:
            raise SurveyError(f"{reading.path}: no member rows below the first line")
        raise SurveyError(
            f"{reading.path}: none of the {reading.rows_read} member rows can be used; the first problem: "
            f"{reading.problems[0]}",
            reading.problems,
        )
    yardsticks = _yardsticks()
    area = _area(yardsticks, region)
    figures = figures_for(area, on, yardsticks)
    members = reading.members
    clusters = SurveyClusters(n_clusters=n_clusters, random_state=random_state).fit(members)
    poor_household = average_poor_household_size(yardsticks, figures["bps_household"], on)
    indicators = ResilienceIndicators(area, period, figures=figures, average_household_size=poor_household)
    indicators.fit(members, clusters.labels_)
    elsewhere = [written for written in members["region"] if not _lives_in(yardsticks, written, area)]
    return SurveyResult(
        reading=reading,
        region=area,
        period=period,
        clusters=clusters,
        indicators=indicators,
        members_elsewhere=dict(sorted(Counter(elsewhere).items(), key=lambda item: (-item[1], item[0]))),
    )


def figures_for(region: str, on: date, yardsticks: Yardsticks | None = None) -> dict[str, Figure]:
    """The yardsticks of `INDICATORS` for `region` on `on` (analysis.yardsticks), or `SurveyError` saying why not."""
    try:
        return (yardsticks or _yardsticks()).yardsticks_for(region, on)
    except YardstickLookupError as exc:
        raise SurveyError(f"no yardsticks for {region} on {on.isoformat()}: {exc}") from exc


def _yardsticks() -> Yardsticks:
    try:
        return load_yardsticks()
    except YardstickFileError as exc:
        raise SurveyError(str(exc)) from exc


def _area(yardsticks: Yardsticks, region: str) -> str:
    """The yardstick table's name for `region` ("sleman": "Kabupaten Sleman"), or `SurveyError`."""
    try:
        return yardsticks.area(region)
    except YardstickLookupError as exc:
        raise SurveyError(str(exc)) from exc


def _lives_in(yardsticks: Yardsticks, region: str, area: str) -> bool:
    """Whether a member's `region` is `area` or lies in it (a regency in its province, anywhere in Indonesia);
    compared as written when the table does not know the region."""
    try:
        return area in yardsticks.fallbacks(region)
    except YardstickLookupError:
        return normalise(region) == normalise(area)


def run_survey(path: str | Path, region: str, period: str, n_clusters: int | None = None, as_json: bool = False) -> str:
    """``pasarkerja survey``'s output: the text, or the JSON with `as_json`; problems are part of either."""
    result = analyse_survey(path, region, period, n_clusters)
    return result.to_json() if as_json else result.text()


def _how_k(clusters: SurveyClusters) -> str:
    """How k came about, for the text: "k = 4, the best silhouette (0,43) of k = 2 to 6"."""
    silhouette = clusters.silhouette_.get(clusters.k_)
    score = format_decimal(silhouette, 2) if silhouette is not None else None
    if clusters.n_clusters is not None:
        return f"k = {clusters.k_} as asked" + (f", silhouette {score}" if score else "")
    if score is None:
        return f"k = {clusters.k_}: too few distinct members to compare groupings"
    tried = sorted(clusters.silhouette_)
    return f"k = {clusters.k_}, the best silhouette ({score}) of k = {tried[0]} to {tried[-1]}"


def _line_cell(row: Any) -> str:
    """The line column of the indicator table: the household line as "Rp 649.331 × size" when members were held
    to the per-person line times their household size."""
    if is_missing(row.by_household_size) or not row.by_household_size:
        return _exact_rupiah(row.line_idr)
    per_person = _exact_rupiah(row.per_person_line_idr)
    return per_person if is_missing(row.per_person_line_idr) else f"{per_person} × size"


def _note_lines(overall: pd.DataFrame) -> list[str]:
    """The indicators' notes, one per distinct note, each after the indicators it is about."""
    keys_of: dict[str, list[str]] = {}
    for key, note in zip(overall["indicator"], overall["note"], strict=True):
        if note:
            keys_of.setdefault(note, []).append(key)
    lines = []
    for note, keys in keys_of.items():
        lines += textwrap.wrap(
            f"{', '.join(keys)}: {note}.", width=LINE_WIDTH, initial_indent="  ", subsequent_indent="    "
        )
    return lines


def _per_member_median(profile: Any) -> str:
    """A cluster's median income per household member, saying whom it leaves out."""
    median = format_rupiah(profile.median_income_per_member_idr)
    without = profile.members_without_household_size
    if not without:
        return median
    if without == profile.members:
        return f"{median} (no member gives a household size)"
    return f"{median} (of the {profile.members - without} with a household size)"


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _exact_rupiah(value: float) -> str:
    """Rupiah to the rupiah, so that a coordinator can check a yardstick against its source; "–" for no figure."""
    return format_count(value) if is_missing(value) else f"Rp {format_count(value)}"


def _table(rows: list[list[str]], header: list[str], left: int = 1) -> list[str]:
    """Columns padded to their widest cell, the first `left` left-aligned and the rest right-aligned; a blank line."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(width) if position < left else cell.rjust(width)
            for position, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return [*lines, ""]


def _records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame's rows as dicts of plain Python values (NaN as None, tuples as lists)."""
    return [{column: json_ready(value) for column, value in row.items()} for row in frame.to_dict(orient="records")]
