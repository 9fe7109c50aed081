"""What the work a community's members can reach really pays, held against the yardsticks of their region.

Three kinds of pay are never mixed (pipelines/pay.py): a **salary** (a rate per day, week, month or year, stored as
a month: a day rate times 21 working days, PP 36/2021 Pasal 17), an **hourly** rate and a fixed-price **project**
budget. Hourly and project pay stay in their own period: how many hours a freelancer bills or how many projects
they win in a month is unknown, so no figure here turns them into a month unless the user states those numbers
(``hours_per_month``, ``projects_per_month``), and then the assumption is written beside every figure using it.

What it takes to reach each yardstick (analysis/yardsticks.py: the UMK, the BPS poverty lines, the World Bank
lines, all rupiah a month):
- salaried: the share of postings whose monthly salary reaches it;
- hourly: its hourly equivalent is the monthly figure divided by 126, PP 36/2021 Pasal 16's formula for an hourly
  wage; the share of postings paying at least that, and the hours of billed work a month needed at the 25th
  percentile, median and 75th percentile rate;
- project: the projects a month needed at the median budget.
Hourly and project pay are counted net of the platform's fee (``PlatformFees``): a platform's published fee by
default, 0 where it publishes none.

Only postings a member could take count (analysis/reach.py): on site in the region's province, or remote and open
to people in Indonesia. ``scope="all"`` counts every posting.

Every median and quartile has one definition: over the postings of one kind, each posting counted once at the
middle of its stated range, in the kind's own period (``median_definition``).

Every sentence written here for readers (what the figures count and assume, the platform fees) is in the current
language (analysis/language.py): Indonesian by default, English inside ``language("en")``.
"""

from __future__ import annotations

import csv
import importlib.resources
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from analysis.data import PostingSet, posting_days
from analysis.formats import format_count, format_decimal, format_percent
from analysis.gap import NO_CLUSTER, ClusterNames, cluster_name
from analysis.language import say
from analysis.reach import places_of, reachable
from analysis.untrusted import json_ready
from analysis.yardsticks import INTERNATIONAL, NATIONAL, Figure, Yardsticks, load_yardsticks
from pipelines.pay import PAY_KINDS, UNIT_OF_KIND, SalaryConversion, load_rates

# PP 36/2021 Pasal 16: an hourly wage is at least the monthly wage divided by 126.
HOURLY_DIVISOR = 126
SCOPES = ("reachable", "all")
OVERALL = "overall"
# The rupiah column and period of each kind in PostingSet.postings.
PAY_COLUMN = {"salaried": "pay_idr_month", "hourly": "pay_idr_hour", "project": "pay_idr_one_off"}
MEDIAN_DEFINITION = (
    "Medians and quartiles are over the postings of one kind of pay, each posting counted once at the middle of "
    "its stated range, in that kind's own period (a month's salary, an hour, a project)."
)
MEDIAN_DEFINITION_ID = (
    "Median dan kuartil dihitung di antara lowongan dengan satu jenis bayaran, setiap lowongan dihitung sekali di "
    "tengah rentang bayaran yang disebutkannya, dalam periode jenis bayaran itu sendiri (gaji sebulan, upah per jam, "
    "bayaran per proyek)."
)
# What the figures count, per scope: (Indonesian, English).
SCOPE_SENTENCES = {
    "reachable": (
        "Yang dihitung adalah lowongan yang bisa diambil anggota yang tinggal di {region}: kerja di tempat di "
        "{province}, atau kerja jarak jauh yang terbuka bagi orang di Indonesia. Tidak dihitung: {out_of_reach} di "
        "luar jangkauan (kerja di tempat di daerah lain, atau kerja jarak jauh khusus penduduk negara lain) dan "
        "{no_pay} dalam jangkauan yang tidak menyebut bayaran.",
        "It counts the postings a member living in {region} could take: on site in {province}, or remote and open "
        "to people in Indonesia. Left out: {out_of_reach} out of reach (on site elsewhere, or remote for residents "
        "of other countries only) and {no_pay} within reach without stated pay.",
    ),
    "all": (
        "Yang dihitung adalah setiap lowongan, di mana pun tempat kerjanya dan siapa pun yang boleh mengambilnya. "
        "Tidak dihitung: {no_pay} yang tidak menyebut bayaran.",
        "It counts every posting, wherever the work is and whoever may take it. Left out: {no_pay} without stated pay.",
    ),
}
# A kind of pay a platform takes a fee of, as a fee's sentence names it: (Indonesian, English).
_FEE_KIND_WORDS = {"hourly": ("upah per jam", "hourly pay"), "project": ("bayaran proyek", "project pay")}


