"""How the crawl hands postings to the store's worker (pipelines.db.worker): packed, a tuple of fields each, the raw
record as the JSON the store writes. Pickled postings, their raw records object by object, cost both processes more
than the rest of the hand-over (bench/crawl_throughput.py). Neither Scrapy nor SQLAlchemy here.
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


def packed(postings: list[Posting], checked: bool = False) -> list[tuple]:
    """Postings as the crawl sends them to the worker: each a tuple of the fields a platform gives, in order, the raw
    record as the JSON the store writes, in bytes.

    A raw record that JSON cannot hold as it is (an integer beyond 64 bits, a lone surrogate, nesting too deep) or
    that holds a NUL travels as it is: the worker's ``make_storable`` mends or refuses it. With ``checked``, a value
    pickle cannot send becomes an ``Unsendable`` note."""
    rows = []
    for posting in postings:
        values = _platform_values(posting)
        if checked:
            values = tuple(_sendable(value) for value in values)
        try:
            raw = json_bytes(values[_RAW])
        except TypeError:
            raw = values[_RAW]
        else:
            raw = values[_RAW] if b"\\u0000" in raw else raw
        rows.append((*values[:_RAW], raw, *values[_RAW + 1 :]))
    return rows


class PackedPostings(list):
    """A batch of postings that pickles ``packed``, in the thread that sends it, and unpickles ``unpacked``."""

    checked = False
    """Set when pickling the batch failed: a value pickle cannot send is then sent as an ``Unsendable`` note."""

    def __reduce__(self):
        return unpacked, (packed(self, self.checked),)


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


def unpacked(rows: list[tuple]) -> list[Posting]:
    """The postings of ``packed`` rows, a raw record as bytes of JSON (the writer stores them as they are)."""
    return [Posting(*row) for row in rows]
