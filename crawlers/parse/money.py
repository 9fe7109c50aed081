"""Pay as platforms write it: free text such as ``$18 - $22/hr`` or ``€31,2k- €52k``.

``parse_pay_text`` returns a ``Pay`` with what the text states and None for what it
does not; it never guesses a currency from a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest symbols first, so "CA$" wins over "$". A bare "$" is read as US dollars.
_SYMBOLS = {
    "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "S$": "SGD", "US$": "USD",
    "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₱": "PHP", "RM": "MYR", "Rp": "IDR",
}
_CODES = ("USD", "EUR", "GBP", "INR", "IDR", "AUD", "CAD", "SGD", "MYR", "PHP", "CHF", "JPY", "NZD")
_PERIOD_WORDS = (
    ("hour", r"/\s*h(?:ou)?r\b|per\s+hour|hourly|an\s+hour|/\s*h\b"),
    ("day", r"/\s*day\b|per\s+day|daily"),
    ("week", r"/\s*w(?:ee)?k\b|per\s+week|weekly"),
    ("month", r"/\s*mo(?:nth)?\b|per\s+month|monthly|\bpm\b"),
    ("year", r"/\s*y(?:ea)?r\b|per\s+(?:year|annum)|annual(?:ly)?|yearly|\bpa\b|p\.a\."),
    ("project", r"fixed\s+price|per\s+project"),
)
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*([kKmM])?(?![a-zA-Z])")
# A yearly salary is the only reading of an unlabelled figure this large.
_UNLABELLED_YEARLY_FROM = 10_000


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
        return float(text)
    if all(len(part) == 3 for part in parts[1:]):
        return float("".join(parts))
    *whole, decimals = parts
    return float("".join(whole) + "." + decimals)


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


def parse_pay_text(text: str | None) -> Pay:
    """Read the amounts, currency and period of a pay text; empty or figure-less text gives ``Pay()``."""
    if not text or not text.strip():
        return Pay()
    amounts = []
    for number, multiplier in _AMOUNT.findall(text):
        value = read_number(number)
        if multiplier:
            value *= 1_000 if multiplier.lower() == "k" else 1_000_000
        amounts.append(value)
    if not amounts:
        return Pay()
    period = period_of(text)
    if period is None and max(amounts) >= _UNLABELLED_YEARLY_FROM:
        period = "year"
    return Pay(min(amounts[:2]), max(amounts[:2]), currency_of(text), period)


def amount(value: int | float | str | None) -> float | None:
    """A pay figure from a number field (some APIs send strings); 0, "" and null mean not given."""
    if value is None or value == "" or float(value) == 0:
        return None
    return float(value)
