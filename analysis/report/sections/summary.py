"""The summary at the top of the page: how many postings from how many sites, coverage, the top skills."""

from __future__ import annotations

from html import escape

from analysis.formats import format_count, format_percent
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section, invented_warning, note, plain

SUMMARY_SKILLS = 5


def summary_section(content: ReportContent, data: DataFolder) -> Section:
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
        f"<li><strong>{escape(plain(row.skill))}</strong>: {escape(format_count(row.postings))} postings "
        f"({escape(format_percent(row.share))})</li>"
        for row in top.itertuples(index=False)
    )
    body = [
        invented_warning(content.caption),
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
        else note("No posting in this selection names a skill the taxonomy knows.")
    )
    return Section("summary", "Summary", "".join(body))
