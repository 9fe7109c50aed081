"""Shared test fixtures: databases (SQLite and PostgreSQL), real crawls, fixture servers."""

from __future__ import annotations

import contextvars
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from analysis.language import language
from crawlers.browser import ChromiumNotFound, find_chromium
from pipelines.db.engine import make_engine
from pipelines.db.schema import upgrade
from sample.server import FixtureServer, Route, sample_routes

PROJECT_DIR = Path(__file__).resolve().parent.parent
REALDATA_DIR = PROJECT_DIR.parent / "shared" / "realdata"
POSTGRES_URL = os.environ.get("PASARKERJA_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Settings every test crawl uses: no politeness delays against our own loopback server.
TEST_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "INFO"}


def run_crawl(
    spider: str, base_url: str, database_url: str, *arguments: str, healthy: bool = True, **settings: str
) -> subprocess.CompletedProcess:
    """Run ``scrapy crawl`` as an operator would, in a subprocess; fail the test if it fails. A crawl of bad pages
    is ``healthy=False``: it must end with exit status 1 and say its health check failed (pipelines/monitor.py)."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={base_url}"]
    for argument in arguments:
        command += ["-a", argument]
    for name, value in {**TEST_SETTINGS, "DATABASE_URL": database_url, **settings}.items():
        command += ["-s", f"{name}={value}"]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=240)
    assert result.returncode == (0 if healthy else 1), result.stderr[-3000:]
    assert ("Crawl health: ok" if healthy else "Crawl health: FAILED") in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


def stat(result: subprocess.CompletedProcess, name: str) -> int | None:
    """A number from the stats Scrapy logs at the end of a crawl."""
    found = re.search(rf"'{re.escape(name)}': (\d+)", result.stderr)
    return int(found.group(1)) if found else None


def rows(database_url: str, sql: str, **params) -> list:
    """Rows of ``sql`` as named tuples."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql), params))
    finally:
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'pasarkerja.db'}"


def _postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture
def postgres_url() -> str:
    """A fresh schema in the PostgreSQL ``test`` database, dropped afterwards."""
    if not _postgres_reachable():
        message = f"PostgreSQL unreachable at {POSTGRES_URL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(message)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    """The URL of a fresh database of each kind."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(database_url):
    """An engine on a fresh database of each kind, at the current schema."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def chromium() -> str:
    """The Chromium that render=1 crawls drive (scripts/ensure-chromium.sh installs Debian's)."""
    try:
        return find_chromium()
    except ChromiumNotFound as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{exc} (CI=true: browser tests must run)")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def sample_server():
    """The bundled offline sample of every platform, as ``make demo`` serves it."""
    with FixtureServer(sample_routes()) as server:
        yield server


@pytest.fixture
def serve():
    """Start a FixtureServer for the given routes: ``serve([Route(...)])`` returns it."""
    servers = []

    def start(routes: list[Route]) -> FixtureServer:
        server = FixtureServer(routes).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def realdata(name: str) -> bytes:
    """A real response from ../shared/realdata (``folder/file``), or skip when it is absent."""
    path = REALDATA_DIR / name
    if not path.exists():
        pytest.skip(f"no real data at {path}")
    return path.read_bytes()


@pytest.fixture
def english():
    """Run the test in English: what the command line prints, or the report with --lang en. A module whose tests read
    English texts uses it for all of them (``pytestmark = pytest.mark.usefixtures("english")``)."""
    with language("en"):
        yield


def by_default(function, *args, **kwargs):
    """``function(*args, **kwargs)`` outside any language block, so in the default language, Bahasa Indonesia."""
    return contextvars.Context().run(function, *args, **kwargs)
