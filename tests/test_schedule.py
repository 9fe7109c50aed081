"""The schedule file of ``pasarkerja schedule`` (crawlers/schedule.py): values from the environment taken as they are,
no database and no password in it, since scrapyd puts a job's settings on the crawl's command line and in its log.
(tests/test_scrapyd.py runs schedules against a real scrapyd; tests/test_config_files.py the caps of every file.)"""

from __future__ import annotations

import subprocess
import sys
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
