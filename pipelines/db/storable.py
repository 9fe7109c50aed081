"""What the database can take: a posting's values checked against the models' columns, and rejects made storable.

Checked here, from the models (pipelines.db.models: what a column can hold), so that SQLite (which enforces no length
and takes any 64-bit integer) stores and refuses exactly the records PostgreSQL does. All of it runs in the store's
worker: ``make_storable`` before a posting is derived, ``reject_row`` as rejects are written, and ``reject_of`` for a
posting refused.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String

from crawlers.items import Posting, Reject, snippet
from pipelines.content_hash import PLATFORM_FIELDS
from pipelines.db import models
from pipelines.db.errors import describe
from pipelines.db.models import number_range, storable_json, storable_text, unstorable_character

Problem = tuple[str, str]
"""(reason, detail): a reject's reason, such as ``too_long:status``, and what is wrong, without the value."""


def _check_text(name: str, value: str, length: int | None) -> Problem | None:
    if length is not None and len(value) > length:
        return f"too_long:{name}", f"{name} has {len(value)} characters (at most {length})"
    if found := unstorable_character(value):
        return f"bad_text:{name}", f"{name} holds {found}"
    return None


def _check_number(name: str, value: Any, low: int, high: int) -> Problem | None:
    if isinstance(value, float) and not math.isfinite(value):
        # SQLite stores NaN as NULL, PostgreSQL as NaN: neither is a pay or a count.
        return f"out_of_range:{name}", f"{name} is {value} (not a finite number)"
    if isinstance(value, int) and not low <= value <= high:
        return f"out_of_range:{name}", f"{name} is a {value.bit_length()}-bit integer (from {low} to {high})"
    return None


# Computed once from the models: (field, its String(n) length or None for Text), (field, lowest, highest), JSON fields.
_POSTING_COLUMNS = models.Posting.__table__.columns
_TEXT_FIELDS = tuple(
    (name, _POSTING_COLUMNS[name].type.length)
    for name in PLATFORM_FIELDS
    if isinstance(_POSTING_COLUMNS[name].type, String)
)
_NUMBER_FIELDS = tuple(
    (name, *limits) for name in PLATFORM_FIELDS if (limits := number_range(_POSTING_COLUMNS[name].type)) is not None
)
_JSON_FIELDS = tuple(name for name in PLATFORM_FIELDS if isinstance(_POSTING_COLUMNS[name].type, JSON))


def make_storable(posting: Posting) -> list[Problem]:
    """What the database would refuse of ``posting``, as (reason, detail) pairs, none when it can be stored.

    Reasons: ``too_long:<field>`` (longer than its String(n) column), ``out_of_range:<field>`` (beyond PostgreSQL's
    integer, or a float that is not finite), ``bad_text:<field>`` (a NUL or lone surrogate, in text or JSON),
    ``too_deep:<field>`` (JSON nested deeper than JSON_DEPTH), ``bad_value:<field>`` (JSON that cannot be encoded).
    JSON fields (``raw``, ``skills``) are made storable first where that loses nothing: integers beyond 64 bits are
    replaced by their digits as strings."""
    problems = []
    for name, length in _TEXT_FIELDS:
        value = getattr(posting, name)
        # Most text is short enough and ASCII without NUL: that much is told without a call.
        if (
            isinstance(value, str)  # a wrong type is pipelines.validate's bad_type
            and (length is not None and len(value) > length or not value.isascii() or "\x00" in value)
            and (problem := _check_text(name, value, length)) is not None
        ):
            problems.append(problem)
    for name, low, high in _NUMBER_FIELDS:
        value = getattr(posting, name)
        if value is not None and (problem := _check_number(name, value, low, high)) is not None:
            problems.append(problem)
    for name in _JSON_FIELDS:
        if isinstance(getattr(posting, name), bytes):  # JSON already, checked as it was packed (pipelines.db.packing)
            continue
        value, problem = storable_json(getattr(posting, name))
        setattr(posting, name, value)
        if problem is not None:
            problems.append((f"{problem[0]}:{name}", f"{name} {problem[1]}"))
    return problems


_REJECT_LENGTHS = {column.name: getattr(column.type, "length", None) for column in models.Reject.__table__.columns}


def reject_row(reject: Reject, crawl_run_id: int, now: datetime) -> dict[str, Any]:
    """A ``rejects`` row that any database stores, whatever the reject carries."""
    row = {
        name: storable_text(getattr(reject, name), _REJECT_LENGTHS[name])
        for name in ("source", "reason", "url", "detail", "snippet")
    }
    return {**row, "crawl_run_id": crawl_run_id, "created_at": now}


def reject_of(posting: Posting, reason: str, detail: str, source: str = "unknown") -> Reject:
    """A reject for ``posting``, refused for ``reason``: ``detail`` and the raw record's start; ``source`` where the
    posting names no platform."""
    source = posting.source if isinstance(posting.source, str) and posting.source else source
    url = posting.url if isinstance(posting.url, str) else None
    return Reject(source, reason, url, detail, snippet(posting.raw))


def unwritten_reject(posting: Posting, reason: str, error: BaseException) -> Reject:
    """A reject for ``posting``, which could not be derived or written: ``error``'s message, the raw record's start."""
    return reject_of(posting, reason, describe(error))
