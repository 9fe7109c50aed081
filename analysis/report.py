"""The HTML report: one self-contained page for a community coordinator, and the data behind it.

`write_report(out, content)` writes the page ``out`` and, next to it, the folder ``<stem>_data/`` with the data
behind every chart and table as CSV (for spreadsheets) and Parquet (for analysts); the page links to those files
relatively, so the page and its folder move together.

The page needs nothing else: the CSS and the charts (analysis/charts.py, SVG) are inline, there is no script and no
address outside the page, so it can be e-mailed, opened offline and printed. Every text that can come from scraped
postings or user files is escaped, and a Content-Security-Policy forbids scripts and every fetch, so that a string
that got past the escaping could still neither run nor call out.

The lead fills a `ReportContent` from the analysis objects; this module only presents it, to a reader who is not a
data analyst: every section opens with how to read it. Each section is a small function in `SECTIONS`, in page
order, that returns a `Section` or None when it has nothing to show; a new section is one more function there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from analysis.charts import (
    NEUTRAL_COLOUR,
    bar_chart,
    cluster_colours,
    heatmap,
    line_chart,
    pay_distribution,
    scatter_map,
)
from analysis.earnings import MEDIAN_DEFINITION
from analysis.formats import (
    format_count,
    format_decimal,
    format_percent,
    format_points,
    format_rupiah,
    is_missing,
)
from analysis.untrusted import spreadsheet_cell
from pipelines.pay import PAY_KINDS
from pipelines.skills.taxonomy import OCCUPATION_NAMES

# Charts show this many skills or lines; the tables and data files have them all.
BAR_SKILLS = 20
TREND_LINES = 8
TABLE_ROWS = 50
SUMMARY_SKILLS = 5
OCCUPATION_LABELS = {**OCCUPATION_NAMES, "total": "All occupations"}
# A caption with one of these words describes invented postings; the report then says so, twice.
INVENTED_DATA = re.compile(r"\b(sample|demo|invented|made[- ]up|synthetic)\b", re.IGNORECASE)


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


@dataclass
class SurveySection:
    """A community's own income survey against the yardsticks (from analysis/survey.py)."""

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


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    body: str
    """HTML, escaped already."""


def _plain(value: object) -> str:
    """A cell as text: lists joined with commas, missing values as a dash, runs of white space as one space."""
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value)
    return "–" if is_missing(value) else " ".join(str(value).split())


@dataclass(frozen=True)
class Column:
    """A table column: the frame's column `key`, its heading, and how a value is written."""

    key: str
    heading: str
    format: Callable[[object], str] = _plain
    numeric: bool = False
    markup: bool = False
    """`format` returns HTML (escaped by itself) rather than text."""


def write_report(out: Path, content: ReportContent) -> list[Path]:
    """Write the report page `out` and its data folder ``<stem>_data/``; return the paths written, page first."""
    _check_columns(content)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = DataFolder(out)
    sections = [section for build in SECTIONS if (section := build(content, data)) is not None]
    out.write_text(_page(content, sections), encoding="utf-8")
    data.remove_stale()
    return [out, *data.written]


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


def _check_columns(content: ReportContent) -> None:
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


class DataFolder:
    """The ``<stem>_data`` folder next to the page: each table as CSV and Parquet, and the page's links to them.

    The Parquet file keeps every value as it is, for analysts. The CSV file opens in a spreadsheet, so its text cells
    and column names (skills, cluster and curriculum names, survey answers: scraped or typed by someone) go through
    ``analysis.untrusted.spreadsheet_cell``: none is ever read as a formula."""

    def __init__(self, page: Path):
        self.path = page.with_name(f"{page.stem}_data")
        self.href = quote(self.path.name)
        self.written: list[Path] = []

    def add(self, name: str, frame: pd.DataFrame) -> str:
        """Write `frame` (its index is not written) as name.csv and name.parquet; return the links to them."""
        self.path.mkdir(exist_ok=True)
        frame = frame.copy()
        frame.columns = [str(column) for column in frame.columns]
        csv_path, parquet_path = self.path / f"{name}.csv", self.path / f"{name}.parquet"
        if csv_path in self.written:
            raise ValueError(f"two tables of the report are both named {name!r}")
        _for_spreadsheets(frame).to_csv(csv_path, index=False)
        frame.to_parquet(parquet_path, index=False, engine="pyarrow")
        self.written += [csv_path, parquet_path]
        links = " · ".join(
            f'<a href="{escape(self.href)}/{quote(path.name)}">{escape(path.name)}</a>'
            for path in (csv_path, parquet_path)
        )
        return f'<p class="data-links">Data: {links}</p>'

    def remove_stale(self) -> None:
        """Remove CSV and Parquet files an earlier report left in the folder, so it holds only this report's data."""
        if not self.path.is_dir():
            return
        for path in [*self.path.glob("*.csv"), *self.path.glob("*.parquet")]:
            if path not in self.written:
                path.unlink()


