"""Vacancy digests: what a community passes on to its students and alumni, new since the last time.

``build_digest`` picks the vacancies (analysis/vacancies.py: each job once, whichever platforms it is on) that
appeared since the last digest of the same name, match a track of the curriculum, and were not in an earlier digest
of that name; ranks them; and groups them by track. ``record_digest`` remembers what a digest listed (tables
``digests`` and ``digest_postings``), so the next one lists only what is new. analysis/digest_formats.py writes a
digest as Markdown, WhatsApp messages, HTML, RSS or JSON.

Matching. A vacancy matches a track when the track teaches at least ``min_match`` (default half) of the skills the
vacancy asks for; its **match** is that share, and it goes under the track it matches best (the first such track
of the curriculum on a tie), so that each vacancy appears once. Within a track, entries are ranked by match, then
a salary's monthly pay in rupiah, then the newest first. Hourly and project pay cannot be compared with a month, so
they rank with unstated pay, after the salaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, func, insert, select

from analysis.curriculum import Curriculum, Track
from analysis.reach import places_of
from analysis.untrusted import finite_number
from analysis.vacancies import Vacancy, load_vacancies, vacancy_within_reach
from analysis.yardsticks import load_yardsticks
from pipelines.db.engine import as_utc
from pipelines.db.models import Digest as DigestRow
from pipelines.db.models import DigestPosting

LANGUAGES = ("id", "en")
# The first digest of a name looks back this far; later ones from the previous digest on.
FIRST_LOOK_BACK = timedelta(days=7)


@dataclass(frozen=True)
class DigestEntry:
    """One vacancy in a digest."""

    vacancy: Vacancy
    track: str
    match: float
    """The share of the vacancy's skills the track teaches, 0 to 1."""
    taught: tuple[str, ...]
    """The vacancy's skills the track teaches."""

    @property
    def to_learn(self) -> tuple[str, ...]:
        """The vacancy's skills the track does not teach."""
        return tuple(skill for skill in self.vacancy.skills if skill not in self.taught)


@dataclass(frozen=True)
class Digest:
    """A digest: its entries by track, in the curriculum's order, and what it covers."""

    name: str
    curriculum: str
    """The curriculum's name."""
    created_at: datetime
    since: datetime
    """Vacancies first seen from this moment on were considered."""
    previous: datetime | None
    """When the last digest of this name was made; None for the first."""
    tracks: tuple[tuple[str, tuple[DigestEntry, ...]], ...]
    """(track name, its entries, ranked) for every track considered, entries or not."""
    left_out: int = 0
    """Matching vacancies beyond the per-track limit, left for no later digest (they were not new any more)."""
    parameters: dict = field(default_factory=dict)

    @property
    def entries(self) -> list[DigestEntry]:
        return [entry for _, entries in self.tracks for entry in entries]


def best_track(vacancy: Vacancy, tracks: Sequence[Track], min_match: float) -> DigestEntry | None:
    """The entry of ``vacancy`` under the track that teaches the largest share of its skills, if that share is at
    least ``min_match``; None for a vacancy without skills or matching no track."""
    if not vacancy.skills:
        return None
    best = None
    for track in tracks:
        taught = tuple(skill for skill in vacancy.skills if skill in track.skills)
        share = len(taught) / len(vacancy.skills)
        if taught and share >= min_match and (best is None or share > best.match):
            best = DigestEntry(vacancy=vacancy, track=track.name, match=share, taught=taught)
    return best


def rank_key(entry: DigestEntry) -> tuple:
    """Strongest match first, then the best monthly salary, then the newest, then the first seen. Hourly and project
    pay rank with unstated pay, after the salaries: neither can be compared with a month (``Vacancy.pay_idr_month``).
    So does a non-finite salary, which the digest shows as not stated."""
    pay = finite_number(entry.vacancy.pay_idr_month)
    return (-entry.match, pay is None, -(pay or 0), -entry.vacancy.appeared_at.timestamp(), entry.vacancy.id)


