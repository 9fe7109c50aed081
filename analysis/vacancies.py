"""Vacancies as people read them: one per distinct job, whichever platforms it is on, for digests and matching.

A vacancy is a posting that repeats no earlier one (``postings.duplicate_of`` IS NULL, pipelines/dedupe.py) together
with the postings that repeat it: the same job on other platforms, or reposted. ``load_vacancies`` reads the
vacancies that had a posting first seen in a time window and are still open, each shown through its most recently
seen posting (its link is the one most likely to work), with the other platforms' links beside it and the skills of
all its postings.

``vacancy_within_reach`` tells whether someone living in a region can take a vacancy, by the one rule of
analysis/reach.py: remote and open to Indonesia, or on site in their regency or province.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, func, select

from analysis.reach import within_reach
from pipelines.db.engine import as_utc
from pipelines.db.models import Posting, PostingSkill
from pipelines.pay import UNIT_OF_KIND

# A posting's skills arrive joined by the ASCII unit separator, which no skill name holds.
_SKILL_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Vacancy:
    """One job, as its most recently seen posting shows it."""

    id: int
    """The id of the vacancy's first posting (``postings.id``): the same whichever posting shows it."""
    title: str
    company: str | None
    """The hiring company, or the client on freelance platforms."""
    source: str
    """The platform of the posting shown (a spider name)."""
    url: str
    also_on: tuple[tuple[str, str], ...]
    """(platform, URL) of the vacancy's postings on other platforms, one per platform, most recently seen first."""
    posted_at: datetime | None
    """When the platform published the posting shown (UTC)."""
    first_seen_at: datetime
    """When pasarkerja first saw any of the vacancy's postings (UTC)."""
    last_seen_at: datetime
    """When pasarkerja last saw any of them (UTC)."""
    valid_through: datetime | None
    """Closing date, when the platform gives one (UTC)."""
    remote: bool | None
    location: str | None
    country: str | None
    employment_type: str | None
    pay_kind: str | None
    """``salaried``, ``hourly`` or ``project`` (pipelines.pay.pay_kind), or None without usable pay."""
    pay_idr_min: float | None
    pay_idr_max: float | None
    """The pay in rupiah per the kind's own unit: a salary a month (a day, week or year rate converted by
    pipelines.pay.SalaryConversion), an hourly rate an hour, a fixed-price budget a project."""
    pay_min: float | None
    pay_max: float | None
    pay_currency: str | None
    pay_period: str | None
    pay_text: str | None
    """Pay as the platform states it: the numbers in its currency and period, and its own text when it has one."""
    skills: tuple[str, ...]
    """Canonical skills asked for by any of the vacancy's postings, sorted."""

    @property
    def pay_idr(self) -> float | None:
        """The middle of the pay range in rupiah per the kind's unit, or None."""
        return _middle(self.pay_idr_min, self.pay_idr_max)

    @property
    def pay_idr_per(self) -> str | None:
        """The period of ``pay_idr_min``/``pay_idr_max``: "month", "hour" or "project"; None without pay."""
        return UNIT_OF_KIND.get(self.pay_kind)

    @property
    def pay_idr_month(self) -> float | None:
        """The middle of a salary's monthly range in rupiah; None for hourly or project pay, never stretched to a
        month."""
        return self.pay_idr if self.pay_kind == "salaried" else None

    @property
    def appeared_at(self) -> datetime:
        """When the vacancy appeared: the platform's date, else when pasarkerja first saw it."""
        return self.posted_at or self.first_seen_at


def _middle(low: float | None, high: float | None) -> float | None:
    if low is None and high is None:
        return None
    return ((low if low is not None else high) + (high if high is not None else low)) / 2


_COLUMNS = (
    "id", "duplicate_of", "title", "company", "source", "url", "posted_at", "first_seen_at", "last_seen_at",
    "valid_through", "remote", "location", "country", "employment_type", "pay_kind", "pay_idr_month_min",
    "pay_idr_month_max", "pay_idr_hour_min", "pay_idr_hour_max", "pay_idr_one_off_min", "pay_idr_one_off_max", "pay_min", "pay_max", "pay_currency", "pay_period", "pay_text",
)  # fmt: skip


