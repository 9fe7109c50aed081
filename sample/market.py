"""A synthetic labour market: invented postings shaped like real ones, for the demo and the benchmarks.

**Everything here is synthetic.** Titles, companies, clients, descriptions, pay and dates are generated
from the market's tables and a seed; nothing is copied from a platform and no figure is real market
data. The structure is what the analyses need to show something: job kinds with coherent skill bundles
from the project taxonomy, Zipf-like skill popularity (a few skills in most postings, a long tail of rare
ones), weekly seasonality, and kinds that grow or shrink over the weeks, so that demand, trend and index
charts move.

Two boards are simulated, each as the platform whose format the demo serves it in (sample/synthetic.py):

- ``freelancer``: international freelance projects in English, posted by clients in many countries, all
  remote, with budgets in the client's currency, fixed price (a project budget) or hourly;
- ``kalibrr``: Indonesian jobs in Indonesian, in Indonesian cities, some from home, monthly pay in rupiah
  (shown on about two thirds of them, as Indonesian boards go).

Pay follows what real postings show, measured in the captures of ``../shared/realdata`` (figures only, never their
texts; sample/README.md lists them): a city's salaries scale with its minimum wage (UMK), clerical, sales and service
jobs start at about 0.9 times it and programming at 1.3 to 1.4 times, so that about a third of the salaries shown fall
below the local UMK (the captures: 5 of 9); freelance budgets fall in Freelancer's own fixed-price and hourly brackets,
fixed-price web projects mostly from $30-250 or $250-750 as in its capture. The postings themselves stay invented.

``market_records`` yields one ``MarketPosting`` at a time, with text, for serving through the real
spiders; ``market_posting_set`` builds the same market straight into an ``analysis.data.PostingSet``,
vectorised, for benchmarks of a million postings. For one seed, end date and size both describe the same
postings.

The market's parts, each in its module of sample/:

- market_kinds.py: the job kinds (skill bundles, words, pay, shares, trends), a table;
- market_tables.py: the other figures: boards and ids, skills per posting, pay, weekdays, places, clients, currencies;
- market_draw.py: the draw of every figure of every posting, as arrays, from a seed;
- market_text.py: names, titles, page addresses and descriptions;
- market_posting_set.py: the market as a PostingSet;
- this module: the postings one at a time (``market_records``), their reposts, and the names other code imports.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import numpy as np

from sample.market_draw import draw_market, platform_rates, skill_names
from sample.market_kinds import KINDS
from sample.market_posting_set import market_posting_set
from sample.market_tables import (
    APPLICATION_DAYS,
    BID_DAYS,
    BOARDS,
    CITIES,
    CLIENT_COUNTRIES,
    CURRENCIES,
    CURRENCY_SIGNS,
    EMPLOYMENT_TYPES,
    FIRST_CLIENT_ID,
    FIRST_JOB_ID,
    FIRST_PROJECT_ID,
    FIRST_REPOST_ID,
    FREELANCER,
    KALIBRR,
    KALIBRR_TENURES,
)
from sample.market_text import (
    WRITTEN_AS,
    description_en,
    description_id,
    freelancer_seo_url,
    kalibrr_company_code,
    posting_company,
    posting_title,
    posting_url,
    slug,
    written_skill,
)

# What the demo, the synthetic server, the tests and the benchmarks import from here.
__all__ = [
    "BOARDS",
    "CITIES",
    "CLIENT_COUNTRIES",
    "CURRENCY_SIGNS",
    "EMPLOYMENT_TYPES",
    "FIRST_CLIENT_ID",
    "FIRST_REPOST_ID",
    "KALIBRR_TENURES",
    "KINDS",
    "WRITTEN_AS",
    "MarketPosting",
    "freelancer_seo_url",
    "kalibrr_company_code",
    "market_posting_set",
    "market_records",
    "reposts",
    "slug",
]


@dataclass(frozen=True)
class MarketPosting:
    """One synthetic posting, as its board shows it. Invented from end to end."""

    id: int
    """Number of the posting in its market, from 0."""
    platform: str
    """Board: ``freelancer`` or ``kalibrr`` (the format it is served in, and the store's source)."""
    source_id: str
    """The posting's id on its platform."""
    url: str
    """Its public page, as the platform's extractor builds it."""
    kind: str
    occupation: str
    title: str
    company: str
    """Employer (Indonesian board) or the client's display name (freelance)."""
    employer_id: int
    description: str
    """Plain text, one sentence or bullet a line; English on freelancer, Indonesian on kalibrr."""
    skills: tuple[str, ...]
    """Canonical taxonomy skills the posting asks for, all mentioned in the description; the kind's first."""
    tags: tuple[str, ...]
    """The skills the board lists as tags (a subset of ``skills``; possibly none on kalibrr)."""
    category: str
    posted_at: datetime
    valid_through: datetime
    country: str
    """ISO code of the employer's country (freelance: the client's; the work itself is remote)."""
    city: str | None
    remote: bool
    employment_type: str
    pay_min: float | None
    pay_max: float | None
    pay_currency: str | None
    pay_period: str | None
    """``month`` (kalibrr), ``hour`` or ``project`` (freelancer); None when the pay is not shown."""
    pay_usd_rate: float | None
    """US dollars per unit of ``pay_currency`` as the platform states it (freelancer only)."""


# Postings one at a time, with text ----------------------------------------------------------------------


def market_records(n: int, seed: int = 0, end: date | None = None, weeks: int = 26) -> Iterator[MarketPosting]:
    """``n`` synthetic postings over the ``weeks`` weeks ending on ``end`` (default: today, UTC).

    The same arguments give the same postings (for a market ending today, the same until the clock passes one
    of today's: none is dated later than now). About half are freelance projects, half Indonesian jobs.
    """
    market = draw_market(n, seed, end, weeks)
    names = skill_names()
    rates = platform_rates()
    writer = random.Random(f"pasarkerja-market-{seed}")  # the words only; every figure comes from the market
    for number in range(n):
        board, kind = int(market.board[number]), KINDS[market.kind[number]]
        skills = tuple(names[column] for column in market.skills[number] if column >= 0)
        title = posting_title(kind, board, int(market.title[number]), skills[0])
        employer = int(market.employer[number])
        company = posting_company(board, kind.employer_kinds, employer)
        source_id = _source_id(board, number)
        posted_at = market.posted[number].astype(datetime).replace(tzinfo=timezone.utc)
        city = CITIES[market.place[number]][0] if board == KALIBRR else None
        written = [written_skill(name, writer) for name in skills]
        if board == KALIBRR:
            valid_through = datetime.combine(posted_at.date() + timedelta(days=APPLICATION_DAYS), time(16, 59, 59), timezone.utc)
            description = description_id(kind, written, company, city, bool(market.remote[number]), writer)
            # Many Kalibrr jobs list no skills at all; the others list a few.
            tags = skills[: writer.randint(1, 5)] if writer.random() < 0.6 else ()
            period = "month" if not np.isnan(market.pay_min[number]) else None
        else:
            valid_through = posted_at + timedelta(days=BID_DAYS)
            description = description_en(kind, written, writer)
            tags = skills[:5]
            period = "hour" if market.hourly[number] else "project"
        currency = CURRENCIES[market.currency[number]] if period else None
        yield MarketPosting(
            id=number,
            platform=BOARDS[board],
            source_id=str(source_id),
            url=posting_url(board, source_id, title, company),
            kind=kind.key,
            occupation=kind.occupation,
            title=title,
            company=company,
            employer_id=employer,
            description=description,
            skills=skills,
            tags=tags,
            category=kind.kalibrr_function if board == KALIBRR else kind.freelancer_category,
            posted_at=posted_at,
            valid_through=valid_through,
            country="ID" if board == KALIBRR else CLIENT_COUNTRIES[market.place[number]][0],
            city=city,
            remote=bool(market.remote[number]),
            employment_type=EMPLOYMENT_TYPES[market.employment[number]],
            pay_min=None if period is None else float(market.pay_min[number]),
            pay_max=None if period is None else float(market.pay_max[number]),
            pay_currency=currency,
            pay_period=period,
            pay_usd_rate=float(rates[market.currency[number]]) if board == FREELANCER else None,
        )


def reposts(
    postings: Sequence[MarketPosting], share: float = 0.04, seed: int = 0, now: datetime | None = None
) -> list[MarketPosting]:
    """The same job posted again under a new id, as employers do when a vacancy stays open: a ``share`` of the
    Indonesian jobs (kalibrr) drawn, each again 5 to 20 days after it first appeared (those that would be reposted
    after ``now`` are not), with the same title, employer and text. For the demo, where each vacancy must still
    count once."""
    now = now or datetime.now(timezone.utc)
    chooser = random.Random(f"pasarkerja-reposts-{seed}")
    jobs = [posting for posting in postings if posting.platform == "kalibrr"]
    chosen = sorted(chooser.sample(jobs, round(len(jobs) * share)), key=lambda posting: posting.id)
    again = []
    for posting in chosen:
        posted_at = posting.posted_at + timedelta(days=chooser.randint(5, 20))
        if posted_at > now:
            continue
        source_id = FIRST_REPOST_ID + len(again)
        again.append(
            replace(
                posting,
                source_id=str(source_id),
                url=posting_url(KALIBRR, source_id, posting.title, posting.company),
                posted_at=posted_at,
                valid_through=datetime.combine(
                    posted_at.date() + timedelta(days=APPLICATION_DAYS), time(16, 59, 59), timezone.utc
                ),
            )
        )
    return again


def _source_id(board: int, number: int) -> int:
    return (FIRST_JOB_ID if board == KALIBRR else FIRST_PROJECT_ID) + number