def _for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names are ``spreadsheet_cell``s; numbers and dates unchanged."""
    shown = frame.copy()
    for position in range(shown.shape[1]):
        column = shown.iloc[:, position]
        # Text sits in object, string and categorical columns; the others hold numbers, dates and booleans.
        if pd.api.types.is_object_dtype(column.dtype) or isinstance(column.dtype, pd.StringDtype | pd.CategoricalDtype):
            shown.isetitem(position, column.astype(object).map(spreadsheet_cell))
    shown.columns = [spreadsheet_cell(name) for name in shown.columns]
    return shown


# Formatting


def _occupation(value: object) -> str:
    return OCCUPATION_LABELS.get(str(value), _plain(value))


def _paragraphs(text: str | None) -> str:
    """`text` (paragraphs separated by blank lines) as escaped <p> elements."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    return "".join(f"<p>{escape(' '.join(block.split()))}</p>" for block in blocks)


def _how(*sentences: str) -> str:
    """The 'how to read this' box under a heading; the sentences are the report's own text, with escaped values."""
    return f'<div class="how"><strong>How to read this.</strong> {" ".join(sentences)}</div>'


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def _slug(text: str) -> str:
    """A file-name part from a user's name: ASCII letters, digits and hyphens, at most 40 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")


def _table(frame: pd.DataFrame, columns: Sequence[Column], *, empty: str, limit: int | None = TABLE_ROWS) -> str:
    """`frame` as an HTML table of `columns`, or the note `empty` when it has no rows."""
    if frame.empty:
        return _note(empty)
    shown = frame if limit is None else frame.head(limit)
    head = "".join(f'<th scope="col"{_numeric(column)}>{escape(column.heading)}</th>' for column in columns)
    rows = []
    for record in shown[[column.key for column in columns]].itertuples(index=False, name=None):
        cells = "".join(
            f"<td{_numeric(column)}>{column.format(value) if column.markup else escape(column.format(value))}</td>"
            for column, value in zip(columns, record, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    more = ""
    if len(shown) < len(frame):
        more = _note(
            f"Showing the first {len(shown)} of {format_count(len(frame))} rows; the data files have them all."
        )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="table-wrap">{table}</div>{more}'


def _numeric(column: Column) -> str:
    return ' class="num"' if column.numeric else ""


def _figure(svg: str) -> str:
    return f'<figure class="chart-wrap">{svg}</figure>'


def _is_invented(content: ReportContent) -> bool:
    return bool(INVENTED_DATA.search(content.caption))


INVENTED_WARNING = (
    "These postings are invented sample data, made up to show what the report looks like. "
    "Do not use these numbers for decisions."
)


# Sections, in page order


def _summary(content: ReportContent, data: DataFolder) -> Section:
    before, after = content.period_labels
    facts = [
        ("Job postings", format_count(content.posting_count)),
        ("Sources (job sites)", format_count(len(content.sources))),
    ]
    facts += [
        (f"Coverage of {curriculum.name}", format_percent(curriculum.coverage)) for curriculum in content.curricula
    ]
    cards = "".join(
        f'<div class="fact"><div class="fact-value">{escape(value)}</div>'
        f'<div class="fact-label">{escape(label)}</div></div>'
        for label, value in facts
    )
    top = content.top_skills.head(SUMMARY_SKILLS)
    top_list = "".join(
        f"<li><strong>{escape(_plain(row.skill))}</strong>: {escape(format_count(row.postings))} postings "
        f"({escape(format_percent(row.share))})</li>"
        for row in top.itertuples(index=False)
    )
    body = [
        f'<p class="warning">{escape(INVENTED_WARNING)}</p>' if _is_invented(content) else "",
        f'<p class="lead">This report looks at <strong>{escape(format_count(content.posting_count))}</strong> job '
        f"postings from {escape(format_count(len(content.sources)))} job sites.</p>",
        f"<p><strong>Which postings:</strong> {escape(content.caption)}</p>",
        f"<p><strong>Periods compared for trends:</strong> {escape(before)} (earlier) and {escape(after)} (later).</p>",
        f'<div class="facts">{cards}</div>',
    ]
    if content.curricula:
        body.append(
            "<p>Coverage is the share of job postings a curriculum prepares people for; "
            '<a href="#curriculum">Your curriculum</a> explains it.</p>'
        )
    body.append(
        f'<h3>The {SUMMARY_SKILLS} skills most asked for</h3><ol class="top-skills">{top_list}</ol>'
        if top_list
        else _note("No posting in this selection names a skill the taxonomy knows.")
    )
    return Section("summary", "Summary", "".join(body))


def _demand(content: ReportContent, data: DataFolder) -> Section:
    top = content.top_skills
    body = [
        _how(
            "Each bar is one skill; its length is how many postings ask for it. A posting that asks for five skills "
            "counts once for each of them. The share is out of all postings in this report: 25% means one posting in "
            "four asks for the skill."
        )
    ]
    if not top.empty:
        chart_rows = top.head(BAR_SKILLS)
        body.append(
            _figure(
                bar_chart(
                    chart_rows["skill"].tolist(),
                    chart_rows["postings"].tolist(),
                    title=f"The {len(chart_rows)} skills most asked for, by number of postings",
                    value_label="Postings asking for the skill",
                    category_label="Skill",
                )
            )
        )
    body.append(
        _table(
            top,
            [
                Column("skill", "Skill"),
                Column("postings", "Postings", format_count, True),
                Column("share", "Share of postings", format_percent, True),
            ],
            empty="No posting in this selection names a skill the taxonomy knows.",
        )
    )
    body.append(data.add("top_skills", top))
    return Section("demand", "What is in demand", "".join(body))


def _trends(content: ReportContent, data: DataFolder) -> Section:
    before, after = content.period_labels
    trends = content.skill_trends
    body = [
        _how(
            "Each line is one skill's share of the postings in each period: 20% means one posting in five asked "
            "for it. A line that climbs is a skill employers ask for more and more. Periods with few postings jump "
            "up and down, so look at the direction over several periods rather than at one step.",
            f"The tables compare two periods: <strong>{escape(before)}</strong> (earlier) and "
            f"<strong>{escape(after)}</strong> (later). The change is in percentage points: a skill going from 10% to "
            "15% of postings has a change of +5 pts.",
        )
    ]
    if trends.empty or not len(trends.columns):
        body.append(_note("There are not enough dated postings to draw trends."))
    else:
        # The skills with the largest average share, so the chart stays readable.
        chosen = trends.mean().sort_values(ascending=False, kind="stable").index[:TREND_LINES]
        body.append(
            _figure(
                line_chart(
                    list(trends.index),
                    {str(skill): trends[skill].tolist() for skill in chosen},
                    title=f"Share of postings asking for the {len(chosen)} most asked-for skills, per period",
                    y_label="Share of the period's postings",
                )
            )
        )
    body.append(data.add("skill_trends", trends.rename_axis("period_start").reset_index()))
    change_columns = [
        Column("skill", "Skill"),
        Column("count_before", "Postings, earlier", format_count, True),
        Column("count_after", "Postings, later", format_count, True),
        Column("share_before", "Share, earlier", format_percent, True),
        Column("share_after", "Share, later", format_percent, True),
        Column("change", "Change", format_points, True),
    ]
    if content.changes_note:
        body.append("<h3>Rising and falling</h3>")
        body.append(_note(f"Too little data to say what rose or fell: {content.changes_note}."))
    else:
        body.append(f"<h3>Rising: asked for more in {escape(after)} (later) than in {escape(before)} (earlier)</h3>")
        body.append(_table(content.rising, change_columns, empty="No skill rose between the two periods."))
        body.append(f"<h3>Falling: asked for less in {escape(after)} (later) than in {escape(before)} (earlier)</h3>")
        body.append(_table(content.falling, change_columns, empty="No skill fell between the two periods."))
    body.append(data.add("rising", content.rising))
    body.append(data.add("falling", content.falling))
    return Section("trends", "Trends", "".join(body))


def _occupation_index(content: ReportContent, data: DataFolder) -> Section:
    index = content.occupation_index
    body = [
        _how(
            "The index follows how many new postings there are each day, in total and for each kind of work "
            "(the six occupation classes of the Online Labour Index, and other local and manual work: cooks, drivers, "
            "cleaners, technicians, which cannot be done online). 100 is the number of all postings on the base "
            "day, named below; the thick dark line at 120 means 20% more postings than then, at 80, 20% fewer. "
            "A class at 40 has as many postings as 40% of the base day's total, so classes can be compared with "
            "each other. Each day is averaged with the weeks before it, so one busy day does not make a peak. "
            "Where a line stops, there were too few postings to compare (crawls not yet started or interrupted)."
        )
    ]
    if content.index_note:
        body.append(_note(content.index_note))
    if index is not None and not index.empty:
        # The first days have no full smoothing window and no value: the chart starts where the index does.
        drawn = index.dropna(how="all")
        series = {_occupation(column): drawn[column].tolist() for column in drawn.columns}
        body.append(
            _figure(
                line_chart(
                    list(drawn.index),
                    series,
                    title="Occupation index of new postings (100 = all postings on the base day)",
                    y_label="Index points",
                    x_label="Day",
                    format_y=format_decimal,
                    y_from_zero=False,
                    reference=100,
                    reference_label="100 = base",
                    highlight=OCCUPATION_LABELS["total"],
                )
            )
        )
        body.append(data.add("occupation_index", index.rename_axis("day").reset_index()))
    elif not content.index_note:
        body.append(_note("There are not enough dated postings for an index."))
    if content.index_method:
        body.append("<h3>How the index is computed</h3>" + _paragraphs(content.index_method))
    return Section("index", "Occupation index", "".join(body))


def _cluster_colours(content: ReportContent) -> dict:
    """Each cluster's colour, the same on the map, in the tables and in the pay chart."""
    return cluster_colours([*content.clusters["cluster"], *content.cluster_map["cluster"]])