def median_definition() -> str:
    """How every median and quartile is taken, in the current language."""
    return say(MEDIAN_DEFINITION_ID, MEDIAN_DEFINITION)


@dataclass(frozen=True)
class PlatformFee:
    """What a platform keeps of one kind of pay: ``share`` of it, at least ``minimum_usd`` per project."""

    platform: str
    kind: str
    share: float
    minimum_usd: float | None
    source: str


class PlatformFees:
    """The fees platforms publish (``analysis/reference/platform_fees.csv``), or one share for every posting.

    ``share`` None uses the table, 0 for a platform or kind without a row; a number applies to every hourly and
    project posting. Salaries pay no platform fee.
    """

    def __init__(self, share: float | None = None, table: Sequence[PlatformFee] | None = None):
        if share is not None and not 0 <= share < 1:
            raise ValueError(f"platform_fee is a share from 0 to below 1 (0.1 for 10%), got {share}")
        self.share = share
        self.table = list(table) if table is not None else load_platform_fees()

    def net(self, postings: pd.DataFrame, kind: str, gross_idr: pd.Series) -> pd.Series:
        """``gross_idr`` (pay of ``kind`` of each posting) less its platform's fee."""
        if kind == "salaried":
            return gross_idr
        if self.share is not None:
            return gross_idr * (1 - self.share)
        net = gross_idr.copy()
        for fee in self.table:
            if fee.kind != kind:
                continue
            on = postings["source"].to_numpy() == fee.platform
            kept = gross_idr[on] * fee.share
            if fee.minimum_usd:
                kept = np.maximum(kept, fee.minimum_usd * _idr_per_usd(postings.loc[on, "posted_on"]))
            net[on] = gross_idr[on] - kept
        return net

    def describe(self, sources: Sequence[str]) -> list[str]:
        """One sentence per fee applied to postings of ``sources``, and one for those without a published fee."""
        if self.share is not None:
            share = format_percent(self.share)
            return [
                say(
                    f"Biaya platform {share} (ditetapkan pengguna) dipotong dari setiap upah per jam dan bayaran "
                    "proyek.",
                    f"A platform fee of {share} (given by the user) comes off every hourly and project pay.",
                )
            ]
        sentences = [self._describe_fee(fee) for fee in self.table if fee.platform in sources]
        unpublished = sorted(set(sources) - {fee.platform for fee in self.table})
        if unpublished:
            listed = ", ".join(unpublished)
            sentences.append(
                say(
                    f"Tidak ditemukan biaya yang diumumkan untuk {listed}: upah per jam dan bayaran proyeknya "
                    "dihitung utuh (biaya 0).",
                    f"No published fee found for {listed}: their hourly and project pay is counted whole (fee 0).",
                )
            )
        return sentences

    @staticmethod
    def _describe_fee(fee: PlatformFee) -> str:
        share = format_percent(fee.share)
        kind_id, kind_en = _FEE_KIND_WORDS.get(fee.kind, (f"bayaran {fee.kind}", f"{fee.kind} pay"))
        minimum = format_decimal(fee.minimum_usd, 2) if fee.minimum_usd else ""
        return say(
            f"{fee.platform} memotong {share}"
            + (f", minimal USD {minimum} per proyek," if minimum else "")
            + f" dari {kind_id} ({fee.source}).",
            f"{fee.platform} keeps {share}"
            + (f", at least USD {minimum} a project," if minimum else "")
            + f" of {kind_en} ({fee.source}).",
        )


def load_platform_fees() -> list[PlatformFee]:
    """The bundled table of published platform fees."""
    text = (importlib.resources.files("analysis") / "reference" / "platform_fees.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return [
        PlatformFee(row["platform"], row["kind"], float(row["share"]),
                    float(row["minimum_usd"]) if row["minimum_usd"] else None, row["source"])
        for row in rows
    ]  # fmt: skip


