"""SQLAlchemy models of the store. Table and column names are a public interface (docs/schema.md).

A change here needs a new migration in ``pipelines/db/migrations/versions``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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
    """Whether the crawl could see every posting of its platform (pipelines/incremental.py)."""
    stopped_at_known_pages: Mapped[bool | None] = mapped_column(Boolean)
    """Whether it stopped paging at pages stored already (pipelines/incremental.py)."""
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
    """When complete crawls stopped seeing it (pipelines/incremental.py); NULL while open."""
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
    pay_rate_source: Mapped[str | None] = mapped_column(Text)
    pay_idr_rate_source: Mapped[str | None] = mapped_column(Text)
    derived_with: Mapped[str | None] = mapped_column(String(64))
    # One vacancy counted once (pipelines.dedupe); `pasarkerja dedupe` recomputes them.
    vacancy_key: Mapped[str | None] = mapped_column(String(255), index=True)
    description_minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("postings.id"), index=True)
    duplicate_similarity: Mapped[float | None] = mapped_column(Float)


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
