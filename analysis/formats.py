"""Numbers as the report's readers write them, in the current language (analysis/language.py).

In Indonesian, the default: "1.234" postings, "12,5%", "Rp 4.500.000" and, where space is short, "Rp 4,5 jt" (juta,
a million; "rb" is ribu, a thousand; "M" is miliar, a thousand million). In English: "1,234", "12.5%",
"Rp 4,500,000" and "Rp 4.5m" ("k" a thousand, "bn" a thousand million). Charts, tables and the sentences of
recommendations all use these, so a figure reads the same everywhere. A missing or non-finite figure (NaN,
infinity) is written "–": never "inf", "nan" or "Rp inf".
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.language import current_language
from analysis.untrusted import finite_number

_INDONESIAN_SEPARATORS = str.maketrans({",": ".", ".": ","})
# The short words for rupiah amounts, largest first.
_SHORT_UNITS = {"id": ((1e9, "M"), (1e6, "jt"), (1e3, "rb")), "en": ((1e9, "bn"), (1e6, "m"), (1e3, "k"))}


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def _number(value: float, decimals: int) -> str:
    """`value` with the current language's separators: 1.234.567,5 in Indonesian, 1,234,567.5 in English."""
    text = f"{value:,.{decimals}f}"
    return text.translate(_INDONESIAN_SEPARATORS) if current_language() == "id" else text


def _decimal_mark() -> str:
    return "," if current_language() == "id" else "."


def format_count(value: object) -> str:
    """A count: "1.234"."""
    number = finite_number(value)
    return "–" if number is None else _number(number, 0)


def format_decimal(value: object, decimals: int = 1) -> str:
    """A number with at most `decimals` decimals: "97,5", "100"."""
    number = finite_number(value)
    if number is None:
        return "–"
    text = _number(number, decimals)
    return text.rstrip("0").rstrip(_decimal_mark()) if decimals else text


def format_percent(share: object) -> str:
    """A share 0..1 as a percentage: "45%", "4,5%", "<0,1%"."""
    share = finite_number(share)
    if share is None:
        return "–"
    percent = share * 100
    if percent != 0 and abs(percent) < 0.05:
        return f"<{_number(0.1, 1)}%"
    text = _number(percent, 1 if abs(percent) < 10 else 0)
    return text.removesuffix(f"{_decimal_mark()}0") + "%"


def format_points(change: object) -> str:
    """A difference of two shares in percentage points, signed: "+3,2 pts"."""
    change = finite_number(change)
    if change is None:
        return "–"
    points = change * 100
    sign = "+" if points > 0 else "−" if points < 0 else ""
    return f"{sign}{_number(abs(points), 1)} pts"


def format_rupiah(value: object, nearest: int = 1000) -> str:
    """Rupiah in full, to the thousand (pay estimates are not exact to the rupiah): "Rp 4.537.000"; an hourly rate
    to the hundred (``nearest=100``): "Rp 20.800"."""
    amount = finite_number(value)
    if amount is None:
        return "–"
    sign = "−" if amount < 0 else ""
    return f"Rp {sign}{_number(round(abs(amount) / nearest) * nearest, 0)}"


def format_rupiah_short(value: object, decimals: int = 1) -> str:
    """Rupiah for axes and tight spaces: "Rp 4,5 jt", "Rp 750 rb", "Rp 1,2 M" (English: "Rp 4.5m", "Rp 750k",
    "Rp 1.2bn"), with at most `decimals` decimals."""
    number = finite_number(value)
    if number is None:
        return "–"
    amount, sign = abs(number), "−" if number < 0 else ""
    for unit, word in _SHORT_UNITS[current_language()]:
        if round(amount / unit, decimals) >= 1:
            return f"Rp {sign}{format_decimal(amount / unit, decimals)} {word}"
    return f"Rp {sign}{_number(amount, 0)}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count and its English noun, as commands print them for operators: "1 vacancy", "2 vacancies"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
