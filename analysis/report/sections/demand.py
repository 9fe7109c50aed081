"""What is in demand: the skills most asked for, as a bar chart and a table."""

from __future__ import annotations

from analysis.formats import format_count, format_percent
from analysis.language import say
from analysis.report.charts import bar_chart
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, figure, how, table

# The chart shows this many skills; the table and data files have them all.
BAR_SKILLS = 20


def demand_section(content: ReportContent, data: DataFolder) -> Section:
    top = content.top_skills
    body = [
        how(
            say(
                "Setiap batang adalah satu keterampilan; panjangnya menunjukkan berapa lowongan yang memintanya. "
                "Lowongan yang meminta lima keterampilan dihitung sekali untuk setiap keterampilan itu. Bagian "
                "dihitung dari semua lowongan di laporan ini: 25% berarti satu dari empat lowongan meminta "
                "keterampilan itu.",
                "Each bar is one skill; its length is how many postings ask for it. A posting that asks for five "
                "skills counts once for each of them. The share is out of all postings in this report: 25% means one "
                "posting in four asks for the skill.",
            )
        )
    ]
    if not top.empty:
        chart_rows = top.head(BAR_SKILLS)
        shown = format_count(len(chart_rows))
        body.append(
            figure(
                bar_chart(
                    chart_rows["skill"].tolist(),
                    chart_rows["postings"].tolist(),
                    title=say(
                        f"{shown} keterampilan yang paling banyak diminta, menurut jumlah lowongan",
                        f"The {shown} skills most asked for, by number of postings",
                    ),
                    value_label=say("Lowongan yang meminta keterampilan itu", "Postings asking for the skill"),
                    category_label=say("Keterampilan", "Skill"),
                )
            )
        )
    body.append(
        table(
            top,
            [
                Column("skill", say("Keterampilan", "Skill")),
                Column("postings", say("Lowongan", "Postings"), format_count, True),
                Column("share", say("Bagian lowongan", "Share of postings"), format_percent, True),
            ],
            empty=say(
                "Tidak ada lowongan di pilihan ini yang menyebut keterampilan yang dikenal taksonomi.",
                "No posting in this selection names a skill the taxonomy knows.",
            ),
        )
    )
    body.append(data.add("top_skills", top))
    return Section("demand", say("Keterampilan yang banyak diminta", "What is in demand"), "".join(body))
