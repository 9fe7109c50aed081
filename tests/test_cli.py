"""What an operator types: one-line errors for bad input, the pasarkerja command, no leaked passwords; commands
that use a database never create one (nor its folder) and name the absolute path or masked URL they tried; commands
that only read never change its schema; every command is registered in one place, with its help."""

import dataclasses
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command as alembic_command

import analysis.cli
from analysis.cli import COMMANDS, build_parser, main
from analysis.cli.command import CommandFamily, Store
from pipelines.db.engine import make_engine
from pipelines.db.schema import _alembic_config, current_revision, head_revision
from tests.conftest import POSTGRES_URL, PROJECT_DIR, run_crawl
from tests.test_analysis_cli import market_url  # noqa: F401 - the fixture: a database with 600 postings

CURRICULUM = PROJECT_DIR / "examples" / "curricula" / "lkp-vokasi.yaml"
ALUMNI = PROJECT_DIR / "examples" / "alumni" / "example-alumni.csv"


def scrapy(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *arguments], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120
    )


def pasarkerja(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *arguments], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-a", "max_pages=many"], "error: -a max_pages= must be a whole number of at least 1, got 'many'"),
        (["-a", "qeury=php"], "error: spider 'freelancer' takes no argument 'qeury'"),
        (["-s", "DATABASE_URL=mysql://crawler:hunter2@db/pk"],
         "error: DATABASE_URL mysql://crawler:***@db/pk: only sqlite and postgresql"),
    ],
)  # fmt: skip
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
        f"sqlite:///typo/pasarkerja.db ({tmp_path / 'typo' / 'pasarkerja.db'}): no such database file; run a crawl or "
        "`make demo` to make one, or pass --database-url (or set DATABASE_URL) to read another"
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


def registered_commands(registry=COMMANDS) -> dict:
    """Every command that runs, by what a user types to run it: "summary", "skills tree"."""
    found = {}
    for entry in registry:
        if isinstance(entry, CommandFamily):
            found.update({f"{entry.name} {command.name}": command for command in entry.commands})
        else:
            found[entry.name] = entry
    return found


# The fewest arguments each command runs with; a command missing here fails the test below.
SURVEY = PROJECT_DIR / "examples" / "survey" / "example-survey.csv"
LEAST_ARGUMENTS = {
    **{name: arguments[len(name.split()):] for name, arguments in DATABASE_COMMANDS.items()},
    "migrate": [],
    "browse": [],
    "skills extract": [],
    "skills tree": ["laravel"],
    "schedule": ["--config", str(PROJECT_DIR / "deploy" / "schedule.yaml")],
    "survey": [str(SURVEY), "--region", "sleman", "--period", "2026-01"],
}


def test_every_registered_command_has_help_and_runs_through_the_registry(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)  # where report.html and the like would go
    monkeypatch.setenv("COLUMNS", "1000")  # help on one line a command, to find each help text whole
    assert sorted(registered_commands()) == sorted(LEAST_ARGUMENTS)
    ran = []

    def stub(entry):
        """``entry`` running nothing but a note of what it was given, and never opening the database."""
        if isinstance(entry, CommandFamily):
            return dataclasses.replace(entry, commands=tuple(stub(command) for command in entry.commands))
        return dataclasses.replace(
            entry, store=Store.NONE, run=lambda args, engine: ran.append((entry.name, args.chosen_command.name, engine))
        )

    monkeypatch.setattr(analysis.cli, "COMMANDS", tuple(stub(entry) for entry in COMMANDS))
    for name, command in registered_commands().items():
        assert command.help.strip() and command.help == command.help.strip(), name
        assert main([*name.split(), *LEAST_ARGUMENTS[name]]) == 0
        assert ran[-1] == (command.name, command.name, None)
    assert len(ran) == len(LEAST_ARGUMENTS)

    for family in ["", *(entry.name for entry in COMMANDS if isinstance(entry, CommandFamily))]:
        with pytest.raises(SystemExit) as exit:
            main([*family.split(), "--help"])
        assert exit.value.code == 0
        listed = capsys.readouterr().out
        for name, command in registered_commands().items():
            if name.rpartition(" ")[0] == family:
                assert f"{command.name}  " in listed and command.help in listed, name


# What each command does to the database when nothing asks otherwise: only the commands that write upgrade its schema.
WRITING_COMMANDS = {"rederive", "dedupe", "digest"}


