"""Trends: each skill's share of the postings per period, and the skills that rose and fell between two periods."""

from __future__ import annotations

from html import escape

from analysis.formats import format_count, format_percent, format_points
from analysis.report.charts import line_chart
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, figure, how, note, table

# The chart shows this many skills; the data files have them all.
TREND_LINES = 8
CHANGE_COLUMNS = (
    Column("skill", "Skill"),
    Column("count_before", "Postings, earlier", format_count, True),
    Column("count_after", "Postings, later", format_count, True),
    Column("share_before", "Share, earlier", format_percent, True),
    Column("share_after", "Share, later", format_percent, True),
    Column("change", "Change", format_points, True),
)


def trends_section(content: ReportContent, data: DataFolder) -> Section:
    before, after = content.period_labels
    trends = content.skill_trends
    body = [
        how(
            "Each line is one skill's share of the postings in each period: 20% means one posting in five asked "
            "for it. A line that climbs is a skill employers ask for more and more. Periods with few postings jump "
            "up and down, so look at the direction over several periods rather than at one step.",
            f"The tables compare two periods: <strong>{escape(before)}</strong> (earlier) and "
            f"<strong>{escape(after)}</strong> (later). The change is in percentage points: a skill going from 10% to "
            "15% of postings has a change of +5 pts.",
        )
    ]
    if trends.empty or not len(trends.columns):
        body.append(note("There are not enough dated postings to draw trends."))
    else:
        # The skills with the largest average share, so the chart stays readable.
        chosen = trends.mean().sort_values(ascending=False, kind="stable").index[:TREND_LINES]
        body.append(
            figure(
                line_chart(
                    list(trends.index),
                    {str(skill): trends[skill].tolist() for skill in chosen},
                    title=f"Share of postings asking for the {len(chosen)} most asked-for skills, per period",
                    y_label="Share of the period's postings",
                )
            )
        )
    body.append(data.add("skill_trends", trends.rename_axis("period_start").reset_index()))
    if content.changes_note:
        body.append("<h3>Rising and falling</h3>")
        body.append(note(f"Too little data to say what rose or fell: {content.changes_note}."))
    else:
        body.append(f"<h3>Rising: asked for more in {escape(after)} (later) than in {escape(before)} (earlier)</h3>")
        body.append(table(content.rising, CHANGE_COLUMNS, empty="No skill rose between the two periods."))
        body.append(f"<h3>Falling: asked for less in {escape(after)} (later) than in {escape(before)} (earlier)</h3>")
        body.append(table(content.falling, CHANGE_COLUMNS, empty="No skill fell between the two periods."))
    body.append(data.add("rising", content.rising))
    body.append(data.add("falling", content.falling))
    return Section("trends", "Trends", "".join(body))
