"""What an operator types: one-line errors for bad input, the pasarkerja command, no leaked passwords; commands
that use a database never create one (nor its folder) and name the absolute path or masked URL they tried."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL, PROJECT_DIR, run_crawl
from tests.test_analysis_cli import market_url  # noqa: F401 - the fixture: a database with 600 postings

CURRICULUM = PROJECT_DIR / "examples" / "curricula" / "lkp-vokasi.yaml"
ALUMNI = PROJECT_DIR / "examples" / "alumni" / "example-alumni.csv"


def scrapy(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *arguments], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)


def pasarkerja(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis.cli", *arguments], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-a", "max_pages=many"], "error: -a max_pages= must be a whole number of at least 1, got 'many'"),
        (["-a", "qeury=php"], "error: spider 'freelancer' takes no argument 'qeury'"),
        (["-s", "DATABASE_URL=mysql://crawler:hunter2@db/pk"], "error: DATABASE_URL mysql://crawler:***@db/pk: only sqlite and postgresql"),
    ],
)
def test_bad_crawl_input_gives_a_one_line_error(arguments, message):
    result = scrapy("crawl", "freelancer", *arguments)
    assert result.returncode == 2
    assert message in result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr


def pasarkerja_in(folder: Path, *arguments: str) -> subprocess.CompletedProcess:
    """``pasarkerja`` run in ``folder``, so that relative paths are relative to it."""
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *arguments], cwd=folder, env=environment, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The error a command ended with, after checking it ended as a wrong input does: exit status 2, no traceback."""
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return result.stderr.strip().splitlines()[-1]


def test_pasarkerja_summary_and_migrate(sample_server, sqlite_url):
    assert "no such database file" in pasarkerja("--database-url", sqlite_url, "summary").stderr
    migrated = pasarkerja("--database-url", sqlite_url, "migrate")
    assert migrated.returncode == 0 and "schema empty -> " in migrated.stdout

    run_crawl("freelancer", sample_server.url, sqlite_url)
    summary = pasarkerja("--database-url", sqlite_url, "summary")
    assert summary.returncode == 0
    assert "freelancer" in summary.stdout and "Landing page for a batik shop" in summary.stdout


def test_pasarkerja_rejects_a_bad_database_url():
    result = pasarkerja("--database-url", "nonsense", "summary")
    assert result.returncode == 2 and "DATABASE_URL is not a database URL" in result.stderr


@pytest.mark.postgres
def test_database_password_never_reaches_the_log(sample_server, postgres_url):
    # Trust authentication ignores the password, so the crawl succeeds and we can read its log.
    with_password = postgres_url.replace("postgres@", "postgres:TopSecret123@")
    assert with_password != postgres_url and POSTGRES_URL in postgres_url
    result = run_crawl("freelancer", sample_server.url, with_password)
    assert "TopSecret123" not in result.stderr + result.stdout
    assert "postgres:***@" in result.stderr


# Every command that uses a database, with the arguments it needs; relative paths are in the folder it runs in.
DATABASE_COMMANDS = {
    "summary": ["summary"],
    "status": ["status"],
    "demand": ["demand"],
    "index": ["index"],
    "clusters": ["clusters"],
    "gap": ["gap", "--curriculum", str(CURRICULUM)],
    "earnings": ["earnings", "--curriculum", str(CURRICULUM)],
    "report": ["report", "--curriculum", str(CURRICULUM), "--out", "report.html"],
    "digest": ["digest", "--curriculum", str(CURRICULUM), "--out", "digest.md"],
    "alumni": ["alumni", str(ALUMNI), "--csv", "matches.csv"],
    "skills unmapped": ["skills", "unmapped"],
    "rederive": ["rederive"],
    "dedupe": ["dedupe"],
}


@pytest.mark.parametrize("command", DATABASE_COMMANDS)
def test_a_mistyped_sqlite_path_is_named_and_nothing_is_created(tmp_path, command):
    # It used to create the folder and an empty database, then say the database held no data.
    result = pasarkerja_in(tmp_path, "--database-url", "sqlite:///typo/pasarkerja.db", *DATABASE_COMMANDS[command])
    error = one_line_error(result)
    assert error.endswith(
        f"sqlite:///typo/pasarkerja.db ({tmp_path / 'typo' / 'pasarkerja.db'}): no such database file; check the path "
        "(a crawl or `pasarkerja migrate` creates it)"
    )
    assert list(tmp_path.iterdir()) == []


