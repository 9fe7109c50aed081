"""How the crawl hands postings to the store's worker (pipelines.db.worker). Neither Scrapy nor SQLAlchemy here.

The store pipeline packs each posting as it arrives (``packed``): its fields as one JSON array and its raw record as
the JSON the store writes, both written by orjson, in C. A batch of them (``PackedPostings``) pickles as a few byte
strings rather than an object per field, and the worker's process reads it back into postings (``unpacked``) in as
few calls: every moment of processor time the crawl spends on an item lengthens it (bench/crawl_throughput.py). While
a batch fills, the crawl's process holds bytes, not postings with raw records of many objects for its garbage
collector to walk.

A posting that JSON would not give back exactly as it is travels as it is, pickled: a value of a type JSON has not
(a date, a tuple, an enum, a parser's object, a subclass of str), a time that is not a datetime, a skill that is not
text, a number that is not finite, text with a lone surrogate, an integer beyond 64 bits, or a raw record JSON cannot
hold as it is or that holds a NUL. So the worker judges every posting as the spider made it (pipelines.validate), and
mends or refuses what the database cannot take (``make_storable``).
"""

from __future__ import annotations

import copy
import functools
import math
import operator
import pickle
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

import orjson

from crawlers.items import Posting
from pipelines.content_hash import PLATFORM_FIELDS, json_bytes

# Posting(*values) takes the platform's fields in PLATFORM_FIELDS' order; a packed row is those fields but the raw
# record, which travels apart, as JSON the worker does not parse.
_RAW = PLATFORM_FIELDS.index("raw")
_ROW_FIELDS = PLATFORM_FIELDS[:_RAW] + PLATFORM_FIELDS[_RAW + 1 :]
_row = operator.attrgetter(*_ROW_FIELDS)
_TIME_FIELDS = tuple(f.name for f in fields(Posting) if f.type == "datetime | None")
_TIMES = tuple(_ROW_FIELDS.index(name) for name in _TIME_FIELDS)
_SKILLS = _ROW_FIELDS.index("skills")
# The types of value JSON gives back as they are, at each position of a row; times as datetimes (orjson writes them in
# ISO 8601, ``unpacked`` reads them back).
_PLAIN = frozenset({str, int, float, bool, type(None)})
_EXACT_TYPES_OF = {name: frozenset({datetime, type(None)}) for name in _TIME_FIELDS} | {
    "skills": frozenset({list, type(None)})
}
_EXACT_TYPES = tuple(_EXACT_TYPES_OF.get(name, _PLAIN) for name in _ROW_FIELDS)


def packed(posting: Posting) -> tuple[bytes, bytes] | Posting:
    """The posting as the crawl hands it to the worker: its fields but the raw record as a JSON array, and its raw
    record as the JSON the store writes; or the posting itself, when JSON would not give it back as it is."""
    row = _row(posting)
    if not _json_gives_back(row):
        return posting
    try:
        row_json = orjson.dumps(row)
    except TypeError:  # a lone surrogate, an integer beyond 64 bits
        return posting
    raw_json = _raw_json(posting.raw)
    return posting if raw_json is None else (row_json, raw_json)


def _json_gives_back(row: tuple) -> bool:
    """Whether JSON gives ``row`` back as it is (orjson's own refusals apart)."""
    floats = _float_positions(tuple(map(type, row)))
    if floats is None or not all(math.isfinite(row[position]) for position in floats):  # orjson writes NaN as null
        return False
    skills = row[_SKILLS]
    return skills is None or all(type(skill) is str for skill in skills)


@functools.lru_cache(maxsize=256)  # a crawl's rows have a handful of signatures: None or a value in each field
def _float_positions(types: tuple[type, ...]) -> tuple[int, ...] | None:
    """Where a row of values of these types holds floats, or None when JSON would not give such a row back."""
    if not all(kind in exact for kind, exact in zip(types, _EXACT_TYPES, strict=True)):
        return None
    return tuple(position for position, kind in enumerate(types) if kind is float)


def _raw_json(raw: Any) -> bytes | None:
    """The raw record as the JSON the store writes (``json_bytes``), or None when it must travel as it is: JSON
    cannot hold it as it is (an integer beyond 64 bits, a lone surrogate, nesting too deep) or it holds a NUL."""
    try:
        # json_bytes' options cost a third more and change nothing for a record of JSON's own types and text keys,
        # as nearly every platform's is.
        raw_json = orjson.dumps(raw)
    except TypeError:
        try:
            raw_json = json_bytes(raw)
        except TypeError:
            return None
    return None if b"\\u0000" in raw_json else raw_json


def unpacked(rows: bytes, raws: list[bytes | None], as_they_are: list[Posting]) -> list[Posting]:
    """The postings of a ``PackedPostings`` batch, in order; a raw record as bytes of JSON (the writer stores them as
    they are)."""
    as_they_are = iter(as_they_are)
    return [
        next(as_they_are) if row is None else _posting(row, raw)
        for row, raw in zip(orjson.loads(rows), raws, strict=True)
    ]


def _posting(row: list, raw: bytes) -> Posting:
    for position in _TIMES:
        if row[position] is not None:
            row[position] = datetime.fromisoformat(row[position])
    row.insert(_RAW, raw)
    return Posting(*row)


class PackedPostings(list):
    """A batch of ``packed`` postings. Pickles as the JSON array of its rows (null for a posting sent as it is), the
    raw records' JSON and the postings sent as they are; unpickles as postings (``unpacked``)."""

    def __reduce__(self):
        rows = b"[" + b",".join(b"null" if isinstance(entry, Posting) else entry[0] for entry in self) + b"]"
        raws = [None if isinstance(entry, Posting) else entry[1] for entry in self]
        return unpacked, (rows, raws, [entry for entry in self if isinstance(entry, Posting)])

    def sendable(self) -> PackedPostings:
        """The batch with each value pickle cannot send (a parser's object left in a field) as an ``Unsendable``
        note, which the worker's validation rejects (``bad_type:<field>``)."""
        return PackedPostings(_sendable(entry) if isinstance(entry, Posting) else entry for entry in self)


@dataclass(frozen=True)
class Unsendable:
    """In place of a posting's value that cannot be pickled: its type, which the worker's validation names in the
    reject (``bad_type:<field>``)."""

    type_name: str

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


def _sendable(posting: Posting) -> Posting:
    sendable = copy.copy(posting)
    for name in PLATFORM_FIELDS:
        value = getattr(posting, name)
        try:
            pickle.dumps(value)
        except Exception:  # pickle's errors are of several kinds: PicklingError, TypeError, AttributeError...
            setattr(sendable, name, Unsendable(f"{type(value).__module__}.{type(value).__qualname__}"))
    return sendable
