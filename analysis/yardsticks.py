"""Yardsticks of economic resilience: the poverty lines and minimum wages that pay is judged against.

The study behind pasarkerja asked whether community members reach *individual economic resilience* by comparing
their income with three yardsticks:

- the World Bank's international poverty lines, in dollars a day per person at purchasing power parity (PPP), with
  the World Bank's own monthly rupiah equivalents for Indonesia;
- the BPS poverty line (Garis Kemiskinan), rupiah a month per person and per poor household, for Indonesia and by
  province, from the March and September surveys;
- the regional minimum wage: the UMK of a regency or city (kabupaten/kota), else its province's UMP.

The figures are in ``analysis/reference/yardsticks.csv`` (package data), one row per published figure with its
source; the comments at the top of that file say how to add a region's figures. Every regency and city of
Indonesia is a region, with its province from ``analysis/reference/regions.csv`` (analysis/regions.py) when the
table has no row for it. ``Yardsticks.lookup`` finds the figure in force for a region on a date, falling back from a
regency to its province and on to Indonesia, and says which figure it used and why (``Figure.used``);
``Yardsticks.yardsticks_for`` gives the standard set the study compares pay with.

World Bank lines are never converted to rupiah at market exchange rates (``pipelines/data/exchange_rates.csv``): a
PPP dollar is what a dollar buys in the United States, and buys it in Indonesia for far fewer rupiah than a market
dollar costs. The World Bank's own equivalent of $3.00 a day is Rp546,400 a month; $3.00 a day at a market rate of
about Rp16,000 would be some Rp1.46 million, more than two and a half times the line. A line in force on a date is
taken in rupiah from the World Bank's own equivalent when the table holds one, else converted with a published PPP
conversion factor in force (kind ``ppp_factor``: rupiah per PPP dollar of the line's PPP round, at that year's
prices) and 365/12 days a month; with neither, the line has no rupiah value for that date, and says so.

What a lookup says for readers (``Figure.used``, ``Figure.period``, the names of stand-ins and the messages of
YardstickLookupError, which the report shows when a region has no figures) is in the current language
(analysis/language.py): Indonesian by default, English inside ``language("en")``. The names and sources of the
figures are the table's own, as published; messages about a malformed table file (YardstickFileError) are for
whoever edits it, in English.
"""

from __future__ import annotations

import csv
import importlib.resources
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from analysis.formats import format_decimal
from analysis.language import month_name, say
from analysis.regions import closest, name_key, province_key, regions, split_prefix