def test_migrate_creates_the_database_and_its_folder(tmp_path):
    migrated = pasarkerja_in(tmp_path, "--database-url", "sqlite:///new/pasarkerja.db", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    database = tmp_path / "new" / "pasarkerja.db"
    assert migrated.stdout.startswith(f"sqlite:///new/pasarkerja.db ({database}): schema empty") and database.is_file()


def test_migrate_where_no_folder_can_be_made_is_a_one_line_error(tmp_path):
    # Nothing can be created in /proc, whoever runs the test.
    error = one_line_error(pasarkerja_in(tmp_path, "--database-url", "sqlite:////proc/pasarkerja-test/x.db", "migrate"))
    assert "sqlite:////proc/pasarkerja-test/x.db (/proc/pasarkerja-test/x.db): cannot create its folder: " in error


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", ["status", "summary", "migrate"])
def test_postgresql_down_is_a_one_line_error_with_the_password_masked(tmp_path, command):
    port = closed_port()
    result = pasarkerja_in(
        tmp_path, "--database-url", f"postgresql+psycopg://crawler:hunter2@127.0.0.1:{port}/pasarkerja", command
    )
    error = one_line_error(result)
    assert error.startswith(
        f"pasarkerja: error: cannot open the database postgresql+psycopg://crawler:***@127.0.0.1:{port}/"
    )
    assert "Connection refused" in error and "hunter2" not in result.stderr + result.stdout


@pytest.mark.postgres
@pytest.mark.parametrize("command", ["status", "summary"])
def test_a_missing_postgresql_database_is_a_one_line_error(postgres_url, tmp_path, command):
    url = postgres_url.replace("postgres@", "postgres:hunter2@").replace("/test?", "/pasarkerja_no_such_database?")
    result = pasarkerja_in(tmp_path, "--database-url", url, command)
    error = one_line_error(result)
    assert 'database "pasarkerja_no_such_database" does not exist' in error and "postgres:***@" in error
    assert "hunter2" not in result.stderr + result.stdout


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path):
    (tmp_path / "notes.db").write_text("not a database\n" * 100)
    error = one_line_error(pasarkerja_in(tmp_path, "--database-url", "sqlite:///notes.db", "status"))
    assert error.endswith(f"the database sqlite:///notes.db ({tmp_path / 'notes.db'}): file is not a database")


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        (".", "argument --out: {folder} is a folder; give the name of a file to write in it"),
        ("notes.txt/report.html", "argument --out: {folder}/notes.txt is a file, so {folder}/notes.txt/report.html "
         "cannot be written"),
    ],
)  # fmt: skip
def test_report_out_where_no_file_can_be_written_is_refused_before_any_work(tmp_path, out, expected):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    # No database at all: the --out check comes first, before the database is opened or anything is computed.
    result = pasarkerja_in(tmp_path, "report", "--curriculum", str(CURRICULUM), "--out", out)
    assert one_line_error(result).endswith(expected.format(folder=tmp_path))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_report_out_in_a_missing_folder_creates_it_and_says_so(market_url, tmp_path):  # noqa: F811
    result = pasarkerja_in(
        tmp_path, "--database-url", market_url, "report", "--curriculum", str(CURRICULUM), "--out", "new/report.html"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Created the folder {tmp_path / 'new'}\n" in result.stdout
    assert (tmp_path / "new" / "report.html").is_file()


def test_report_out_that_cannot_be_written_is_a_one_line_error(market_url, tmp_path):  # noqa: F811
    # Nothing can be created in /proc, whoever runs the test (root passes the permission check; the writing fails).
    out = "/proc/pasarkerja-test/report.html"
    result = pasarkerja_in(
        tmp_path, "--database-url", market_url, "report", "--curriculum", str(CURRICULUM), "--out", out
    )
    assert one_line_error(result).startswith(f"pasarkerja: error: cannot write the report to {out}: ")


def test_skills_tree_shows_broader_chains_and_narrower_skills():
    result = pasarkerja("skills", "tree", "laravel")  # an alias, any case, names the skill
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Laravel (framework)",
        "  broader:",
        "    PHP",
        "      Web Development",
        "    Back-End Development",
        "      Web Development",
        "  narrower:",
        "    Eloquent ORM",
        "    Livewire",
    ]
    assert one_line_error(pasarkerja("skills", "tree", "Laravell")) == (
        'pasarkerja: error: unknown skill "Laravell"; closest: Laravel, Livewire, Eloquent ORM'
    )
