"""``pasarkerja earnings`` as text: each figure with what it counts and assumes beside it."""

from __future__ import annotations

from analysis.earnings import OVERALL, Earnings
from analysis.formats import format_count, format_decimal, format_percent, format_rupiah

KIND_HEADINGS = {
    "salaried": "Salaried, a month",
    "hourly": "Hourly, an hour after the platform's fee",
    "project": "Fixed-price projects, a project after the platform's fee",
}
# Yardsticks shown in the per-group lines; the JSON has them all.
SHOWN = ("umk", "bps_household", "bps_capita", "wb_upper_middle")


def render_earnings(earnings: Earnings) -> str:
    lines = [
        f"Earnings for members living in {earnings.region}, against the yardsticks in force on {earnings.on_:%Y-%m-%d}",
        earnings.scope_sentence_,
        "",
        "Yardsticks: a month; an hour = the month / 126 (PP 36/2021 Pasal 16)",
    ]
    for key, figure in earnings.yardsticks_.items():
        lines.append(
            f"  {key:<16} {format_rupiah(figure.value):>14} a month  {_hourly(earnings.hourly_lines_[key]):>10} an hour"
            f"  {figure.used or figure.source}"
        )
    by_cluster: dict[str, list[dict]] = {}
    for group in earnings.groups_:
        by_cluster.setdefault(group["cluster"], []).append(group)
    for cluster, groups in by_cluster.items():
        lines += ["", "All clusters" if cluster == OVERALL else f"Cluster: {cluster}"]
        for group in groups:
            lines += _group_lines(group, earnings)
    if not earnings.groups_:
        lines += ["", "No posting within scope states its pay."]
    lines += ["", "What the figures assume:", *(f"  - {sentence}" for sentence in earnings.assumptions_)]
    return "\n".join(lines)


def _group_lines(group: dict, earnings: Earnings) -> list[str]:
    money = _hourly if group["kind"] == "hourly" else format_rupiah
    postings = group["postings"]
    lines = [
        f"  {KIND_HEADINGS[group['kind']]}: {format_count(postings)} posting{'s' if postings != 1 else ''}, median "
        f"{money(group['median_idr'])} (a quarter below {money(group['p25_idr'])}, a quarter above "
        f"{money(group['p75_idr'])})"
    ]
    names = {key: earnings.yardsticks_[key].name for key in SHOWN}
    if group["kind"] == "salaried":
        lines.append("    reach: " + _shares(group["share_reaching"], names))
    elif group["kind"] == "hourly":
        lines.append("    pay at least the line's hourly equivalent: " + _shares(group["share_reaching"], names))
        lines.append(
            "    hours of billed work a month to reach it, at the median rate (quarter-lowest / quarter-highest rate): "
            + "; ".join(
                f"{names[key]} {_hours(group['hours_a_month_to_reach'][key])} "
                f"({_hours(group['hours_a_month_to_reach_at_p25'][key])} / "
                f"{_hours(group['hours_a_month_to_reach_at_p75'][key])})"
                for key in SHOWN
            )
        )
    else:
        lines.append(
            "    projects a month to reach it at the median budget: "
            + "; ".join(f"{names[key]} {_hours(group['projects_a_month_to_reach'][key])}" for key in SHOWN)
        )
    if "monthly_if" in group:
        assumed = group["monthly_if"]
        lines.append(
            f"    {assumed['assumption']}: median {format_rupiah(assumed['median_idr'])} a month; reach: "
            + _shares(assumed["share_reaching"], names)
        )
    return lines


def _shares(shares: dict, names: dict) -> str:
    return "; ".join(f"{names[key]} {format_percent(shares[key])}" for key in names)


def _hourly(value) -> str:
    return format_rupiah(value, nearest=100)


def _hours(value) -> str:
    return format_decimal(value, 1)
