"""How the synthetic labour market (sample/market.py) is drawn: every figure of every posting, as arrays.

One seeded random generator draws, in a fixed order, each posting's board, kind, date, skills, title, employer, place,
terms and pay from the tables (sample/market_kinds.py, sample/market_tables.py); ``market_records`` writes the postings'
text from these arrays and ``market_posting_set`` builds a PostingSet from them, so both give the same postings.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import numpy as np

from pipelines.pay import load_rates
from pipelines.skills.taxonomy import OCCUPATIONS, load_taxonomy
from sample.market_kinds import KINDS
from sample.market_tables import (
    BALI_WEIGHT,
    BOARD_SHARES,
    BOARDS,
    CITIES,
    CLIENT_COUNTRIES,
    CURRENCIES,
    EMPLOYMENT_TYPES,
    EXTRA_SKILL_CHANCE,
    EXTRA_SKILL_TRIALS,
    FREELANCER,
    GENERIC_SKILL_CHANCE,
    GENERIC_SKILLS,
    HOURLY_BRACKETS,
    JAKARTA_MINIMUM_WAGE,
    KALIBRR,
    MAX_SKILLS,
    N_CLIENTS,
    N_COMPANIES,
    PART_TIME_PAY,
    PAY_SHOWN_SHARE,
    PROJECT_BRACKETS,
    RUPIAH_STEP,
    SALARY_SPREAD,
    TAIL_IN_CLASS_SHARE,
    TAIL_ORDER_SEED,
    TAIL_SKILL_CHANCE,
    WEEKDAY_WEIGHTS,
)


@dataclass
class Market:
    """One synthetic market, a row per posting; ``market_records`` and ``market_posting_set`` read it."""

    board: np.ndarray  # index into BOARDS
    kind: np.ndarray  # index into KINDS
    posted: np.ndarray  # datetime64[s], UTC
    skills: np.ndarray  # (n, MAX_SKILLS) columns of skill_names(); the kind's skills first, most asked first; -1 pads
    title: np.ndarray  # index into the kind's titles for the board
    employer: np.ndarray  # company number (kalibrr) or client number (freelancer)
    place: np.ndarray  # index into CITIES (kalibrr) or CLIENT_COUNTRIES (freelancer)
    remote: np.ndarray
    employment: np.ndarray  # index into EMPLOYMENT_TYPES
    hourly: np.ndarray  # freelance: paid by the hour rather than a fixed price
    pay_min: np.ndarray  # in `currency`, NaN when not shown
    pay_max: np.ndarray
    currency: np.ndarray  # index into CURRENCIES


def draw_market(n: int, seed: int, end: date | None, weeks: int) -> Market:
    """``n`` postings over the ``weeks`` weeks ending on ``end`` (default: today, UTC), drawn from ``seed``.

    Each step draws from the one generator in turn, so the same arguments give the same market; the order of the
    steps is part of the market (drawing in another order gives other postings for every seed).
    """
    if n < 0 or weeks < 1:
        raise ValueError(f"need n >= 0 and weeks >= 1, got n={n}, weeks={weeks}")
    end = end or datetime.now(timezone.utc).date()
    days = 7 * weeks
    start = end - timedelta(days=days - 1)
    rng = np.random.default_rng(seed)

    board = _weighted_choice(rng, BOARD_SHARES, n)
    kind = _draw_kinds(rng, board)
    on_kalibrr = board == KALIBRR
    posted = _draw_posted(rng, board, kind, start, days)
    skills = _draw_skills(rng, board, kind)
    title_counts = np.array([[len(k.titles_en), len(k.titles_id)] for k in KINDS])[kind, board]
    title = (rng.random(n) * title_counts).astype(np.int64)
    employer, client_country, city = _draw_employers(rng, on_kalibrr, kind)
    remote, employment = _draw_terms(rng, on_kalibrr, kind)
    salary_min, salary_max = _draw_salaries(rng, kind, city, employment)
    hourly, currency, budget = _draw_budgets(rng, on_kalibrr, kind, client_country)
    return Market(
        board=board,
        kind=kind,
        posted=posted,
        skills=skills,
        title=title,
        employer=employer,
        place=np.where(on_kalibrr, city, client_country),
        remote=remote,
        employment=employment,
        hourly=hourly,
        pay_min=np.where(on_kalibrr, salary_min, budget[:, 0]),
        pay_max=np.where(on_kalibrr, salary_max, budget[:, 1]),
        currency=currency,
    )


def _draw_kinds(rng: np.random.Generator, board: np.ndarray) -> np.ndarray:
    """Each posting's kind (index into KINDS), by the kinds' weights on its board."""
    kind = np.empty(board.size, dtype=np.int64)
    for number in range(len(BOARDS)):
        rows = np.flatnonzero(board == number)
        kind[rows] = _weighted_choice(rng, [k.weight[number] for k in KINDS], rows.size)
    return kind


def _draw_posted(rng: np.random.Generator, board: np.ndarray, kind: np.ndarray, start: date, days: int) -> np.ndarray:
    """When each posting appeared (datetime64[s], UTC): its day of the window, then its time of day."""
    n = board.size
    growth = np.array([k.growth for k in KINDS])[kind]
    day = _draw_days(rng, growth, board, start, days)
    # Indonesian employers post in office hours (07:00-19:00 WIB is 00:00-12:00 UTC); clients around the clock.
    office_hour = np.clip(rng.normal(3.0, 2.0, n), 0, 11.99)
    seconds = np.where(board == KALIBRR, office_hour * 3600, rng.random(n) * 86_400).astype(np.int64)
    posted = np.datetime64(start, "s") + day.astype("timedelta64[D]") + seconds.astype("timedelta64[s]")
    # A market ending today has no postings later than now: those move back a day.
    now = np.datetime64(datetime.now(timezone.utc).replace(tzinfo=None), "s")
    return np.where(posted > now, posted - np.timedelta64(1, "D"), posted)


def _draw_days(rng: np.random.Generator, growth: np.ndarray, board: np.ndarray, start: date, days: int) -> np.ndarray:
    """Day of the window (0 = start) of each posting: exponential trend by kind, then weekday seasonality."""
    day = np.empty(growth.size, dtype=np.int64)
    pending = np.arange(growth.size)
    weekday_weights = np.array([WEEKDAY_WEIGHTS[FREELANCER], WEEKDAY_WEIGHTS[KALIBRR]])
    weekday_weights /= weekday_weights.max()
    while pending.size:
        # Inverse of the CDF of a density proportional to exp(g x) on [0, 1).
        g, u = growth[pending], rng.random(pending.size)
        safe_g = np.where(g == 0, 1.0, g)
        x = np.where(g == 0, u, np.log1p(u * np.expm1(safe_g)) / safe_g)
        candidate = np.minimum((x * days).astype(np.int64), days - 1)
        # Keep a day with probability its weekday's weight (thinning), draw again for the others.
        weekday = (start.weekday() + candidate) % 7
        kept = rng.random(pending.size) < weekday_weights[board[pending], weekday]
        day[pending[kept]] = candidate[kept]
        pending = pending[~kept]
    return day


def _draw_skills(rng: np.random.Generator, board: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """(n, MAX_SKILLS) skill columns: a weighted sample without replacement from the kind's bundle (in the
    bundle's order, core skills first), then now and then a generic skill and a tail skill; -1 pads."""
    n = kind.size
    pools, pool_weights = _skill_pools()
    column = {name: number for number, name in enumerate(skill_names())}
    wanted = 2 + rng.binomial(EXTRA_SKILL_TRIALS, EXTRA_SKILL_CHANCE, n)
    generic = rng.random(n) < np.where(board == KALIBRR, GENERIC_SKILL_CHANCE[KALIBRR], GENERIC_SKILL_CHANCE[FREELANCER])
    tail = rng.random(n) < TAIL_SKILL_CHANCE
    from_bundle = np.clip(wanted - generic - tail, 2, MAX_SKILLS - generic - tail)

    skills = np.full((n, MAX_SKILLS), -1, dtype=np.int64)
    for number, (pool, weights) in enumerate(zip(pools, pool_weights, strict=True)):
        rows = np.flatnonzero(kind == number)
        # Gumbel top-k: the k largest of log-weight + Gumbel noise are a weighted sample without replacement.
        keys = np.log(weights) - np.log(-np.log(rng.random((rows.size, pool.size))))
        threshold = np.sort(keys, axis=1)[np.arange(rows.size), pool.size - from_bundle[rows]]
        taken = keys >= threshold[:, None]
        # Row-major order keeps the bundle's order; each taken skill goes to the next free slot of its row.
        row, position = np.nonzero(taken)
        skills[rows[row], (np.cumsum(taken, axis=1) - 1)[row, position]] = pool[position]

    extra = np.full(n, -1)
    for board_number, names in GENERIC_SKILLS.items():
        rows = np.flatnonzero(generic & (board == board_number))
        choices = np.array([column[name] for name in names])
        extra[rows] = choices[_weighted_choice(rng, 1.0 / np.arange(1, choices.size + 1), rows.size)]
    _append(skills, from_bundle, extra)

    occupation_of_kind = np.array([OCCUPATIONS.index(k.occupation) for k in KINDS])
    in_class = rng.random(n) < TAIL_IN_CLASS_SHARE
    pools_by_class = _tail_pools()
    extra = np.full(n, -1)
    for number, occupation in enumerate((*OCCUPATIONS, None)):
        rows = np.flatnonzero(tail & (~in_class if occupation is None else in_class & (occupation_of_kind[kind] == number)))
        columns, weights = pools_by_class[occupation]
        extra[rows] = columns[rng.choice(columns.size, size=rows.size, p=weights)]
    _append(skills, (skills >= 0).sum(axis=1), extra)
    return skills