def test_only_migrate_creates_the_database_and_only_writing_commands_upgrade_it(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    parser = build_parser(COMMANDS)

    def store(*arguments: str) -> Store:
        args = parser.parse_args(arguments)
        return args.chosen_command.store_for(args)

    for name, arguments in DATABASE_COMMANDS.items():
        assert store(*arguments) is (Store.WRITE if name in WRITING_COMMANDS else Store.READ), name
    assert store("migrate") is Store.CREATE
    assert store("clusters", "--store", "run 1") is Store.WRITE
    assert store(*DATABASE_COMMANDS["digest"], "--dry-run") is Store.READ
    for name in ("skills extract", "skills tree", "schedule", "survey"):
        assert store(*name.split(), *LEAST_ARGUMENTS[name]) is Store.NONE, name


@pytest.fixture
def old_schema_url(tmp_path) -> str:
    """A SQLite database at schema 0005, as an older pasarkerja left it."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        alembic_command.upgrade(config, "0005")
    engine.dispose()
    return url


def revision_of(url: str) -> str | None:
    engine = make_engine(url, create=False)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", ["summary", "status", "demand", "skills unmapped", "alumni"])
def test_a_read_command_never_migrates_an_old_database_and_says_to(old_schema_url, command):
    error = one_line_error(pasarkerja("--database-url", old_schema_url, *DATABASE_COMMANDS[command]))
    assert error.endswith(
        f"has schema 0005, and this pasarkerja reads schema {head_revision()}: run `pasarkerja migrate` first"
    )
    assert revision_of(old_schema_url) == "0005"


@pytest.mark.parametrize("command", ["migrate", "dedupe"])
def test_migrate_and_a_writing_command_bring_an_old_database_up_to_date(old_schema_url, command):
    result = pasarkerja("--database-url", old_schema_url, command)
    assert result.returncode == 0, result.stderr[-3000:]
    assert revision_of(old_schema_url) == head_revision()


# Operator papercuts: each of these once surprised an operator on their first day. -----------------------------


@pytest.mark.parametrize("command", ["summary", "status", "report", "digest", "skills unmapped"])
def test_a_read_command_outside_the_project_says_where_it_looked_and_creates_nothing(tmp_path, command):
    # Run where there is no data/ folder, with the default URL: it used to create ./data/pasarkerja.db.
    environment = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", *DATABASE_COMMANDS[command]], cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(PROJECT_DIR)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    error = one_line_error(result)
    assert f"({tmp_path / 'data' / 'pasarkerja.db'}): no such database file" in error
    assert "run a crawl or `make demo` to make one, or pass --database-url" in error
    assert result.stderr.strip() == error  # the one line, without argparse's usage above it
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("spider", "message"),
    [
        ("remotve", "unknown spider 'remotve'; did you mean remotive, remoteok? (`scrapy list` names them all)"),
        ("j", "unknown spider 'j'; did you mean jobicy, jobposting, jobstreet? (`scrapy list` names them all)"),
        ("xyzzy", "unknown spider 'xyzzy'; the spiders are arbeitnow, dealls, "),
    ],
)
def test_status_of_an_unknown_spider_names_the_closest_ones(sqlite_url, spider, message):
    assert pasarkerja("--database-url", sqlite_url, "migrate").returncode == 0
    error = one_line_error(pasarkerja("--database-url", sqlite_url, "status", "--spider", spider))
    assert error.startswith(f"pasarkerja status: error: argument --spider: {message}")


@pytest.mark.parametrize(
    ("arguments", "least"),
    [
        (["summary", "--newest", "-1"], 0),
        (["skills", "unmapped", "--top", "-3"], 1),
        (["rederive", "--batch-size", "-5"], 1),
        (["status", "--runs", "-1"], 1),
        (["demand", "--top", "-1"], 1),
        (["digest", "--curriculum", str(CURRICULUM), "--out", "d.md", "--limit", "-1"], 1),
        (["alumni", str(ALUMNI), "--csv", "m.csv", "--top", "-2"], 1),
    ],
)
def test_negative_counts_are_refused_in_one_line(capsys, arguments, least):
    with pytest.raises(SystemExit) as exit:
        main(["--database-url", "sqlite:///never/opened.db", *arguments])
    assert exit.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.endswith(f"expected a whole number of at least {least}, got '{arguments[-1]}'")


@pytest.mark.parametrize("command", ["summary", "skills tree"])
def test_a_closed_pipe_ends_quietly(sqlite_url, command):
    # As `pasarkerja summary | head -1` once the head has read its line: every write to the pipe fails.
    assert pasarkerja("--database-url", sqlite_url, "migrate").returncode == 0
    arguments = {"summary": ["summary"], "skills tree": ["skills", "tree", "Laravel"]}[command]
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "analysis.cli", "--database-url", sqlite_url, *arguments], cwd=PROJECT_DIR,
            stdout=writing, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    finally:
        os.close(writing)
    assert result.stderr == ""
    assert result.returncode == 141  # as a command the pipe's signal ended: 128 + SIGPIPE


def test_counts_of_one_read_right(engine, database_url, capsys):
    from tests.test_digest import job, store

    store(engine, job("kalibrr", "1", "Programmer Web Laravel"))
    assert main(["--database-url", database_url, "dedupe", "--window-days", "1"]) == 0
    assert capsys.readouterr().out.startswith(
        "1 posting: 1 distinct vacancy, 0 postings repeat an earlier one (similarity at least 0.6, within 1 day)"
    )
    assert main(["--database-url", database_url, "rederive"]) == 0
    assert "Re-derived 1 posting with " in capsys.readouterr().out
    assert main(["--database-url", database_url, "summary", "--newest", "1"]) == 0
    summary = capsys.readouterr().out
    assert "  1 distinct vacancy\n" in summary and "Newest 1 posting\n" in summary