KINDS = ("world_bank_line", "bps_poverty_line", "minimum_wage", "ppp_factor")
PPP_DOLLARS = "USD/day/person (PPP)"
PER_PPP_DOLLAR = "IDR per PPP dollar"
# The units each kind may be given in.
UNITS_OF_KIND = {
    "world_bank_line": (PPP_DOLLARS, "IDR/month/person"),
    "bps_poverty_line": ("IDR/month/person", "IDR/month/household"),
    "minimum_wage": ("IDR/month",),
    "ppp_factor": (PER_PPP_DOLLAR,),
}
COLUMNS = ("kind", "name", "value", "unit", "area", "province", "valid_from", "valid_to", "source", "note")
NATIONAL = "Indonesia"
INTERNATIONAL = "international"
PER_PERSON = "IDR/month/person"
PER_HOUSEHOLD = "IDR/month/household"
# The World Bank lines of the standard set (Yardsticks.yardsticks_for), by key: one line per purpose, newest PPP
# round first; the first in force on a date stands for it. A new update of the lines goes at the front.
WORLD_BANK_LINES = {
    "wb_extreme": ("World Bank $3.00 (2021 PPP)", "World Bank $2.15 (2017 PPP)"),
    "wb_lower_middle": ("World Bank $4.20 (2021 PPP)", "World Bank $3.65 (2017 PPP)"),
    "wb_upper_middle": ("World Bank $8.30 (2021 PPP)", "World Bank $6.85 (2017 PPP)"),
}
# What each of them measures, for messages.
WORLD_BANK_PURPOSES = {
    "wb_extreme": "extreme poverty line",
    "wb_lower_middle": "lower-middle-income poverty line",
    "wb_upper_middle": "upper-middle-income poverty line",
}
# The same in Indonesian, as the name of the whole: "garis kemiskinan ekstrem Bank Dunia".
WORLD_BANK_PURPOSES_ID = {
    "wb_extreme": "garis kemiskinan ekstrem Bank Dunia",
    "wb_lower_middle": "garis kemiskinan Bank Dunia untuk negara berpendapatan menengah bawah",
    "wb_upper_middle": "garis kemiskinan Bank Dunia untuk negara berpendapatan menengah atas",
}
DAYS_PER_MONTH = 365 / 12
# How messages name each kind: (Indonesian, English).
_KIND_WORDS = {
    "world_bank_line": ("garis Bank Dunia", "World Bank line"),
    "bps_poverty_line": ("garis kemiskinan BPS", "BPS poverty line"),
    "minimum_wage": ("upah minimum", "minimum wage"),
    "ppp_factor": ("faktor konversi PPP", "PPP conversion factor"),
}
_UNIT_WORDS = {PER_PERSON: ("per orang", "per person"), PER_HOUSEHOLD: ("per rumah tangga", "per household")}
# The units as Indonesian messages write them; the table's own codes in English ones.
_UNITS_ID = {
    PPP_DOLLARS: "USD/hari/orang (PPP)",
    PER_PPP_DOLLAR: "rupiah per dolar PPP",
    PER_PERSON: "rupiah/bulan/orang",
    PER_HOUSEHOLD: "rupiah/bulan/rumah tangga",
    "IDR/month": "rupiah/bulan",
}


class YardstickFileError(ValueError):
    """A yardstick table that cannot be read; the message names the file, line and column."""


class YardstickLookupError(LookupError):
    """No figure, or more than one, answers a lookup; or the region is unknown or ambiguous."""

    def __str__(self) -> str:
        # LookupError would show the message quoted, as KeyError does.
        return str(self.args[0])