def _append(skills: np.ndarray, counts: np.ndarray, extra: np.ndarray) -> None:
    """Put ``extra[i]`` (-1: none) after the ``counts[i]`` skills of row i, unless the row has it already."""
    rows = np.flatnonzero((extra >= 0) & ~(skills == extra[:, None]).any(axis=1))
    skills[rows, counts[rows]] = extra[rows]


def _draw_employers(
    rng: np.random.Generator, on_kalibrr: np.ndarray, kind: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Who posts each posting and from where: the employer's number (a company on kalibrr, a client on freelancer),
    the client's country (index into CLIENT_COUNTRIES) and the job's city (index into CITIES)."""
    n = kind.size
    # Big employers and frequent clients post much more than the rest: a skewed draw of their numbers.
    employer = np.where(
        on_kalibrr, (N_COMPANIES * rng.random(n) ** 3).astype(np.int64), (N_CLIENTS * rng.random(n) ** 2).astype(np.int64)
    )
    country_of_client = _weighted_choice(rng, [row[3] for row in CLIENT_COUNTRIES], N_CLIENTS)
    city_weights = np.array([row[3] for row in CITIES], dtype=float)
    bali_weights = city_weights * np.where([row[1] == "Bali" for row in CITIES], BALI_WEIGHT, 1)
    in_bali_kind = np.array([k.bali for k in KINDS])[kind]
    city = np.where(in_bali_kind, _weighted_choice(rng, bali_weights, n), _weighted_choice(rng, city_weights, n))
    return employer, country_of_client[employer], city


def _draw_terms(rng: np.random.Generator, on_kalibrr: np.ndarray, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each posting is remote (every freelance project, the kind's share of Indonesian jobs) and its
    employment type (index into EMPLOYMENT_TYPES: freelance projects are freelance, jobs follow the kind's tenures)."""
    n = kind.size
    remote = ~on_kalibrr | (rng.random(n) < np.array([k.from_home for k in KINDS])[kind])
    tenure_cdf = np.cumsum([np.array(k.tenures) / sum(k.tenures) for k in KINDS], axis=1)[kind]
    tenure = np.minimum((rng.random(n)[:, None] > tenure_cdf).sum(axis=1), len(EMPLOYMENT_TYPES) - 1)
    return remote, np.where(on_kalibrr, tenure, EMPLOYMENT_TYPES.index("freelance"))


def _draw_salaries(
    rng: np.random.Generator, kind: np.ndarray, city: np.ndarray, employment: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each posting's monthly salary range in rupiah as an Indonesian job, NaN where the employer does not show it.

    The kind's pay in Jakarta x the city's minimum wage over Jakarta's x personal spread, halved for part-time and
    freelance jobs, in steps of Rp 250,000. The top of the range is 1.1 to 2 times the bottom, most often about 1.3
    (the captures: 1.11 to 2.00, median 1.25).
    """
    n = kind.size
    city_factor = np.array([row[2] for row in CITIES])[city] / JAKARTA_MINIMUM_WAGE
    part_time = np.isin(employment, [EMPLOYMENT_TYPES.index("part_time"), EMPLOYMENT_TYPES.index("freelance")])
    salary = (
        np.array([k.monthly_idr for k in KINDS])[kind]
        * city_factor
        * np.where(part_time, PART_TIME_PAY, 1.0)
        * np.exp(rng.normal(0, SALARY_SPREAD, n))
    )
    salary_min = np.maximum(np.round(salary / RUPIAH_STEP), 1) * RUPIAH_STEP
    top = 1.1 + 0.9 * rng.random(n) ** 2
    salary_max = np.maximum(np.round(salary_min * top / RUPIAH_STEP) * RUPIAH_STEP, salary_min)
    shown = rng.random(n) < PAY_SHOWN_SHARE
    return np.where(shown, salary_min, np.nan), np.where(shown, salary_max, np.nan)


def _draw_budgets(
    rng: np.random.Generator, on_kalibrr: np.ndarray, kind: np.ndarray, client_country: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether each freelance project is paid by the hour, the currency of each posting's pay (index into CURRENCIES:
    rupiah on kalibrr, the client's on freelancer) and the freelance budget in it, (n, 2) minimum and maximum.

    A figure around the kind's typical rate or budget falls in one of Freelancer's brackets, stated in the client's
    currency.
    """
    n = kind.size
    hourly = ~on_kalibrr & (rng.random(n) < np.array([k.hourly_share for k in KINDS])[kind])
    typical = np.where(hourly, np.array([k.hourly_usd for k in KINDS])[kind], np.array([k.project_usd for k in KINDS])[kind])
    figure = typical * np.exp(rng.normal(0, 0.6, n))
    hourly_brackets, project_brackets = np.array(HOURLY_BRACKETS, dtype=float), np.array(PROJECT_BRACKETS, dtype=float)
    hourly_bracket = hourly_brackets[np.clip(np.searchsorted(hourly_brackets[:, 0], figure, "right") - 1, 0, None)]
    project_bracket = project_brackets[np.clip(np.searchsorted(project_brackets[:, 0], figure, "right") - 1, 0, None)]
    budget_usd = np.where(hourly[:, None], hourly_bracket, project_bracket)
    client_currency = np.array([CURRENCIES.index(row[2]) for row in CLIENT_COUNTRIES])[client_country]
    currency = np.where(on_kalibrr, CURRENCIES.index("IDR"), client_currency)
    return hourly, currency, _round_significant(budget_usd / platform_rates()[currency][:, None])


@functools.lru_cache(maxsize=1)
def skill_names() -> tuple[str, ...]:
    """The taxonomy's skill names, sorted: the columns of ``market_posting_set``'s matrix."""
    return tuple(sorted(skill.name for skill in load_taxonomy().skills))


@functools.lru_cache(maxsize=1)
def _skill_pools() -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each kind's skills as columns of skill_names() (core first) and their popularity weights."""
    column = {name: number for number, name in enumerate(skill_names())}
    pools, weights = [], []
    for kind in KINDS:
        unknown = [name for name in kind.core + kind.optional if name not in column]
        if unknown:
            raise ValueError(f"job kind {kind.key} names skills not in the taxonomy: {unknown}")
        pools.append(np.array([column[name] for name in kind.core + kind.optional]))
        # Core skills outweigh the whole optional bundle; optional ones follow Zipf's law (weight 1/rank).
        core = [6.0 / (1 + 0.25 * rank) for rank in range(len(kind.core))]
        optional = [1.0 / (rank + 1) for rank in range(len(kind.optional))]
        weights.append(np.array(core + optional))
    return pools, weights


@functools.lru_cache(maxsize=1)
def _tail_pools() -> dict[str | None, tuple[np.ndarray, np.ndarray]]:
    """Long-tail skills of each OLI class, and of the whole taxonomy (key None): columns and Zipf weights.

    The order is a fixed shuffle, so which tail skills are the more common is part of the market, not of a seed.
    """
    taxonomy = load_taxonomy()
    column = {name: number for number, name in enumerate(skill_names())}
    shuffle = np.random.default_rng(TAIL_ORDER_SEED)
    pools = {}
    for occupation in (*OCCUPATIONS, None):
        columns = np.array(
            [column[skill.name] for skill in taxonomy.skills if occupation is None or skill.occupation == occupation]
        )
        columns = shuffle.permutation(columns)
        weights = 1.0 / np.arange(1, columns.size + 1)
        pools[occupation] = (columns, weights / weights.sum())
    return pools


@functools.lru_cache(maxsize=1)
def platform_rates() -> np.ndarray:
    """US dollars per unit of each of CURRENCIES, as a platform would state it today (the latest table rate)."""
    rates = load_rates()
    return np.array([rates.usd_per_unit(code, None)[0] for code in CURRENCIES])


def _weighted_choice(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return rng.choice(weights.size, size=size, p=weights / weights.sum())


def _round_significant(values: np.ndarray, digits: int = 2) -> np.ndarray:
    """``values`` rounded to ``digits`` significant figures, as people write budgets."""
    magnitude = 10.0 ** (np.floor(np.log10(values)) - (digits - 1))
    return np.round(values / magnitude) * magnitude
