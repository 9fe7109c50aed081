"""Each cluster's colour, the same on the map, in the tables and in the pay charts of every section."""

from __future__ import annotations

from html import escape

from analysis.language import say
from analysis.report.charts import cluster_colours
from analysis.report.content import ReportContent
from analysis.report.markup import Column, plain


def cluster_colours_of(content: ReportContent) -> dict:
    """The colour of every cluster the content names, in its tables or on its map."""
    return cluster_colours([*content.clusters["cluster"], *content.cluster_map["cluster"]])


def cluster_column(colours: dict) -> Column:
    """The cluster number with its colour on the map."""

    def swatch(cluster: object) -> str:
        colour = colours.get(cluster, "#cccccc")
        return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>{escape(plain(cluster))}'

    return Column("cluster", say("Klaster", "Cluster"), swatch, markup=True)
