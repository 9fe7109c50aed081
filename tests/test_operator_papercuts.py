"""What an operator meets around a crawl: a misspelt spider name named as the closest spiders, the sample server's
command line (--port, --help, a wrong argument), the README's "Crawl the sample by hand" section run as written, and
crawl logs that mention the schema only when a migration runs."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from crawlers.platforms import PLATFORMS
from pipelines.db.schema import head_revision
from tests.conftest import PROJECT_DIR, rows, run_crawl
from tests.test_cli import one_line_error
from tests.test_scrapyd import free_port

README = PROJECT_DIR / "README.md"
BY_HAND = "## Crawl the sample by hand"


def command(*arguments: str, timeout: float = 120, **environment: str) -> subprocess.CompletedProcess:
    """``python -m ARGUMENTS`` in the project folder, as an operator runs it; a command still running at ``timeout``
    fails the test (a server started where a usage text was asked for, say)."""
    try:
        return subprocess.run(
            [sys.executable, "-m", *arguments], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=timeout,
            env={**os.environ, **environment},
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"`python -m {' '.join(arguments)}` still ran after {timeout} s")


# A misspelt spider name


def test_a_misspelt_spider_name_names_the_closest_and_exits_2():
    error = one_line_error(command("scrapy", "crawl", "remotve"))
    assert "unknown spider 'remotve'" in error and "remotive" in error


def test_a_name_like_no_spider_lists_them_all():
    error = one_line_error(command("scrapy", "crawl", "xyzzy"))
    assert "unknown spider 'xyzzy'" in error
    assert all(platform.name in error for platform in PLATFORMS)


# The sample server's command line


def test_the_sample_server_answers_help_without_serving():
    result = command("sample.server", "--help", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "--port" in result.stdout and "Serving" not in result.stdout


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [(["--port", "http"], "--port"), (["--port", "70000"], "--port"), (["--prot", "8765"], "--prot")],
)
def test_a_wrong_sample_server_argument_is_a_one_line_error(arguments, expected):
    error = one_line_error(command("sample.server", *arguments, timeout=30))
    assert "error" in error and expected in error


def test_a_port_in_use_is_a_one_line_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        error = one_line_error(command("sample.server", "--port", str(port), timeout=30))
    assert str(port) in error


class SampleServer:
    """``python -m sample.server ARGUMENTS`` running in the background; its URL read from the line it prints."""

    def __init__(self, *arguments: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sample.server", *arguments], cwd=PROJECT_DIR, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        first_line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)", first_line)
        assert found, f"the server printed {first_line!r}; {self.process.stderr.read() if not first_line else ''}"
        self.url, self.port = found.group(0), int(found.group(1))

    def stop(self) -> subprocess.CompletedProcess:
        """Ctrl-C, as an operator stops it."""
        self.process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = self.process.communicate(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        return subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)


def test_the_sample_server_serves_on_the_port_asked_and_ends_quietly_on_ctrl_c():
    port = free_port()
    server = SampleServer("--port", str(port))
    try:
        assert server.port == port
        with pytest.raises(urllib.error.HTTPError) as answer:  # robots.txt: none, so everything is allowed
            urllib.request.urlopen(f"{server.url}/robots.txt", timeout=10)
        assert answer.value.code == 404
    finally:
        stopped = server.stop()
    assert stopped.returncode == 0 and "Traceback" not in stopped.stderr, stopped.stderr


# The README's "Crawl the sample by hand"


def by_hand_lines() -> list[str]:
    """The command lines of the README's section, continued lines joined, comments dropped."""
    section = README.read_text().split(BY_HAND, 1)
    assert len(section) == 2, f"README.md has no section {BY_HAND!r}"
    text = section[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    lines = [line.split("#", 1)[0].strip() for block in blocks for line in block.replace("\\\n", " ").splitlines()]
    return [line for line in lines if line]


def readme_port() -> str:
    """The port of the section's server command, which its crawl commands name too."""
    [server] = [shlex.split(line) for line in by_hand_lines() if "sample.server" in line]
    assert server[:4] == ["python", "-m", "sample.server", "--port"], server
    return server[4]


def crawl_commands() -> dict[str, list[str]]:
    """Spider name -> the section's command line that crawls it."""
    crawls = [shlex.split(line) for line in by_hand_lines() if line.startswith("scrapy crawl ")]
    return {arguments[2]: arguments for arguments in crawls}


def test_the_readme_crawls_every_platform_of_the_sample_by_hand():
    port = readme_port()
    crawls = crawl_commands()
    missing = [platform.name for platform in PLATFORMS if platform.name not in crawls]
    assert not missing, f"README.md, {BY_HAND}: no `scrapy crawl` line for {', '.join(missing)}"
    for platform in PLATFORMS:
        arguments = crawls[platform.name]
        given = {arguments[at + 1] for at, option in enumerate(arguments) if option == "-a"}
        assert f"base_url=http://127.0.0.1:{port}" in given, arguments
        assert set(platform.sample_arguments()) <= given, f"{platform.name}: {platform.sample_arguments()}"
    assert "export DATABASE_URL=sqlite:///data/sample.db" in by_hand_lines()
    assert "pasarkerja summary" in by_hand_lines()


@pytest.mark.parametrize("spider", ["freelancer", "jobposting"])
def test_a_crawl_of_the_readme_stores_the_sample(spider, sqlite_url):
    """The section's own commands, on a free port and into a temporary database instead of data/sample.db."""
    port = readme_port()
    server = SampleServer("--port", str(free_port()))
    try:
        crawl = [argument.replace(f":{port}", f":{server.port}") for argument in crawl_commands()[spider]]
        crawled = command(*crawl, "-s", "LOG_LEVEL=INFO", timeout=240, DATABASE_URL=sqlite_url)
        assert crawled.returncode == 0 and "Crawl health: ok" in crawled.stderr, crawled.stderr[-3000:]
    finally:
        server.stop()
    [(stored,)] = rows(sqlite_url, "SELECT count(*) FROM postings WHERE source = :spider", spider=spider)
    assert stored > 0
    summary = command("analysis.cli", "summary", DATABASE_URL=sqlite_url)
    assert summary.returncode == 0 and spider in summary.stdout, summary.stderr


# Alembic in crawl logs


def alembic_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "[alembic" in line or "Context impl" in line]


def test_a_crawl_logs_the_migration_it_ran_in_one_line_and_nothing_when_none(sample_server, sqlite_url):
    fresh = run_crawl("remotive", sample_server.url, sqlite_url).stderr
    assert not alembic_lines(fresh), alembic_lines(fresh)
    migrated = [line for line in fresh.splitlines() if "[pipelines.db.schema]" in line]
    assert len(migrated) == 1 and "INFO" in migrated[0] and head_revision() in migrated[0], migrated

    up_to_date = run_crawl("remotive", sample_server.url, sqlite_url).stderr
    assert not alembic_lines(up_to_date), alembic_lines(up_to_date)
    assert "[pipelines.db.schema]" not in up_to_date
