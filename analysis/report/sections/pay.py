"""Pay as the postings state it, per cluster, one chart and table per kind of pay."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.earnings import median_definition
from analysis.formats import format_count, format_rupiah
from analysis.language import say
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, how, note, table
from analysis.report.sections.cluster_colours import cluster_colours_of
from analysis.report.sections.pay_kinds import hourly_rupiah, kind_title, kinds_in, pay_boxes, per_word
from pipelines.pay import UNIT_OF_KIND


def pay_section(content: ReportContent, data: DataFolder) -> Section:
    pay = content.pay_by_cluster
    # Without cluster numbers the groups are the cluster names, and there are no map colours to match.
    key = "cluster" if "cluster" in pay.columns else "name"
    body = [
        how(
            say(
                "Bayaran seperti yang disebut lowongan, sebelum biaya platform, dalam rupiah, satu grafik dan tabel "
                "untuk tiap jenis bayaran: gaji sebulan, upah per jam, dan anggaran proyek dengan bayaran tetap "
                "per proyek; jenis-jenis ini tidak pernah dicampur. "
                + median_definition()
                + " Seperempat tawaran berada di bawah kuartil bawah, dan seperempat di atas kuartil atas. Kotak memuat "
                "separuh tawaran yang di tengah; garis tebal di dalamnya adalah median. Garis tipis "
                "membentang dari sepersepuluh tawaran terendah sampai sepersepuluh tertinggi. Baris yang hanya punya "
                "sedikit lowongan dengan bayaran hanyalah gambaran kasar. \u201cjt\u201d berarti juta, \u201crb\u201d "
                "berarti ribu.",
                "Pay as the postings state it, before any platform fee, in rupiah, one chart and table per kind of "
                "pay: salaries a month, hourly rates an hour, fixed-price budgets a project; kinds are never mixed. "
                + median_definition()
                + " The box holds the middle half of the offers; the thick line inside is the median. The thin lines "
                "reach from the lowest tenth to the highest tenth. Rows with few postings with pay are a rough guide "
                "only. \u201cm\u201d is a million, \u201ck\u201d is a thousand.",
            )
        )
    ]
    colours = cluster_colours_of(content) if key == "cluster" else {}
    if pay.empty:
        body.append(
            note(
                say(
                    "Tidak ada lowongan di pilihan ini yang menyebut bayarannya.",
                    "No posting in this selection states its pay.",
                )
            )
        )
    for kind, paid in kinds_in(pay):
        body.append(_pay_of_kind(kind, paid, key, colours, data))
    body.append(data.add("pay_by_cluster", pay))
    return Section("pay", say("Bayaran", "Pay"), "".join(body))


def _pay_of_kind(kind: str, paid: pd.DataFrame, key: str, colours: dict, data: DataFolder) -> str:
    """The chart and table of one kind of pay, per `key` group, best median first."""
    grouped = paid.groupby(key, sort=False)["pay_idr"]
    medians = grouped.median().sort_values(ascending=False, kind="stable")
    names = paid.groupby(key, sort=False)["name"].first()
    money = hourly_rupiah if kind == "hourly" else format_rupiah
    summary = pd.DataFrame(
        {
            "name": names[medians.index].to_numpy(),
            "kind": kind,
            "postings_with_pay": grouped.size()[medians.index].to_numpy(),
            "p25_idr": grouped.quantile(0.25)[medians.index].to_numpy(),
            "median_idr": medians.to_numpy(),
            "p75_idr": grouped.quantile(0.75)[medians.index].to_numpy(),
            "per": UNIT_OF_KIND[kind],  # the data files name the period the same way in every language
        }
    )
    title = kind_title(kind)
    body = [
        f"<h4>{escape(title)}</h4>",
        pay_boxes(
            paid,
            "pay_idr",
            key,
            colours,
            title=say(f"{title}, per klaster (rupiah)", f"{title}, per cluster (rupiah)"),
            value_label=f"Rupiah {per_word(kind)}",
        ),
        table(
            summary,
            [
                Column("name", say("Klaster", "Cluster")),
                Column("postings_with_pay", say("Lowongan dengan bayaran", "Postings with pay"), format_count, True),
                Column("p25_idr", say("Kuartil bawah", "A quarter offer less than"), money, True),
                Column("median_idr", f"Median {per_word(kind)}", money, True),
                Column("p75_idr", say("Kuartil atas", "A quarter offer more than"), money, True),
            ],
            empty="",
        ),
        data.add(f"pay_summary_{kind}", summary),
    ]
    return "".join(body)