def _cluster_column(colours: dict) -> Column:
    """The cluster number with its colour on the map."""

    def swatch(cluster: object) -> str:
        colour = colours.get(cluster, "#cccccc")
        return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>{escape(_plain(cluster))}'

    return Column("cluster", "Cluster", swatch, markup=True)


def _clusters(content: ReportContent, data: DataFolder) -> Section:
    clusters, points = content.clusters, content.cluster_map
    body = [
        _how(
            "Postings that ask for the same mix of skills are grouped into clusters: the same kind of job, whatever "
            "the job titles say. Each cluster is named after the skills at least 40% of its postings ask for, with "
            "their shares; a cluster where no skill reaches 40% is a catch-all of unlike postings, named "
            "\"Mixed:\" and its commonest skills. On the map each dot is a "
            "posting, coloured by its cluster; dots close together ask for similar skills. The map has no units: "
            "only closeness matters."
        )
    ]
    if not points.empty:
        names = dict(zip(clusters["cluster"], clusters["name"], strict=True)) if not clusters.empty else {}
        names.update(
            {
                cluster: name
                for cluster, name in zip(points["cluster"], points["name"], strict=True)
                if cluster not in names
            }
        )
        body.append(
            _figure(
                scatter_map(
                    points["x"].tolist(),
                    points["y"].tolist(),
                    points["cluster"].tolist(),
                    names,
                    title="Map of postings by the skills they ask for, coloured by cluster",
                )
            )
        )
    body.append(data.add("cluster_map", points))
    body.append(
        _table(
            clusters,
            [
                _cluster_column(_cluster_colours(content)),
                Column("name", "Typical skills"),
                Column("size", "Postings", format_count, True),
                Column("share", "Share of postings", format_percent, True),
                Column("top_occupation", "Most common occupation", _occupation),
                Column("top_occupation_share", "Of the cluster", format_percent, True),
                Column("median_pay_idr_month", "Median salary a month", format_rupiah, True),
            ],
            empty="There were too few postings with skills to form clusters.",
            limit=None,
        )
    )
    body.append(data.add("clusters", clusters))
    body.append(
        "<h3>Skill families</h3>"
        + _how(
            "Skills that employers ask for together. Someone who knows one skill of a family is close to the "
            "others, so they make a natural next module."
        )
    )
    if content.skill_families:
        items = "".join(
            f"<li><strong>{escape(_plain(family))}</strong>: "
            f"{escape(', '.join(_plain(skill) for skill in skills))}</li>"
            for family, skills in content.skill_families
        )
        body.append(f'<ul class="families">{items}</ul>')
    else:
        body.append(_note("No skills are asked for together often enough to form families."))
    families = pd.DataFrame(
        [(family, skill) for family, skills in content.skill_families for skill in skills], columns=["family", "skill"]
    )
    body.append(data.add("skill_families", families))
    return Section("clusters", "Kinds of jobs (clusters)", "".join(body))


