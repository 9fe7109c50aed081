"""Your members' incomes: a community's own income survey held against the yardsticks, over all members and per
group of similar members."""

from __future__ import annotations

from html import escape

from analysis.formats import format_count, format_percent, format_rupiah
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, how, table


def survey_section(content: ReportContent, data: DataFolder) -> Section | None:
    """The survey's section, when a survey was given."""
    survey = content.survey
    if survey is None:
        return None
    left_out = (
        f" ({format_count(survey.rows_left_out)} rows with problems were left out)" if survey.rows_left_out else ""
    )
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
        how(
            "The share of members whose income reaches each yardstick: the World Bank and BPS per-person lines are "
            "compared with the household income divided by the people living on it (members without a household size "
            "are left out of them); the household's income with the BPS per-person line times the household's size "
            "(BPS's method; the average poor-household line only where the size is unknown); and the minimum wage "
            "(UMK) with the member's own income. Groups are members with similar income, household, experience and "
            "work, found by k-means."
        ),
        table(
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
        table(
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