@dataclass(frozen=True)
class Figure:
    """One row of the yardstick table; see the comments at the top of ``yardsticks.csv`` for the fields."""

    kind: str
    name: str
    value: float
    unit: str
    area: str
    province: str
    """The area's province; "" for Indonesia and international."""
    valid_from: date
    valid_to: date | None
    """Last day in force; None until a later figure of the same series replaces it."""
    source: str
    note: str = ""
    used: str = ""
    """Set by ``Yardsticks.lookup``: the figure, its period and source, and why it stands for the region asked
    about, e.g. "UMP Bali 2025 (Pemerintah Provinsi Bali, UMP 2025), since Kabupaten Buleleng has no UMK for 2025"."""

    @property
    def available(self) -> bool:
        """False for the stand-in of a yardstick the table has no figure for (``value`` NaN; ``used`` says why)."""
        return not math.isnan(self.value)

    @property
    def period(self) -> str:
        """The figure's period as people name it, in the current language: "2026" for a minimum wage, "Maret 2024"
        ("March 2024") for a BPS line."""
        if (self.valid_from.month, self.valid_from.day) == (1, 1):
            return str(self.valid_from.year)
        month = self.valid_from.month
        return f"{month_name(month)} {self.valid_from.year}"

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class Yardsticks:
    """The figures of a yardstick table, looked up by kind, region and date."""

    def __init__(self, figures: Iterable[Figure], origin: str = "the yardstick table"):
        self.figures = tuple(figures)
        self.origin = origin
        """Where the figures come from, for messages: the file names."""
        self._area_names: dict[str, str] = {name_key(NATIONAL): NATIONAL, name_key(INTERNATIONAL): INTERNATIONAL}
        self._province_of: dict[str, str] = {}
        for figure in self.figures:
            for area in (figure.area, figure.province):
                if area:
                    self._area_names.setdefault(name_key(area), area)
            if figure.province:
                self._province_of[name_key(figure.area)] = figure.province
                self._province_of[name_key(figure.province)] = figure.province
        self._add_regions()

    def __len__(self) -> int:
        return len(self.figures)

    def _add_regions(self) -> None:
        """Know every regency and city of analysis/regions.py, in its province as the table spells it ("Daerah
        Istimewa Yogyakarta" is "DI Yogyakarta"), after the table's own areas, which keep their rows' province."""
        table_spelling = {province_key(name): name for name in self._area_names.values()}
        for known in regions():
            province = table_spelling.get(province_key(known.province), known.province)
            for name, area in ((known.province, province), (province, province), (known.name, known.name)):
                self._area_names.setdefault(name_key(name), area)
            self._province_of.setdefault(name_key(known.name), province)
            self._province_of.setdefault(name_key(province), province)

    def area(self, region: str) -> str:
        """The table's name for ``region``, one of its areas or a regency, city or province of Indonesia: matched
        case-insensitively, with or without a "Kabupaten", "Kab." or "Kota" prefix when that leaves one area
        ("sleman", "Kab. Sleman": "Kabupaten Sleman"; "bandung" is Kabupaten or Kota Bandung, and refused)."""
        prefix, base = split_prefix(region)
        names = self._area_names.items()
        matches = {name for key, name in names if split_prefix(key) == (prefix, base)}
        if not matches and prefix is None:
            matches = {name for key, name in names if split_prefix(key)[1] == base}
        if len(matches) == 1:
            return matches.pop()
        if matches:
            listed = ", ".join(sorted(matches))
            raise YardstickLookupError(
                say(
                    f"daerah {region!r} bisa berarti lebih dari satu: tulis salah satu dari {listed}",
                    f"region {region!r} is ambiguous: write one of {listed}",
                )
            )
        nearest = closest(region, set(self._area_names.values()))
        raise YardstickLookupError(
            say(
                f"daerah {region!r} tidak dikenal; mungkin maksudnya {', '.join(nearest)}?"
                if nearest
                else f"daerah {region!r} tidak dikenal: tulis kabupaten, kota atau provinsi, misalnya Kabupaten Sleman",
                f"unknown region {region!r}; did you mean {', '.join(nearest)}?"
                if nearest
                else f"unknown region {region!r}: write a regency, city or province, such as Kabupaten Sleman",
            )
        )

    def fallbacks(self, region: str) -> list[str]:
        """The areas whose figures stand for ``region``, nearest first: the region itself, its province,
        Indonesia, and the international figures."""
        area = self.area(region)
        chain = [area]
        province = self._province_of.get(name_key(area))
        if province and name_key(province) != name_key(area):
            chain.append(province)
        if name_key(area) != name_key(INTERNATIONAL):
            if name_key(area) != name_key(NATIONAL):
                chain.append(NATIONAL)
            chain.append(INTERNATIONAL)
        return chain

    def lookup(self, kind: str, region: str, on: date, name: str | None = None, unit: str | None = None) -> Figure:
        """The figure of ``kind`` in force for ``region`` on ``on``, with ``used`` saying which and why.

        The region's own figures come first, then its province's (a regency without a UMK in force takes its
        province's UMP; a province without a BPS line for the period takes the national one), then Indonesia's and
        the international ones. Within an area the figure in force is the latest whose ``valid_from`` is on or
        before ``on`` and whose ``valid_to``, when set, is on or after it. ``name`` (case-insensitive) and ``unit``
        choose between series in force together: the three World Bank lines, a BPS line per person and per
        household. Raises YardstickLookupError when the region is unknown, when no figure is in force (saying
        whether ``on`` is before the first one), or when several series are and neither name nor unit chooses.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}: write one of {', '.join(KINDS)}")
        on = on.date() if isinstance(on, datetime) else on
        chain = self.fallbacks(region)
        series = [
            figure
            for figure in self.figures
            if figure.kind == kind
            and (name is None or name_key(figure.name) == name_key(name))
            and (unit is None or figure.unit == unit)
        ]
        for position, area in enumerate(chain):
            in_force = [figure for figure in series if name_key(figure.area) == name_key(area) and figure.in_force(on)]
            if not in_force:
                continue
            choices = sorted({(figure.name, figure.unit) for figure in in_force})
            if len(choices) > 1:
                listed = "; ".join(f"{choice_name} ({choice_unit})" for choice_name, choice_unit in choices)
                described = _described(kind, name, unit)
                raise YardstickLookupError(
                    say(
                        f"beberapa angka {described} berlaku untuk {area} pada {on}: {listed}; pilih salah satu "
                        "dengan name= atau unit=",
                        f"several {described} figures are in force for {area} on {on}: {listed}; "
                        f"choose one with name= or unit=",
                    )
                )
            figure = max(in_force, key=lambda candidate: candidate.valid_from)
            listed = any(name_key(other.area) == name_key(chain[0]) for other in series)
            return replace(figure, used=_explanation(figure, chain[:position], listed))
        raise YardstickLookupError(self._nothing_in_force(kind, name, unit, chain, series, on))

    def yardsticks_for(self, region: str, on: date) -> dict[str, Figure]:
        """The standard set of yardsticks for ``region`` on ``on``, every one in rupiah a month:

        - ``umk``: the UMK, or the province's UMP (for a province, its UMP), per worker;
        - ``bps_capita``: the BPS poverty line per person, the province's or else the national one;
        - ``bps_household``: the BPS poverty line per poor household, likewise (the table holds only national ones);
        - ``wb_extreme``, ``wb_lower_middle``, ``wb_upper_middle``: the World Bank lines in force, per person
          (``world_bank_line``): $3.00, $4.20 and $8.30 a day (2021 PPP) from the June 2025 update, $2.15, $3.65
          and $6.85 (2017 PPP) before it.

        A yardstick the table has no figure for on ``on`` is a stand-in whose value is NaN and whose ``used`` says
        what is missing (``Figure.available`` is False), so that the others can still be used. Raises
        YardstickLookupError for a region the table does not know.
        """
        self.area(region)
        figures = {
            "umk": self._in_force(region, on, "minimum_wage"),
            "bps_capita": self._in_force(region, on, "bps_poverty_line", PER_PERSON),
            "bps_household": self._in_force(region, on, "bps_poverty_line", PER_HOUSEHOLD),
        }
        for key in WORLD_BANK_LINES:
            figures[key] = self.world_bank_line(key, region, on)
        return figures

    def world_bank_line(self, key: str, region: str, on: date) -> Figure:
        """The World Bank line of ``key`` (a ``WORLD_BANK_LINES`` key) in force on ``on``, in rupiah a month per
        person: the World Bank's own rupiah equivalent when the table holds one, else the dollar line converted with
        the PPP conversion factor of its PPP round in force on ``on`` and 365/12 days a month; else a stand-in
        (``Figure.available`` False) saying what is missing."""
        for name in WORLD_BANK_LINES[key]:
            try:
                dollars = self.lookup("world_bank_line", region, on, name=name, unit=PPP_DOLLARS)
            except YardstickLookupError:
                continue  # not in force on that day: an older or newer round
            try:
                return self.lookup("world_bank_line", region, on, name=name, unit=PER_PERSON)
            except YardstickLookupError:
                pass
            ppp_round = _ppp_round(name)
            try:
                factor = self.lookup("ppp_factor", region, on, name=f"PPP conversion factor ({ppp_round})")
            except YardstickLookupError:
                return _missing(
                    dollars,
                    say(
                        f"{name}: tidak ada nilai rupiah pada {on}: tabel tidak memuat padanan rupiah dari Bank Dunia "
                        f"maupun faktor konversi PPP ({ppp_round}) yang berlaku saat itu; tambahkan salah satunya "
                        "(lihat bagian atas yardsticks.csv)",
                        f"{name}: no rupiah value on {on}: the table holds neither the World Bank's rupiah equivalent "
                        f"nor a PPP conversion factor ({ppp_round}) in force then; add one (see the top of "
                        "yardsticks.csv)",
                    ),
                )
            rate = format_decimal(factor.value, 2)
            used = say(
                f"{dollars.used}, dikonversi dengan Rp {rate} per dolar PPP ({factor.name} {factor.period}, "
                f"{factor.source}) dan 365/12 hari sebulan",
                f"{dollars.used}, converted at Rp {rate} per PPP dollar ({factor.name} {factor.period}, "
                f"{factor.source}) and 365/12 days a month",
            )
            return replace(dollars, value=dollars.value * factor.value * DAYS_PER_MONTH, unit=PER_PERSON, used=used)
        purpose = say(WORLD_BANK_PURPOSES_ID[key], f"World Bank {WORLD_BANK_PURPOSES[key]}")
        placeholder = Figure("world_bank_line", purpose, math.nan, PER_PERSON, INTERNATIONAL, "", on, on, "")
        names = ", ".join(WORLD_BANK_LINES[key])
        return _missing(
            placeholder,
            say(
                f"{purpose}: tidak satu pun dari {names} berlaku pada {on}",
                f"{purpose}: none of {names} is in force on {on}",
            ),
        )

    def _in_force(self, region: str, on: date, kind: str, unit: str | None = None) -> Figure:
        """``lookup``, or a stand-in saying why nothing answers it."""
        try:
            return self.lookup(kind, region, on, unit=unit)
        except YardstickLookupError as missing:
            described = _described(kind, None, unit)
            placeholder = Figure(kind, described, math.nan, unit or UNITS_OF_KIND[kind][0], region, "", on, on, "")
            return _missing(placeholder, f"{described}: {missing}")

    def _nothing_in_force(
        self, kind: str, name: str | None, unit: str | None, chain: list[str], series: list[Figure], on: date
    ) -> str:
        what = _described(kind, name, unit)
        candidates = [figure for figure in series if name_key(figure.area) in {name_key(area) for area in chain}]
        if not candidates:
            wider = ", ".join(chain[1:])
            return say(
                f"tidak ada {what} untuk {chain[0]} di {self.origin}, juga tidak untuk daerah penggantinya ({wider}): "
                "tambahkan barisnya (lihat komentar di bagian atas yardsticks.csv)",
                f"no {what} for {chain[0]} in {self.origin}, nor for the areas it falls back to ({wider}): add its "
                f"rows (see the comments at the top of yardsticks.csv)",
            )
        # Name the areas whose figures were looked at, not every fallback of the chain.
        wider = [area for area in chain[1:] if any(name_key(figure.area) == name_key(area) for figure in candidates)]
        where = chain[0] + (say(f" (atau {', '.join(wider)})", f" (or {', '.join(wider)})") if wider else "")
        started = [figure for figure in candidates if figure.valid_from <= on]
        if not started:
            first = min(figure.valid_from for figure in candidates)
            return say(
                f"{on} lebih awal dari {what} pertama untuk {where}, yang berlaku mulai {first}",
                f"{on} is before the first {what} for {where}, which is in force from {first}",
            )
        ended = max(figure.valid_to for figure in started if figure.valid_to is not None)
        return say(
            f"tidak ada {what} yang berlaku untuk {where} pada {on}: yang terakhir berakhir pada {ended}; tambahkan "
            f"yang berlaku ke {self.origin}",
            f"no {what} is in force for {where} on {on}: the latest ended on {ended}; "
            f"add the one in force to {self.origin}",
        )


def load_yardsticks(path: str | Path | None = None, extra: Sequence[str | Path] = ()) -> Yardsticks:
    """The yardstick table at ``path`` (default: the bundled ``analysis/reference/yardsticks.csv``), with the rows of
    each file of ``extra`` added in order.

    A row of a later file with the same kind, name, unit, area and valid_from as an earlier one replaces it; within
    one file that is an error. Raises YardstickFileError, with a one-line message naming the file, line and column,
    for a row that cannot be read or that gives an area a different province than another row.
    """
    bundled = importlib.resources.files("analysis") / "reference" / "yardsticks.csv"
    files = [(bundled.read_text(encoding="utf-8"), str(bundled)) if path is None else _read_file(path)]
    files += [_read_file(extra_path) for extra_path in extra]

    by_series: dict[tuple, Figure] = {}
    province_of: dict[str, tuple[str, str]] = {}  # area key: (province, where that was said)
    for text, label in files:
        in_this_file: dict[tuple, int] = {}
        for figure, line in _figures(text, label):
            series = (figure.kind, name_key(figure.name), figure.unit, name_key(figure.area), figure.valid_from)
            if series in in_this_file:
                earlier = in_this_file[series]
                problem = f"{figure.name} ({figure.unit}, {figure.area}) from this date is already on line {earlier}"
                raise _file_error(label, line, "valid_from", problem)
            in_this_file[series] = line
            # A regency's row also says that its province is a province: an area cannot be both.
            for area in (figure.area, figure.province) if figure.province else ():
                said, where = province_of.setdefault(name_key(area), (figure.province, f"{label}, line {line}"))
                if name_key(said) != name_key(figure.province):
                    raise _file_error(
                        label, line, "province", f"{figure.province!r} for {area}, but {where} puts it in {said!r}"
                    )
            by_series[series] = figure
    return Yardsticks(by_series.values(), origin=" + ".join(label for _, label in files))


def yardsticks_for(region: str, on: date, yardsticks: Yardsticks | None = None) -> dict[str, Figure]:
    """``Yardsticks.yardsticks_for`` on ``yardsticks``, by default the bundled table."""
    return (yardsticks if yardsticks is not None else load_yardsticks()).yardsticks_for(region, on)


def _read_file(path: str | Path) -> tuple[str, str]:
    try:
        return Path(path).read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as error:
        raise YardstickFileError(f"{path}: cannot read the yardstick table: {error}") from None


def _figures(text: str, label: str) -> Iterable[tuple[Figure, int]]:
    """The figures of one file's text, each with its line number (comment lines counted)."""
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise YardstickFileError(f"{label}: no header line; the first line that is not a comment names the columns")
    reader = csv.reader(line for _, line in numbered)
    header = [column.strip() for column in next(reader)]
    header_line = numbered[0][0]
    for column in COLUMNS:
        if column not in header:
            raise _file_error(label, header_line, column, f"missing; the header must name {', '.join(COLUMNS)}")
    for fields in reader:
        line = numbered[reader.line_num - 1][0]
        if len(fields) < len(header):
            problem = f"missing: the line has {len(fields)} fields, the header {len(header)}"
            raise _file_error(label, line, header[len(fields)], problem)
        if len(fields) > len(header):
            problem = f"one field too many: the line has {len(fields)}, the header {len(header)}"
            raise _file_error(label, line, str(len(header) + 1), problem)
        yield _figure(dict(zip(header, (field.strip() for field in fields), strict=True)), label, line), line