def load_vacancies(
    engine: Engine,
    first_seen_since: datetime,
    *,
    posted_since: datetime | None = None,
    open_on: datetime | None = None,
    sources: Sequence[str] = (),
) -> list[Vacancy]:
    """The vacancies one of whose postings was first seen at or after ``first_seen_since``, oldest first.

    ``posted_since`` leaves out vacancies that appeared (``Vacancy.appeared_at``) before it: a platform crawled for
    the first time brings old postings that are new only to pasarkerja. ``open_on`` (default: now) leaves out
    vacancies whose closing date has passed. ``sources`` keeps vacancies with a posting on one of those platforms.
    """
    table = Posting.__table__
    open_on = open_on or datetime.now(timezone.utc)
    vacancy = func.coalesce(table.c.duplicate_of, table.c.id)
    fresh = select(vacancy).where(table.c.first_seen_at >= first_seen_since)
    if sources:
        fresh = fresh.where(table.c.source.in_(sources))
    skills = (
        select(func.aggregate_strings(PostingSkill.skill, _SKILL_SEPARATOR))
        .where(PostingSkill.posting_id == table.c.id)
        .scalar_subquery()
    )
    query = select(*(table.c[name] for name in _COLUMNS), skills.label("skills")).where(vacancy.in_(fresh.distinct()))
    groups: dict[int, list] = defaultdict(list)
    with engine.connect() as connection:
        for row in connection.execute(query):
            groups[row.duplicate_of or row.id].append(row)
    vacancies = [_vacancy(vacancy_id, rows) for vacancy_id, rows in groups.items()]
    return sorted(
        (
            found
            for found in vacancies
            if (posted_since is None or found.appeared_at >= as_utc(posted_since))
            and (found.valid_through is None or found.valid_through >= as_utc(open_on))
        ),
        key=lambda found: (found.first_seen_at, found.id),
    )


def _vacancy(vacancy_id: int, rows: Iterable) -> Vacancy:
    """A vacancy from its postings' rows: shown through the most recently seen, pay from the first that has some."""
    rows = sorted(rows, key=lambda row: (as_utc(row.last_seen_at), row.id), reverse=True)
    shown = rows[0]
    paid = next((row for row in rows if row.pay_kind), None) or next(
        (row for row in rows if row.pay_min or row.pay_max), shown
    )
    pay_idr_min, pay_idr_max = _rupiah_of_kind(paid)
    elsewhere: dict[str, str] = {}
    for row in rows[1:]:
        if row.source != shown.source:
            elsewhere.setdefault(row.source, row.url)
    skills = {skill for row in rows if row.skills for skill in row.skills.split(_SKILL_SEPARATOR)}
    return Vacancy(
        id=vacancy_id,
        title=shown.title,
        company=shown.company or next((row.company for row in rows if row.company), None),
        source=shown.source,
        url=shown.url,
        also_on=tuple(elsewhere.items()),
        posted_at=as_utc(shown.posted_at),
        first_seen_at=min(as_utc(row.first_seen_at) for row in rows),
        last_seen_at=as_utc(shown.last_seen_at),
        valid_through=as_utc(shown.valid_through),
        remote=shown.remote,
        location=shown.location or next((row.location for row in rows if row.location), None),
        country=shown.country,
        employment_type=shown.employment_type,
        pay_kind=paid.pay_kind,
        pay_idr_min=pay_idr_min,
        pay_idr_max=pay_idr_max,
        pay_min=paid.pay_min,
        pay_max=paid.pay_max,
        pay_currency=paid.pay_currency,
        pay_period=paid.pay_period,
        pay_text=paid.pay_text,
        skills=tuple(sorted(skills)),
    )


def _rupiah_of_kind(row) -> tuple[float | None, float | None]:
    """A posting row's rupiah bounds in the columns of its pay kind (month, hour or one-off)."""
    unit = {"salaried": "month", "hourly": "hour", "project": "one_off"}.get(row.pay_kind)
    if unit is None:
        return None, None
    return getattr(row, f"pay_idr_{unit}_min"), getattr(row, f"pay_idr_{unit}_max")


def vacancy_within_reach(vacancy: Vacancy, places: Sequence[frozenset[str]], remote_ok: bool) -> bool:
    """``analysis.reach.within_reach`` of the vacancy."""
    return within_reach(vacancy.remote, vacancy.location, vacancy.country, places, remote_ok)
