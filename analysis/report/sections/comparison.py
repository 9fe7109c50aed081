"""Curricula compared: each curriculum's coverage and the share of each cluster's demand it teaches, as a heat map."""

from __future__ import annotations

from analysis.language import say
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
            say(
                "Satu baris untuk setiap kurikulum. Kolom pertama adalah cakupannya atas semua lowongan; kolom "
                "lainnya adalah bagian permintaan keterampilan setiap klaster yang diajarkannya. Makin gelap kotaknya, "
                "makin besar angkanya; angkanya tertulis di setiap kotak.",
                "One row per curriculum. The first column is its coverage of all postings; the others are the share "
                "of each cluster's skill demand it teaches. Darker cells mean more; each cell has its number written "
                "in it.",
            )
        ),
        figure(
            heatmap(
                comparison["name"].tolist(),
                [say("Cakupan, semua lowongan", "Coverage, all postings"), *cluster_columns],
                values,
                title=say(
                    "Perbandingan kurikulum: cakupan semua lowongan dan permintaan yang diajarkan per klaster",
                    "Curricula compared: coverage of all postings and demand taught per cluster",
                ),
                row_label=say("Kurikulum", "Curriculum"),
                column_label=say("Klaster", "Cluster"),
            )
        ),
        data.add("comparison", comparison),
    ]
    return Section("compared", say("Perbandingan kurikulum", "Curricula compared"), "".join(body))
