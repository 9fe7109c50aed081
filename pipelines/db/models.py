"""SQLAlchemy models of the store. Table and column names are a public interface (docs/schema.md).

A change here needs a new migration in ``pipelines/db/migrations/versions``. The end of the module says what values a
column can hold, on both databases alike (pipelines.db.storable checks postings against it).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from pipelines.content_hash import to_json

# JSONB on PostgreSQL (indexable, queryable with ->>), JSON text on SQLite.
JSONType = JSON().with_variant(JSONB(), "postgresql")
UTC = DateTime(timezone=True)


class Base(DeclarativeBase):
    pass


class CrawlRun(Base):
    """One ``scrapy crawl``: what was asked, how it ended, what it stored."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spider: Mapped[str] = mapped_column(String(64), index=True)
    arguments: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    started_at: Mapped[datetime] = mapped_column(UTC)
    finished_at: Mapped[datetime | None] = mapped_column(UTC)
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    requests: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # The checks of pipelines.monitor, when the crawl closed.
    complete: Mapped[bool | None] = mapped_column(Boolean)
    """Whether the crawl could see every posting of its platform (pipelines/db/crawl_runs.py)."""
    stopped_at_known_pages: Mapped[bool | None] = mapped_column(Boolean)
    """Whether it stopped paging at pages stored already (crawlers/middlewares/known_pages.py)."""
    healthy: Mapped[bool | None] = mapped_column(Boolean)
    health: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)


class Posting(Base):
    """One posting per (source, source_id); columns mirror crawlers.items.Posting."""

    __tablename__ = "postings"
    __table_args__ = (UniqueConstraint("source", "source_id", name="uq_postings_source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    description_html: Mapped[str | None] = mapped_column(Text)
    company: Mapped[str | None] = mapped_column(Text)
    client_country: Mapped[str | None] = mapped_column(String(2))
    posted_at: Mapped[datetime | None] = mapped_column(UTC, index=True)
    valid_through: Mapped[datetime | None] = mapped_column(UTC)
    employment_type: Mapped[str | None] = mapped_column(String(16))
    remote: Mapped[bool | None] = mapped_column(Boolean)
    location: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    pay_min: Mapped[float | None] = mapped_column(Float)
    pay_max: Mapped[float | None] = mapped_column(Float)
    pay_currency: Mapped[str | None] = mapped_column(String(3))
    pay_period: Mapped[str | None] = mapped_column(String(8))
    pay_text: Mapped[str | None] = mapped_column(Text)
    pay_usd_rate: Mapped[float | None] = mapped_column(Float)
    skills: Mapped[list[str]] = mapped_column(JSONType, default=list)
    category: Mapped[str | None] = mapped_column(Text)
    bid_count: Mapped[int | None] = mapped_column(Integer)
    applicant_count: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str | None] = mapped_column(String(32))
    raw: Mapped[Any] = mapped_column(JSONType)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UTC)
    last_seen_at: Mapped[datetime] = mapped_column(UTC, index=True)
    times_seen: Mapped[int] = mapped_column(Integer, default=1)
    first_crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    last_crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTC, index=True)
    """When complete crawls stopped seeing it (pipelines/db/crawl_runs.py); NULL while open."""
    # Derived from the columns above (pipelines.derive); `pasarkerja rederive` recomputes them.
    oli_occupation: Mapped[str | None] = mapped_column(String(32), index=True)
    occupation_confidence: Mapped[float | None] = mapped_column(Float)
    unmapped_tags: Mapped[list[str] | None] = mapped_column(JSONType)
    pay_kind: Mapped[str | None] = mapped_column(String(8))
    """salaried (month fields), hourly (hour fields) or project (one-off fields): pipelines.pay.pay_kind."""
    pay_usd_hour_min: Mapped[float | None] = mapped_column(Float)
    pay_usd_hour_max: Mapped[float | None] = mapped_column(Float)
    pay_usd_month_min: Mapped[float | None] = mapped_column(Float)
    pay_usd_month_max: Mapped[float | None] = mapped_column(Float)
    pay_idr_hour_min: Mapped[float | None] = mapped_column(Float)
    pay_idr_hour_max: Mapped[float | None] = mapped_column(Float)
    pay_idr_month_min: Mapped[float | None] = mapped_column(Float)
    pay_idr_month_max: Mapped[float | None] = mapped_column(Float)
    pay_usd_one_off_min: Mapped[float | None] = mapped_column(Float)
    pay_usd_one_off_max: Mapped[float | None] = mapped_column(Float)
    pay_idr_one_off_min: Mapped[float | None] = mapped_column(Float)
    pay_idr_one_off_max: Mapped[float | None] = mapped_column(Float)
    pay_rate_source_id: Mapped[int | None] = mapped_column(ForeignKey("rate_sources.id"))
    """The rate that converted the pay to USD (pipelines.pay.NormalisedPay.rate_source)."""
    pay_idr_rate_source_id: Mapped[int | None] = mapped_column(ForeignKey("rate_sources.id"))
    """The rate that converted it on to IDR (NormalisedPay.idr_rate_source)."""
    derived_with: Mapped[str | None] = mapped_column(String(64))
    # One vacancy counted once (pipelines.dedupe); `pasarkerja dedupe` recomputes them.
    vacancy_key: Mapped[str | None] = mapped_column(String(255), index=True)
    description_minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("postings.id"), index=True)
    duplicate_similarity: Mapped[float | None] = mapped_column(Float)