def _missing_columns() -> list[Column]:
    return [
        Column("skill", "Skill"),
        Column("postings", "Postings", format_count, True),
        Column("share_of_postings", "Share of postings", format_percent, True),
        Column("median_pay_idr_month", "Median salary a month", format_rupiah, True),
    ]


def _curriculum(number: int, curriculum: CurriculumSection, colours: dict, data: DataFolder) -> str:
    prefix = "_".join(filter(None, (f"curriculum_{number}", _slug(curriculum.name))))
    theta = format_percent(curriculum.theta)
    region = f'<p class="region">{escape(curriculum.region)}</p>' if curriculum.region else ""
    region += f'<p class="market">{escape(curriculum.market)}</p>' if curriculum.market else ""
    body = [
        f'<article class="curriculum" id="curriculum-{number}"><h3>{escape(curriculum.name)}</h3>{region}',
        f'<div class="facts"><div class="fact"><div class="fact-value">{escape(format_percent(curriculum.coverage))}'
        f'</div><div class="fact-label">coverage</div></div></div>',
        f"<p>Of the postings that name at least one skill, <strong>{escape(format_percent(curriculum.coverage))}"
        f"</strong> are <em>covered</em>: this curriculum teaches at least {escape(theta)} of the skills they ask for, "
        "so a graduate brings at least that much of what the employer wants. The other postings ask mostly for "
        "skills it does not teach.</p>",
        "<h4>Coverage per cluster</h4>",
        _how(
            "For each kind of job: how much of what its postings ask for the curriculum teaches (skills taught, "
            "weighted by how often they are asked for), and the share of its postings that are covered."
        ),
        _table(
            curriculum.cluster_coverage,
            [
                _cluster_column(colours),
                Column("name", "Typical skills"),
                Column("postings", "Postings", format_count, True),
                Column("taught_share", "Demand taught", format_percent, True),
                Column("covered_share", "Postings covered", format_percent, True),
            ],
            empty="No clusters to compare with.",
            limit=None,
        ),
        data.add(f"{prefix}_clusters", curriculum.cluster_coverage),
        "<h4>Skills it does not teach, most asked for first</h4>",
        _table(
            curriculum.missing, _missing_columns(), empty="The curriculum teaches every skill these postings ask for."
        ),
        data.add(f"{prefix}_missing", curriculum.missing),
        "<h4>Skills it does not teach, best paid first</h4>",
        _how(
            "The median monthly salary of the salaried postings that ask for the skill and state their pay: half of "
            "them offer more, half less (hourly and project pay are not months and are left out here). Skills with "
            "only a few paid postings are left out."
        ),
        _table(
            curriculum.missing_by_pay,
            _missing_columns(),
            empty="Too few of the postings for untaught skills state their pay.",
        ),
        data.add(f"{prefix}_missing_by_pay", curriculum.missing_by_pay),
        "<h4>What to teach next</h4>",
        _how(
            "Skills to add, in order: each one opens the most postings it can, counting the ones added before it. "
            "Skills asked for next to what you already teach come first, because they are easier to add. "
            "“Coverage after” is the coverage once this skill and those above it are taught."
        ),
        _table(
            curriculum.recommendations,
            [
                Column("rank", "#", format_count, True),
                Column("skill", "Skill"),
                Column("postings_opened", "Postings opened", format_count, True),
                Column("coverage_after", "Coverage after", format_percent, True),
                Column("median_pay_idr_month", "Median salary a month", format_rupiah, True),
                Column("adjacent_to", "Asked for next to"),
                Column("reason", "Why"),
            ],
            empty="No skill would open more postings.",
        ),
        data.add(f"{prefix}_recommendations", curriculum.recommendations),
        _earnings_section(curriculum, prefix, colours, data),
        "</article>",
    ]
    return "".join(body)


