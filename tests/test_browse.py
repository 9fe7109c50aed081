"""``pasarkerja browse``: Datasette's metadata read from docs/schema.md, the one-line refusals, and the database served
for real, read-only, as an analyst sees it in headless Chromium."""

from __future__ import annotations

import hashlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from urllib.error import URLError

import pytest
from playwright.sync_api import sync_playwright
from sqlalchemy import inspect

from analysis.cli import main
from analysis.cli.browse import SCHEMA_DOC, datasette_metadata, documented_tables, example_queries
from crawlers.browser import launch_options
from pipelines.db.engine import make_engine
from pipelines.db.schema import upgrade
from tests.conftest import PROJECT_DIR
from tests.test_cli import closed_port
from tests.test_views import VIEWS, deriver, store  # noqa: F401 - deriver: the fixture

SCHEMA = SCHEMA_DOC.read_text(encoding="utf-8")


def test_every_view_and_its_columns_are_described_from_the_docs():
    tables = documented_tables(SCHEMA)
    for view in VIEWS:
        assert tables[view]["description"], view
        assert tables[view]["columns"] and all(tables[view]["columns"].values()), view
    assert tables["vacancies"]["description"].startswith("One row per distinct vacancy")
    assert tables["vacancies"]["columns"]["platforms"].startswith("the platforms it appeared on")
    assert tables["weekly_postings"]["columns"]["week"].startswith("the Monday of the week")
    # A row naming several columns describes each; an escaped pipe is a pipe.
    assert tables["postings"]["columns"]["pay_min"] == tables["postings"]["columns"]["pay_max"]
    assert tables["postings"]["columns"]["vacancy_key"].startswith("`employer | job`: company and title")
    # Tables described in prose only, and two tables under one heading with their own introductions.
    assert tables["skills"]["description"].startswith("The skill taxonomy") and tables["skills"]["columns"] == {}
    assert tables["digests"]["description"].endswith("One row per digest written (not with `--dry-run`)")
    assert set(tables["digest_postings"]["columns"]) == {"digest_id", "posting_id", "track", "rank"}
    assert "posting_id" in tables["posting_clusters"]["columns"] and tables["posting_clusters"]["description"]


def test_every_described_column_is_in_the_migrated_database(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'pasarkerja.db'}")
    upgrade(engine)
    database = inspect(engine)
    stored = {
        name: {column["name"] for column in database.get_columns(name)}
        for name in database.get_table_names() + database.get_view_names()
    }
    engine.dispose()
    for table, described in documented_tables(SCHEMA).items():
        assert table in stored, table
        assert set(described["columns"]) <= stored[table], table


def test_every_example_query_of_the_docs_is_a_canned_query():
    queries = example_queries(SCHEMA)
    blocks = re.findall(r"```sql\n(.*?)```", SCHEMA, re.S)
    assert [query["sql"] for query in queries.values()] == [block.strip().rstrip(";") for block in blocks]
    assert queries["top-skills-this-month"]["title"] == "Top skills this month"
    laravel = queries["median-monthly-salary-in-rupiah-of-the-vacancies-asking-for-laravel"]
    assert laravel["title"] == "Median monthly salary in rupiah of the vacancies asking for Laravel"
    assert laravel["description"].endswith(
        "(salaried pay only: an hourly rate or a project's budget is not a month's pay)"
    )
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in queries)