def previous_digest(engine: Engine, name: str) -> datetime | None:
    """When the last digest called ``name`` was made, or None."""
    with engine.connect() as connection:
        moment = connection.execute(select(func.max(DigestRow.created_at)).where(DigestRow.name == name)).scalar()
    return as_utc(moment)


def listed_before(engine: Engine, name: str) -> set[int]:
    """The vacancies (first posting ids) earlier digests called ``name`` listed."""
    with engine.connect() as connection:
        return set(
            connection.execute(
                select(DigestPosting.posting_id).join(DigestRow).where(DigestRow.name == name)
            ).scalars()
        )


def build_digest(
    engine: Engine,
    curriculum: Curriculum,
    name: str,
    *,
    track: str | None = None,
    since: datetime | None = None,
    max_age: timedelta = timedelta(days=30),
    min_match: float = 0.5,
    limit: int = 10,
    sources: Sequence[str] = (),
    near: bool = False,
    now: datetime | None = None,
) -> Digest:
    """The digest ``name`` of ``curriculum`` (or of its ``track`` alone) as it would be made ``now``.

    ``since`` (default: the last digest of this name, or a week ago for the first) bounds when a vacancy's posting
    was first seen; ``max_age`` leaves out vacancies that appeared longer ago than that, however new to pasarkerja;
    ``limit`` is the most entries per track; ``near`` keeps only vacancies within reach of the curriculum's place
    (its regency or province, or remote: analysis.reach.within_reach). Raises ValueError for a track the
    curriculum lacks.
    """
    now = now or datetime.now(timezone.utc)
    tracks = _tracks(curriculum, track)
    previous = previous_digest(engine, name)
    since = since or previous or now - FIRST_LOOK_BACK
    sent = listed_before(engine, name)
    vacancies = load_vacancies(engine, since, posted_since=now - max_age, open_on=now, sources=sources)
    if near:
        places = places_of(curriculum.place, load_yardsticks())
        vacancies = [vacancy for vacancy in vacancies if vacancy_within_reach(vacancy, places, remote_ok=True)]
    matched = [
        entry
        for vacancy in vacancies
        if vacancy.id not in sent and (entry := best_track(vacancy, tracks, min_match)) is not None
    ]
    by_track = {track.name: sorted((e for e in matched if e.track == track.name), key=rank_key) for track in tracks}
    return Digest(
        name=name,
        curriculum=curriculum.name,
        created_at=now,
        since=since,
        previous=previous,
        tracks=tuple((track_name, tuple(entries[:limit])) for track_name, entries in by_track.items()),
        left_out=sum(max(0, len(entries) - limit) for entries in by_track.values()),
        parameters={
            "track": track,
            "max_age_days": max_age.days,
            "min_match": min_match,
            "limit": limit,
            "sources": list(sources),
            "near": near,
        },
    )


def record_digest(engine: Engine, digest: Digest) -> int:
    """Remember ``digest`` and the vacancies it listed; returns its id. Done after its file is written, so a digest
    that could not be written does not count as sent."""
    with engine.begin() as connection:
        digest_id = connection.execute(
            insert(DigestRow)
            .values(
                name=digest.name,
                created_at=digest.created_at,
                curriculum=digest.curriculum,
                since=digest.since,
                parameters=digest.parameters,
            )
            .returning(DigestRow.id)
        ).scalar_one()
        rows = [
            {"digest_id": digest_id, "posting_id": entry.vacancy.id, "track": track_name, "rank": rank}
            for track_name, entries in digest.tracks
            for rank, entry in enumerate(entries, start=1)
        ]
        if rows:
            connection.execute(insert(DigestPosting), rows)
    return digest_id


def _tracks(curriculum: Curriculum, track: str | None) -> tuple[Track, ...]:
    if track is None:
        return curriculum.tracks
    chosen = [candidate for candidate in curriculum.tracks if candidate.name.casefold() == track.strip().casefold()]
    if not chosen:
        names = ", ".join(f'"{candidate.name}"' for candidate in curriculum.tracks)
        raise ValueError(f'{curriculum.name} has no track "{track}"; its tracks are {names}')
    return tuple(chosen)
