"""``import pasarkerja``: postings, skills and vacancies as DataFrames, on SQLite and PostgreSQL alike.

Postings are derived and written as a crawl writes them (pipelines.derive, pipelines.db.writer), so the same vacancy
on three platforms is found a duplicate as in a real crawl; their first-seen times are then set by hand.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import insert, update

import pasarkerja
from crawlers.items import Posting
from pipelines.db import models
from pipelines.db.writer import PostingWriter, sync_skills
from pipelines.derive import Deriver
from tests.conftest import PROJECT_DIR

NOW = datetime.now(timezone.utc).replace(microsecond=0)
DESCRIPTION = (
    "CV Kode Merapi mencari programmer web untuk membangun dan merawat aplikasi pemesanan pelanggan kami. "
    "Anda akan menulis kode PHP dengan Laravel, merancang tabel MySQL, dan membuat halaman dengan HTML dan CSS. "
    "Kantor di Sleman, lima hari kerja, BPJS, dan pelatihan rutin."
)
SLEMAN = dict(location="Kabupaten Sleman, DI Yogyakarta", country="ID")
MERAPI = dict(company="CV Kode Merapi", description=DESCRIPTION, pay_min=4_500_000, pay_max=6_000_000,
              pay_currency="IDR", pay_period="month", **SLEMAN)  # fmt: skip


def job(source: str, source_id: str, title: str, **fields) -> Posting:
    return Posting(source=source, source_id=source_id, url=f"https://{source}.example.test/{source_id}", title=title,
                   raw={"invented": "for tests"}, **fields)  # fmt: skip


# The Merapi vacancy on three platforms (kalibrr first), and four more; (posting, days before now it was first seen).
BATCHES = [
    [(job("kalibrr", "k1", "Programmer Laravel", **MERAPI), 20)],
    [
        (job("jobstreet", "a1", "Programmer Laravel", **MERAPI), 10),
        (job("glints", "g1", "Programmer Laravel", **MERAPI), 5),
        (job("remoteok", "u1", "Laravel mentor", remote=True, skills=["Laravel"]), 3),
        (
            job(
                "glints",
                "s1",
                "WordPress developer",
                location="Singapore",
                country="SG",
                remote=False,
                skills=["WordPress"],
            ),
            2,
        ),  # fmt: skip
        (job("jobstreet", "o1", "Programmer PHP lama", company="PT Lama", **SLEMAN), 90),
        (job("karirhub", "n1", "Penjaga malam", company="PT Kosong", **SLEMAN), 1),  # asks for no skill
    ],
]


@pytest.fixture(scope="module")
def deriver() -> Deriver:
    return Deriver().fit()


@pytest.fixture
def stored(database_url, engine, deriver) -> dict[str, int]:
    """The postings above, stored as a crawl stores them; their ids by source_id."""
    with engine.begin() as connection:
        sync_skills(connection, deriver.taxonomy_)
        run = connection.execute(
            insert(models.CrawlRun).values(spider="test", arguments={}, started_at=NOW).returning(models.CrawlRun.id)
        ).scalar_one()
    writer = PostingWriter(engine, run)
    for batch in BATCHES:
        writer.write([deriver.derive(posting) for posting, _ in batch], [])
    table = models.Posting.__table__
    with engine.begin() as connection:
        for posting, days in (pair for batch in BATCHES for pair in batch):
            seen = NOW - timedelta(days=days)
            connection.execute(
                update(table)
                .where(table.c.source_id == posting.source_id)
                .values(first_seen_at=seen, last_seen_at=seen, closed_at=NOW if posting.source_id == "o1" else None)
            )
        return dict(connection.execute(table.select().with_only_columns(table.c.source_id, table.c.id)).all())


def test_postings_gives_one_row_per_distinct_vacancy_with_its_skills_as_a_list(database_url, stored):
    jobs = pasarkerja.postings(database_url)
    # The Merapi vacancy once, through its first posting (kalibrr's), as every analysis counts it.
    assert jobs["id"].tolist() == sorted(stored[name] for name in ("k1", "u1", "s1", "o1", "n1"))
    merapi = jobs.set_index("id").loc[stored["k1"]]
    assert (merapi["source"], merapi["title"], merapi["pay_idr_month"]) == ("kalibrr", "Programmer Laravel", 5_250_000)
    assert {"Laravel", "PHP", "MySQL"} <= set(merapi["skills"])
    assert merapi["skills"] == sorted(merapi["skills"])
    skills_of = dict(zip(jobs["id"], jobs["skills"], strict=True))
    assert skills_of[stored["u1"]] == ["Laravel", "PHP"]  # PHP implied by Laravel
    assert skills_of[stored["n1"]] == []
    assert "description" not in jobs.columns

    every = pasarkerja.postings(database_url, distinct=False)
    assert sorted(every["id"]) == sorted(stored.values())
    assert every.loc[every["id"] == stored["g1"], "skills"].item() == merapi["skills"]


def test_postings_since_source_and_open_to_filter_as_the_commands_do(database_url, stored):
    def ids(**filters) -> list[int]:
        return sorted(pasarkerja.postings(database_url, **filters)["id"])

    recent = sorted(stored[name] for name in ("k1", "u1", "s1", "n1"))
    assert ids(since="30d") == recent  # the 90-day-old posting is left out
    assert ids(since=(NOW - timedelta(days=30)).date()) == recent
    assert ids(since=NOW - timedelta(days=30)) == recent
    assert ids(since=(NOW - timedelta(days=4)).date().isoformat()) == sorted(
        stored[name] for name in ("u1", "s1", "n1")
    )
    assert ids(source="glints") == [stored["s1"]]  # the Merapi vacancy counts as kalibrr's
    assert ids(source="glints", distinct=False) == sorted([stored["g1"], stored["s1"]])
    assert ids(source=["remoteok", "karirhub", "remoteok"]) == sorted([stored["u1"], stored["n1"]])
    assert ids(open_to="sg") == sorted([stored["s1"], stored["u1"]])  # located there, or remote anywhere
    assert stored["s1"] not in ids(open_to="ID")


def test_postings_add_descriptions_only_when_asked(database_url, stored):
    jobs = pasarkerja.postings(database_url, descriptions=True).set_index("id")
    assert jobs.loc[stored["k1"], "description"] == DESCRIPTION
    assert pd.isna(jobs.loc[stored["u1"], "description"])


def test_skills_one_row_per_posting_and_skill_named_and_grouped(database_url, stored):
    found = pasarkerja.skills(database_url)
    assert list(found.columns) == ["posting_id", "skill", "skill_group", "skill_occupation", "found_in", "matched"]
    assert set(found["posting_id"]) == {stored[name] for name in ("k1", "u1", "s1", "o1")}  # n1 asks for none
    mentor = found[found["posting_id"] == stored["u1"]]
    assert [tuple(row) for row in mentor[["skill", "skill_group", "found_in"]].itertuples(index=False)] == [
        ("Laravel", "framework", "tag"),
        ("PHP", "programming_language", "implied"),
    ]
    assert (mentor["skill_occupation"] == "software_development").all()
    # The same postings as postings() gives for the same arguments, with the same skills.
    jobs = pasarkerja.postings(database_url, since="30d", open_to="ID")
    chosen = pasarkerja.skills(database_url, since="30d", open_to="ID")
    assert chosen.groupby("posting_id")["skill"].apply(list).to_dict() == {
        row.id: row.skills for row in jobs.itertuples() if row.skills
    }
    every = pasarkerja.skills(database_url, source="glints", distinct=False)
    assert set(every["posting_id"]) == {stored["g1"], stored["s1"]}


def test_vacancies_one_row_each_with_its_platforms_filtered_by_any_of_its_postings(database_url, stored):
    table = pasarkerja.vacancies(database_url)
    assert table["vacancy_id"].tolist() == sorted(stored[name] for name in ("k1", "u1", "s1", "o1", "n1"))
    merapi = table.set_index("vacancy_id").loc[stored["k1"]]
    assert (merapi["posting_id"], merapi["source"], merapi["platforms"], merapi["postings"], merapi["state"]) == (
        stored["g1"],
        "glints",
        "glints,jobstreet,kalibrr",
        3,
        "open",
    )
    assert merapi["first_seen_at"] == NOW - timedelta(days=20)
    assert all(str(table[name].dt.tz) == "UTC" for name in ("posted_at", "first_seen_at", "last_seen_at", "closed_at"))
    assert table.set_index("vacancy_id").loc[stored["u1"], "remote"] is True
    assert table.set_index("vacancy_id").loc[stored["o1"], "state"] == "closed"
    assert "description" not in table.columns
    assert (
        pasarkerja.vacancies(database_url, descriptions=True).set_index("vacancy_id").loc[stored["k1"], "description"]
        == DESCRIPTION
    )
    assert pasarkerja.vacancies(database_url, source="jobstreet")["vacancy_id"].tolist() == sorted(
        [stored["k1"], stored["o1"]]
    )  # the Merapi vacancy has a posting there
    # The Merapi vacancy's newest posting is 5 days old; Singapore's is not open to Indonesia.
    assert pasarkerja.vacancies(database_url, since="4d", open_to="ID")["vacancy_id"].tolist() == sorted(
        [stored["u1"], stored["n1"]]
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (dict(source="linkedin"), "source: unknown source 'linkedin': write one of "),
        (dict(since="yesterday"), "since: 'yesterday' is not a date: write YYYY-MM-DD"),
        (dict(since="9999w"), "since: '9999w' is too long"),
        (dict(open_to="Indonesia"), "open_to: 'Indonesia' is not a country code: write a two-letter"),
    ],
)
def test_bad_arguments_are_a_one_line_value_error_saying_what_to_write(sqlite_url, arguments, message):
    # Checked before the database is opened: there is none at sqlite_url.
    for call in (pasarkerja.postings, pasarkerja.skills, pasarkerja.vacancies):
        with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")) as raised:
            call(sqlite_url, **arguments)
        assert "\n" not in str(raised.value)


def test_a_missing_database_is_named_by_its_absolute_path_and_never_created(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere" / "pasarkerja.db"
    for call in (pasarkerja.postings, pasarkerja.skills, pasarkerja.vacancies):
        with pytest.raises(ValueError, match=f"{missing}.*no such database file") as raised:
            call(f"sqlite:///{missing}")
        assert "\n" not in str(raised.value)
        assert "pass database_url=" in str(raised.value) and "--database-url" not in str(raised.value)
    # None reads $DATABASE_URL, else the commands' default, relative to the working folder.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ValueError, match=str(tmp_path / "data" / "pasarkerja.db")):
        pasarkerja.postings()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    with pytest.raises(ValueError, match=str(missing)):
        pasarkerja.vacancies()
    assert not missing.parent.exists() and not (tmp_path / "data").exists()


def test_an_empty_database_gives_empty_frames_with_their_columns(database_url, engine):
    with engine.begin() as connection:
        sync_skills(connection, Deriver().fit().taxonomy_)
    jobs = pasarkerja.postings(database_url, since=date(2026, 1, 1), descriptions=True)
    assert len(jobs) == 0 and {"id", "title", "skills", "description"} <= set(jobs.columns)
    assert len(pasarkerja.skills(database_url)) == 0
    assert len(pasarkerja.vacancies(database_url)) == 0


def python_examples() -> list[str]:
    """The Python of docs/python.md and of the README's example, ``>>>`` prompts dropped."""
    blocks = re.findall(r"```python\n(.*?)```", (PROJECT_DIR / "docs" / "python.md").read_text(), re.S)
    blocks += re.findall(r"```python\n(.*?)```", (PROJECT_DIR / "README.md").read_text(), re.S)
    return [re.sub(r"^>>> ", "", block, flags=re.M) for block in blocks]


def test_the_documented_examples_run(database_url, stored, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    examples = python_examples()
    assert len(examples) >= 3
    session = {}  # docs/python.md's blocks are one session
    for example in examples:
        exec(example, session)