def test_the_parsing_rules_on_a_small_document():
    markdown = (
        "# Title\n\nIntro.\n\n## `alpha` and `beta`\n\nBoth tables,\nwrapped.\n\n`alpha`:\n\n| column | meaning |\n"
        "| --- | --- |\n| `a`, `b` | two \\| columns |\n\n`beta`, one row per thing:\n\n| column | type | meaning |\n"
        "| --- | --- | --- |\n| `c` | text | a column |\n\n## Examples\n\nCount of alpha (all rows):\n\n```sql\n"
        "SELECT count(*)\n\nFROM alpha;\n```\n\nCount of alpha:\n\n```sql\nSELECT 1;\n```\n"
    )
    assert documented_tables(markdown) == {
        "alpha": {"description": "Both tables, wrapped.", "columns": {"a": "two | columns", "b": "two | columns"}},
        "beta": {"description": "Both tables, wrapped. One row per thing", "columns": {"c": "a column"}},
    }
    assert example_queries(markdown) == {
        "count-of-alpha": {
            "sql": "SELECT count(*)\n\nFROM alpha", "title": "Count of alpha", "description": "Count of alpha (all rows)",
        },
        "count-of-alpha-2": {"sql": "SELECT 1", "title": "Count of alpha", "description": "Count of alpha"},
    }  # fmt: skip
    assert datasette_metadata("pasarkerja", None)["databases"] == {"pasarkerja": {}}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://analyst:hunter2@127.0.0.1:1/pasarkerja",
         "pasarkerja: error: postgresql+psycopg://analyst:***@127.0.0.1:1/pasarkerja: browse serves SQLite files only "
         "(Datasette reads no PostgreSQL); browse PostgreSQL with psql, pgAdmin or DBeaver"),
        ("sqlite://", "browse serves a SQLite database file, not an in-memory one"),
        ("sqlite:///typo/pasarkerja.db", "typo/pasarkerja.db): no such database file; run a crawl or `make demo`"),
    ],
)  # fmt: skip
def test_what_browse_cannot_serve_is_a_one_line_error(monkeypatch, tmp_path, capsys, url, message):
    monkeypatch.chdir(tmp_path)
    assert main(["browse", "--database-url", url]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and message in error and "hunter2" not in error
    assert list(tmp_path.iterdir()) == []


def test_a_port_in_use_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "pasarkerja.db"
    upgrade(make_engine(f"sqlite:///{path}"))
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["--database-url", f"sqlite:///{path}", "browse", "--port", str(port)]) == 2
    assert capsys.readouterr().err == (
        f"pasarkerja: error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another --host or --port\n"
    )


@contextmanager
def browsing(database_url: str):
    """``pasarkerja browse`` on a free port, until it answers; yields its address and stops it afterwards."""
    port = closed_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "analysis.cli", "browse", "--database-url", database_url, "--port", str(port)],
        cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{address}/-/versions.json", timeout=1).close()
                break
            except URLError:
                assert server.poll() is None, server.communicate()
                time.sleep(0.1)
        yield address
    finally:
        server.terminate()
        server.communicate(timeout=30)


@pytest.mark.browser
def test_the_database_is_browsed_read_only_in_chromium(chromium, tmp_path, deriver):  # noqa: F811
    path = tmp_path / "pasarkerja.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    store(engine, deriver)
    engine.dispose()
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    with browsing(f"sqlite:///{path}") as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(chromium))
        try:
            page = browser.new_page()
            page.goto(f"{address}/pasarkerja/vacancies")
            assert "One row per distinct vacancy" in page.locator(".metadata-description").inner_text()
            columns = page.locator("dl.column-descriptions").inner_text()
            assert "platforms" in columns and "the platforms it appeared on" in columns
            assert page.locator("table.rows-and-columns tbody tr").count() == 7  # 9 postings, 7 vacancies

            page.goto(f"{address}/pasarkerja")
            page.get_by_role("link", name="Open vacancies posted on more than one platform").click()
            page.wait_for_load_state()
            rows = page.locator("table.rows-and-columns tbody tr")
            assert rows.count() == 1
            assert "glints,jobstreet,kalibrr" in rows.first.inner_text()

            # Writing through arbitrary SQL is refused, and the file is served immutable.
            page.goto(f"{address}/pasarkerja?sql=DELETE+FROM+postings")
            assert "Statement must be a SELECT" in page.content()
            page.goto(f"{address}/pasarkerja?sql=SELECT+count(*)+AS+postings+FROM+postings")
            assert page.locator("table.rows-and-columns tbody td").inner_text() == "9"
            page.goto(f"{address}/-/databases.json")
            assert '"is_mutable": false' in page.content()
        finally:
            browser.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