def _idr_per_usd(posted_on: pd.Series) -> np.ndarray:
    """Rupiah per US dollar in each posting's year (the latest year for an unknown date), from the rate table."""
    rates = load_rates()
    years = posted_on.dt.year
    per_year = {year: 1 / rates.usd_per_unit("IDR", None if pd.isna(year) else int(year))[0] for year in years.unique()}
    return years.map(per_year).to_numpy(dtype=float)


class Earnings:
    """Each kind of pay of the postings within reach of a region, against the region's yardsticks.

    Parameters
    ----------
    region : whose yardsticks apply and where members live ("Kabupaten Sleman", "DI Yogyakarta").
    on : the date whose yardsticks apply; None: the day of the latest posting.
    scope : ``reachable`` (default: postings a member living in the region could take) or ``all``.
    platform_fee : a share kept by the platform on every hourly and project posting; None: each platform's published
        fee (``PlatformFees``).
    workdays_per_week : 5 (default) or 6: a day rate's month is 21 or 25 working days (PP 36/2021 Pasal 17). Stored
        salaries use 21; with 6, day-rate salaries are rescaled.
    hours_per_month, projects_per_month : when given, hourly and project pay are also shown as a month at these
        numbers (``monthly_if``), with the assumption beside them; None (default): never.
    yardsticks : the yardstick table; None: the bundled one.

    Attributes (after ``fit``)
    --------------------------
    on_, yardsticks_ ({key: Figure}), hourly_lines_ ({key: rupiah an hour}), province_ (the region's province),
    counted_ : bool Series per posting: within scope and paid, so in the figures.
    excluded_ : {"out_of_reach": n, "no_pay": n}.
    pay_ : DataFrame of the counted postings: ``cluster``, ``kind``, ``gross_idr`` and ``net_idr`` (after the
        platform's fee), both in the kind's own period.
    groups_ : list of dicts, one per (cluster, kind) with postings, ``"overall"`` first: the fields of ``to_dict``.
    scope_sentence_, assumptions_ : what the figures count and assume, in plain words.
    """

    def __init__(
        self,
        region: str,
        on: date | None = None,
        scope: str = "reachable",
        platform_fee: float | None = None,
        workdays_per_week: int = 5,
        hours_per_month: float | None = None,
        projects_per_month: float | None = None,
        yardsticks: Yardsticks | None = None,
    ):
        self.region = region
        self.on = on
        self.scope = scope
        self.platform_fee = platform_fee
        self.workdays_per_week = workdays_per_week
        self.hours_per_month = hours_per_month
        self.projects_per_month = projects_per_month
        self.yardsticks = yardsticks

    def _check(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"scope is one of {', '.join(SCOPES)}, got {self.scope!r}")
        for name in ("hours_per_month", "projects_per_month"):
            value = getattr(self, name)
            if value is not None and not (value > 0 and math.isfinite(value)):
                raise ValueError(f"{name} must be a number above 0, got {value}")
        SalaryConversion(self.workdays_per_week)  # raises for anything but 5 or 6

    def fit(
        self,
        posting_set: PostingSet,
        cluster_labels: Sequence[int] | np.ndarray | None = None,
        cluster_names: ClusterNames | None = None,
    ) -> Earnings:
        """Measure ``posting_set``; ``cluster_labels`` (``NO_CLUSTER`` for none) and ``cluster_names`` add one
        group per cluster and kind beside the overall ones."""
        self._check()
        table = self.yardsticks if self.yardsticks is not None else load_yardsticks()
        postings = posting_set.postings
        self.on_ = self.on if self.on is not None else _latest_day(posting_set)
        self.yardsticks_: dict[str, Figure] = table.yardsticks_for(self.region, self.on_)
        self.hourly_lines_ = {key: figure.value / HOURLY_DIVISOR for key, figure in self.yardsticks_.items()}
        # The widest area of the region's own below the nation: its province (or itself, when it is one).
        areas = [area for area in table.fallbacks(self.region) if area not in (NATIONAL, INTERNATIONAL)]
        self.province_ = areas[-1] if areas else NATIONAL

        in_scope = (
            reachable(postings, places_of(self.region, table))
            if self.scope == "reachable"
            else pd.Series(True, index=postings.index)
        )
        gross = self._gross(postings)
        paid = gross.notna()
        self.counted_ = in_scope & paid
        self.excluded_ = {"out_of_reach": int((~in_scope).sum()), "no_pay": int((in_scope & ~paid).sum())}

        fees = PlatformFees(self.platform_fee)
        counted = postings[self.counted_]
        kinds = counted["pay_kind"]
        net = pd.concat(
            [fees.net(counted[kinds == kind], kind, gross[self.counted_][kinds == kind]) for kind in PAY_KINDS]
        ).reindex(counted.index)
        labels = (
            np.asarray(cluster_labels)[self.counted_.to_numpy()]
            if cluster_labels is not None
            else np.full(len(counted), NO_CLUSTER)
        )
        self.pay_ = pd.DataFrame(
            {"cluster": labels, "kind": kinds, "gross_idr": gross[self.counted_], "net_idr": net}, index=counted.index
        )
        self.groups_ = self._groups(cluster_names)
        self.scope_sentence_ = say(*SCOPE_SENTENCES[self.scope]).format(
            region=self.region,
            province=self.province_,
            out_of_reach=_postings(self.excluded_["out_of_reach"]),
            no_pay=_postings(self.excluded_["no_pay"]),
        )
        freelance = sorted(counted.loc[kinds.isin(("hourly", "project")), "source"].unique())
        self.assumptions_ = self._assumptions(fees, freelance)
        return self

    def _gross(self, postings: pd.DataFrame) -> pd.Series:
        """Each posting's pay in rupiah in its kind's own period (NaN without usable pay)."""
        gross = pd.Series(np.nan, index=postings.index)
        for kind, column in PAY_COLUMN.items():
            of_kind = (postings["pay_kind"] == kind).to_numpy()
            gross[of_kind] = pd.to_numeric(postings.loc[of_kind, column], errors="coerce")
        if self.workdays_per_week != 5:
            day_rates = (postings["pay_period"] == "day").to_numpy()
            stored, wanted = SalaryConversion(5), SalaryConversion(self.workdays_per_week)
            gross[day_rates] *= wanted.working_days_per_month / stored.working_days_per_month
        return gross

    def _groups(self, cluster_names: ClusterNames | None) -> list[dict[str, Any]]:
        groups = []
        clusters = [(OVERALL, None)] + [
            (cluster_name(int(label), cluster_names), int(label))
            for label in sorted(self.pay_["cluster"].unique())
            if label != NO_CLUSTER
        ]
        for name, label in clusters:
            members = self.pay_ if label is None else self.pay_[self.pay_["cluster"] == label]
            for kind in PAY_KINDS:
                net = members.loc[members["kind"] == kind, "net_idr"]
                if len(net):
                    groups.append({"cluster": name, "cluster_label": label, **self._measure(kind, net)})
        return groups

    def _measure(self, kind: str, net: pd.Series) -> dict[str, Any]:
        """The figures of one group of postings of one kind (``net``: their pay after fees)."""
        p25, median, p75 = (float(net.quantile(q)) for q in (0.25, 0.5, 0.75))
        lines = {key: figure.value for key, figure in self.yardsticks_.items()}
        group: dict[str, Any] = {
            "kind": kind, "postings": len(net), "median_idr": median, "p25_idr": p25, "p75_idr": p75,
            "per": UNIT_OF_KIND[kind], "share_reaching": None, "hours_a_month_to_reach": None,
            "projects_a_month_to_reach": None,
        }  # fmt: skip
        if kind == "salaried":
            group["share_reaching"] = {key: _share(net, line) for key, line in lines.items()}
        elif kind == "hourly":
            group["share_reaching"] = {key: _share(net, line) for key, line in self.hourly_lines_.items()}
            group["hours_a_month_to_reach"] = {key: _ratio(line, median) for key, line in lines.items()}
            group["hours_a_month_to_reach_at_p25"] = {key: _ratio(line, p25) for key, line in lines.items()}
            group["hours_a_month_to_reach_at_p75"] = {key: _ratio(line, p75) for key, line in lines.items()}
        else:
            group["projects_a_month_to_reach"] = {key: _ratio(line, median) for key, line in lines.items()}
        times = {"hourly": self.hours_per_month, "project": self.projects_per_month}.get(kind)
        if times is not None:
            group["monthly_if"] = {
                "assumption": _times_a_month(kind, times),
                "median_idr": median * times,
                "share_reaching": {key: _share(net * times, line) for key, line in lines.items()},
            }
        return group

    def _assumptions(self, fees: PlatformFees, sources: Sequence[str]) -> list[str]:
        conversion = SalaryConversion(self.workdays_per_week)
        assumed = bool(self.hours_per_month or self.projects_per_month)
        return [
            median_definition(),
            say(
                f"Gaji adalah bayaran sebulan: tarif harian dikali {conversion.working_days_per_month} hari kerja "
                f"sebulan ({conversion.workdays_per_week} hari kerja seminggu, PP 36/2021 Pasal 17), tarif mingguan "
                "dikali 52/12, gaji setahun dibagi 12 bulan.",
                "Salaries are a month's pay: " + conversion.describe() + ".",
            ),
            say(
                f"Tolok ukur per jam adalah angka bulanannya dibagi {HOURLY_DIVISOR} (PP 36/2021 Pasal 16, rumus "
                "upah per jam).",
                f"An hourly yardstick is the monthly figure divided by {HOURLY_DIVISOR} (PP 36/2021 Pasal 16, the "
                "formula for an hourly wage).",
            ),
            say(
                "Upah per jam dan bayaran proyek tidak pernah diubah menjadi bayaran sebulan"
                + (
                    ", kecuali di angka yang menyebutnya, dengan jumlah yang diberikan pengguna"
                    if assumed
                    else ": yang ditampilkan adalah jumlah jam atau proyek per bulan yang dibutuhkan untuk mencapai "
                    "tiap garis"
                )
                + ".",
                "Hourly and project pay are never turned into a month"
                + (
                    " except where a figure says so, at the numbers given"
                    if assumed
                    else ": the hours or projects a month needed to reach each line are shown instead"
                )
                + ".",
            ),
            *fees.describe(sources),
        ]

    def to_dict(self) -> dict[str, Any]:
        """The figures as plain data (``pasarkerja earnings --json``); NaN becomes None."""
        return json_ready({
            "region": self.region,
            "on": self.on_.isoformat(),
            "scope": self.scope,
            "counts": self.scope_sentence_,
            "assumptions": self.assumptions_,
            "excluded": self.excluded_,
            "yardsticks": [
                {"key": key, "name": figure.name, "monthly_idr": figure.value, "hourly_idr": self.hourly_lines_[key],
                 "source": figure.used or figure.source}
                for key, figure in self.yardsticks_.items()
            ],
            "groups": self.groups_,
        })  # fmt: skip


