"""The schedule file of ``pasarkerja schedule`` (crawlers/schedule.py): values from the environment taken as they are,
no database and no password in it, since scrapyd puts a job's settings on the crawl's command line and in its log.
(tests/test_scrapyd.py runs schedules against a real scrapyd; tests/test_config_files.py the caps of every file.)"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from crawlers.schedule import ScheduleError, load_schedule
from tests.conftest import PROJECT_DIR

NODE = "nodes:\n  - url: http://scrapyd-1:6800\n    username: ${SCRAPYD_USERNAME}\n    password: ${SCRAPYD_PASSWORD}\n"
JOB = "jobs:\n  - spider: freelancer\n    every: 1h\n"
CREDENTIALS = {"SCRAPYD_USERNAME": "pasarkerja", "SCRAPYD_PASSWORD": "s3cret"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedule.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("password", ["*Tr1cky", "&anchor-like", "has #hash", "two: parts", "0755", "1.50", "[x]"])
def test_values_from_the_environment_are_taken_as_they_are(tmp_path, password):
    # Once replaced into the text before parsing: a password read as YAML (an alias, a comment, a number...).
    schedule = load_schedule(write(tmp_path, NODE + JOB), {**CREDENTIALS, "SCRAPYD_PASSWORD": password})
    assert schedule.nodes[0].password == password


@pytest.mark.parametrize(
    "settings",
    [
        "settings:\n  DATABASE_URL: ${DATABASE_URL}\n" + JOB,
        JOB + "    settings:\n      DATABASE_URL: sqlite:///data/pasarkerja.db\n",
        "settings:\n  PASARKERJA_CONTACT: ops@example.org\n" + JOB,
    ],
)
def test_settings_the_nodes_environment_gives_are_refused(tmp_path, settings):
    with pytest.raises(ScheduleError, match=r"set (DATABASE_URL|PASARKERJA_CONTACT) in each node's environment, not"):
        load_schedule(write(tmp_path, NODE + settings), {**CREDENTIALS, "DATABASE_URL": "postgresql://u:p@db/pk"})


@pytest.mark.parametrize(
    "job",
    [
        JOB + "    arguments:\n      base_url: http://proxy-user:hunter2@proxy:8080\n",
        JOB + "    settings:\n      HTTP_PROXY: http://proxy-user:hunter2@proxy:8080\n",
    ],
)
def test_a_url_with_a_password_is_refused(tmp_path, job):
    with pytest.raises(ScheduleError, match="holds a URL with a password") as refused:
        load_schedule(write(tmp_path, NODE + job), CREDENTIALS)
    assert "hunter2" not in str(refused.value)


def test_the_shipped_schedule_loads_and_names_no_database():
    environment = {**CREDENTIALS, "DATABASE_URL": "postgresql+psycopg://crawler:pw@db/pk", "PASARKERJA_CONTACT": "x"}
    schedule = load_schedule(PROJECT_DIR / "deploy" / "schedule.yaml", environment)
    assert schedule.jobs and all("DATABASE_URL" not in job.settings for job in schedule.jobs)


def test_a_database_url_in_the_schedule_is_a_one_line_error_without_the_password(tmp_path):
    config = write(tmp_path, NODE + "settings:\n  DATABASE_URL: postgresql://crawler:hunter2@db/pk\n" + JOB)
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "schedule", "--config", str(config)],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", **CREDENTIALS},
    )  # fmt: skip
    assert result.returncode == 2
    assert "settings.DATABASE_URL: set DATABASE_URL in each node's environment" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr


@pytest.mark.parametrize(
    ("every", "interval"),
    [
        ("30m", timedelta(minutes=30)),
        ("1 H", timedelta(hours=1)),
        ("1d", timedelta(days=1)),
        ("2w", timedelta(weeks=2)),
    ],
)
def test_every_is_a_span(tmp_path, every, interval):
    schedule = load_schedule(write(tmp_path, NODE + JOB.replace("1h", every)), CREDENTIALS)
    assert schedule.jobs[0].every == interval


@pytest.mark.parametrize(
    ("every", "message"),
    [
        ("5x", "jobs[0].every: '5x' is not a span: write a whole number of minutes, hours, days or weeks, such as 30m"),
        ("90", "jobs[0].every: 90 is not a span: write a whole number of"),
        ("0h", "jobs[0].every: '0h' is too short: write a span of at least 1m"),
    ],
)
def test_an_every_that_is_not_a_span_says_how_to_write_one(tmp_path, every, message):
    with pytest.raises(ScheduleError) as refused:
        load_schedule(write(tmp_path, NODE + JOB.replace("1h", every)), CREDENTIALS)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_a_variable_in_a_comment_is_never_expanded(tmp_path):
    # The shipped file says what ${NAME} means in a comment; only values are read for variables.
    commented = "# ${NAME} is the environment variable NAME; ${UNSET_IN_A_COMMENT} too\n" + NODE + JOB
    commented += "    # every: ${ANOTHER_UNSET}\n"
    schedule = load_schedule(write(tmp_path, commented), CREDENTIALS)
    assert schedule.nodes[0].username == "pasarkerja" and schedule.jobs[0].spider == "freelancer"
    with pytest.raises(ScheduleError, match=r"\$\{UNSET_IN_A_VALUE\} is used, but the environment variable"):
        load_schedule(write(tmp_path, NODE + JOB + "    arguments:\n      query: ${UNSET_IN_A_VALUE}\n"), CREDENTIALS)


def test_the_shipped_schedule_runs_with_only_the_nodes_credentials_set(tmp_path):
    # Its comments name ${NAME}: once expanded before the YAML was read, which failed as shipped.
    assert "${NAME}" in (PROJECT_DIR / "deploy" / "schedule.yaml").read_text()
    environment = {name: value for name, value in os.environ.items() if name not in ("NAME", "DATABASE_URL")}
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "schedule", "--config", str(PROJECT_DIR / "deploy" / "schedule.yaml"),
         "--dry-run"],
        cwd=tmp_path, env={**environment, **CREDENTIALS, "PYTHONPATH": str(PROJECT_DIR)}, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert "environment variable" not in result.stderr and "Traceback" not in result.stderr, result.stderr
