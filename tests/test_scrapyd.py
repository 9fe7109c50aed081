"""Scheduled crawls on a real scrapyd set up as docs/deploy.md says (the shipped scrapyd.conf, credentials and
DATABASE_URL in scrapyd's environment): the project deployed with scrapyd-deploy as it is, a crawl scheduled with
``pasarkerja schedule`` against the local sample server, its rows and crawl run stored; no request without the
password is answered; the database password is in no log, no file and no process's arguments; the shipped
scrapyd.conf has no credentials that work."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, rows
from tests.platforms import sample_source_ids

pytestmark = pytest.mark.scrapyd

USERNAME, PASSWORD = "operator", "a-test-password"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, endpoint: str, password: str | None = PASSWORD) -> dict:
    request = urllib.request.Request(f"{url}/{endpoint}")
    if password is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{USERNAME}:{password}".encode()).decode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@dataclass(frozen=True)
class Node:
    url: str
    home: Path
    """Everything this scrapyd writes: its log, the crawls' logs, its job queues."""
    log: Path
    """Scrapyd's own log (its standard output and error)."""


def node_config(home: Path, port: int) -> Path:
    """deploy/scrapyd.conf as shipped, but on ``port`` and with its folders in ``home``."""
    config = home / "scrapyd.conf"
    config.write_text(
        (PROJECT_DIR / "deploy" / "scrapyd.conf")
        .read_text()
        .replace("http_port    = 6800", f"http_port    = {port}")
        .replace("/var/lib/scrapyd", str(home))
        .replace("/var/log/scrapyd", str(home / "logs"))
        .replace("poll_interval = 5.0", "poll_interval = 0.5")
    )
    return config


def without_node_variables() -> dict[str, str]:
    """This process's environment without what a node's environment sets (docs/deploy.md)."""
    return {
        name: value for name, value in os.environ.items()
        if name not in ("SCRAPYD_USERNAME", "SCRAPYD_PASSWORD", "DATABASE_URL")
    }  # fmt: skip


@pytest.fixture
def start_scrapyd(tmp_path):
    """``start_scrapyd(database_url)``: a scrapyd on loopback that wants a username and password, the crawls'
    DATABASE_URL in its environment; its Node."""
    started = []

    def start(database_url: str) -> Node:
        home = tmp_path / "scrapyd"
        home.mkdir()
        port = free_port()
        node_config(home, port)
        environment = {
            **without_node_variables(), "SCRAPYD_USERNAME": USERNAME, "SCRAPYD_PASSWORD": PASSWORD,
            "DATABASE_URL": database_url,
        }  # fmt: skip
        log = home / "scrapyd.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(BIN / "scrapyd")], cwd=home, env=environment, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        started.append(process)
        node = Node(f"http://127.0.0.1:{port}", home, log)
        deadline = time.monotonic() + 30
        while True:
            try:
                call(node.url, "daemonstatus.json")
                return node
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and process.poll() is None, log.read_text()[-2000:]
                time.sleep(0.2)

    yield start
    for process in started:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def deploy(url: str, tmp_path: Path) -> dict:
    """scrapyd-deploy from a copy of the project (it builds the egg where it runs), as an operator would."""
    copy = tmp_path / "project"
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    for name in tracked:
        if (PROJECT_DIR / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT_DIR / name, copy / name)
    with (copy / "scrapy.cfg").open("a") as config:
        config.write(f"\n[deploy:test]\nurl = {url}/\nproject = pasarkerja\nusername = {USERNAME}\npassword = {PASSWORD}\n")
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "-p", "pasarkerja"],
        cwd=copy, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return json.loads(result.stdout[result.stdout.index("{") :])


