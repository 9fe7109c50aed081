"""Normalised pay: every posting's pay in US dollars and rupiah, per hour and per month.

Platforms pay in many currencies and periods (``crawlers.items.PAY_PERIODS``). ``normalise_pay``
turns one posting's ``pay_min``/``pay_max`` in ``pay_currency`` per ``pay_period`` into amounts per
working hour and per working month in USD and IDR, with the working-time assumptions in
``PayAssumptions`` and the dated annual average rates in ``pipelines/data/exchange_rates.csv``.

A fixed-price project (period ``project``) is a one-off amount: it is converted to USD and IDR and
kept in the ``*_one_off_*`` fields, never spread over hours or months, because a budget says nothing
about how long the work takes.
"""

from __future__ import annotations

import csv
import importlib.resources
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

# The recurring periods and how a fixed-price budget is named (crawlers.items.PAY_PERIODS).
RECURRING_PERIODS = ("hour", "day", "week", "month", "year")
ONE_OFF_PERIOD = "project"
PLATFORM_RATE_SOURCE = "platform"


@dataclass(frozen=True)
class PayAssumptions:
    """How recurring pay converts between periods; every default is a full-time working week.

    Each field can be overridden from Scrapy settings (``SETTING_NAMES``). The defaults agree with one
    another: 8 hours a day x 5 days a week x 52 weeks / 12 months = 173.33 hours a month.
    """

    hours_per_month: float = 40 * 52 / 12
    """Working hours in a month: a 40-hour week over the 52 weeks of a year, spread over 12 months
    (173.33). Paid leave is not subtracted: a monthly salary pays for it."""
    hours_per_day: float = 8.0
    """Working hours in a day rate: a standard 8-hour working day."""
    working_days_per_month: float = 5 * 52 / 12
    """Working days in a month: 5 days a week over 52 weeks / 12 months (21.67)."""
    weeks_per_month: float = 52 / 12
    """Weeks in a month (4.33); a weekly rate covers hours_per_month / weeks_per_month = 40 hours."""
    months_per_year: float = 12.0
    """A yearly salary is paid over 12 months (no 13th-month bonus is assumed)."""

    @classmethod
    def from_settings(cls, settings: Any) -> PayAssumptions:
        """Assumptions with any ``PAY_*`` setting of ``settings`` (Scrapy settings or a dict) applied."""
        defaults = cls()
        return cls(**{
            field.name: float(settings.get(SETTING_NAMES[field.name], getattr(defaults, field.name)))
            for field in fields(cls)
        })

    def hours_in(self, period: str) -> float:
        """Working hours paid by one ``period`` of pay."""
        hours_per_week = self.hours_per_month / self.weeks_per_month
        return {
            "hour": 1.0,
            "day": self.hours_per_day,
            "week": hours_per_week,
            "month": self.hours_per_month,
            "year": self.hours_per_month * self.months_per_year,
        }[period]

    def per_month(self, period: str) -> float:
        """How many of ``period`` a working month holds."""
        return {
            "hour": self.hours_per_month,
            "day": self.working_days_per_month,
            "week": self.weeks_per_month,
            "month": 1.0,
            "year": 1 / self.months_per_year,
        }[period]


# The Scrapy setting that overrides each assumption (crawlers/settings.py).
SETTING_NAMES = {
    "hours_per_month": "PAY_HOURS_PER_MONTH",
    "hours_per_day": "PAY_HOURS_PER_DAY",
    "working_days_per_month": "PAY_WORKING_DAYS_PER_MONTH",
    "weeks_per_month": "PAY_WEEKS_PER_MONTH",
    "months_per_year": "PAY_MONTHS_PER_YEAR",
}


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
    """One posting's pay in USD and IDR. Recurring pay fills the hour and month fields, a fixed-price
    project the one-off fields; a bound the platform did not give stays None."""

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


def normalise_pay(
    pay_min: float | None,
    pay_max: float | None,
    currency: str | None,
    period: str | None,
    *,
    posted_year: int | None,
    platform_usd_rate: float | None = None,
    rates: ExchangeRates,
    assumptions: PayAssumptions,
) -> NormalisedPay | None:
    """``pay_min``..``pay_max`` in ``currency`` per ``period`` as USD and IDR per hour and month.

    ``platform_usd_rate`` (US dollars per unit, as Freelancer's ``currency.exchange_rate``) wins over
    the table when given. None when there is no pay, no currency, no known period, or no rate for the
    currency.
    """
    if (pay_min is None and pay_max is None) or not currency:
        return None
    if period not in RECURRING_PERIODS and period != ONE_OFF_PERIOD:
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

    def scaled(amount: float | None, factor: float | None) -> float | None:
        return None if amount is None or factor is None else amount * factor

    if period == ONE_OFF_PERIOD:
        return NormalisedPay(
            usd_one_off_min=scaled(pay_min, usd_per_unit),
            usd_one_off_max=scaled(pay_max, usd_per_unit),
            idr_one_off_min=scaled(pay_min, idr_per_unit),
            idr_one_off_max=scaled(pay_max, idr_per_unit),
            rate_source=rate_source,
            idr_rate_source=idr_rate_source,
        )
    per_hour = 1 / assumptions.hours_in(period)
    per_month = assumptions.per_month(period)
    idr_hour = None if idr_per_unit is None else idr_per_unit * per_hour
    idr_month = None if idr_per_unit is None else idr_per_unit * per_month
    return NormalisedPay(
        usd_hour_min=scaled(pay_min, usd_per_unit * per_hour),
        usd_hour_max=scaled(pay_max, usd_per_unit * per_hour),
        usd_month_min=scaled(pay_min, usd_per_unit * per_month),
        usd_month_max=scaled(pay_max, usd_per_unit * per_month),
        idr_hour_min=scaled(pay_min, idr_hour),
        idr_hour_max=scaled(pay_max, idr_hour),
        idr_month_min=scaled(pay_min, idr_month),
        idr_month_max=scaled(pay_max, idr_month),
        rate_source=rate_source,
        idr_rate_source=idr_rate_source,
    )


class PayNormaliser:
    """``normalise_pay`` over many postings, scikit-learn style.

    Each row of ``transform`` is a mapping with ``pay_min``, ``pay_max``, ``pay_currency``,
    ``pay_period``, ``posted_year`` and optionally ``platform_usd_rate``.
    """

    def __init__(self, rates: ExchangeRates | None = None, assumptions: PayAssumptions | None = None):
        self.rates = rates
        self.assumptions = assumptions

    def fit(self) -> PayNormaliser:
        self.rates_ = self.rates if self.rates is not None else load_rates()
        self.assumptions_ = self.assumptions if self.assumptions is not None else PayAssumptions()
        return self

    def transform(self, rows: Iterable[Mapping[str, Any]]) -> list[NormalisedPay | None]:
        return [
            normalise_pay(
                row.get("pay_min"), row.get("pay_max"), row.get("pay_currency"), row.get("pay_period"),
                posted_year=row.get("posted_year"), platform_usd_rate=row.get("platform_usd_rate"),
                rates=self.rates_, assumptions=self.assumptions_,
            )
            for row in rows
        ]