def _postings(count: int) -> str:
    return say(f"{format_count(count)} lowongan", f"{format_count(count)} posting" + ("" if count == 1 else "s"))


def _share(values: pd.Series, line: float) -> float | None:
    """The share of ``values`` at or above ``line``; None for a yardstick without a figure."""
    return None if math.isnan(line) else float((values >= line).mean())


def _ratio(line: float, amount: float) -> float | None:
    """How many ``amount`` make ``line``; None when either is missing or the amount is not positive."""
    return None if math.isnan(line) or not amount > 0 else line / amount


def _times_a_month(kind: str, times: float) -> str:
    number = format_decimal(times, 2)
    unit_id = "jam kerja yang ditagih" if kind == "hourly" else "proyek dengan bayaran tetap"
    unit_en = "billed hours" if kind == "hourly" else "fixed-price projects"
    return say(
        f"jika anggota bekerja {number} {unit_id} sebulan (angka dari pengguna, bukan dari data)",
        f"if a member works {number} {unit_en} a month (the user's number, not the data's)",
    )


def _latest_day(posting_set: PostingSet) -> date:
    """The day of the latest posting of the set, or today (UTC) when no posting has a date."""
    latest = posting_days(posting_set.postings).max()
    return datetime.now(timezone.utc).date() if pd.isna(latest) else latest.date()