def _figure(row: dict[str, str], label: str, line: int) -> Figure:
    """The figure of one row, or YardstickFileError naming the first bad field."""

    def field(column: str, parse: Callable[[str], object]):
        try:
            return parse(row[column])
        except ValueError as error:
            raise _file_error(label, line, column, f"{row[column]!r}: {error}") from None

    kind = field("kind", _kind)
    unit = field("unit", lambda text: _unit(text, kind))
    area = field("area", _required)
    province = field("province", lambda text: _province(text, area))
    valid_from = field("valid_from", _date)
    valid_to = field("valid_to", lambda text: _valid_to(text, valid_from))
    return Figure(
        kind=kind,
        name=field("name", _required),
        value=field("value", _value),
        unit=unit,
        area=area,
        province=province,
        valid_from=valid_from,
        valid_to=valid_to,
        source=field("source", _required),
        note=row["note"],
    )


def _kind(text: str) -> str:
    if text not in KINDS:
        raise ValueError(f"not a kind: write one of {', '.join(KINDS)}")
    return text


def _unit(text: str, kind: str) -> str:
    if text not in UNITS_OF_KIND[kind]:
        raise ValueError(f"not a unit of a {kind}: write {' or '.join(UNITS_OF_KIND[kind])}")
    return text


def _required(text: str) -> str:
    if not text:
        raise ValueError("empty, and it is required")
    return text