def _earnings_section(curriculum: CurriculumSection, prefix: str, colours: dict, data: DataFolder) -> str:
    if curriculum.earnings is None and not curriculum.yardsticks_note:
        return ""  # not measured
    place = curriculum.region or "the region"
    body = [f"<h4>Does this work pay enough to live on in {escape(place)}?</h4>"]
    if curriculum.yardsticks_note:
        return "".join([*body, _note(curriculum.yardsticks_note)])
    body.append(f"<p>{escape(curriculum.earnings_counts)}</p>")
    groups, pay = curriculum.earnings, curriculum.earnings_pay
    if groups.empty:
        body.append(_note("No posting within reach states its pay."))
    for kind, of_kind in _kinds_in(groups):
        body.append(f"<h5>{escape(KIND_TITLES[kind])}</h5>")
        paid = pay[pay["kind"] == kind]
        if kind != "project" and not paid.empty:
            hourly = kind == "hourly"
            lines = tuple((f"{name} / 126" if hourly else name, value / (126 if hourly else 1))
                          for name, value in curriculum.yardstick_lines)  # fmt: skip
            body.append(
                _boxes_by_group(
                    paid, "net_idr", "cluster", colours,
                    title=f"{KIND_TITLES[kind]} per cluster against the yardsticks of {place}",
                    value_label=f"Rupiah {PER_WORDS[kind]}", references=lines,
                )  # fmt: skip
            )
        body.append(_table(of_kind, _earnings_columns(kind, of_kind), empty="", limit=None))
    body.append(data.add(f"{prefix}_earnings", groups))
    assumptions = "".join(f"<li>{escape(sentence)}</li>" for sentence in curriculum.earnings_assumptions)
    body.append(f"<p>What the figures assume:</p><ul>{assumptions}</ul>")
    if curriculum.yardsticks_used:
        items = "".join(f"<li>{escape(used)}</li>" for used in curriculum.yardsticks_used)
        body.append(f"<p>Figures used:</p><ul>{items}</ul>")
    return "".join(body)


