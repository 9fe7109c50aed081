"""Skill questions asked of the store."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Engine, select

from pipelines.db.models import Posting


def unmapped_tags(engine: Engine, top: int = 30) -> list[tuple[str, int, list[str]]]:
    """The platform tags that map to no skill, most frequent first: (tag, postings, sources)."""
    counts: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    query = select(Posting.source, Posting.unmapped_tags).where(Posting.unmapped_tags.is_not(None))
    with engine.connect() as connection:
        for source, tags in connection.execute(query):
            for tag in set(tags or []):
                counts[tag] += 1
                sources[tag].add(source)
    return [(tag, count, sorted(sources[tag])) for tag, count in counts.most_common(top)]
