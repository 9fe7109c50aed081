"""The occupation index: new postings per day, in total and per kind of work, against the base day."""

from __future__ import annotations

from analysis.formats import format_decimal
from analysis.report.charts import line_chart
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import OCCUPATION_LABELS, Section, figure, how, note, occupation_label, paragraphs


def occupation_index_section(content: ReportContent, data: DataFolder) -> Section:
    index = content.occupation_index
    body = [
        how(
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
        body.append(note(content.index_note))
    if index is not None and not index.empty:
        # The first days have no full smoothing window and no value: the chart starts where the index does.
        drawn = index.dropna(how="all")
        series = {occupation_label(column): drawn[column].tolist() for column in drawn.columns}
        body.append(
            figure(
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
        body.append(note("There are not enough dated postings for an index."))
    if content.index_method:
        body.append("<h3>How the index is computed</h3>" + paragraphs(content.index_method))
    return Section("index", "Occupation index", "".join(body))
