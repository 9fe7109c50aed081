"""Indonesian dates and work-place words, as Indonesian job boards write them.

Pay text in rupiah (``Rp 4.000.000 – Rp 5.700.000 per bulan``, ``Rp1,5 jt``) is read by
``crawlers.parse.money.parse_pay_text``; employment types (``Penuh waktu``, ``Magang``) by
``crawlers.parse.employment.employment_type``. This module adds what only Indonesian
text needs: the three time zones, month names, relative dates and work places.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from crawlers.parse.dates import in_utc

# Waktu Indonesia Barat / Tengah / Timur. A date without a zone is taken as WIB (Jakarta),
# where most postings are written.
ZONES = {"WIB": timezone(timedelta(hours=7)), "WITA": timezone(timedelta(hours=8)), "WIT": timezone(timedelta(hours=9))}
JAKARTA = ZONES["WIB"]
MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "agus": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}
_UNITS = {
    "detik": "seconds", "second": "seconds", "menit": "minutes", "minute": "minutes",
    "jam": "hours", "hour": "hours", "hari": "days", "day": "days",
    "minggu": "weeks", "week": "weeks", "bulan": "days_30", "month": "days_30",
}
_RELATIVE = re.compile(r"^(\d+|se)\s*(detik|menit|jam|hari|minggu|bulan|second|minute|hour|day|week|month)s?\s+(?:yang\s+)?(?:lalu|ago)$")
_NUMERIC = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ ,T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")
_WORDY = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?:[ ,]+(?:pukul\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")
_WORK_PLACES = {
    "remote": "remote", "wfh": "remote", "kerja dari rumah": "remote", "work from home": "remote",
    "dari rumah": "remote", "jarak jauh": "remote",
    "hybrid": "hybrid", "hibrida": "hybrid",
    "dikantor": "onsite", "di kantor": "onsite", "kantor": "onsite", "on-site": "onsite", "onsite": "onsite",
    "on site": "onsite", "wfo": "onsite", "kerja di kantor": "onsite",
}


def parse_date(text: str | None, now: datetime | None = None) -> datetime | None:
    """A date as Indonesian boards write it, as aware UTC; None for empty text, ValueError if unreadable.

    ``04/11/2021 18:48:19 WIB`` (day first), ``12 Nov 2025``, ``12 Desember 2025 14:00 WITA``,
    ``2 hari yang lalu``, ``kemarin``, ``hari ini``, ``baru saja``, ``3 days ago``. Relative
    dates count back from ``now`` (default: the current time).
    """
    if text is None or not text.strip():
        return None
    now = now or datetime.now(timezone.utc)
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    zone = JAKARTA
    for name, offset in ZONES.items():
        if cleaned.endswith(" " + name.lower()):
            cleaned, zone = cleaned[: -len(name) - 1].strip(), offset
    if cleaned in ("hari ini", "baru saja", "today", "just now"):
        return now
    if cleaned in ("kemarin", "yesterday"):
        return now - timedelta(days=1)
    if match := _RELATIVE.match(cleaned):
        count = 1 if match.group(1) == "se" else int(match.group(1))
        unit = _UNITS[match.group(2)]
        try:
            return now - (timedelta(days=30 * count) if unit == "days_30" else timedelta(**{unit: count}))
        except OverflowError as exc:  # "99999999999 hari yang lalu" is before the year 1
            raise ValueError(f"date {text!r} is out of range") from exc
    if match := _NUMERIC.match(cleaned):
        day, month, year, hour, minute, second = match.groups()
        return _at(zone, int(year), int(month), int(day), hour, minute, second)
    if match := _WORDY.match(cleaned):
        day, month_name, year, hour, minute, second = match.groups()
        if month_name not in MONTHS:
            raise ValueError(f"unknown month {month_name!r} in {text!r}")
        return _at(zone, int(year), MONTHS[month_name], int(day), hour, minute, second)
    raise ValueError(f"not an Indonesian date: {text!r}")


def _at(zone: timezone, year: int, month: int, day: int, hour, minute, second) -> datetime:
    local = datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0), tzinfo=zone)
    return in_utc(local, local.isoformat())


def work_place(text: str | None) -> str | None:
    """``remote``, ``hybrid`` or ``onsite`` for ``Remote``, ``Hybrid``, ``Dikantor``..., else None."""
    if not text:
        return None
    return _WORK_PLACES.get(" ".join(text.strip().lower().split()))


def is_remote(text: str | None) -> bool | None:
    """The Posting's ``remote`` for a work-place word: hybrid work needs the office, so it is not remote."""
    place = work_place(text)
    return None if place is None else place == "remote"
