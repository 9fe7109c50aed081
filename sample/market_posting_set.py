"""The synthetic labour market (sample/market.py) straight into an analysis PostingSet, with array operations: a
million postings in seconds, for benchmarks. Row i is ``market_records``' posting i for the same arguments.
"""

from __future__ import annotations

import functools
import operator
import string
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.data import POSTING_COLUMNS, PostingSet
from crawlers.extract.freelancer import PROJECT_URL
from crawlers.extract.kalibrr import JOB_URL
from pipelines.pay import load_rates
from pipelines.skills.taxonomy import load_taxonomy
from sample.market_draw import Market, draw_market, platform_rates, skill_names
from sample.market_kinds import KINDS
from sample.market_tables import (
    APPLICATION_DAYS,
    BID_DAYS,
    BOARDS,
    CITIES,
    EMPLOYMENT_TYPES,
    FIRST_JOB_ID,
    FIRST_PROJECT_ID,
    KALIBRR,
)
from sample.market_text import SEO_URL, kalibrr_company_code, posting_company, posting_title, slug


def market_posting_set(n: int, seed: int = 0, end: date | None = None, weeks: int = 26) -> PostingSet:
    """``n`` synthetic postings as an analysis PostingSet, built with array operations (a million in seconds).

    Row i is ``market_records``' posting i for the same arguments, with the columns the store's loader gives
    (``id`` is i + 1): pay normalised as pipelines.pay does it, the OLI class of the posting's kind, the skill
    matrix over every taxonomy skill (sorted names) and each skill's taxonomy group.
    """
    market = draw_market(n, seed, end, weeks)
    names = skill_names()
    board, kind = market.board, market.kind
    on_kalibrr = board == KALIBRR

    # Text columns: each distinct string is built once in Python, then the rows take theirs (Arrow strings).
    titles, title_rows = _distinct(
        lambda b, k, template, skill: posting_title(KINDS[k], b, template, names[skill]),
        board, kind, market.title, market.skills[:, 0],
    )  # fmt: skip
    opener_sets = list(dict.fromkeys(k.employer_kinds for k in KINDS))
    openers = np.array([opener_sets.index(k.employer_kinds) for k in KINDS])[kind]
    companies, company_rows = _distinct(
        lambda b, o, employer: posting_company(b, opener_sets[o], employer), board, np.where(on_kalibrr, openers, 0), market.employer
    )
    title_slugs = _strings([slug(title) for title in titles], title_rows)
    company_codes = _strings([kalibrr_company_code(company) for company in companies], company_rows)
    source_ids = pd.Series(np.where(on_kalibrr, FIRST_JOB_ID, FIRST_PROJECT_ID) + np.arange(n)).astype("str")
    jobs, projects = on_kalibrr, ~on_kalibrr
    urls = pd.concat([
        _formatted(JOB_URL, company=company_codes[jobs], id=source_ids[jobs], slug=title_slugs[jobs]),
        _formatted(PROJECT_URL, seo_url=_formatted(SEO_URL, title_slug=title_slugs[projects], project_id=source_ids[projects])),
    ]).sort_index()

    posted_on = market.posted.astype("datetime64[D]")
    closes = np.where(
        on_kalibrr, market.posted + np.timedelta64(APPLICATION_DAYS, "D"), market.posted + np.timedelta64(BID_DAYS, "D")
    )
    places = [f"{city}, {region}" for city, region, *_ in CITIES]

    postings = pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=np.int64),
        "source": _strings(BOARDS, board).array,
        "url": urls.array,
        "title": _strings(titles, title_rows).array,
        "company": _strings(companies, company_rows).array,
        "posted_on": posted_on.astype("datetime64[us]"),
        # A freelance project's work place is remote and stored without a country, as the store does.
        "location": _strings(["Remote", *places], np.where(on_kalibrr, market.place + 1, 0)).array,
        "country": _strings([None, "ID"], on_kalibrr.astype(np.int64)).array,
        "remote": market.remote.astype(object),
        "employment_type": _strings(EMPLOYMENT_TYPES, market.employment).array,
        "oli_occupation": _strings([k.occupation for k in KINDS], kind).array,
        **_normalised_pay(market, posted_on),
        "pay_period": np.where(on_kalibrr, "month", np.where(market.hourly, "hour", "project")).astype(object),
        "valid_through": closes.astype("datetime64[D]").astype("datetime64[us]"),
    })[list(POSTING_COLUMNS)]

    present = market.skills >= 0
    rows = np.broadcast_to(np.arange(n)[:, None], market.skills.shape)[present]
    matrix = sparse.csr_matrix(
        (np.ones(rows.size, dtype=np.int32), (rows, market.skills[present])), shape=(n, len(names))
    )
    groups = {skill.name: skill.group for skill in load_taxonomy().skills}
    return PostingSet(postings, matrix, list(names), {name: groups[name] for name in names})


def _distinct(build: Callable[..., str], *columns: np.ndarray) -> tuple[list[str], np.ndarray]:
    """``build(*values)`` for each distinct row of ``columns`` (non-negative integer arrays), and the index of
    each row's string among them."""
    shape = tuple(int(column.max()) + 1 if column.size else 1 for column in columns)
    codes, rows = np.unique(np.ravel_multi_index(columns, shape), return_inverse=True)
    return [build(*(int(value) for value in values)) for values in zip(*np.unravel_index(codes, shape), strict=True)], rows


def _strings(values: Sequence[str | None], rows: np.ndarray) -> pd.Series:
    """The column whose row i is ``values[rows[i]]``."""
    return pd.Series(pd.array(values, dtype="str").take(rows))


def _formatted(template: str, **fields: pd.Series) -> pd.Series:
    """``template.format(**fields)`` row by row, as vectorised string concatenation (the fields share an index)."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts += [literal] if literal else []
        parts += [fields[name]] if name is not None else []
    return functools.reduce(operator.add, parts)


def _normalised_pay(market: Market, posted_on: np.ndarray) -> dict[str, np.ndarray]:
    """The pay columns of PostingSet.postings as pipelines.pay fills them, each kind in its own: a monthly salary
    (rupiah and dollars), an hourly rate and a fixed-price budget (rupiah), the middle of each range; converted with
    the platform's rate to dollars where it states one, else the table's rate for the year posted."""
    rates = load_rates()
    years = posted_on.astype("datetime64[Y]").astype(np.int64) + 1970
    usd_per_rupiah = np.empty(years.size)
    for year in np.unique(years):
        usd_per_rupiah[years == year] = rates.usd_per_unit("IDR", int(year))[0]
    middle = (market.pay_min + market.pay_max) / 2
    on_kalibrr = market.board == KALIBRR
    usd = np.where(on_kalibrr, middle * usd_per_rupiah, middle * platform_rates()[market.currency])
    rupiah = np.where(on_kalibrr, middle, usd / usd_per_rupiah)
    kind = np.where(on_kalibrr, "salaried", np.where(market.hourly, "hourly", "project"))
    paid = ~np.isnan(rupiah)
    return {
        "pay_kind": np.where(paid, kind, None).astype(object),
        "pay_idr_month": np.where(kind == "salaried", rupiah, np.nan),
        "pay_usd_month": np.where(kind == "salaried", usd, np.nan),
        "pay_idr_hour": np.where(kind == "hourly", rupiah, np.nan),
        "pay_idr_one_off": np.where(kind == "project", rupiah, np.nan),
    }
