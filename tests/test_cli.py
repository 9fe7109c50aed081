"""What an operator types: one-line errors for bad input, the pasarkerja command, no leaked passwords."""

import subprocess
import sys

import pytest

from tests.conftest import POSTGRES_URL, PROJECT_DIR, run_crawl


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


def test_pasarkerja_summary_and_migrate(sample_server, sqlite_url):
    assert "holds no pasarkerja data yet" in pasarkerja("--database-url", sqlite_url, "summary").stderr
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