def _province(text: str, area: str) -> str:
    national = name_key(area) in (name_key(NATIONAL), name_key(INTERNATIONAL))
    if national and text:
        raise ValueError(f"{area} lies in no province: leave it blank")
    if not national and not text:
        raise ValueError(f"give the province of {area} (on a province's own rows, the province itself)")
    return text


def _value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not a number: write digits without separators, such as 2624387") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError("a figure must be a positive number")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("not a date: write YYYY-MM-DD") from None


def _valid_to(text: str, valid_from: date) -> date | None:
    if not text:
        return None
    valid_to = _date(text)
    if valid_to < valid_from:
        raise ValueError(f"before valid_from {valid_from}")
    return valid_to


def _file_error(label: str, line: int, column: str, problem: str) -> YardstickFileError:
    column_name = f"{column} ({COLUMNS.index(column) + 1})" if column in COLUMNS else column
    return YardstickFileError(f"{label}, line {line}, column {column_name}: {problem}".replace("\n", " "))


def _described(kind: str, name: str | None, unit: str | None) -> str:
    """What a lookup asked for, for messages, in the current language: "garis kemiskinan BPS (rupiah/bulan/orang)",
    "BPS poverty line (IDR/month/person)"."""
    described = name or say(*_KIND_WORDS[kind])
    return f"{described} ({say(_UNITS_ID.get(unit, unit), unit)})" if unit else described


