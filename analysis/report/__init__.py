"""The HTML report: one self-contained page for a community coordinator, and the data behind it.

`write_report(out, content)` writes the page ``out`` and, next to it, the folder ``<stem>_data/`` with the data behind
every chart and table as CSV (for spreadsheets) and Parquet (for analysts), in the current language
(analysis/language.py: Bahasa Indonesia unless written inside ``language("en")``). The lead fills a `ReportContent`
from the analysis objects, in the same language, since some of its sentences are made there; this package only
presents it.

- content.py: what the report shows (`ReportContent` and its parts) and the columns its tables must have;
- sections/: one module per section of the page, listed in page order in sections/__init__.py;
- page.py: the page shell, its Content-Security-Policy, and `write_report`; style.css: its inline style;
- markup.py: the HTML pieces the sections share (tables, notes, "how to read this" boxes, escaping);
- data_folder.py: the data folder (CSV made safe for spreadsheets, Parquet as it is);
- charts.py and pay_chart.py: the SVG charts, built from svg.py.
"""

from analysis.report.content import (
    CONTENT_COLUMNS,
    CURRICULUM_COLUMNS,
    Changes,
    CurriculumSection,
    ReportContent,
    SurveySection,
)
from analysis.report.page import write_report

__all__ = [
    "CONTENT_COLUMNS",
    "CURRICULUM_COLUMNS",
    "Changes",
    "CurriculumSection",
    "ReportContent",
    "SurveySection",
    "write_report",
]
