"""analysis.data: load_postings on real SQLite and PostgreSQL, and the shared filter options."""

from __future__ import annotations

import argparse
import math
from datetime import date, datetime, timezone

import pandas as pd
import pytest
from sqlalchemy import event, insert

from analysis import data
from analysis.data import (
    POSTING_COLUMNS,
    Filters,
    PostingSet,
    add_filter_arguments,
    describe_filters,
    filters_from_arguments,
    load_postings,
)
from analysis.language import language
from pipelines.db import models
from pipelines.db.engine import make_engine
from pipelines.db.schema import upgrade


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


# Five postings covering every filter; "p4" is posted at 20:00 UTC, already the next day in Jakarta.
POSTINGS = [
    dict(
        title="p1", source="glints", posted_at=utc(2026, 1, 5, 10), country="ID", remote=False,
        oli_occupation="software_development", pay_idr_month_min=10e6, pay_idr_month_max=14e6,
        pay_usd_month_min=700.0, valid_through=utc(2026, 2, 1, 16, 59),
    ),
    dict(
        title="p2", source="kalibrr", posted_at=None, first_seen_at=utc(2026, 2, 10, 8), country=None, remote=True,
        oli_occupation="creative_multimedia", pay_idr_one_off_max=5e6,
    ),
    dict(title="p3", source="remoteok", posted_at=utc(2026, 3, 1, 23, 30), country="US", remote=True,
         oli_occupation="software_development"),
    dict(title="p4", source="glints", posted_at=utc(2026, 1, 31, 20), country="SG", remote=None,
         oli_occupation="writing_translation"),
    dict(title="p5", source="freelancer", posted_at=utc(2026, 2, 28), country=None, remote=False,
         oli_occupation="sales_marketing"),
]  # fmt: skip
SKILLS = {"p1": ["python", "sql"], "p2": ["figma"], "p3": ["python"], "p5": ["seo"]}
# "seo" is missing from the skills table (a taxonomy older than the posting), "excel" is asked by no posting.
TAXONOMY = {"python": "programming_language", "sql": "database", "figma": "design_tool", "excel": "office_software"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request):
    engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
    if request.param == "postgres":
        # A session time zone east of UTC: posted_on and the date filters must still follow UTC.
        event.listen(engine, "connect", _jakarta_time)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(models.Skill),
            [
                {"name": name, "group": group, "occupation": "software_development", "taxonomy_version": "test"}
                for name, group in TAXONOMY.items()
            ],
        )
        for number, fields in enumerate(POSTINGS, start=1):
            first_seen = fields.get("first_seen_at") or fields["posted_at"]
            row = {
                "id": number,
                "source_id": fields["title"],
                "url": f"https://example.test/{fields['title']}",
                "content_hash": "0" * 64,
                "raw": {},
                "first_seen_at": first_seen,
                "last_seen_at": first_seen,
                **fields,
            }
            connection.execute(insert(models.Posting), [row])
            skills = SKILLS.get(fields["title"], [])
            if skills:
                connection.execute(
                    insert(models.PostingSkill),
                    [{"posting_id": number, "skill": skill, "source": "tag", "matched": skill} for skill in skills],
                )
    yield engine
    engine.dispose()


def _jakarta_time(dbapi_connection, _record) -> None:
    dbapi_connection.execute("SET TIME ZONE 'Asia/Jakarta'")
    dbapi_connection.commit()


def titles(posting_set: PostingSet) -> list[str]:
    return list(posting_set.postings["title"])