def _missing(figure: Figure, why: str) -> Figure:
    """The stand-in of ``figure`` for a date the table has no value for: NaN, with ``why`` as its ``used``."""
    return replace(figure, value=math.nan, used=why)


def _ppp_round(name: str) -> str:
    """The PPP round a World Bank line is in, from its name: "2017 PPP" of "World Bank $6.85 (2017 PPP)"."""
    match = re.search(r"\((\d{4} PPP)\)", name)
    if not match:
        raise YardstickLookupError(f'{name!r} does not say its PPP round, as in "World Bank $6.85 (2017 PPP)"')
    return match.group(1)


def _explanation(figure: Figure, skipped: list[str], listed: bool) -> str:
    """``Figure.used``: the figure, its period and source, and the areas passed over for lack of their own;
    ``listed``: whether the table holds any figure of that series for the area asked about."""
    used = f"{figure.name} {figure.period} ({figure.source})"
    if not skipped or figure.kind in ("world_bank_line", "ppp_factor"):
        # A World Bank line belongs to no region: Indonesia's figures stand for every region without a note.
        return used
    if figure.kind == "minimum_wage" and not listed:
        # A regency known only from the list of regions: it may well set a UMK, which the table lacks.
        return say(
            f"{used}, karena tabel tidak memuat UMK {skipped[0]}; tambahkan dengan --yardsticks FILE",
            f"{used}, since the table holds no UMK for {skipped[0]}; add it with --yardsticks FILE",
        )
    if figure.kind == "minimum_wage":
        # The table lists every UMK a listed regency set, so one missing for a year has none (Buleleng from 2024).
        return say(
            f"{used}, karena {skipped[0]} tidak punya UMK untuk {figure.period}",
            f"{used}, since {skipped[0]} has no UMK for {figure.period}",
        )
    unit_id, unit_en = _UNIT_WORDS[figure.unit]
    return say(
        f"{used}, karena tabel tidak memuat garis kemiskinan BPS {unit_id} {figure.period} untuk "
        f"{' atau '.join(skipped)}",
        f"{used}, since the table holds no {figure.period} BPS poverty line {unit_en} for {' or '.join(skipped)}",
    )
