"""Pay as the postings state it, per cluster, one chart and table per kind of pay."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.earnings import MEDIAN_DEFINITION
from analysis.formats import format_count, format_rupiah
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, how, note, table
from analysis.report.sections.cluster_colours import cluster_colours_of
from analysis.report.sections.pay_kinds import KIND_TITLES, PER_WORDS, hourly_rupiah, kinds_in, pay_boxes


def pay_section(content: ReportContent, data: DataFolder) -> Section:
    pay = content.pay_by_cluster
    # Without cluster numbers the groups are the cluster names, and there are no map colours to match.
    key = "cluster" if "cluster" in pay.columns else "name"
    body = [
        how(
            "Pay as the postings state it, before any platform fee, in rupiah, one chart and table per kind of pay: "
            "salaries a month, hourly rates an hour, fixed-price budgets a project; kinds are never mixed. "
            + MEDIAN_DEFINITION
            + " The box holds the middle half of the offers; the thick line inside is the median. The thin lines "
            "reach from the lowest tenth to the highest tenth. Rows with few postings with pay are a rough guide "
            "only. “jt” is juta (a million), “rb” is ribu (a thousand)."
        )
    ]
    colours = cluster_colours_of(content) if key == "cluster" else {}
    if pay.empty:
        body.append(note("No posting in this selection states its pay."))
    for kind, paid in kinds_in(pay):
        body.append(_pay_of_kind(kind, paid, key, colours, data))
    body.append(data.add("pay_by_cluster", pay))
    return Section("pay", "Pay", "".join(body))


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
            "per": PER_WORDS[kind].removeprefix("a ").removeprefix("an "),
        }
    )
    body = [
        f"<h4>{escape(KIND_TITLES[kind])}</h4>",
        pay_boxes(
            paid,
            "pay_idr",
            key,
            colours,
            title=f"{KIND_TITLES[kind]}, per cluster (rupiah)",
            value_label=f"Rupiah {PER_WORDS[kind]}",
        ),
        table(
            summary,
            [
                Column("name", "Cluster"),
                Column("postings_with_pay", "Postings with pay", format_count, True),
                Column("p25_idr", "A quarter offer less than", money, True),
                Column("median_idr", f"Median {PER_WORDS[kind]}", money, True),
                Column("p75_idr", "A quarter offer more than", money, True),
            ],
            empty="",
            limit=None,
        ),
        data.add(f"pay_summary_{kind}", summary),
    ]
    return "".join(body)
