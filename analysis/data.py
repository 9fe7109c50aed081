"""The postings an analysis works on: a table of postings and their posting-by-skill matrix.

Every analysis step (demand, index, clusters, curriculum gap, report) takes a ``PostingSet``,
read from the SQL store by ``load_postings`` under one set of ``Filters``, or built by hand
in tests and notebooks. Every ``pasarkerja`` analysis command takes the same filter options
(``add_filter_arguments``), so a report and its caption (``describe_filters``) always say
which postings they describe.

``load_postings`` is written for a million postings: the filters run in SQL, rows arrive in
chunks that become DataFrame columns at once, and each posting's skills arrive joined into one
text that Arrow splits into the (row, column) positions of the matrix, never one Python object
per (posting, skill) pair.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from sqlalchemy import DateTime, Engine, func, or_, select, true
from tqdm import tqdm

from analysis.language import say
from analysis.spans import SpanError, parse_span, span_grammar
from crawlers import platforms
from pipelines.db.models import Posting, PostingSkill, Skill
from pipelines.pay import pay_kind
from pipelines.skills.taxonomy import OCCUPATIONS, Taxonomy

# Columns of PostingSet.postings, in this order; loaders and hand-made sets provide all of them.
POSTING_COLUMNS = (
    "id",  # postings.id
    "source",
    "url",
    "title",
    "company",
    "posted_on",  # date the posting appeared: posted_at, else first_seen_at (UTC date, as datetime64 at midnight)
    "location",  # the work place as the platform writes it ("Sleman, DI Yogyakarta", "USA only"), or None
    "country",  # ISO 3166-1 alpha-2 of the work place, or None
    "remote",  # True, False, or None (unknown)
    "employment_type",
    "oli_occupation",
    "pay_kind",  # salaried, hourly or project (pipelines.pay.pay_kind), or None without usable pay
    "pay_idr_month",  # a salary in rupiah per month (middle of the range), or NaN: salaried pay only
    "pay_usd_month",  # the same in US dollars, or NaN
    "pay_idr_hour",  # an hourly rate in rupiah per hour (middle of the range), or NaN: hourly pay only
    "pay_idr_one_off",  # a fixed-price project's budget in rupiah (middle of the range), or NaN: project pay only
    "pay_period",  # the period the platform states pay for (hour, day, week, month, year, project), or None
    "valid_through",  # closing date, or NaT
)


@dataclass(frozen=True)
class Filters:
    """Which postings an analysis looks at; every ``pasarkerja`` analysis command takes these."""

    since: date | None = None
    """First day (inclusive) of ``posted_on``."""
    until: date | None = None
    """Last day (inclusive) of ``posted_on``."""
    sources: tuple[str, ...] = ()
    """Platform keys (spider names); empty: all."""
    countries: tuple[str, ...] = ()
    """ISO 3166-1 alpha-2 codes of the work place; empty: anywhere."""
    open_to: str | None = None
    """ISO code of a country whose people can take the work: located there, or remote with no country given."""
    remote_only: bool = False
    """Only postings that say the work is remote."""
    occupations: tuple[str, ...] = ()
    """Occupation classes (``OCCUPATIONS``); empty: all."""
    with_duplicates: bool = False
    """Count every posting. By default each vacancy counts once: a posting that repeats an earlier one (the same job
    on another platform, or reposted; ``postings.duplicate_of``, pipelines/dedupe.py) is left out."""


@dataclass
class PostingSet:
    """Postings (one row each, columns ``POSTING_COLUMNS``) and the skills each asks for.

    ``skills`` is a sparse 0/1 matrix: row i is ``postings.iloc[i]``, column j is ``skill_names[j]``.
    """

    postings: pd.DataFrame
    skills: sparse.csr_matrix
    skill_names: list[str]
    skill_groups: dict[str, str] = field(default_factory=dict)
    """Taxonomy group of each skill name (``programming_language``, ``design_tool``...)."""
    filters: Filters = field(default_factory=Filters)
    """The filters the set was loaded with, for captions."""

    def __post_init__(self):
        if self.skills.shape != (len(self.postings), len(self.skill_names)):
            raise ValueError(
                f"skills matrix is {self.skills.shape}, expected {(len(self.postings), len(self.skill_names))}"
            )

    def __len__(self) -> int:
        return len(self.postings)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        skill_groups: Mapping[str, str] | None = None,
        filters: Filters = Filters(),
    ) -> PostingSet:
        """A set built by hand (tests, notebooks) from one mapping per posting.

        Each mapping holds any of ``POSTING_COLUMNS`` (absent ones are empty; ``id`` defaults to 1, 2...;
        ``pay_kind`` to the kind of ``pay_period``) and ``skills``, the names of the skills the posting asks for.
        """
        records = [{"pay_kind": pay_kind(record.get("pay_period"))} | dict(record) for record in records]
        postings = pd.DataFrame(
            {
                name: [
                    record.get(name, position + 1 if name == "id" else None) for position, record in enumerate(records)
                ]
                for name in POSTING_COLUMNS
            }
        )
        skill_names = sorted({skill for record in records for skill in record.get("skills", ())})
        column_of = {name: column for column, name in enumerate(skill_names)}
        rows, columns = [], []
        for row, record in enumerate(records):
            for skill in set(record.get("skills", ())):
                rows.append(row)
                columns.append(column_of[skill])
        matrix = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int32), (rows, columns)), shape=(len(records), len(skill_names))
        )
        return cls(_typed(postings), matrix, skill_names, dict(skill_groups or {}), filters)

    def skill_counts(self) -> pd.Series:
        """Postings asking for each skill, most asked first."""
        counts = np.asarray(self.skills.sum(axis=0)).ravel()
        return pd.Series(counts, index=self.skill_names, name="postings").sort_values(ascending=False, kind="stable")

    def rolled_up(self, taxonomy: Taxonomy) -> PostingSet:
        """The same postings, each also asking for every broader skill of the skills it asks for (Laravel adds PHP,
        Back-End Development and Web Development), so that demand can be counted at any level of the taxonomy's
        hierarchy. A posting counts once for a skill however many of its skills lead there."""
        names = sorted({up for name in self.skill_names for up in (name, *taxonomy.ancestors(name))})
        column_of = {name: column for column, name in enumerate(names)}
        # skills x names: each skill leads to itself and to its ancestors.
        pairs = [(row, column_of[up]) for row, name in enumerate(self.skill_names)
                 for up in (name, *taxonomy.ancestors(name))]  # fmt: skip
        leads_to = sparse.csr_matrix(
            (np.ones(len(pairs), dtype=np.int32), tuple(zip(*pairs, strict=True)) if pairs else ([], [])),
            shape=(len(self.skill_names), len(names)),
        )
        matrix = (self.skills @ leads_to).astype(bool).astype(np.int32).tocsr()
        groups = {name: self.skill_groups.get(name) or taxonomy.by_name[name].group for name in names
                  if name in self.skill_groups or name in taxonomy.by_name}  # fmt: skip
        return PostingSet(self.postings, matrix, names, groups, self.filters)

    def subset(self, rows) -> PostingSet:
        """The postings at positions (or where the boolean mask) ``rows``, with their skills."""
        positions = np.flatnonzero(rows) if np.asarray(rows).dtype == bool else np.asarray(rows)
        return PostingSet(
            self.postings.iloc[positions].reset_index(drop=True),
            self.skills[positions],
            self.skill_names,
            self.skill_groups,
            self.filters,
        )


def posting_days(postings: pd.DataFrame) -> pd.Series:
    """``postings.posted_on`` as datetime64 at midnight, whether it holds dates or timestamps (NaT where missing)."""
    return pd.to_datetime(postings["posted_on"]).dt.normalize()


# Rows fetched per round trip: large enough to keep the database busy, small enough that a
# chunk of Python rows (before it becomes DataFrame columns) stays a few tens of megabytes.
_CHUNK_ROWS = 50_000
# A posting's skills arrive as one text, joined by the ASCII unit separator, which no skill name holds.
_SKILL_SEPARATOR = "\x1f"


def load_postings(engine: Engine, filters: Filters = Filters(), progress: bool = False) -> PostingSet:
    """The postings of the store that pass ``filters``, ordered by id, with their canonical skills.

    One query reads each posting with its skills joined into one text, so rows are a fifth as many as
    (posting, skill) pairs, and a crawl writing meanwhile cannot part a posting from its skills.
    ``progress`` shows a bar on standard error.
    """
    query = (
        select(*_posting_columns(), _skills_of_posting())
        .where(*sql_conditions(filters))
        .order_by(Posting.__table__.c.id)
        .execution_options(yield_per=_CHUNK_ROWS)
    )
    chunks, skill_texts = [], []
    with engine.connect() as connection:
        with _bar(connection, query, progress) as bar:
            for rows in connection.execute(query).partitions():
                # Column by column: DataFrame.from_records walks SQLAlchemy rows a hundred times slower.
                *columns, skills = zip(*rows, strict=True)
                chunks.append(_typed(pd.DataFrame(dict(zip(POSTING_COLUMNS, columns, strict=True)))))
                skill_texts.append(pa.array(skills, type=pa.string()))
                bar.update(len(rows))
        groups = dict(connection.execute(select(Skill.name, Skill.group)).all())
    postings = pd.concat(chunks, ignore_index=True) if chunks else _typed(pd.DataFrame(columns=POSTING_COLUMNS))
    matrix, skill_names = _skill_matrix(pa.concat_arrays(skill_texts) if skill_texts else pa.array([], pa.string()))
    return PostingSet(
        postings,
        matrix,
        skill_names,
        {name: groups[name] for name in skill_names if name in groups},
        filters,
    )


def _posted_at_or_first_seen():
    table = Posting.__table__
    return func.coalesce(table.c.posted_at, table.c.first_seen_at, type_=DateTime(timezone=True))


def _middle(low, high, name: str):
    """The middle of a pay range in SQL; one bound alone is the figure, none gives NULL."""
    return ((func.coalesce(low, high) + func.coalesce(high, low)) * 0.5).label(name)


def _posting_columns() -> list:
    """The SELECT list giving POSTING_COLUMNS in order."""
    c = Posting.__table__.c
    return [
        c.id,
        c.source,
        c.url,
        c.title,
        c.company,
        _posted_at_or_first_seen().label("posted_on"),
        c.location,
        c.country,
        c.remote,
        c.employment_type,
        c.oli_occupation,
        c.pay_kind,
        _middle(c.pay_idr_month_min, c.pay_idr_month_max, "pay_idr_month"),
        _middle(c.pay_usd_month_min, c.pay_usd_month_max, "pay_usd_month"),
        _middle(c.pay_idr_hour_min, c.pay_idr_hour_max, "pay_idr_hour"),
        _middle(c.pay_idr_one_off_min, c.pay_idr_one_off_max, "pay_idr_one_off"),
        c.pay_period,
        c.valid_through,
    ]


def _skills_of_posting():
    """The canonical skills of the posting, joined by _SKILL_SEPARATOR; NULL when it has none."""
    posting_skills = PostingSkill.__table__
    return (
        select(func.aggregate_strings(posting_skills.c.skill, _SKILL_SEPARATOR))
        .where(posting_skills.c.posting_id == Posting.__table__.c.id)
        .scalar_subquery()
        .label("skills")
    )


def sql_conditions(filters: Filters) -> list:
    """WHERE clauses of ``filters`` on the postings table, the same on SQLite and PostgreSQL."""
    c = Posting.__table__.c
    conditions = []
    posted = _posted_at_or_first_seen()
    # Bounds as UTC instants rather than a date() of the column: the date of a timestamptz would
    # follow the PostgreSQL session's time zone, and the bare column keeps the comparison cheap.
    if filters.since:
        conditions.append(posted >= datetime.combine(filters.since, time(), timezone.utc))
    if filters.until:
        conditions.append(posted < datetime.combine(filters.until + timedelta(days=1), time(), timezone.utc))
    if filters.sources:
        conditions.append(c.source.in_(filters.sources))
    if filters.countries:
        conditions.append(c.country.in_(filters.countries))
    if filters.open_to:
        conditions.append(or_(c.country == filters.open_to, c.remote.is_(true()) & c.country.is_(None)))
    if filters.remote_only:
        conditions.append(c.remote.is_(true()))
    if filters.occupations:
        conditions.append(c.oli_occupation.in_(filters.occupations))
    if not filters.with_duplicates:
        conditions.append(c.duplicate_of.is_(None))
    return conditions


def _bar(connection, query, progress: bool) -> tqdm:
    """A progress bar on standard error over the rows of ``query`` (counted first, only when shown)."""
    if not progress:
        return tqdm(disable=True)
    total = connection.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    return tqdm(total=total, unit="posting", desc="loading postings", file=sys.stderr)


def _utc_dates(values: pd.Series) -> pd.Series:
    """Timestamps (naive ones are UTC, as SQLite returns them) as their UTC date, datetime64 at midnight."""
    return pd.to_datetime(values, utc=True).dt.tz_localize(None).dt.normalize()


def _typed(chunk: pd.DataFrame) -> pd.DataFrame:
    """A chunk of fetched rows with the column types of PostingSet.postings."""
    chunk["id"] = chunk["id"].astype("int64")
    chunk["posted_on"] = _utc_dates(chunk["posted_on"])
    chunk["valid_through"] = _utc_dates(chunk["valid_through"])
    chunk["remote"] = chunk["remote"].astype(object)  # True, False or None: unknown is not False
    for column in ("pay_idr_month", "pay_usd_month", "pay_idr_hour", "pay_idr_one_off"):
        chunk[column] = chunk[column].astype("float64")
    return chunk


def _skill_matrix(skill_texts: pa.StringArray) -> tuple[sparse.csr_matrix, list[str]]:
    """The 0/1 postings x skills matrix from each posting's skill names (joined texts, null for none), and its
    column names, sorted."""
    # Arrow splits, flattens and encodes a million texts without a Python object per skill.
    lists = pc.split_pattern(skill_texts, pattern=_SKILL_SEPARATOR)
    rows = pc.list_parent_indices(lists).to_numpy()
    encoded = pc.list_flatten(lists).dictionary_encode()
    names = encoded.dictionary.to_pylist()
    skill_names = sorted(names)
    sorted_column = np.empty(len(names), dtype=np.int64)
    sorted_column[np.argsort(names, kind="stable")] = np.arange(len(names))
    columns = sorted_column[encoded.indices.to_numpy()]
    # int32 rather than bool or int8: products such as a skill co-occurrence matrix must not overflow.
    matrix = sparse.csr_matrix(
        (np.ones(rows.size, dtype=np.int32), (rows, columns)), shape=(len(skill_texts), len(skill_names))
    )
    return matrix, skill_names


# Command-line filter options --------------------------------------------------------------

_COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")
DAY_UNITS = "dw"  # spans on the command line count whole days (analysis/spans.py): 30d, 12w


def _today() -> date:
    """Today in UTC, the calendar of every stored time."""
    return datetime.now(timezone.utc).date()


def date_argument(value: str) -> date:
    """A day: YYYY-MM-DD, or a span of whole days or weeks before today (analysis/spans.py; 0d is today)."""
    try:
        return _today() - parse_span(value, DAY_UNITS)
    except SpanError as exc:
        if exc.out_of_range:
            raise argparse.ArgumentTypeError(str(exc)) from None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date: write YYYY-MM-DD (e.g. 2026-01-31), or a span before today: "
            f"{span_grammar(DAY_UNITS)}"
        ) from None


def country_argument(value: str) -> str:
    if not _COUNTRY_CODE.fullmatch(value.strip()):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a country code: write a two-letter ISO 3166-1 code such as ID, SG or MY"
        )
    return value.strip().upper()


def known_sources() -> tuple[str, ...]:
    """Platform keys, the values of ``postings.source``: the names of the platform registry (crawlers/platforms.py)."""
    return platforms.names()


def source_argument(value: str) -> str:
    source = value.strip().lower()
    if source not in known_sources():
        raise argparse.ArgumentTypeError(f"unknown source {value!r}: write one of {', '.join(known_sources())}")
    return source


def _occupation_argument(value: str) -> str:
    occupation = value.strip().lower().replace("-", "_")
    if occupation not in OCCUPATIONS:
        raise argparse.ArgumentTypeError(f"unknown occupation class {value!r}: write one of {', '.join(OCCUPATIONS)}")
    return occupation


class _DateBound(argparse.Action):
    """Stores --since or --until, and rejects a range that ends before it starts, in whichever order they come."""

    def __call__(self, parser, namespace, value, option_string=None):
        setattr(namespace, self.dest, value)
        since, until = getattr(namespace, "since", None), getattr(namespace, "until", None)
        if since and until and since > until:
            parser.error(f"--since {since} is after --until {until}: give a start on or before the end")


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options every analysis command shares; ``filters_from_arguments`` reads them back."""
    group = parser.add_argument_group("which postings")
    group.add_argument(
        "--since",
        type=date_argument,
        action=_DateBound,
        metavar="DATE",
        help="first day posted: YYYY-MM-DD, or a span before today such as 30d or 12w",
    )
    group.add_argument(
        "--until",
        type=date_argument,
        action=_DateBound,
        metavar="DATE",
        help="last day posted: YYYY-MM-DD, or a span before today such as 30d or 12w",
    )
    group.add_argument(
        "--source",
        dest="sources",
        type=source_argument,
        action="append",
        default=[],
        metavar="NAME",
        help="only this platform (spider name); repeat for several",
    )
    group.add_argument(
        "--country",
        dest="countries",
        type=country_argument,
        action="append",
        default=[],
        metavar="CODE",
        help="only work located in this country (ISO code such as ID); repeat for several",
    )
    group.add_argument(
        "--open-to",
        type=country_argument,
        metavar="CODE",
        help="only work people in this country can take: located there, or remote with no country given",
    )
    group.add_argument("--remote-only", action="store_true", help="only postings that say the work is remote")
    group.add_argument(
        "--occupation",
        dest="occupations",
        type=_occupation_argument,
        action="append",
        default=[],
        metavar="CLASS",
        help=f"only this occupation class ({', '.join(OCCUPATIONS)}); repeat for several",
    )
    group.add_argument(
        "--with-duplicates",
        action="store_true",
        help="count every posting; by default a vacancy posted on several platforms or reposted counts once",
    )


