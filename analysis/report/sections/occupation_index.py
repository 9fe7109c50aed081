"""The occupation index: new postings per day, in total and per kind of work, against the base day."""

from __future__ import annotations

from analysis.formats import format_decimal
from analysis.language import say
from analysis.report.charts import line_chart
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section, figure, how, note, occupation_label, paragraphs


def index_heading() -> str:
    """The section's heading, also the name other sections link to it by."""
    return say("Indeks jenis pekerjaan", "Occupation index")


def occupation_index_section(content: ReportContent, data: DataFolder) -> Section:
    index = content.occupation_index
    body = [
        how(
            say(
                "Indeks ini mengikuti berapa banyak lowongan baru setiap hari, seluruhnya dan untuk setiap jenis "
                "pekerjaan (enam golongan pekerjaan Online Labour Index, ditambah pekerjaan lokal dan manual lainnya: "
                "juru masak, sopir, petugas kebersihan, teknisi, yang tidak bisa dikerjakan secara online). 100 adalah "
                "jumlah semua lowongan pada hari dasar, yang disebut di bawah; garis tebal gelap di 120 berarti 20% "
                "lebih banyak lowongan daripada saat itu, di 80 berarti 20% lebih sedikit. Golongan di angka 40 punya "
                "lowongan sebanyak 40% dari semua lowongan pada hari dasar, jadi golongan-golongan bisa dibandingkan "
                "satu sama lain. Setiap hari dirata-rata bersama minggu-minggu sebelumnya, jadi satu hari yang ramai "
                "tidak membuat puncak. Di tempat garis terputus, lowongannya terlalu sedikit untuk dibandingkan "
                "(pengumpulan lowongan belum dimulai atau sempat terhenti).",
                "The index follows how many new postings there are each day, in total and for each kind of work "
                "(the six occupation classes of the Online Labour Index, and other local and manual work: cooks, "
                "drivers, cleaners, technicians, which cannot be done online). 100 is the number of all postings on "
                "the base day, named below; the thick dark line at 120 means 20% more postings than then, at 80, 20% "
                "fewer. A class at 40 has as many postings as 40% of the base day's total, so classes can be compared "
                "with each other. Each day is averaged with the weeks before it, so one busy day does not make a "
                "peak. Where a line stops, there were too few postings to compare (crawls not yet started or "
                "interrupted).",
            )
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
                    title=say(
                        "Indeks lowongan baru per jenis pekerjaan (100 = semua lowongan pada hari dasar)",
                        "Occupation index of new postings (100 = all postings on the base day)",
                    ),
                    y_label=say("Poin indeks", "Index points"),
                    x_label=say("Hari", "Day"),
                    format_y=format_decimal,
                    y_from_zero=False,
                    reference=100,
                    reference_label=say("100 = hari dasar", "100 = base"),
                    highlight=occupation_label("total"),
                )
            )
        )
        body.append(data.add("occupation_index", index.rename_axis("day").reset_index()))
    elif not content.index_note:
        body.append(
            note(
                say(
                    "Lowongan yang bertanggal terlalu sedikit untuk membuat indeks.",
                    "There are not enough dated postings for an index.",
                )
            )
        )
    if content.index_method:
        body.append(
            f"<h3>{say('Cara indeks dihitung', 'How the index is computed')}</h3>" + paragraphs(content.index_method)
        )
    return Section("index", index_heading(), "".join(body))
