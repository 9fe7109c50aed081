"""What the report shows: the content the lead fills from the analysis objects, and the columns its tables must have."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd


@dataclass
class Changes:
    """What rose and fell between two periods (analysis/demand.py), or why nothing was compared."""

    rising: pd.DataFrame
    falling: pd.DataFrame
    """Both: skill, count_before, count_after, share_before, share_after, change; largest change first."""
    period_labels: tuple[str, str]
    """The earlier and later period, e.g. "2026-01-01 – 2026-03-31"."""
    note: str | None = None
    """Why nothing was compared (too little data), or None."""


@dataclass
class CurriculumSection:
    """One curriculum held against the postings (from analysis/gap.py)."""

    name: str
    region: str
    coverage: float
    """Share (0..1) of the postings with skills that the curriculum covers at ``theta``."""
    theta: float
    """A posting is covered when the curriculum teaches at least this share (0..1) of its skills."""
    cluster_coverage: pd.DataFrame
    """cluster, name, postings, taught_share, covered_share."""
    missing: pd.DataFrame
    """Skills not taught, most asked for first: skill, postings, share_of_postings, median_pay_idr_month."""
    missing_by_pay: pd.DataFrame
    """The same columns, best paid first."""
    recommendations: pd.DataFrame
    """rank, skill, postings_opened, coverage_after, median_pay_idr_month, adjacent_to, reason."""
    earnings: pd.DataFrame | None = None
    """One row per (cluster, kind) of pay, "overall" first (analysis.study.earnings_table of analysis/earnings.py):
    cluster, kind, postings, median_idr, p25_idr, p75_idr, per, share_reaching_<key>, hours_a_month_to_reach_<key>
    (hourly), projects_a_month_to_reach_<key> (project), monthly_if_* when the user gave hours or projects a month."""
    earnings_pay: pd.DataFrame | None = None
    """Per counted posting in a cluster: cluster, name, kind, net_idr (in the kind's own period)."""
    yardstick_lines: tuple[tuple[str, float], ...] = ()
    """(name, rupiah a month) of the yardsticks drawn across the earnings charts; NaN for one without a figure."""
    earnings_counts: str = ""
    """Which postings the earnings count, in one sentence."""
    earnings_assumptions: tuple[str, ...] = ()
    """What the earnings figures assume, a sentence each."""
    yardsticks_used: tuple[str, ...] = ()
    """The figures the pay was held against, each saying which it is and where it comes from."""
    market: str = ""
    """Which postings the coverage and advice count (the curriculum's targets), in one sentence."""
    yardsticks_note: str | None = None
    """Shown instead of the pay table when the region's figures could not be found."""
    changes: Changes | None = None
    """What rose and fell within the curriculum's market; None: over all the report's postings."""


@dataclass
class SurveySection:
    """A community's own income survey against the yardsticks (from analysis/survey/)."""

    source: str
    """The survey file's name."""
    region: str
    period: str
    members: int
    """Members analysed (rows without problems)."""
    rows_left_out: int
    indicators: pd.DataFrame
    """indicator, yardstick, compares, line_idr, members, reaching, share: over all members."""
    indicators_by_cluster: pd.DataFrame
    """The same per member cluster, with a ``cluster`` column first."""
    profiles: pd.DataFrame
    """cluster, members, share, median_income_idr, median_income_per_member_idr, median_months_experience,
    commonest_status, commonest_platform, top_skills."""
    yardsticks_used: tuple[str, ...] = ()


@dataclass
class ReportContent:
    """Everything the report shows, filled by the lead from the analysis objects."""

    title: str
    caption: str
    """The filters in words."""
    generated_at: datetime
    posting_count: int
    sources: pd.Series
    """Postings per source (index: source)."""
    top_skills: pd.DataFrame
    """skill, postings, share; most asked for first."""
    skill_trends: pd.DataFrame
    """Index: period start dates; columns: skill names; values: shares 0..1."""
    rising: pd.DataFrame
    """skill, count_before, count_after, share_before, share_after, change (share_after - share_before)."""
    falling: pd.DataFrame
    period_labels: tuple[str, str]
    """The earlier and later period of ``rising``/``falling``, e.g. "2026-01-01 – 2026-03-31"."""
    occupation_index: pd.DataFrame | None
    """Index: dates; columns: OLI classes and ``total``; values: index points (100 = the total on the base day)."""
    index_method: str
    index_note: str | None
    """Shown instead of the chart when the data are too short for an index."""
    clusters: pd.DataFrame
    """cluster, name, size, share, top_occupation, top_occupation_share, median_pay_idr_month."""
    cluster_map: pd.DataFrame
    """x, y, cluster, name: sampled postings on the 2-D map."""
    skill_families: list[tuple[str, list[str]]]
    curricula: list[CurriculumSection]
    comparison: pd.DataFrame | None
    """One row per curriculum: name, coverage, then one column per cluster name (shares 0..1)."""
    pay_by_cluster: pd.DataFrame
    """Long format: name (cluster name), pay_idr_month; with a ``cluster`` column its colours match the map."""
    survey: SurveySection | None = None
    """The community's own survey, when one was given."""
    changes_note: str | None = None
    """Shown instead of the rising and falling tables when there is too little data to compare periods."""


# The columns each table of the content must have (it may have more).
CONTENT_COLUMNS = {
    "top_skills": ("skill", "postings", "share"),
    "rising": ("skill", "count_before", "count_after", "share_before", "share_after", "change"),
    "falling": ("skill", "count_before", "count_after", "share_before", "share_after", "change"),
    "clusters": ("cluster", "name", "size", "share", "top_occupation", "top_occupation_share", "median_pay_idr_month"),
    "cluster_map": ("x", "y", "cluster", "name"),
    "comparison": ("name", "coverage"),
    "pay_by_cluster": ("name", "kind", "pay_idr"),
}
CURRICULUM_COLUMNS = {
    "cluster_coverage": ("cluster", "name", "postings", "taught_share", "covered_share"),
    "missing": ("skill", "postings", "share_of_postings", "median_pay_idr_month"),
    "missing_by_pay": ("skill", "postings", "share_of_postings", "median_pay_idr_month"),
    "recommendations": (
        "rank",
        "skill",
        "postings_opened",
        "coverage_after",
        "median_pay_idr_month",
        "adjacent_to",
        "reason",
    ),
}


def check_columns(content: ReportContent) -> None:
    """Raise ValueError naming the first table of `content` that lacks a column the report shows."""
    tables = [(name, getattr(content, name), columns) for name, columns in CONTENT_COLUMNS.items()]
    tables += [
        (f"curricula[{number}].{name}", getattr(curriculum, name), columns)
        for number, curriculum in enumerate(content.curricula)
        for name, columns in CURRICULUM_COLUMNS.items()
    ]
    for name, frame, columns in tables:
        absent = [column for column in columns if frame is not None and column not in frame.columns]
        if absent:
            raise ValueError(
                f"report table {name} lacks the columns {', '.join(absent)}; it has "
                f"{', '.join(map(str, frame.columns))}"
            )