def test_loads_columns_pay_dates_and_skills(engine):
    loaded = load_postings(engine)
    postings = loaded.postings
    assert tuple(postings.columns) == POSTING_COLUMNS
    assert titles(loaded) == ["p1", "p2", "p3", "p4", "p5"]
    assert list(postings["id"]) == [1, 2, 3, 4, 5]
    # posted_at, else first_seen_at, as the UTC date.
    assert list(postings["posted_on"]) == [
        pd.Timestamp(day) for day in ("2026-01-05", "2026-02-10", "2026-03-01", "2026-01-31", "2026-02-28")
    ]
    assert postings["valid_through"][0] == pd.Timestamp("2026-02-01") and pd.isna(postings["valid_through"][1])
    assert list(postings["remote"]) == [False, True, True, None, False]
    assert postings["pay_idr_month"][0] == 12e6  # middle of the range
    assert postings["pay_usd_month"][0] == 700.0  # one bound alone is the figure
    assert postings["pay_idr_one_off"][1] == 5e6
    assert math.isnan(postings["pay_idr_month"][2]) and math.isnan(postings["pay_idr_one_off"][0])

    assert loaded.skill_names == ["figma", "python", "seo", "sql"]
    assert loaded.skill_groups == {"figma": "design_tool", "python": "programming_language", "sql": "database"}
    assert loaded.skills.toarray().tolist() == [
        [0, 1, 0, 1],
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 0],
    ]
    assert loaded.filters == Filters()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(since=date(2026, 2, 1)), ["p2", "p3", "p5"]),
        (Filters(until=date(2026, 1, 31)), ["p1", "p4"]),
        (Filters(since=date(2026, 2, 10), until=date(2026, 2, 10)), ["p2"]),  # first_seen_at when not posted_at
        (Filters(since=date(2026, 3, 1), until=date(2026, 3, 1)), ["p3"]),  # 23:30 is still that day
        (Filters(sources=("glints", "kalibrr")), ["p1", "p2", "p4"]),
        (Filters(countries=("ID", "SG")), ["p1", "p4"]),
        (Filters(open_to="ID"), ["p1", "p2"]),  # located there, or remote with no country
        (Filters(remote_only=True), ["p2", "p3"]),
        (Filters(occupations=("software_development",)), ["p1", "p3"]),
        (
            Filters(since=date(2026, 1, 1), until=date(2026, 1, 31), sources=("glints",), countries=("SG",)),
            ["p4"],
        ),
        (Filters(sources=("jobstreet",)), []),
    ],
)
def test_filters_run_in_sql(engine, filters, expected):
    loaded = load_postings(engine, filters)
    assert titles(loaded) == expected
    assert loaded.filters == filters
    assert loaded.skills.shape == (len(expected), len(loaded.skill_names))
    skills = {
        title: sorted(loaded.skill_names[column] for column in loaded.skills[row].indices)
        for row, title in enumerate(titles(loaded))
    }
    assert skills == {title: sorted(SKILLS.get(title, [])) for title in expected}


def test_a_vacancy_counts_once_unless_duplicates_are_asked_for(engine):
    with engine.begin() as connection:  # p1 again, on JobStreet
        connection.execute(
            insert(models.Posting),
            [
                {
                    "id": 6, "source": "jobstreet", "source_id": "p1-again", "url": "https://example.test/p1-again",
                    "title": "p1 again", "content_hash": "0" * 64, "raw": {}, "posted_at": utc(2026, 1, 6),
                    "first_seen_at": utc(2026, 1, 6), "last_seen_at": utc(2026, 1, 6), "duplicate_of": 1,
                }
            ],
        )  # fmt: skip
    assert titles(load_postings(engine)) == ["p1", "p2", "p3", "p4", "p5"]
    assert titles(load_postings(engine, Filters(with_duplicates=True))) == ["p1", "p2", "p3", "p4", "p5", "p1 again"]


def test_open_to_keeps_only_the_skills_of_the_postings_loaded(engine):
    loaded = load_postings(engine, Filters(open_to="ID"))
    assert loaded.skill_names == ["figma", "python", "sql"]
    assert loaded.skill_counts().to_dict() == {"figma": 1, "python": 1, "sql": 1}


def test_progress_bar_goes_to_standard_error(engine, capsys):
    assert len(load_postings(engine, progress=True)) == 5
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "loading postings" in captured.err and "5/5" in captured.err


def test_posting_set_from_records():
    posting_set = PostingSet.from_records(
        [{"posted_on": date(2026, 1, 2), "skills": ["sql", "python"]}, {"posted_on": "2026-01-03", "remote": True}],
        skill_groups={"sql": "database"},
    )
    assert list(posting_set.postings["id"]) == [1, 2]
    assert list(posting_set.postings["posted_on"]) == [pd.Timestamp("2026-01-02"), pd.Timestamp("2026-01-03")]
    assert posting_set.skill_names == ["python", "sql"]
    assert posting_set.skills.toarray().tolist() == [[1, 1], [0, 0]]


# Command-line options --------------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pasarkerja")
    add_filter_arguments(parser)
    return parser


