"""A first look at the store: postings per source and the newest postings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from analysis.formats import counted
from pipelines.db.models import CrawlRun, Posting


@dataclass
class SourceCount:
    source: str
    postings: int
    repeats: int
    """Postings that repeat a vacancy first seen earlier (pipelines/dedupe.py), here or on another platform."""
    last_crawl: datetime | None


def postings_per_source(engine: Engine) -> list[SourceCount]:
    last_crawl = (
        select(CrawlRun.spider, func.max(CrawlRun.finished_at).label("finished_at")).group_by(CrawlRun.spider).subquery()
    )
    query = (
        select(Posting.source, func.count(Posting.id), func.count(Posting.duplicate_of), last_crawl.c.finished_at)
        .join(last_crawl, last_crawl.c.spider == Posting.source, isouter=True)
        .group_by(Posting.source, last_crawl.c.finished_at)
        .order_by(func.count(Posting.id).desc(), Posting.source)
    )
    with engine.connect() as connection:
        return [SourceCount(*row) for row in connection.execute(query)]


def newest_postings(engine: Engine, limit: int = 10) -> list:
    query = (
        select(Posting.posted_at, Posting.source, Posting.title, Posting.company)
        .where(Posting.posted_at.is_not(None))
        .order_by(Posting.posted_at.desc(), Posting.id.desc())
        .limit(limit)
    )
    with engine.connect() as connection:
        return list(connection.execute(query))


def render(engine: Engine, newest: int = 10) -> str:
    """The summary as plain text for a terminal."""
    counts = postings_per_source(engine)
    lines = ["Postings per source (repeats: the same vacancy seen earlier, here or on another platform)", ""]
    lines.append(f"  {'':<16} {'postings':>8} {'repeats':>8}")
    lines += [f"  {row.source:<16} {row.postings:>8} {row.repeats:>8}" for row in counts]
    postings, repeats = sum(row.postings for row in counts), sum(row.repeats for row in counts)
    lines += [
        f"  {'total':<16} {postings:>8} {repeats:>8}",
        f"  {counted(postings - repeats, 'distinct vacancy', 'distinct vacancies')}",
        "",
        f"Newest {counted(newest, 'posting')}",
        "",
    ]
    for row in newest_postings(engine, newest):
        title = row.title if len(row.title) <= 60 else row.title[:57] + "..."
        lines.append(f"  {row.posted_at:%Y-%m-%d %H:%M}  {row.source:<15} {title}" + (f" ({row.company})" if row.company else ""))
    return "\n".join(lines)