class RateSource(Base):
    """The text naming an exchange rate pay was converted with, stored once: "platform", or a row of
    pipelines/data/exchange_rates.csv with its source and year. Rows are never deleted."""

    __tablename__ = "rate_sources"
    __table_args__ = (UniqueConstraint("text", name="uq_rate_sources_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class Skill(Base):
    """The skill taxonomy as of the last crawl or rederive (pipelines/skills/data/taxonomy.yaml)."""

    __tablename__ = "skills"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    group: Mapped[str] = mapped_column(String(64))
    occupation: Mapped[str] = mapped_column(String(32))
    esco_uri: Mapped[str | None] = mapped_column(Text)
    taxonomy_version: Mapped[str] = mapped_column(String(32))


class PostingSkill(Base):
    """A canonical skill found in a posting, and where: a platform tag, the title or the text."""

    __tablename__ = "posting_skills"

    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), primary_key=True)
    skill: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)
    source: Mapped[str] = mapped_column(String(8))
    matched: Mapped[str | None] = mapped_column(Text)


class Reject(Base):
    """A record or page that could not become a posting."""

    __tablename__ = "rejects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    source: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    snippet: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTC)


class PostingChange(Base):
    """A tracked field of a posting that a re-crawl saw change."""

    __tablename__ = "posting_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    changed_at: Mapped[datetime] = mapped_column(UTC)


class Clustering(Base):
    """One stored run of analysis.clusters.SkillClusters: its k, quality, and what it was fitted on."""

    __tablename__ = "clusterings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTC)
    name: Mapped[str] = mapped_column(Text)
    k: Mapped[int] = mapped_column(Integer)
    silhouette: Mapped[float | None] = mapped_column(Float)
    filters: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class PostingCluster(Base):
    """The cluster a clustering put a posting in (postings without skills have no row)."""

    __tablename__ = "posting_clusters"

    clustering_id: Mapped[int] = mapped_column(ForeignKey("clusterings.id", ondelete="CASCADE"), primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), primary_key=True)
    cluster: Mapped[int] = mapped_column(Integer)
    cluster_name: Mapped[str] = mapped_column(Text)


