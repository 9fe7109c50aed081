"""What a posting says that cannot be right: ``find_problem``.

The store's worker (pipelines.db.worker) asks it of every posting before deriving it, and then
``pipelines.db.storable.make_storable`` what the columns can hold (lengths, number ranges, NUL characters and lone
surrogates, JSON depth); a posting with a problem is stored as a reject with the reason instead. In the worker, not in
the crawl's process: the crawl is paged one request at a time, and every moment of processor time it spends on an item
lengthens it (bench/crawl_throughput.py).
"""

from __future__ import annotations

import functools
import math
from dataclasses import fields
from datetime import datetime, timedelta

from crawlers.items import EMPLOYMENT_TYPES, PAY_PERIODS, Posting
from pipelines.pay import ExchangeRates, load_rates

REQUIRED = ("source", "source_id", "url", "title")
# Clocks and time zones differ; more than a day ahead is no longer one of those.
FUTURE_TOLERANCE = timedelta(days=1)
_TYPES = {
    "pay_min": (int, float),
    "pay_max": (int, float),
    "pay_usd_rate": (int, float),
    "bid_count": int,
    "applicant_count": int,
    "remote": bool,
    "skills": list,
    "posted_at": datetime,
    "valid_through": datetime,
}
# The most a posting can pay per period, in US dollars: far above any real offer, so that only figures that cannot be
# pay are refused (a misplaced decimal point, a phone number read as a salary). Checked in the posting's currency at
# the platform's rate or the table's (pipelines/data/exchange_rates.csv); a currency without a rate is not checked.
PAY_CEILING_USD = {
    "hour": 1_000, "day": 10_000, "week": 50_000, "month": 200_000, "year": 2_500_000, "project": 5_000_000,
}  # fmt: skip
_OPTIONAL_TEXT = tuple(
    f.name for f in fields(Posting) if f.type == "str | None" and f.name not in _TYPES
)


def find_problem(posting: Posting, now: datetime) -> tuple[str, str] | None:
    """``(reason, detail)`` for the first thing wrong with ``posting``, or None when it is sound."""
    for name in REQUIRED:
        value = getattr(posting, name)
        if not isinstance(value, str) or not value.strip():
            return f"missing:{name}", f"{name} is {value!r}"
    for name, expected in _TYPES.items():
        value = getattr(posting, name)
        # bool is an int in Python; a True pay or count is still a wrong type.
        if value is not None and (not isinstance(value, expected) or (expected is not bool and isinstance(value, bool))):
            return f"bad_type:{name}", f"{name} is {type(value).__name__} {value!r}"
    for name in _OPTIONAL_TEXT:
        value = getattr(posting, name)
        if value is not None and not isinstance(value, str):
            return f"bad_type:{name}", f"{name} is {type(value).__name__} {value!r}"
    for name in ("posted_at", "valid_through"):
        value = getattr(posting, name)
        if value is not None and value.tzinfo is None:
            return f"bad_type:{name}", f"{name} {value} has no time zone"
    for name in ("pay_min", "pay_max", "pay_usd_rate"):
        value = getattr(posting, name)
        if value is not None and not math.isfinite(value):
            return "bad_number", f"{name} is {value!r}"
    if posting.pay_min is not None and posting.pay_min < 0 or posting.pay_max is not None and posting.pay_max < 0:
        return "negative_pay", f"pay {posting.pay_min}..{posting.pay_max}"
    if posting.pay_min is not None and posting.pay_max is not None and posting.pay_min > posting.pay_max:
        return "pay_min_above_max", f"pay {posting.pay_min} > {posting.pay_max}"
    if posting.posted_at is not None and posting.posted_at > now + FUTURE_TOLERANCE:
        return "posted_in_future", f"posted_at {posting.posted_at.isoformat()}"
    if posting.employment_type is not None and posting.employment_type not in EMPLOYMENT_TYPES:
        return "bad_value:employment_type", repr(posting.employment_type)
    if posting.pay_period is not None and posting.pay_period not in PAY_PERIODS:
        return "bad_value:pay_period", repr(posting.pay_period)
    if posting.pay_currency is not None and not (len(posting.pay_currency) == 3 and posting.pay_currency.isupper()):
        return "bad_value:pay_currency", repr(posting.pay_currency)
    return _beyond_ceiling(posting)


def _beyond_ceiling(posting: Posting) -> tuple[str, str] | None:
    """``pay_beyond_ceiling`` when the posting's pay is more than ``PAY_CEILING_USD`` for its period."""
    highest = max((pay for pay in (posting.pay_min, posting.pay_max) if pay is not None), default=None)
    if highest is None or posting.pay_period not in PAY_CEILING_USD or not posting.pay_currency:
        return None
    if posting.pay_usd_rate:
        usd_per_unit = posting.pay_usd_rate
    else:
        year = posting.posted_at.year if posting.posted_at else None
        known = _rates().usd_per_unit(posting.pay_currency, year)
        if known is None:
            return None
        usd_per_unit = known[0]
    ceiling_usd = PAY_CEILING_USD[posting.pay_period]
    if highest * usd_per_unit <= ceiling_usd:
        return None
    return "pay_beyond_ceiling", (
        f"{posting.pay_currency} {highest:,.0f} per {posting.pay_period} is more than USD {ceiling_usd:,} "
        f"per {posting.pay_period}, the most any posting is taken to pay"
    )


@functools.cache
def _rates() -> ExchangeRates:
    return load_rates()
