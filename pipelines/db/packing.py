"""How the crawl hands postings to the store's worker (pipelines.db.worker): packed, a tuple of fields each, the raw
record as the JSON the store writes. Neither Scrapy nor SQLAlchemy here.

The store pipeline packs each posting as it arrives (``packed``): the work is spread over the crawl rather than done
a batch at a time, and while a batch fills the crawl's process holds tuples of plain values, not postings with raw
records of many objects for its garbage collector to walk (bench/crawl_throughput.py).
"""

from __future__ import annotations

import operator
import pickle
from dataclasses import dataclass
from typing import Any

from crawlers.items import Posting
from pipelines.content_hash import PLATFORM_FIELDS, json_bytes

# Posting(*values) takes the platform's fields in this order: the derived fields, which the worker computes, follow.
_platform_values = operator.attrgetter(*PLATFORM_FIELDS)
_RAW = PLATFORM_FIELDS.index("raw")


def packed(posting: Posting) -> tuple:
    """The posting as the crawl sends it to the worker: a tuple of the fields a platform gives, in order, the raw record
    as the JSON the store writes, in bytes.

    A raw record that JSON cannot hold as it is (an integer beyond 64 bits, a lone surrogate, nesting too deep) or
    that holds a NUL travels as it is: the worker's ``make_storable`` mends or refuses it."""
    values = _platform_values(posting)
    try:
        raw = json_bytes(values[_RAW])
    except TypeError:
        return values
    if b"\\u0000" in raw:
        return values
    return (*values[:_RAW], raw, *values[_RAW + 1 :])


def unpacked(rows: list[tuple]) -> list[Posting]:
    """The postings of ``packed`` rows, a raw record as bytes of JSON (the writer stores them as they are)."""
    return [Posting(*row) for row in rows]


class PackedPostings(list):
    """A batch of ``packed`` postings, which unpickles as postings (``unpacked``)."""

    def __reduce__(self):
        return unpacked, (list(self),)

    def sendable(self) -> PackedPostings:
        """The batch with each value pickle cannot send (a parser's object left in a field) as an ``Unsendable``
        note, which the worker's validation rejects (``bad_type:<field>``)."""
        return PackedPostings(tuple(map(_sendable, row)) for row in self)


@dataclass(frozen=True)
class Unsendable:
    """In place of a posting's value that cannot be pickled: its type, which the worker's validation names in the
    reject (``bad_type:<field>``)."""

    type_name: str

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


def _sendable(value: Any) -> Any:
    try:
        pickle.dumps(value)
    except Exception:  # pickle's errors are of several kinds: PicklingError, TypeError, AttributeError...
        return Unsendable(f"{type(value).__module__}.{type(value).__qualname__}")
    return value
