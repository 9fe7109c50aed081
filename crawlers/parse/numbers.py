"""Numbers as platforms send them (JSON numbers or numeric text), refused when no real figure can be that.

Python's ``json`` reads ``NaN``, ``Infinity`` and ``1e999`` (as infinity) without complaint,
and ``float()`` reads ``"nan"``, ``"inf"`` and a 400-digit text (as infinity): such a value in
a pay, time or count field would pass as a number and break whatever computes with it. The
readers here raise ``BadNumber`` for it, a ValueError, so the extractor rejects that record
alone (reason ``bad_number``) and keeps the others.
"""

from __future__ import annotations

import math

# The store's count columns are PostgreSQL ``integer``s.
MAX_COUNT = 2**31 - 1


class BadNumber(ValueError):
    """A field that should hold a number holds one that no real amount, time or count can be."""


def finite_number(value: int | float | str | None, what: str = "number") -> float | None:
    """``value`` as a finite float; None for null and blank text.

    NaN, infinities, booleans and integers too big for a float raise ``BadNumber`` (``what``
    names the field's kind in the message); text or types that are no number at all raise
    ValueError or TypeError as ``float()`` does.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    # bool is an int in Python; a true pay or timestamp is a broken record, not 1.
    if isinstance(value, bool):
        raise BadNumber(f"{what} is {value!r}, not a number")
    try:
        number = float(value)
    except OverflowError as exc:  # an int beyond float, e.g. 10**400
        raise BadNumber(f"{what} {value!r} is beyond any real figure") from exc
    if not math.isfinite(number):
        raise BadNumber(f"{what} is {value!r}, not a finite number")
    return number


def whole_number(value: int | float | str | None, what: str = "count") -> int | None:
    """A count (bids, applicants, days) as an int from 0 to ``MAX_COUNT``; None for null and blank text."""
    number = finite_number(value, what)
    if number is None:
        return None
    if not number.is_integer() or not 0 <= number <= MAX_COUNT:
        raise BadNumber(f"{what} is {value!r}, not a count")
    return int(number)
