"""Dates and times as platforms write them, read into timezone-aware UTC datetimes.

Every reader returns None for empty input and raises ValueError for input it cannot
read, so an extractor can turn the error into a reject with the offending value.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

# Epoch values above this are milliseconds: 1e11 seconds is the year 5138.
_EPOCH_MILLISECONDS_FROM = 10**11


def from_epoch(value: int | float | str | None) -> datetime | None:
    """Read Unix time in seconds or milliseconds (platforms mix both, even against their docs)."""
    if value in (None, "", 0):
        return None
    seconds = float(value)
    if seconds >= _EPOCH_MILLISECONDS_FROM:
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


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
    return parsed.astimezone(timezone.utc)


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
    return parsed.astimezone(timezone.utc)
