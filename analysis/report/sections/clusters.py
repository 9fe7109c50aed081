"""Kinds of jobs: the clusters of postings that ask for the same mix of skills, on a map and in a table, and the
skill families (skills asked for together)."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.formats import format_count, format_percent, format_rupiah
from analysis.language import say
from analysis.report.charts import scatter_map
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, figure, how, note, occupation_label, plain, table
from analysis.report.sections.cluster_colours import cluster_colours_of, cluster_column


def clusters_section(content: ReportContent, data: DataFolder) -> Section:
    clusters, points = content.clusters, content.cluster_map
    body = [
        how(
            say(
                "Lowongan yang meminta campuran keterampilan yang sama dikelompokkan menjadi klaster: satu jenis "
                "pekerjaan, apa pun judul lowongannya. Setiap klaster dinamai menurut keterampilan yang diminta "
                "setidaknya 40% lowongannya, dengan bagiannya masing-masing; klaster yang tidak punya keterampilan "
                "yang mencapai 40% adalah kumpulan lowongan yang tidak sejenis, dinamai “Campuran” "
                "(“Mixed:”) diikuti keterampilannya yang paling umum. Di peta, setiap titik adalah satu "
                "lowongan, diwarnai menurut klasternya; titik-titik yang berdekatan meminta keterampilan yang mirip. "
                "Peta ini tidak punya satuan: yang penting hanya dekat-jauhnya titik.",
                "Postings that ask for the same mix of skills are grouped into clusters: the same kind of job, "
                "whatever the job titles say. Each cluster is named after the skills at least 40% of its postings ask "
                "for, with their shares; a cluster where no skill reaches 40% is a catch-all of unlike postings, named "
                '"Mixed:" and its commonest skills. On the map each dot is a posting, coloured by its cluster; dots '
                "close together ask for similar skills. The map has no units: only closeness matters.",
            )
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
                    title=say(
                        "Peta lowongan menurut keterampilan yang dimintanya, diwarnai menurut klaster",
                        "Map of postings by the skills they ask for, coloured by cluster",
                    ),
                )
            )
        )
    body.append(data.add("cluster_map", points))
    body.append(
        table(
            clusters,
            [
                cluster_column(cluster_colours_of(content)),
                Column("name", say("Keterampilan khas", "Typical skills")),
                Column("size", say("Lowongan", "Postings"), format_count, True),
                Column("share", say("Bagian lowongan", "Share of postings"), format_percent, True),
                Column(
                    "top_occupation", say("Jenis pekerjaan paling umum", "Most common occupation"), occupation_label
                ),
                Column("top_occupation_share", say("Dari klaster", "Of the cluster"), format_percent, True),
                Column(
                    "median_pay_idr_month", say("Median gaji sebulan", "Median salary a month"), format_rupiah, True
                ),
            ],
            empty=say(
                "Lowongan yang menyebut keterampilan terlalu sedikit untuk membentuk klaster.",
                "There were too few postings with skills to form clusters.",
            ),
        )
    )
    body.append(data.add("clusters", clusters))
    body.append(_skill_families(content, data))
    return Section("clusters", say("Jenis pekerjaan (klaster)", "Kinds of jobs (clusters)"), "".join(body))


def _skill_families(content: ReportContent, data: DataFolder) -> str:
    body = [
        f"<h3>{say('Rumpun keterampilan', 'Skill families')}</h3>"
        + how(
            say(
                "Keterampilan yang diminta pemberi kerja secara bersamaan. Orang yang menguasai satu keterampilan "
                "dalam satu rumpun sudah dekat dengan keterampilan lainnya, jadi keterampilan itu cocok menjadi modul "
                "berikutnya.",
                "Skills that employers ask for together. Someone who knows one skill of a family is close to the "
                "others, so they make a natural next module.",
            )
        )
    ]
    if content.skill_families:
        items = "".join(
            f"<li><strong>{escape(plain(family))}</strong>: {escape(', '.join(plain(skill) for skill in skills))}</li>"
            for family, skills in content.skill_families
        )
        body.append(f'<ul class="families">{items}</ul>')
    else:
        body.append(
            note(
                say(
                    "Tidak ada keterampilan yang cukup sering diminta bersamaan untuk membentuk rumpun.",
                    "No skills are asked for together often enough to form families.",
                )
            )
        )
    families = pd.DataFrame(
        [(family, skill) for family, skills in content.skill_families for skill in skills], columns=["family", "skill"]
    )
    body.append(data.add("skill_families", families))
    return "".join(body)
