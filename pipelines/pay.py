"""Normalised pay: every posting's pay in US dollars and rupiah, in one of three kinds that are never mixed.

Platforms pay in many currencies and periods (``crawlers.items.PAY_PERIODS``). ``pay_kind`` sorts a period into
one of three kinds, and ``normalise_pay`` converts one posting's ``pay_min``/``pay_max`` in ``pay_currency`` to
USD and IDR within its kind, with the dated annual average rates in ``pipelines/data/exchange_rates.csv``:

- ``salaried``: a rate per day, week, month or year, converted to a month by ``SalaryConversion`` (PP 36/2021
  Pasal 17: a day rate times 21 for a five-day week); filled in the ``*_month_*`` fields.
- ``hourly``: a rate per hour, kept per hour (``*_hour_*``). How many hours a freelancer bills in a month is
  unknown, so an hourly rate is never turned into a month's pay here.
- ``project``: a fixed-price budget, kept per project (``*_one_off_*``): a budget says nothing about how long
  the work takes.
"""

from __future__ import annotations

import csv
import importlib.resources
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SALARIED_PERIODS = ("day", "week", "month", "year")
HOURLY_PERIOD = "hour"
PROJECT_PERIOD = "project"
PAY_KINDS = ("salaried", "hourly", "project")
# The period each kind's normalised amounts are in.
UNIT_OF_KIND = {"salaried": "month", "hourly": "hour", "project": "project"}
PLATFORM_RATE_SOURCE = "platform"
# Working days in a month for a day rate, by working days a week: PP 36/2021 Pasal 17 (a day's wage is the
# month's divided by 25 in a six-day week, by 21 in a five-day week).
WORKING_DAYS_PER_MONTH = {5: 21, 6: 25}


def pay_kind(period: str | None) -> str | None:
    """``salaried``, ``hourly`` or ``project`` for a platform's pay period; None for no or an unknown period."""
    if period in SALARIED_PERIODS:
        return "salaried"
    if period == HOURLY_PERIOD:
        return "hourly"
    if period == PROJECT_PERIOD:
        return "project"
    return None


@dataclass(frozen=True)
class SalaryConversion:
    """How a salaried rate becomes a month's pay.

    A day rate follows PP 36/2021 Pasal 17: 21 working days a month in a five-day week (the default), 25 in a
    six-day week. A month is 52/12 weeks (4.33) and a year's salary is paid over 12 months (no 13th-month
    bonus assumed).
    """

    workdays_per_week: int = 5

    def __post_init__(self):
        if self.workdays_per_week not in WORKING_DAYS_PER_MONTH:
            raise ValueError(f"workdays_per_week is 5 or 6 (PP 36/2021 Pasal 17), got {self.workdays_per_week}")

    @property
    def working_days_per_month(self) -> int:
        return WORKING_DAYS_PER_MONTH[self.workdays_per_week]

    def per_month(self, period: str) -> float:
        """How many of ``period`` a month's salary holds."""
        return {"day": self.working_days_per_month, "week": 52 / 12, "month": 1.0, "year": 1 / 12}[period]

    def describe(self) -> str:
        """The assumption in words, to print beside a figure that uses it."""
        return (
            f"a day rate times {self.working_days_per_month} working days a month ({self.workdays_per_week}-day "
            "week, PP 36/2021 Pasal 17), a week rate times 52/12, a year's salary over 12 months"
        )


@dataclass(frozen=True)
class Rate:
    """One row of the exchange-rate table: the annual average of ``year``."""

    currency: str
    year: int
    usd_per_unit: float
    source: str
    note: str = ""


class ExchangeRates:
    """Annual average rates to US dollars, by currency and year."""

    def __init__(self, rates: Iterable[Rate]):
        self._by_currency: dict[str, dict[int, Rate]] = {}
        self._looked_up: dict[tuple[str, int | None], tuple[float, str] | None] = {}
        """``usd_per_unit``'s answers: the store's worker asks the same few, for every posting."""
        for rate in rates:
            years = self._by_currency.setdefault(rate.currency.upper(), {})
            if rate.year in years:
                raise ValueError(f"two rates for {rate.currency} {rate.year}")
            years[rate.year] = rate

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self._by_currency)

    def __iter__(self) -> Iterator[Rate]:
        for years in self._by_currency.values():
            yield from years.values()

    def usd_per_unit(self, currency: str, year: int | None) -> tuple[float, str] | None:
        """US dollars per unit of ``currency`` in ``year`` and where that rate comes from.

        A year not in the table takes the nearest year's rate (the later one on a tie), and the source
        says so; ``year`` None takes the latest. None for a currency not in the table.
        """
        if (currency, year) not in self._looked_up:
            self._looked_up[currency, year] = self._usd_per_unit(currency, year)
        return self._looked_up[currency, year]

    def _usd_per_unit(self, currency: str, year: int | None) -> tuple[float, str] | None:
        years = self._by_currency.get(currency.upper())
        if not years:
            return None
        if year is None:
            rate = years[max(years)]
            return rate.usd_per_unit, f"{rate.source}, {rate.year} (latest year; posting year unknown)"
        if year in years:
            rate = years[year]
            return rate.usd_per_unit, f"{rate.source}, {rate.year}"
        rate = years[min(years, key=lambda known: (abs(known - year), -known))]
        return rate.usd_per_unit, f"{rate.source}, {rate.year} (nearest year to {year})"


