"""Trends: each skill's share of the postings per period, and the skills that rose and fell between two periods."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.formats import format_count, format_percent, format_points
from analysis.language import say
from analysis.report.charts import line_chart
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, figure, how, note, table

# The chart shows this many skills; the data files have them all.
TREND_LINES = 8


def change_columns() -> tuple[Column, ...]:
    """The columns of the rising and falling tables, in the current language."""
    return (
        Column("skill", say("Keterampilan", "Skill")),
        Column("count_before", say("Lowongan, awal", "Postings, earlier"), format_count, True),
        Column("count_after", say("Lowongan, akhir", "Postings, later"), format_count, True),
        Column("share_before", say("Bagian, awal", "Share, earlier"), format_percent, True),
        Column("share_after", say("Bagian, akhir", "Share, later"), format_percent, True),
        Column("change", say("Perubahan", "Change"), format_points, True),
    )


def trends_section(content: ReportContent, data: DataFolder) -> Section:
    before, after = escape(content.period_labels[0]), escape(content.period_labels[1])
    trends = content.skill_trends
    body = [
        how(
            say(
                "Setiap garis adalah bagian lowongan yang meminta satu keterampilan, per periode: 20% berarti satu "
                "dari lima lowongan memintanya. Garis yang naik adalah keterampilan yang makin banyak diminta pemberi "
                "kerja. Periode dengan sedikit lowongan naik-turun tajam, jadi lihatlah arah garis selama beberapa "
                "periode, bukan satu langkah saja.",
                "Each line is one skill's share of the postings in each period: 20% means one posting in five asked "
                "for it. A line that climbs is a skill employers ask for more and more. Periods with few postings "
                "jump up and down, so look at the direction over several periods rather than at one step.",
            ),
            say(
                f"Tabel di bawah membandingkan dua periode: <strong>{before}</strong> (periode awal) dan "
                f"<strong>{after}</strong> (periode akhir). Perubahannya dalam poin persentase (pts): keterampilan "
                "yang diminta 10% lowongan lalu 15% lowongan berubah +5 pts.",
                f"The tables compare two periods: <strong>{before}</strong> (earlier) and <strong>{after}</strong> "
                "(later). The change is in percentage points: a skill going from 10% to 15% of postings has a change "
                "of +5 pts.",
            ),
        )
    ]
    body.append(_trend_chart(trends))
    body.append(data.add("skill_trends", trends.rename_axis("period_start").reset_index()))
    body += _rising_and_falling(content, before, after)
    body.append(data.add("rising", content.rising))
    body.append(data.add("falling", content.falling))
    return Section("trends", say("Tren", "Trends"), "".join(body))


def _trend_chart(trends: pd.DataFrame) -> str:
    """The shares of the most asked-for skills per period, or a note when there are no dated postings."""
    if trends.empty or not len(trends.columns):
        return note(
            say(
                "Lowongan yang bertanggal terlalu sedikit untuk menggambar tren.",
                "There are not enough dated postings to draw trends.",
            )
        )
    # The skills with the largest average share, so the chart stays readable.
    chosen = trends.mean().sort_values(ascending=False, kind="stable").index[:TREND_LINES]
    shown = format_count(len(chosen))
    return figure(
        line_chart(
            list(trends.index),
            {str(skill): trends[skill].tolist() for skill in chosen},
            title=say(
                f"Bagian lowongan yang meminta {shown} keterampilan yang paling banyak diminta, per periode",
                f"Share of postings asking for the {shown} most asked-for skills, per period",
            ),
            y_label=say("Bagian dari lowongan periode itu", "Share of the period's postings"),
        )
    )


def _rising_and_falling(content: ReportContent, before: str, after: str) -> list[str]:
    """The tables of the skills that rose and fell between the two periods (`before` and `after`, escaped), or why
    nothing was compared."""
    if content.changes_note:
        return [
            f"<h3>{say('Naik dan turun', 'Rising and falling')}</h3>",
            note(
                say(
                    f"Data terlalu sedikit untuk mengatakan apa yang naik atau turun: {content.changes_note}.",
                    f"Too little data to say what rose or fell: {content.changes_note}.",
                )
            ),
        ]
    columns = change_columns()
    rising = say(
        f"Naik: lebih banyak diminta pada {after} (periode akhir) daripada {before} (periode awal)",
        f"Rising: asked for more in {after} (later) than in {before} (earlier)",
    )
    falling = say(
        f"Turun: lebih sedikit diminta pada {after} (periode akhir) daripada {before} (periode awal)",
        f"Falling: asked for less in {after} (later) than in {before} (earlier)",
    )
    return [
        f"<h3>{rising}</h3>",
        table(
            content.rising,
            columns,
            empty=say(
                "Tidak ada keterampilan yang naik di antara kedua periode.", "No skill rose between the two periods."
            ),
        ),
        f"<h3>{falling}</h3>",
        table(
            content.falling,
            columns,
            empty=say(
                "Tidak ada keterampilan yang turun di antara kedua periode.", "No skill fell between the two periods."
            ),
        ),
    ]
