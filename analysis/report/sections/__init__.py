"""The sections of the report, one module each, in page order in `SECTIONS`.

Each builder takes the content and the data folder (where it writes the data behind its charts and tables) and
returns its `Section`, or None when it has nothing to show; a new section is one more module and one more entry here.
Every section opens with how to read it, for a reader who is not a data analyst.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section
from analysis.report.sections.about import about_section
from analysis.report.sections.clusters import clusters_section
from analysis.report.sections.comparison import comparison_section
from analysis.report.sections.curricula import curricula_section
from analysis.report.sections.demand import demand_section
from analysis.report.sections.glossary import glossary_section
from analysis.report.sections.occupation_index import occupation_index_section
from analysis.report.sections.pay import pay_section
from analysis.report.sections.summary import summary_section
from analysis.report.sections.survey import survey_section
from analysis.report.sections.trends import trends_section

SECTIONS: tuple[Callable[[ReportContent, DataFolder], Section | None], ...] = (
    summary_section,
    demand_section,
    trends_section,
    occupation_index_section,
    clusters_section,
    curricula_section,
    comparison_section,
    pay_section,
    survey_section,
    glossary_section,
    about_section,
)
