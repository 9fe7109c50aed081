"""``pasarkerja survey``: a survey read, its members grouped and measured, and the result as text for a terminal or
as JSON. The text is for analysts, in English; no output names a member: only counts, shares and medians."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.formats import format_count, format_decimal, format_percent, format_rupiah, is_missing
from analysis.survey.groups import SurveyClusters
from analysis.survey.reading import SurveyError, SurveyReading, read_survey
from analysis.survey.resilience import (
    ResilienceIndicators,
    average_poor_household_size,
    counted,
    exact_rupiah,
    figures_for,
    load_survey_yardsticks,
    period_day,
)
from analysis.untrusted import json_document, json_ready
from analysis.yardsticks import YardstickLookupError, Yardsticks
from pipelines.skills.taxonomy import normalise

# The text output wraps long explanations at this width.
LINE_WIDTH = 120


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
        analysed = f"{counted(members, 'member')} analysed ({counted(reading.rows_read, 'row')}{left_out})"
        lines = [f"Survey {reading.path.name}: {analysed}", ""]
        if self.members_elsewhere:
            places = ", ".join(f"{region} {count}" for region, count in self.members_elsewhere.items())
            outside = f"{counted(sum(self.members_elsewhere.values()), 'member')} outside {self.region} ({places})"
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
                initial_indent=f"  {key:<15} {exact_rupiah(figure.value):>12}  ",
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
                f"cluster {profile.cluster}: {counted(profile.members, 'member')} ({format_percent(profile.share)}); "
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
    path: str | Path,
    region: str,
    period: str,
    n_clusters: int | None = None,
    random_state: int = 0,
    yardsticks: Yardsticks | None = None,
) -> SurveyResult:
    """Read the survey at `path`, group its members and measure them against the yardsticks of `region` in `period`
    (from `yardsticks`, by default the bundled table).

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
    yardsticks = load_survey_yardsticks() if yardsticks is None else yardsticks
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


def run_survey(
    path: str | Path,
    region: str,
    period: str,
    n_clusters: int | None = None,
    as_json: bool = False,
    yardsticks: Yardsticks | None = None,
) -> str:
    """``pasarkerja survey``'s output: the text, or the JSON with `as_json`; problems are part of either."""
    result = analyse_survey(path, region, period, n_clusters, yardsticks=yardsticks)
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
        return exact_rupiah(row.line_idr)
    per_person = exact_rupiah(row.per_person_line_idr)
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


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame's rows as dicts of plain Python values (NaN as None, tuples as lists)."""
    return [{column: json_ready(value) for column, value in row.items()} for row in frame.to_dict(orient="records")]
