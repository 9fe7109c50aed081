"""Kinds of jobs: the clusters of postings that ask for the same mix of skills, on a map and in a table, and the
skill families (skills asked for together)."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.formats import format_count, format_percent, format_rupiah
from analysis.report.charts import scatter_map
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, figure, how, note, occupation_label, plain, table
from analysis.report.sections.cluster_colours import cluster_colours_of, cluster_column


def clusters_section(content: ReportContent, data: DataFolder) -> Section:
    clusters, points = content.clusters, content.cluster_map
    body = [
        how(
            "Postings that ask for the same mix of skills are grouped into clusters: the same kind of job, whatever "
            "the job titles say. Each cluster is named after the skills at least 40% of its postings ask for, with "
            "their shares; a cluster where no skill reaches 40% is a catch-all of unlike postings, named "
            '"Mixed:" and its commonest skills. On the map each dot is a '
            "posting, coloured by its cluster; dots close together ask for similar skills. The map has no units: "
            "only closeness matters."
        )
    ]
    if not points.empty:
        names = dict(zip(clusters["cluster"], clusters["name"], strict=True)) if not clusters.empty else {}
        names.update(
            {
                cluster: name
                for cluster, name in zip(points["cluster"], points["name"], strict=True)
                if cluster not in names
            }
        )
        body.append(
            figure(
                scatter_map(
                    points["x"].tolist(),
                    points["y"].tolist(),
                    points["cluster"].tolist(),
                    names,
                    title="Map of postings by the skills they ask for, coloured by cluster",
                )
            )
        )
    body.append(data.add("cluster_map", points))
    body.append(
        table(
            clusters,
            [
                cluster_column(cluster_colours_of(content)),
                Column("name", "Typical skills"),
                Column("size", "Postings", format_count, True),
                Column("share", "Share of postings", format_percent, True),
                Column("top_occupation", "Most common occupation", occupation_label),
                Column("top_occupation_share", "Of the cluster", format_percent, True),
                Column("median_pay_idr_month", "Median salary a month", format_rupiah, True),
            ],
            empty="There were too few postings with skills to form clusters.",
            limit=None,
        )
    )
    body.append(data.add("clusters", clusters))
    body.append(_skill_families(content, data))
    return Section("clusters", "Kinds of jobs (clusters)", "".join(body))


def _skill_families(content: ReportContent, data: DataFolder) -> str:
    body = [
        "<h3>Skill families</h3>"
        + how(
            "Skills that employers ask for together. Someone who knows one skill of a family is close to the "
            "others, so they make a natural next module."
        )
    ]
    if content.skill_families:
        items = "".join(
            f"<li><strong>{escape(plain(family))}</strong>: {escape(', '.join(plain(skill) for skill in skills))}</li>"
            for family, skills in content.skill_families
        )
        body.append(f'<ul class="families">{items}</ul>')
    else:
        body.append(note("No skills are asked for together often enough to form families."))
    families = pd.DataFrame(
        [(family, skill) for family, skills in content.skill_families for skill in skills], columns=["family", "skill"]
    )
    body.append(data.add("skill_families", families))
    return "".join(body)
