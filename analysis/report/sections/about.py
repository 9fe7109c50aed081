"""About the data: which postings, from which sites, how the numbers are made, and the data files."""

from __future__ import annotations

from html import escape

from analysis.earnings import MEDIAN_DEFINITION
from analysis.formats import format_count
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, invented_warning, table, when

METHOD_NOTES = (
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
)


def about_section(content: ReportContent, data: DataFolder) -> Section:
    sources = content.sources.rename_axis("source").reset_index(name="postings")
    body = [
        invented_warning(content.caption),
        f"<p><strong>Which postings:</strong> {escape(content.caption)}</p>",
        "<h3>Sources</h3>",
        table(
            sources,
            [Column("source", "Job site"), Column("postings", "Postings", format_count, True)],
            empty="No postings.",
            limit=None,
        ),
        data.add("sources", sources),
        "<h3>How the numbers are made</h3>",
        "<ul>" + "".join(f"<li>{escape(note)}</li>" for note in METHOD_NOTES) + "</ul>",
        '<p>How the occupation index is computed is told under <a href="#index">Occupation index</a>.</p>',
        "<h3>The data files</h3>",
        f"<p>The folder <code>{escape(data.path.name)}</code> next to this page holds the data behind every chart "
        "and table, as CSV (opens in a spreadsheet) and Parquet (for analysts). Keep it next to this page for the "
        "links to work.</p>",
        f'<p class="generated">Generated {escape(when(content.generated_at))}.</p>',
    ]
    return Section("about", "About the data", "".join(body))
