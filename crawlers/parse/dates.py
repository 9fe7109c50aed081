"""Dates and times as platforms write them, read into timezone-aware UTC datetimes.

Every reader returns None for empty input and raises ValueError for input it cannot
read or that is no date a datetime holds (years 1 to 9999), so an extractor can turn the
error into a reject with the offending value. A timestamp that no date can be (NaN,
infinite, past year 9999) raises ``BadNumber``, a ValueError.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from crawlers.parse.numbers import BadNumber, finite_number

# Epoch values above this are milliseconds: 1e11 seconds is the year 5138.
_EPOCH_MILLISECONDS_FROM = 10**11


def from_epoch(value: int | float | str | None) -> datetime | None:
    """Read Unix time in seconds or milliseconds (platforms mix both, even against their docs); 0 is not given."""
    seconds = finite_number(value, "timestamp")
    if not seconds:
        return None
    if seconds >= _EPOCH_MILLISECONDS_FROM:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    # Past what a datetime or the platform's time_t holds (1.5e308, -1e20...).
    except (OverflowError, OSError, ValueError) as exc:
        raise BadNumber(f"timestamp {value!r} is no date: {exc}") from exc


def from_iso(value: str | None, *, assume_tz: timezone = timezone.utc) -> datetime | None:
    """Read ISO 8601 (``2024-12-03T21:15:04+00:00``, ``2026-07-26T20:49:11``, ``2024-01-05 10:00:00``).

    A value without an offset is taken to be in ``assume_tz``.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().replace("Z", "+00:00")
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=assume_tz)
    return in_utc(parsed, value)


def from_rfc822(value: str | None) -> datetime | None:
    """Read RFC 822 dates of RSS feeds (``Tue, 03 Dec 2024 21:15:04 +0000``)."""
    if value is None or not value.strip():
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, IndexError) as exc:  # the stdlib raises these on garbage
        raise ValueError(f"not an RFC 822 date: {value!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return in_utc(parsed, value)


def in_utc(moment: datetime, text: str) -> datetime:
    """``moment`` (aware) in UTC; ValueError when that falls outside years 1 to 9999 (``0001-01-01T00:00+07:00``)."""
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError as exc:
        raise ValueError(f"date {text!r} is out of range") from exc
