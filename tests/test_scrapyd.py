"""Scheduled crawls on a real scrapyd: the project deployed with scrapyd-deploy as it is, a crawl scheduled with
``pasarkerja schedule`` against the local sample server, its rows and crawl run stored; no request without the
password is answered."""

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


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd on loopback that wants a username and password; its URL."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        (PROJECT_DIR / "deploy" / "scrapyd.conf")
        .read_text()
        .replace("http_port    = 6800", f"http_port    = {port}")
        .replace("username     = pasarkerja", f"username     = {USERNAME}")
        .replace("password     = CHANGE-ME", f"password     = {PASSWORD}")
        .replace("/var/lib/scrapyd", str(home))
        .replace("/var/log/scrapyd", str(home / "logs"))
        .replace("poll_interval = 5.0", "poll_interval = 0.5")
    )
    process = subprocess.Popen(
        [str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            call(url, "daemonstatus.json")
            break
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline and process.poll() is None, "scrapyd did not start"
            time.sleep(0.2)
    yield url
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


def test_a_scheduled_crawl_on_scrapyd_fills_the_database(scrapyd, sample_server, tmp_path):
    deployed = deploy(scrapyd, tmp_path)
    assert (deployed["status"], deployed["spiders"]) == ("ok", 15)

    database_url = f"sqlite:///{tmp_path / 'pasarkerja.db'}"
    config = tmp_path / "schedule.yaml"
    config.write_text(
        "nodes:\n"
        f"  - url: {scrapyd}\n    username: ${{SCRAPYD_USERNAME}}\n    password: ${{SCRAPYD_PASSWORD}}\n"
        f"settings:\n  DATABASE_URL: {database_url}\n  DOWNLOAD_DELAY: 0\n"
        f"jobs:\n  - spider: freelancer\n    every: 1h\n    arguments:\n      base_url: {sample_server.url}\n"
    )
    first = schedule(config)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("freelancer  scheduled  on ")
    # Asked again at once: pending or running, so not started twice.
    again = schedule(config)
    assert again.returncode == 0 and "not started twice" in again.stdout, again.stdout

    deadline = time.monotonic() + 120
    while not (jobs := call(scrapyd, "listjobs.json?project=pasarkerja"))["finished"]:
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


def test_scrapyd_answers_nothing_without_the_password(scrapyd):
    for password in (None, "wrong"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            call(scrapyd, "listprojects.json", password=password)
        assert refused.value.code == 401
    assert call(scrapyd, "listprojects.json")["status"] == "ok"