def load_rates(path: str | Path | None = None) -> ExchangeRates:
    """The exchange-rate table at ``path``, or the bundled one; lines starting with ``#`` are comments.

    Raises ValueError for a row without a source or with a rate that is not positive.
    """
    if path is None:
        text = (importlib.resources.files("pipelines") / "data" / "exchange_rates.csv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    rates = []
    for row in csv.DictReader(lines):
        usd_per_unit = float(row["usd_per_unit"])
        if not usd_per_unit > 0 or not row["source"].strip():
            raise ValueError(f"exchange rate needs a positive rate and a source: {row}")
        rates.append(Rate(row["currency"].strip().upper(), int(row["year"]), usd_per_unit,
                          row["source"].strip(), (row.get("note") or "").strip()))
    return ExchangeRates(rates)


@dataclass(frozen=True)
class NormalisedPay:
    """One posting's pay in USD and IDR, in the fields of its ``kind``: a salary in the month fields, an hourly rate
    in the hour fields, a fixed-price budget in the one-off fields; the others, and any bound the platform did not
    give, stay None."""

    kind: str
    """``salaried``, ``hourly`` or ``project`` (``pay_kind``)."""
    usd_hour_min: float | None = None
    usd_hour_max: float | None = None
    usd_month_min: float | None = None
    usd_month_max: float | None = None
    idr_hour_min: float | None = None
    idr_hour_max: float | None = None
    idr_month_min: float | None = None
    idr_month_max: float | None = None
    usd_one_off_min: float | None = None
    usd_one_off_max: float | None = None
    idr_one_off_min: float | None = None
    idr_one_off_max: float | None = None
    rate_source: str = ""
    """Which rate converted the pay to USD: "platform" (the platform's own rate) or the table row's
    source and year."""
    idr_rate_source: str = ""
    """Which rate converted USD to IDR: the table's IDR row's source and year, or "pay in IDR"."""


# The fields each kind fills, by unit: (USD min, USD max, IDR min, IDR max).
_FIELDS_OF_KIND = {
    "salaried": ("usd_month_min", "usd_month_max", "idr_month_min", "idr_month_max"),
    "hourly": ("usd_hour_min", "usd_hour_max", "idr_hour_min", "idr_hour_max"),
    "project": ("usd_one_off_min", "usd_one_off_max", "idr_one_off_min", "idr_one_off_max"),
}


def normalise_pay(
    pay_min: float | None,
    pay_max: float | None,
    currency: str | None,
    period: str | None,
    *,
    posted_year: int | None,
    platform_usd_rate: float | None = None,
    rates: ExchangeRates,
    salary: SalaryConversion = SalaryConversion(),
) -> NormalisedPay | None:
    """``pay_min``..``pay_max`` in ``currency`` per ``period`` in USD and IDR, within its kind (``pay_kind``).

    ``platform_usd_rate`` (US dollars per unit, as Freelancer's ``currency.exchange_rate``) wins over
    the table when given. None when there is no pay, no currency, no known period, or no rate for the
    currency.
    """
    kind = pay_kind(period)
    if (pay_min is None and pay_max is None) or not currency or kind is None:
        return None
    currency = currency.upper()
    if platform_usd_rate is not None and platform_usd_rate > 0:
        usd_per_unit, rate_source = platform_usd_rate, PLATFORM_RATE_SOURCE
    else:
        table_rate = rates.usd_per_unit(currency, posted_year)
        if table_rate is None:
            return None
        usd_per_unit, rate_source = table_rate

    # Rupiah pay keeps its own figures; anything else reaches rupiah through US dollars.
    if currency == "IDR":
        idr_per_unit, idr_rate_source = 1.0, "pay in IDR"
    else:
        idr_rate = rates.usd_per_unit("IDR", posted_year)
        idr_per_unit, idr_rate_source = (
            (usd_per_unit / idr_rate[0], idr_rate[1]) if idr_rate else (None, "no IDR rate in the table")
        )

    per_unit = salary.per_month(period) if kind == "salaried" else 1.0

    def scaled(amount: float | None, factor: float | None) -> float | None:
        return None if amount is None or factor is None else amount * factor * per_unit

    usd_min, usd_max, idr_min, idr_max = _FIELDS_OF_KIND[kind]
    return NormalisedPay(
        kind=kind,
        rate_source=rate_source,
        idr_rate_source=idr_rate_source,
        **{
            usd_min: scaled(pay_min, usd_per_unit),
            usd_max: scaled(pay_max, usd_per_unit),
            idr_min: scaled(pay_min, idr_per_unit),
            idr_max: scaled(pay_max, idr_per_unit),
        },
    )


class PayNormaliser:
    """``normalise_pay`` over many postings, scikit-learn style.

    Each row of ``transform`` is a mapping with ``pay_min``, ``pay_max``, ``pay_currency``,
    ``pay_period``, ``posted_year`` and optionally ``platform_usd_rate``.
    """

    def __init__(self, rates: ExchangeRates | None = None, salary: SalaryConversion | None = None):
        self.rates = rates
        self.salary = salary

    def fit(self) -> PayNormaliser:
        self.rates_ = self.rates if self.rates is not None else load_rates()
        self.salary_ = self.salary if self.salary is not None else SalaryConversion()
        return self

    def transform(self, rows: Iterable[Mapping[str, Any]]) -> list[NormalisedPay | None]:
        return [
            normalise_pay(
                row.get("pay_min"), row.get("pay_max"), row.get("pay_currency"), row.get("pay_period"),
                posted_year=row.get("posted_year"), platform_usd_rate=row.get("platform_usd_rate"),
                rates=self.rates_, salary=self.salary_,
            )
            for row in rows
        ]
