"""Whether the work a curriculum prepares for pays enough to live on in its region: a part of each curriculum's
article (analysis/report/sections/curricula.py), per kind of pay, against the region's yardsticks."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.earnings import HOURLY_DIVISOR, OVERALL
from analysis.formats import format_count, format_decimal, format_percent, format_rupiah
from analysis.language import say
from analysis.report.content import CurriculumSection
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, note, plain, table
from analysis.report.sections.pay_kinds import hourly_rupiah, kind_title, kinds_in, pay_boxes, per_word


def charted_labels() -> dict[str, str]:
    """The yardsticks of the earnings tables (analysis.study.CHARTED_YARDSTICKS), as their headers name them in the
    current language."""
    return {
        "umk": "UMK",
        "bps_household": say("garis rumah tangga BPS", "BPS household line"),
        "wb_upper_middle": say("garis Bank Dunia", "World Bank line"),
    }


def earnings_part(curriculum: CurriculumSection, prefix: str, colours: dict, data: DataFolder) -> str:
    """The earnings of `curriculum`'s postings as HTML, its data files named from `prefix`; nothing when not
    measured."""
    if curriculum.earnings is None and not curriculum.yardsticks_note:
        return ""
    place = curriculum.region or say("daerah ini", "the region")
    heading = say(
        f"Apakah pekerjaan ini cukup untuk hidup di {place}?", f"Does this work pay enough to live on in {place}?"
    )
    body = [f"<h4>{escape(heading)}</h4>"]
    if curriculum.yardsticks_note:
        return "".join([*body, note(curriculum.yardsticks_note)])
    body.append(f"<p>{escape(curriculum.earnings_counts)}</p>")
    groups, pay = curriculum.earnings, curriculum.earnings_pay
    if groups.empty:
        body.append(
            note(
                say(
                    "Tidak ada lowongan dalam jangkauan yang menyebut bayarannya.",
                    "No posting within reach states its pay.",
                )
            )
        )
    for kind, of_kind in kinds_in(groups):
        title = kind_title(kind)
        body.append(f"<h5>{escape(title)}</h5>")
        paid = pay[pay["kind"] == kind]
        if kind != "project" and not paid.empty:
            hourly = kind == "hourly"
            lines = tuple(
                (f"{name} / {HOURLY_DIVISOR}" if hourly else name, value / (HOURLY_DIVISOR if hourly else 1))
                for name, value in curriculum.yardstick_lines
            )
            body.append(
                pay_boxes(
                    paid,
                    "net_idr",
                    "cluster",
                    colours,
                    title=say(
                        f"{title} per klaster dibanding tolok ukur {place}",
                        f"{title} per cluster against the yardsticks of {place}",
                    ),
                    value_label=f"Rupiah {per_word(kind)}",
                    references=lines,
                )
            )
        body.append(table(of_kind, _earnings_columns(kind, of_kind), empty=""))
    body.append(data.add(f"{prefix}_earnings", groups))
    assumptions = "".join(f"<li>{escape(sentence)}</li>" for sentence in curriculum.earnings_assumptions)
    body.append(f"<p>{say('Asumsi di balik angka-angka ini:', 'What the figures assume:')}</p><ul>{assumptions}</ul>")
    if curriculum.yardsticks_used:
        items = "".join(f"<li>{escape(used)}</li>" for used in curriculum.yardsticks_used)
        body.append(f"<p>{say('Angka yang dipakai:', 'Figures used:')}</p><ul>{items}</ul>")
    return "".join(body)


def _cluster(value: object) -> str:
    """A cluster of the earnings table; the row of every cluster together is "overall"."""
    return say("Semua klaster", "overall") if value == OVERALL else plain(value)


def _earnings_columns(kind: str, groups: pd.DataFrame) -> list[Column]:
    """The earnings table's columns for one kind of pay; hourly and project pay are after the platform's fee."""
    after_fee = "" if kind == "salaried" else say(" setelah biaya platform", " after fee")
    money = hourly_rupiah if kind == "hourly" else format_rupiah
    labels = charted_labels()
    columns = [
        Column("cluster", say("Klaster", "Cluster"), _cluster),
        Column("postings", say("Lowongan", "Postings"), format_count, True),
        Column("median_idr", f"Median {per_word(kind)}{after_fee}", money, True),
        Column("p25_idr", say("Kuartil bawah", "A quarter below"), money, True),
        Column("p75_idr", say("Kuartil atas", "A quarter above"), money, True),
    ]
    if kind == "salaried":
        columns += [
            Column(f"share_reaching_{key}", say(f"Mencapai {label}", f"Reach {label}"), format_percent, True)
            for key, label in labels.items()
        ]
    elif kind == "hourly":
        columns += [
            Column(
                f"share_reaching_{key}",
                say(f"Minimal {label} / {HOURLY_DIVISOR}", f"At least {label} / {HOURLY_DIVISOR}"),
                format_percent,
                True,
            )
            for key, label in labels.items()
        ]
        columns += [
            Column(
                f"hours_a_month_to_reach_{key}",
                say(f"Jam kerja per bulan untuk {label}, pada median", f"Hours a month for {label}, at the median"),
                format_decimal,
                True,
            )
            for key, label in labels.items()
        ]
    else:
        columns += [
            Column(
                f"projects_a_month_to_reach_{key}",
                say(f"Proyek per bulan untuk {label}, pada median", f"Projects a month for {label}, at the median"),
                format_decimal,
                True,
            )
            for key, label in labels.items()
        ]
    if "monthly_if_median_idr" in groups and groups["monthly_if_median_idr"].notna().any():
        assumption = groups["monthly_if_assumption"].dropna().iloc[0]
        columns.append(
            Column(
                "monthly_if_median_idr",
                say(f"Median sebulan {assumption}", f"Median a month {assumption}"),
                format_rupiah,
                True,
            )
        )
    return columns