def _kinds_in(frame: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """Each kind of pay present in ``frame`` (which has a ``kind`` column) with its rows, in PAY_KINDS order."""
    for kind in PAY_KINDS:
        rows = frame[frame["kind"] == kind] if not frame.empty else frame
        if not rows.empty:
            yield kind, rows


KIND_TITLES = {"salaried": "Salaried jobs, a month", "hourly": "Hourly work, an hour", "project": "Fixed-price projects"}
PER_WORDS = {"salaried": "a month", "hourly": "an hour", "project": "a project"}


def _earnings_columns(kind: str, groups: pd.DataFrame) -> list[Column]:
    """The earnings table's columns for one kind of pay; hourly and project pay are after the platform's fee."""
    after_fee = "" if kind == "salaried" else " after fee"
    money = _hourly_rupiah if kind == "hourly" else format_rupiah
    columns = [
        Column("cluster", "Cluster"),
        Column("postings", "Postings", format_count, True),
        Column("median_idr", f"Median {PER_WORDS[kind]}{after_fee}", money, True),
        Column("p25_idr", "A quarter below", money, True),
        Column("p75_idr", "A quarter above", money, True),
    ]
    if kind == "salaried":
        columns += [Column(f"share_reaching_{key}", f"Reach {label}", format_percent, True)
                    for key, label in CHARTED_LABELS.items()]  # fmt: skip
    elif kind == "hourly":
        columns += [Column(f"share_reaching_{key}", f"At least {label} / 126", format_percent, True)
                    for key, label in CHARTED_LABELS.items()]  # fmt: skip
        columns += [Column(f"hours_a_month_to_reach_{key}", f"Hours a month for {label}, at the median",
                           format_decimal, True) for key, label in CHARTED_LABELS.items()]  # fmt: skip
    else:
        columns += [Column(f"projects_a_month_to_reach_{key}", f"Projects a month for {label}, at the median",
                           format_decimal, True) for key, label in CHARTED_LABELS.items()]  # fmt: skip
    if "monthly_if_median_idr" in groups and groups["monthly_if_median_idr"].notna().any():
        assumption = groups["monthly_if_assumption"].dropna().iloc[0]
        columns.append(Column("monthly_if_median_idr", f"Median a month {assumption}", format_rupiah, True))
    return columns


# The yardsticks of the earnings tables, as their headers name them (analysis.study.CHARTED_YARDSTICKS).
CHARTED_LABELS = {"umk": "UMK", "bps_household": "BPS household line", "wb_upper_middle": "World Bank line"}


def _hourly_rupiah(value: object) -> str:
    return format_rupiah(value, nearest=100)


def _boxes_by_group(frame: pd.DataFrame, column: str, key: str, colours: dict, **chart) -> str:
    """The pay chart of `column` per `key` group of `frame` (which has a `name` column), best median first;
    `chart` goes to `pay_distribution`."""
    grouped = frame.groupby(key, sort=False)
    order = grouped[column].median().sort_values(ascending=False, kind="stable").index
    names = grouped["name"].first()
    groups = [(names[group], grouped.get_group(group)[column].tolist()) for group in order]
    shown = [colours.get(group, NEUTRAL_COLOUR) for group in order] if colours else None
    return _figure(pay_distribution(groups, colours=shown, **chart))


def _curricula(content: ReportContent, data: DataFolder) -> Section:
    if not content.curricula:
        return Section(
            "curriculum",
            "Your curriculum",
            _note("No curriculum was given for this report, so it cannot say how well one prepares for these jobs."),
        )
    summary = pd.DataFrame(
        [(c.name, c.region, c.coverage, c.theta) for c in content.curricula],
        columns=["name", "region", "coverage", "theta"],
    )
    parts = [data.add("curricula", summary)]
    colours = _cluster_colours(content)
    parts += [
        _curriculum(number, curriculum, colours, data) for number, curriculum in enumerate(content.curricula, start=1)
    ]
    return Section("curriculum", "Your curriculum", "".join(parts))


def _comparison(content: ReportContent, data: DataFolder) -> Section | None:
    comparison = content.comparison
    if len(content.curricula) < 2 or comparison is None or comparison.empty:
        return None
    cluster_columns = [column for column in comparison.columns if column not in ("name", "coverage")]
    values = comparison[["coverage", *cluster_columns]].to_numpy(dtype=float).tolist()
    body = [
        _how(
            "One row per curriculum. The first column is its coverage of all postings; the others are the share of "
            "each cluster's skill demand it teaches. Darker cells mean more; each cell has its number written in it."
        ),
        _figure(
            heatmap(
                comparison["name"].tolist(),
                ["Coverage, all postings", *cluster_columns],
                values,
                title="Curricula compared: coverage of all postings and demand taught per cluster",
                row_label="Curriculum",
                column_label="Cluster",
            )
        ),
        data.add("comparison", comparison),
    ]
    return Section("compared", "Curricula compared", "".join(body))


def _pay(content: ReportContent, data: DataFolder) -> Section:
    pay = content.pay_by_cluster
    key = "cluster" if "cluster" in pay.columns else "name"
    body = [
        _how(
            "Pay as the postings state it, before any platform fee, in rupiah, one chart and table per kind of pay: "
            "salaries a month, hourly rates an hour, fixed-price budgets a project; kinds are never mixed. "
            + MEDIAN_DEFINITION
            + " The box holds the middle half of the offers; the thick line inside is the median. The thin lines "
            "reach from the lowest tenth to the highest tenth. Rows with few postings with pay are a rough guide "
            "only. “jt” is juta (a million), “rb” is ribu (a thousand)."
        )
    ]
    colours = _cluster_colours(content) if key == "cluster" else {}
    if pay.empty:
        body.append(_note("No posting in this selection states its pay."))
    for kind, paid in _kinds_in(pay):
        grouped = paid.groupby(key, sort=False)["pay_idr"]
        medians = grouped.median().sort_values(ascending=False, kind="stable")
        names = paid.groupby(key, sort=False)["name"].first()
        money = _hourly_rupiah if kind == "hourly" else format_rupiah
        body.append(f"<h4>{escape(KIND_TITLES[kind])}</h4>")
        body.append(_boxes_by_group(paid, "pay_idr", key, colours, title=f"{KIND_TITLES[kind]}, per cluster (rupiah)",
                                    value_label=f"Rupiah {PER_WORDS[kind]}"))  # fmt: skip
        summary = pd.DataFrame(
            {
                "name": names[medians.index].to_numpy(),
                "kind": kind,
                "postings_with_pay": grouped.size()[medians.index].to_numpy(),
                "p25_idr": grouped.quantile(0.25)[medians.index].to_numpy(),
                "median_idr": medians.to_numpy(),
                "p75_idr": grouped.quantile(0.75)[medians.index].to_numpy(),
                "per": PER_WORDS[kind].removeprefix("a ").removeprefix("an "),
            }
        )
        body.append(
            _table(
                summary,
                [
                    Column("name", "Cluster"),
                    Column("postings_with_pay", "Postings with pay", format_count, True),
                    Column("p25_idr", "A quarter offer less than", money, True),
                    Column("median_idr", f"Median {PER_WORDS[kind]}", money, True),
                    Column("p75_idr", "A quarter offer more than", money, True),
                ],
                empty="",
                limit=None,
            )
        )
        body.append(data.add(f"pay_summary_{kind}", summary))
    body.append(data.add("pay_by_cluster", pay))
    return Section("pay", "Pay", "".join(body))


def _about(content: ReportContent, data: DataFolder) -> Section:
    sources = content.sources.rename_axis("source").reset_index(name="postings")
    notes = [
        "Each posting is counted once, on the day it was posted (or, when the job site does not say, the day it "
        "was first seen).",
        "Skills are found in each posting's title, tags and text with a list of skills and their other names "
        "(in English and Indonesian); a skill the list does not know is not counted.",
        "Shares are out of the postings in this report, or in a period; coverage leaves out postings that name no "
        "known skill, because they say nothing about what to teach.",
        "Pay comes in three kinds, never mixed: salaries (a month's pay; a day rate is 21 working days, PP 36/2021), "
        "hourly rates (an hour) and fixed-price project budgets (a project), each in rupiah converted from the "
        "platform's currency. " + MEDIAN_DEFINITION + " Many postings do not state pay, so pay figures rest on "
        "fewer postings than the rest.",
        "Numbers are written the Indonesian way: 1.234 is one thousand two hundred and thirty-four, 12,5% is twelve "
        "and a half percent, and “Rp 4,5 jt” is 4.500.000 rupiah.",
    ]
    body = [
        f'<p class="warning">{escape(INVENTED_WARNING)}</p>' if _is_invented(content) else "",
        f"<p><strong>Which postings:</strong> {escape(content.caption)}</p>",
        "<h3>Sources</h3>",
        _table(
            sources,
            [Column("source", "Job site"), Column("postings", "Postings", format_count, True)],
            empty="No postings.",
            limit=None,
        ),
        data.add("sources", sources),
        "<h3>How the numbers are made</h3>",
        "<ul>" + "".join(f"<li>{escape(note)}</li>" for note in notes) + "</ul>",
        '<p>How the occupation index is computed is told under <a href="#index">Occupation index</a>.</p>',
        "<h3>The data files</h3>",
        f"<p>The folder <code>{escape(data.path.name)}</code> next to this page holds the data behind every chart "
        "and table, as CSV (opens in a spreadsheet) and Parquet (for analysts). Keep it next to this page for the "
        "links to work.</p>",
        f'<p class="generated">Generated {escape(_when(content.generated_at))}.</p>',
    ]
    return Section("about", "About the data", "".join(body))


def _when(moment: datetime) -> str:
    zone = moment.strftime("%Z")
    return f"{moment.day} {moment:%B %Y, %H:%M}" + (f" {zone}" if zone else "")


def _survey(content: ReportContent, data: DataFolder) -> Section | None:
    survey = content.survey
    if survey is None:
        return None
    left_out = f" ({format_count(survey.rows_left_out)} rows with problems were left out)" if survey.rows_left_out else ""
    by_cluster = survey.indicators_by_cluster.pivot(index="indicator", columns="cluster", values="share")
    by_cluster.columns = [f"group {cluster}" for cluster in by_cluster.columns]
    shares = survey.indicators[["indicator", "yardstick", "compares", "line_idr", "share"]].merge(
        by_cluster, left_on="indicator", right_index=True, how="left"
    )
    profiles = survey.profiles.assign(top_skills=survey.profiles["top_skills"].map(", ".join))
    figures = "".join(f"<li>{escape(used)}</li>" for used in survey.yardsticks_used)
    body = [
        f"<p>{escape(survey.source)}: {escape(format_count(survey.members))} members analysed{escape(left_out)}, "
        f"held against the yardsticks of {escape(survey.region)} in force in {escape(survey.period)}.</p>",
        _how(
            "The share of members whose income reaches each yardstick: the World Bank and BPS per-person lines are "
            "compared with the household income divided by the people living on it (members without a household size "
            "are left out of them); the household's income with the BPS per-person line times the household's size "
            "(BPS's method; the average poor-household line only where the size is unknown); and the minimum wage "
            "(UMK) with the member's own income. Groups are members with similar income, household, experience and "
            "work, found by k-means."
        ),
        _table(
            shares,
            [
                Column("yardstick", "Yardstick"),
                Column("compares", "Compared with"),
                Column("line_idr", "Line a month", format_rupiah, True),
                Column("share", "All members", format_percent, True),
                *[Column(column, column.capitalize(), format_percent, True) for column in by_cluster.columns],
            ],
            empty="No member could be measured.",
            limit=None,
        ),
        data.add("survey_indicators", survey.indicators),
        data.add("survey_indicators_by_group", survey.indicators_by_cluster),
        "<h3>The groups</h3>",
        _table(
            profiles,
            [
                Column("cluster", "Group", format_count, True),
                Column("members", "Members", format_count, True),
                Column("median_income_idr", "Median income", format_rupiah, True),
                Column("median_income_per_member_idr", "Per household member", format_rupiah, True),
                Column("median_months_experience", "Months of experience", format_count, True),
                Column("commonest_status", "Mostly"),
                Column("commonest_platform", "Main platform"),
                Column("top_skills", "Top skills"),
            ],
            empty="No groups.",
            limit=None,
        ),
        data.add("survey_groups", profiles),
        f"<p>Figures used:</p><ul>{figures}</ul>" if figures else "",
    ]
    return Section("survey", "Your members' incomes", "".join(body))


SECTIONS: tuple[Callable[[ReportContent, DataFolder], Section | None], ...] = (
    _summary,
    _demand,
    _trends,
    _occupation_index,
    _clusters,
    _curricula,
    _comparison,
    _pay,
    _survey,
    _about,
)


# The page

# No script, nothing fetched: only the inline style may apply. Links to the data files are navigation, not fetches.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """
:root { --ink: #1b1b1b; --muted: #555; --line: #ddd; --accent: #0072B2; --soft: #f4f7fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  Arial, sans-serif; }
header, main, footer { max-width: 980px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.9rem; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 1.45rem; margin: 44px 0 8px; padding-top: 8px; border-top: 3px solid var(--accent); }
h3 { font-size: 1.15rem; margin: 26px 0 8px; }
h4 { font-size: 1rem; margin: 20px 0 6px; }
.caption, .region, .generated { color: var(--muted); margin: 0 0 12px; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 12px 0 16px; }
nav a { color: var(--accent); }
.how { background: var(--soft); border-left: 4px solid var(--accent); padding: 8px 12px; margin: 8px 0 14px;
  font-size: 0.95rem; }
.note { color: var(--muted); font-style: italic; }
.warning { background: #fff4e0; border: 2px solid #E69F00; padding: 8px 12px; font-weight: 600; }
.lead { font-size: 1.1rem; }
.facts { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.fact { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.fact-value { font-size: 1.7rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.fact-label { color: var(--muted); font-size: 0.9rem; overflow-wrap: anywhere; }
figure.chart-wrap { margin: 12px 0; overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 8px 0; }
table { border-collapse: collapse; font-size: 0.92rem; min-width: 50%; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; border-radius: 2px;
  vertical-align: -1px; }
.data-links { font-size: 0.85rem; color: var(--muted); }
.families li { margin: 4px 0; }
article.curriculum { border-top: 1px solid var(--line); margin-top: 24px; }
code { background: var(--soft); padding: 0 4px; }
footer { color: var(--muted); font-size: 0.85rem; padding: 24px 20px 40px; }
@media print {
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav, .data-links { display: none; }
  h2 { break-before: page; border-top: none; }
  section:first-of-type h2 { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  figure.chart-wrap, tr, .fact, .how { break-inside: avoid; }
  .table-wrap, figure.chart-wrap { overflow: visible; }
  .how { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def _page(content: ReportContent, sections: Sequence[Section]) -> str:
    contents = "".join(f'<li><a href="#{section.anchor}">{escape(section.heading)}</a></li>' for section in sections)
    body = "".join(
        f'<section id="{section.anchor}"><h2>{escape(section.heading)}</h2>{section.body}</section>'
        for section in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(content.title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{escape(content.title)}</h1><p class="caption">{escape(content.caption)}</p>'
        f'<nav aria-label="Contents"><ol>{contents}</ol></nav></header>'
        f"<main>{body}</main>"
        f"<footer>pasarkerja report, generated {escape(_when(content.generated_at))}.</footer>"
        "</body></html>\n"
    )