def schedule(config: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SCRAPYD_USERNAME": USERNAME, "SCRAPYD_PASSWORD": PASSWORD}
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", "schedule", "--config", str(config)],
        cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def schedule_file(path: Path, node: Node, base_url: str) -> Path:
    """A schedule of one freelancer crawl against ``base_url``: no database in it (the node has it)."""
    path.write_text(
        "nodes:\n"
        f"  - url: {node.url}\n    username: ${{SCRAPYD_USERNAME}}\n    password: ${{SCRAPYD_PASSWORD}}\n"
        "settings:\n  DOWNLOAD_DELAY: 0\n"
        f"jobs:\n  - spider: freelancer\n    every: 1h\n    arguments:\n      base_url: {base_url}\n"
    )
    return path


def test_a_scheduled_crawl_on_scrapyd_fills_the_database(start_scrapyd, sample_server, tmp_path):
    database_url = f"sqlite:///{tmp_path / 'pasarkerja.db'}"
    node = start_scrapyd(database_url)
    deployed = deploy(node.url, tmp_path)
    assert (deployed["status"], deployed["spiders"]) == ("ok", 15)

    config = schedule_file(tmp_path / "schedule.yaml", node, sample_server.url)
    first = schedule(config)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("freelancer  scheduled  on ")
    # Asked again at once: pending or running, so not started twice.
    again = schedule(config)
    assert again.returncode == 0 and "not started twice" in again.stdout, again.stdout

    deadline = time.monotonic() + 120
    while not (jobs := call(node.url, "listjobs.json?project=pasarkerja"))["finished"]:
        assert time.monotonic() < deadline, jobs
        time.sleep(0.5)
    [finished] = jobs["finished"]
    assert finished["id"].startswith("freelancer-")

    stored = {row.source_id for row in rows(database_url, "SELECT source_id FROM postings")}
    assert stored == sample_source_ids("freelancer")
    [run] = rows(database_url, "SELECT spider, arguments, finish_reason, healthy FROM crawl_runs")
    arguments = json.loads(run.arguments)
    assert (run.spider, run.finish_reason, run.healthy, arguments["_job"]) == (
        "freelancer", "finished", 1, finished["id"],
    )  # fmt: skip
    # Finished within the hour: not due.
    assert "not due" in schedule(config).stdout


def command_lines() -> dict[int, bytes]:
    """Every process's arguments, as ``ps`` shows them to any user of the machine."""
    found = {}
    for folder in Path("/proc").iterdir():
        if folder.name.isdigit():
            try:
                found[int(folder.name)] = (folder / "cmdline").read_bytes()
            except OSError:  # ended meanwhile
                pass
    return found


@pytest.mark.postgres
def test_the_database_password_is_in_no_log_file_or_command_line(start_scrapyd, sample_server, postgres_url, tmp_path):
    secret = "TopSecret-4711"
    # Trust authentication ignores the password, so the crawl succeeds and its traces can be searched for it.
    database_url = postgres_url.replace("postgres@", f"postgres:{secret}@")
    assert secret in database_url
    node = start_scrapyd(database_url)
    deploy(node.url, tmp_path)
    scheduled = schedule(schedule_file(tmp_path / "schedule.yaml", node, sample_server.url))
    assert scheduled.returncode == 0, scheduled.stderr

    crawl_seen = False
    deadline = time.monotonic() + 120
    while not (jobs := call(node.url, "listjobs.json?project=pasarkerja"))["finished"]:
        assert time.monotonic() < deadline, jobs
        processes = command_lines()
        assert not [line for line in processes.values() if secret.encode() in line]
        crawl_seen |= any(b"freelancer" in processes.get(job["pid"], b"") for job in jobs["running"])
        time.sleep(0.1)
    assert crawl_seen, "the crawl ran between two looks at the processes"

    stored = {row.source_id for row in rows(postgres_url, "SELECT source_id FROM postings")}
    assert stored == sample_source_ids("freelancer")
    assert "Process started:" in node.log.read_text()  # scrapyd's log, with the crawl's arguments
    [crawl_log] = (node.home / "logs").rglob("*.log")
    assert "postgres:***@" in crawl_log.read_text()  # the crawl names the database, password masked
    written = [path for path in node.home.rglob("*") if path.is_file() and secret.encode() in path.read_bytes()]
    assert written == []


def test_scrapyd_answers_nothing_without_the_password(start_scrapyd, tmp_path):
    node = start_scrapyd(f"sqlite:///{tmp_path / 'pasarkerja.db'}")
    for password in (None, "wrong"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            call(node.url, "listprojects.json", password=password)
        assert refused.value.code == 401
    assert call(node.url, "listprojects.json")["status"] == "ok"


def test_the_shipped_scrapyd_conf_holds_no_credentials_that_work(tmp_path):
    # Without credentials in its environment, scrapyd with the shipped file must not start: with an empty
    # username or password it would answer anyone, and a placeholder password anyone knows is no better.
    node_config(tmp_path, free_port())
    result = subprocess.run(
        [str(BIN / "scrapyd")], cwd=tmp_path, env=without_node_variables(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "The `username` option contains illegal character ':'" in result.stdout + result.stderr