def test_filter_arguments_become_filters():
    args = parser().parse_args(
        [
            "--since", "2026-01-01", "--until", "2026-06-30", "--source", "Glints", "--source", "kalibrr",
            "--source", "glints", "--country", "id", "--country", "SG", "--open-to", "id", "--remote-only",
            "--occupation", "software-development", "--with-duplicates",
        ]
    )  # fmt: skip
    assert filters_from_arguments(args) == Filters(
        since=date(2026, 1, 1),
        until=date(2026, 6, 30),
        sources=("glints", "kalibrr"),
        countries=("ID", "SG"),
        open_to="ID",
        remote_only=True,
        occupations=("software_development",),
        with_duplicates=True,
    )
    assert filters_from_arguments(parser().parse_args([])) == Filters()


def test_relative_dates_count_back_from_today(monkeypatch):
    monkeypatch.setattr(data, "_today", lambda: date(2026, 7, 1))
    filters = filters_from_arguments(parser().parse_args(["--since", "12w", "--until", "30d"]))
    assert (filters.since, filters.until) == (date(2026, 4, 8), date(2026, 6, 1))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--since", "yesterday"], "argument --since: 'yesterday' is not a date: write YYYY-MM-DD"),
        (["--until", "2026-13-01"], "argument --until: '2026-13-01' is not a date: write YYYY-MM-DD"),
        (["--since", "30m"], "or a span before today: a whole number of days or weeks, such as 30d or 12w"),
        (["--since", "700000w"], "argument --since: '700000w' is too long: write a span of at most 5200w"),
        (["--country", "IDN"], "argument --country: 'IDN' is not a country code: write a two-letter ISO 3166-1 code"),
        (["--open-to", "1D"], "argument --open-to: '1D' is not a country code"),
        (["--source", "glint"], "argument --source: unknown source 'glint': write one of arbeitnow, dealls,"),
        (["--occupation", "plumbing"], "unknown occupation class 'plumbing': write one of software_development,"),
        (["--until", "2026-01-01", "--since", "2026-06-01"], "--since 2026-06-01 is after --until 2026-01-01"),
    ],
)
def test_bad_filter_arguments_give_a_one_line_error(capsys, arguments, message):
    with pytest.raises(SystemExit) as exit:
        parser().parse_args(arguments)
    assert exit.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1].startswith("pasarkerja: error: ") and message in lines[-1]
    assert sum("error" in line for line in lines) == 1


@pytest.mark.parametrize(
    ("filters", "caption"),
    [
        (Filters(), "all postings"),
        (Filters(remote_only=True), "all remote postings"),
        (
            Filters(since=date(2026, 1, 1), until=date(2026, 6, 30), open_to="ID", sources=("glints", "kalibrr")),
            "postings from 2026-01-01 to 2026-06-30, open to ID, on glints, kalibrr",
        ),
        (Filters(since=date(2026, 1, 1), countries=("ID", "SG")), "postings since 2026-01-01, in ID or SG"),
        (
            Filters(until=date(2026, 6, 30), remote_only=True, occupations=("software_development",)),
            "remote postings until 2026-06-30, occupations: software_development",
        ),
        (Filters(with_duplicates=True), "all postings, reposts and cross-posts counted"),
    ],
)
def test_describe_filters(filters, caption):
    with language("en"):
        assert describe_filters(filters) == caption


def test_describe_filters_in_indonesian():
    filters = Filters(since=date(2026, 1, 1), until=date(2026, 6, 30), open_to="ID", sources=("glints", "kalibrr"))
    assert describe_filters(filters) == "lowongan dari 2026-01-01 sampai 2026-06-30, terbuka untuk ID, di glints, kalibrr"
    assert describe_filters(Filters(remote_only=True)) == "semua lowongan jarak jauh"


def test_rolled_up_postings_count_once_for_every_broader_skill():
    from pipelines.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    # Laravel -> PHP, Back-End Development -> Web Development; HTML -> Web Development; Figma alone.
    posting_set = PostingSet.from_records([{"skills": ["Laravel", "HTML"]}, {"skills": ["HTML"]}, {"skills": ["Figma"]}])
    rolled = posting_set.rolled_up(taxonomy)
    counts = rolled.skill_counts()
    assert counts["Web Development"] == 2  # once per posting, though the first reaches it three ways
    assert (counts["PHP"], counts["Back-End Development"], counts["Laravel"], counts["HTML"]) == (1, 1, 1, 2)
    assert set(taxonomy.ancestors("Figma")) <= set(rolled.skill_names) and counts["Figma"] == 1
    assert rolled.skill_groups["PHP"] == taxonomy.by_name["PHP"].group
    assert posting_set.skill_counts()["HTML"] == 2 and "Web Development" not in posting_set.skill_names  # unchanged