class Digest(Base):
    """One vacancy digest written (analysis.digest): what it was of, and when."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    created_at: Mapped[datetime] = mapped_column(UTC)
    curriculum: Mapped[str] = mapped_column(Text)
    since: Mapped[datetime] = mapped_column(UTC)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class DigestPosting(Base):
    """A vacancy a digest listed, by its first posting (one that is no one's duplicate)."""

    __tablename__ = "digest_postings"

    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"), primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), primary_key=True)
    track: Mapped[str] = mapped_column(Text)
    rank: Mapped[int] = mapped_column(Integer)


# What a column can hold, on SQLite as on PostgreSQL ----------------------------------------------------------

# NUL: PostgreSQL text and JSONB cannot hold it. A lone surrogate (from a JSON "\ud800" escape) has no UTF-8 form.
_UNSTORABLE_CHARACTER = re.compile("[\x00\ud800-\udfff]")
JSON_DEPTH = 254
"""Arrays and objects nested deeper than this cannot be written as JSON (orjson's limit)."""
_JSON_INTEGERS = (-(2**63), 2**64 - 1)  # what orjson writes as a number
# PostgreSQL's smallint, integer and bigint; a Python int bound to a float column must fit SQLite's 64-bit INTEGER.
_INTEGER_BITS = ((SmallInteger, 16), (BigInteger, 64), (Integer, 32))
_FLOAT_COLUMN_INTEGERS = (-(2**63), 2**63 - 1)


def unstorable_character(text: str) -> str | None:
    """What in ``text`` no database column can hold (a NUL, a lone surrogate), or None."""
    if text.isascii():  # the common case, without a regular expression
        return "a NUL character" if "\x00" in text else None
    found = _UNSTORABLE_CHARACTER.search(text)
    if found is None:
        return None
    return "a NUL character" if found.group() == "\x00" else f"a lone surrogate (U+{ord(found.group()):04X})"


def storable_text(value: Any, length: int | None = None) -> str | None:
    """``value`` as text any column can hold: NUL and lone surrogates written as ``\\uXXXX``, cut to ``length``.
    For what describes a reject (snippets, details), which must always be storable."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = _UNSTORABLE_CHARACTER.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text if length is None else text[:length]


class _Unstorable(Exception):
    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind, self.detail = kind, detail


def storable_json(value: Any) -> tuple[Any, tuple[str, str] | None]:
    """``value`` as JSON columns store it, and the (kind, detail) that stops that, or None.

    Integers beyond 64 bits become strings (the digits are kept); nesting deeper than JSON_DEPTH is ``too_deep``,
    a NUL or lone surrogate ``bad_text``. The common case costs one encoding, in C."""
    try:
        text = to_json(value)
    except TypeError:  # orjson's error: too deep, an integer beyond 64 bits, a lone surrogate
        try:
            value = _storable_tree(value, 0)
            text = to_json(value)
        except _Unstorable as problem:
            return value, (problem.kind, problem.detail)
        except TypeError as error:
            return value, ("bad_value", f"cannot be written as JSON ({error})")
    # orjson writes a NUL as \u0000; the rare literal backslash-u0000 is told apart by looking at the strings.
    if "\\u0000" in text:
        try:
            _storable_tree(value, 0)
        except _Unstorable as problem:
            return value, (problem.kind, problem.detail)
    return value, None


def _storable_tree(value: Any, depth: int) -> Any:
    """``value`` with integers beyond 64 bits as strings; raises _Unstorable for what cannot be stored."""
    if isinstance(value, str):
        if found := unstorable_character(value):
            raise _Unstorable("bad_text", f"holds {found}")
        return value
    if isinstance(value, dict | list | tuple):
        if depth >= JSON_DEPTH:
            raise _Unstorable("too_deep", f"is nested deeper than {JSON_DEPTH} levels")
        if isinstance(value, dict):
            return {_storable_key(key): _storable_tree(item, depth + 1) for key, item in value.items()}
        return [_storable_tree(item, depth + 1) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and not _JSON_INTEGERS[0] <= value <= _JSON_INTEGERS[1]:
        try:
            return str(value)
        except ValueError:  # beyond Python's own limit on digits (sys.get_int_max_str_digits)
            raise _Unstorable("bad_value", f"holds a {value.bit_length()}-bit integer") from None
    return value


def _storable_key(key: Any) -> Any:
    if key is None or isinstance(key, str | int | float):
        return _storable_tree(key, 0)  # text checked, an integer beyond 64 bits as its digits
    return str(key)  # a key JSON has no form for, as orjson's default=str writes values


def number_range(kind) -> tuple[int, int] | None:
    """The integers a column of type ``kind`` holds; None for a column that is no number."""
    for integer_type, bits in _INTEGER_BITS:
        if isinstance(kind, integer_type):
            return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    return _FLOAT_COLUMN_INTEGERS if isinstance(kind, Float) else None
