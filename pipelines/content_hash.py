"""What a posting says, as one hash: how the store and the incremental middleware tell a changed posting.

``content_hash`` covers every field the platform gives except the raw echo of it (``raw``), written as JSON the way
the store writes JSON columns (``to_json``). The writer stores it with each posting (``postings.content_hash``); a
re-crawl compares a posting met again with it (crawlers/middlewares/known_pages.py). Neither Scrapy nor SQLAlchemy
here: both processes of a crawl import it, and so does the database's JSON serialiser (pipelines.db.engine).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from typing import Any

import orjson

from crawlers.items import Posting

DERIVED_FIELDS = (
    "skill_matches",
    "unmapped_tags",
    "oli_occupation",
    "occupation_confidence",
    "pay_normalised",
    "derived_with",
)
"""The fields pipelines.derive computes; stored in their own columns and posting_skills."""
PLATFORM_FIELDS = tuple(f.name for f in fields(Posting) if f.name not in DERIVED_FIELDS)
"""The fields a platform gives, each a ``postings`` column of the same name."""
HASHED_FIELDS = tuple(name for name in PLATFORM_FIELDS if name != "raw")


def to_json(value: Any) -> str:
    """JSON as the store writes it; what JSON cannot hold is written as its text.

    orjson, because serialising raw records is the store's largest cost (bench/)."""
    return json_bytes(value).decode()


def json_bytes(value: Any) -> bytes:
    """``to_json`` as UTF-8 bytes."""
    return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS)


def content_hash(row: dict[str, Any]) -> str:
    """The content hash of a posting given as a row (``HASHED_FIELDS`` at least)."""
    return hashlib.sha256(to_json([row[name] for name in HASHED_FIELDS]).encode()).hexdigest()


def posting_hash(posting: Posting) -> str:
    """The content hash a posting is stored with (``postings.content_hash``)."""
    return content_hash({name: getattr(posting, name) for name in HASHED_FIELDS})
