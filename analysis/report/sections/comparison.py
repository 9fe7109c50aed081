"""Curricula compared: each curriculum's coverage and the share of each cluster's demand it teaches, as a heat map."""

from __future__ import annotations

from analysis.report.charts import heatmap
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section, figure, how


def comparison_section(content: ReportContent, data: DataFolder) -> Section | None:
    """The comparison, when there are two curricula or more to compare."""
    comparison = content.comparison
    if len(content.curricula) < 2 or comparison is None or comparison.empty:
        return None
    cluster_columns = [column for column in comparison.columns if column not in ("name", "coverage")]
    values = comparison[["coverage", *cluster_columns]].to_numpy(dtype=float).tolist()
    body = [
        how(
            "One row per curriculum. The first column is its coverage of all postings; the others are the share of "
            "each cluster's skill demand it teaches. Darker cells mean more; each cell has its number written in it."
        ),
        figure(
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
