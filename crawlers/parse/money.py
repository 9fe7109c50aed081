"""Pay as platforms write it, in English and Indonesian.

``parse_pay_text`` reads free text such as ``$18 - $22/hr``, ``€31,2k- €52k``,
``Rp 4.000.000 – Rp 5.700.000 per month``, ``Rp.3 – 4 Juta``, ``Rp1,5 jt``, ``IDR 5.5M`` or
``Rp 250rb per hari`` into a ``Pay`` holding what the text states and None for what it
does not; it never guesses a currency from a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawlers.parse.numbers import BadNumber, finite_number

# Longest symbols first, so "CA$" wins over "$". A bare "$" is read as US dollars.
_SYMBOLS = {
    "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "S$": "SGD", "US$": "USD",
    "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₱": "PHP", "RM": "MYR", "Rp": "IDR",
}
_CODES = ("USD", "EUR", "GBP", "INR", "IDR", "AUD", "CAD", "SGD", "MYR", "PHP", "CHF", "JPY", "NZD")
_PERIOD_WORDS = (
    ("hour", r"/\s*h(?:ou)?r\b|per\s+(?:hour|jam)|hourly|an\s+hour|/\s*h\b|/\s*jam\b"),
    ("day", r"/\s*(?:day|hari)\b|per\s+(?:day|hari)|daily|\bharian\b"),
    ("week", r"/\s*w(?:ee)?k\b|per\s+(?:week|minggu)|weekly|\bmingguan\b"),
    ("month", r"/\s*(?:mo(?:nth)?|bulan|bln)\b|per\s+(?:month|bulan)|monthly|\bbulanan\b|\bpm\b"),
    ("year", r"/\s*(?:y(?:ea)?r|tahun|thn)\b|per\s+(?:year|annum|tahun)|annual(?:ly)?|yearly|\btahunan\b|\bpa\b|p\.a\."),
    ("project", r"fixed\s+price|per\s+(?:project|proyek|projek)"),
)
# Magnitude words after a figure: English k/M, Indonesian ribu/rb (thousand) and juta/jt (million).
_MULTIPLIERS = {"k": 1_000, "rb": 1_000, "ribu": 1_000, "m": 1_000_000, "jt": 1_000_000, "juta": 1_000_000}
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*(k|rb|ribu|m|jt|juta)?(?![a-z])", re.IGNORECASE)
# A yearly salary is the only reading of an unlabelled figure this large in these currencies.
_UNLABELLED_YEARLY_FROM = 10_000
_YEARLY_GUESS_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "SGD", "CHF", "NZD", None)
# No pay in any currency reaches this (a year in rupiah is around 1e8): such a figure is a broken
# record, and converting it to other currencies would overflow to infinity.
MAX_PAY = 1e15


@dataclass(frozen=True)
class Pay:
    minimum: float | None = None
    maximum: float | None = None
    currency: str | None = None
    period: str | None = None


def read_number(text: str) -> float:
    """Read ``1,500,000`` / ``4.000.000`` / ``31,2`` / ``5.5``.

    A separator followed by exactly three digits groups thousands; any other is the decimal mark.
    """
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        number = text
    elif all(len(part) == 3 for part in parts[1:]):
        number = "".join(parts)
    else:
        *whole, decimals = parts
        number = "".join(whole) + "." + decimals
    # float() reads a run of 400 digits as infinity.
    return finite_number(number, "pay figure")


def currency_of(text: str) -> str | None:
    """ISO 4217 code named in ``text`` by code or symbol, or None."""
    upper = text.upper()
    for code in _CODES:
        if re.search(rf"\b{code}\b", upper):
            return code
    for symbol, code in sorted(_SYMBOLS.items(), key=lambda kv: -len(kv[0])):
        if symbol in text:
            return code
    return None


def period_of(text: str) -> str | None:
    """Pay period named in ``text`` (hour, day, week, month, year, project), or None."""
    lowered = text.lower()
    for period, pattern in _PERIOD_WORDS:
        if re.search(pattern, lowered):
            return period
    return None


# Pay-period words of the platforms' own fields (salaryPeriod, unitText, salaryMode...), lower-cased.
_PERIOD_NAMES = {
    "hour": "hour", "hourly": "hour", "jam": "hour",
    "day": "day", "daily": "day", "hari": "day", "harian": "day",
    "week": "week", "weekly": "week", "minggu": "week", "mingguan": "week",
    "month": "month", "monthly": "month", "bulan": "month", "bulanan": "month",
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "tahun": "year", "tahunan": "year",
    "project": "project", "fixed": "project", "proyek": "project",
}


def period_named(word: str | None) -> str | None:
    """The period a platform's own field names (``hourly``, ``MONTH``, ``annual``, ``bulanan``), else None."""
    return _PERIOD_NAMES.get(word.strip().lower()) if word else None


def parse_pay_text(text: str | None) -> Pay:
    """Read the amounts, currency and period of a pay text; empty or figure-less text gives ``Pay()``."""
    if not text or not text.strip():
        return Pay()
    figures = [(read_number(number), _MULTIPLIERS.get(unit.lower(), 1)) for number, unit in _AMOUNT.findall(text)][:2]
    if not figures:
        return Pay()
    # "Rp 3 – 4 juta": a magnitude written once after a range applies to both ends.
    if len(figures) == 2 and figures[0][1] == 1 and figures[1][1] > 1 and figures[0][0] < 1_000:
        figures[0] = (figures[0][0], figures[1][1])
    amounts = [pay_figure(value * multiplier) for value, multiplier in figures]
    currency, period = currency_of(text), period_of(text)
    if period is None and currency in _YEARLY_GUESS_CURRENCIES and max(amounts) >= _UNLABELLED_YEARLY_FROM:
        period = "year"
    return Pay(min(amounts), max(amounts), currency, period)


def amount(value: int | float | str | None) -> float | None:
    """A pay figure from a number field (some APIs send strings); 0, "" and null mean not given.

    NaN, infinity and figures no pay reaches raise ``BadNumber``.
    """
    figure = finite_number(value, "pay figure")
    return pay_figure(figure) if figure else None


def pay_figure(figure: float) -> float:
    """``figure`` checked to be within what any pay can be (``MAX_PAY``), else ``BadNumber``."""
    if abs(figure) >= MAX_PAY:
        raise BadNumber(f"pay figure {figure:g} is beyond any pay")
    return figure


def pay_text_disagrees(text: str | None, minimum: float | None, maximum: float | None) -> bool:
    """True when a pay label states figures other than the record's own numbers (Loker.id does this)."""
    if not text or (minimum is None and maximum is None):
        return False
    stated = parse_pay_text(text)
    if stated.minimum is None:
        return False
    return (stated.minimum, stated.maximum) != (minimum if minimum is not None else maximum, maximum if maximum is not None else minimum)