def filters_from_arguments(args: argparse.Namespace) -> Filters:
    """The Filters of options added by ``add_filter_arguments`` (repeats dropped, order kept)."""
    return Filters(
        since=args.since,
        until=args.until,
        sources=tuple(dict.fromkeys(args.sources)),
        countries=tuple(dict.fromkeys(args.countries)),
        open_to=args.open_to,
        remote_only=args.remote_only,
        occupations=tuple(dict.fromkeys(args.occupations)),
        with_duplicates=args.with_duplicates,
    )


def describe_filters(filters: Filters) -> str:
    """A short caption in the current language, e.g. "postings from 2026-01-01 to 2026-06-30, open to ID, on glints,
    kalibrr" ("lowongan dari 2026-01-01 sampai 2026-06-30, terbuka untuk ID, di glints, kalibrr")."""
    parts = []
    if filters.since and filters.until:
        parts.append(say(f"dari {filters.since} sampai {filters.until}", f"from {filters.since} to {filters.until}"))
    elif filters.since:
        parts.append(say(f"sejak {filters.since}", f"since {filters.since}"))
    elif filters.until:
        parts.append(say(f"sampai {filters.until}", f"until {filters.until}"))
    if filters.countries:
        parts.append(say(f"di {' atau '.join(filters.countries)}", f"in {' or '.join(filters.countries)}"))
    if filters.open_to:
        parts.append(say(f"terbuka untuk {filters.open_to}", f"open to {filters.open_to}"))
    if filters.occupations:
        parts.append(say("golongan pekerjaan: ", "occupations: ") + ", ".join(filters.occupations))
    if filters.sources:
        parts.append(say("di ", "on ") + ", ".join(filters.sources))
    if filters.remote_only:
        noun = say("lowongan jarak jauh", "remote postings")
    else:
        noun = say("lowongan", "postings")
    caption = f"{noun} {', '.join(parts)}" if parts else say(f"semua {noun}", f"all {noun}")
    if filters.with_duplicates:
        caption += say(", unggahan ulang dan lintas situs ikut dihitung", ", reposts and cross-posts counted")
    return caption
