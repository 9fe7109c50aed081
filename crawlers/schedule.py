"""``pasarkerja schedule``: keep every configured crawl running on scrapyd nodes, each as often as it is due.

A schedule file (YAML; docs/deploy.md, deploy/schedule.yaml) names the scrapyd nodes with their credentials, the
project, and the jobs: a spider, its arguments and settings, and how often it runs (``every: 1h``, a span as
analysis/spans.py reads them: 30m, 6h, 1d, 1w). Each run of the command asks every node, over scrapyd's HTTP API, what
is pending, running and finished, and for each job:

- a job pending or running on any node is left alone: a spider is never started twice at once;
- a job whose last run started less than ``every`` ago is not due;
- a due job is scheduled on the node with the fewest pending and running jobs.

Jobs are told apart by the job ids this command gives them (``<job name>-<UTC time>``), so one spider can run with
different arguments as different jobs. Run it from cron every few minutes, or with ``--loop``. Scrapyd keeps its
list of finished jobs in memory: after a node restarts, its jobs are due at once. Times are compared in the
machine's local time, as scrapyd reports them: run the nodes and the scheduler in one time zone (UTC).

``${NAME}`` in a value of the file is replaced by the environment variable NAME, so the nodes' credentials need not
be written into it. The database is not named here: scrapyd puts a job's settings on the crawl's command line, where
``ps`` shows them, and in its log, so each node gives its crawls DATABASE_URL from its own environment, and the file
may hold no setting with a password (docs/deploy.md).
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from analysis.input_files import load_yaml
from analysis.spans import SpanError, parse_span, span_grammar

# How often a job may run (analysis/spans.py): minutes to weeks, at least a minute.
_EVERY_UNITS, _SHORTEST_EVERY = "mhdw", timedelta(minutes=1)
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")
_URL_WITH_PASSWORD = re.compile(r"://[^/@\s:]*:[^/@\s]*@")
# Settings a crawl reads from its node's environment only, and why the schedule may not give them.
NODE_ENVIRONMENT_SETTINGS = {
    "DATABASE_URL": "it holds the database password, and scrapyd puts settings on the command line and in its log",
    "PASARKERJA_CONTACT": "the user agent is made from the environment as the crawl starts; a setting changes nothing",
}
TIMEOUT = 20


class ScheduleError(ValueError):
    """A schedule file, or a node, that cannot be used; the message is one line saying what to fix."""


@dataclass(frozen=True)
class Node:
    url: str
    username: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class Job:
    name: str
    """Unique in the file; the prefix of the scrapyd job ids of this job."""
    spider: str
    every: timedelta
    arguments: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Schedule:
    project: str
    nodes: tuple[Node, ...]
    jobs: tuple[Job, ...]


def load_schedule(path: str | Path, environment: Mapping[str, str] = os.environ) -> Schedule:
    """The schedule in the YAML file ``path``; raises ScheduleError naming what is wrong."""
    where = str(path)
    # Expanded after parsing, so that a value from the environment is taken as it is, never read as YAML.
    document = _expand(load_yaml(path, ScheduleError), environment, where)
    if not isinstance(document, dict):
        raise ScheduleError(f"{where}: the file must hold project:, nodes: and jobs:")
    unknown = set(document) - {"project", "nodes", "jobs", "settings"}
    if unknown:
        known = "project, nodes, jobs, settings"
        raise ScheduleError(f'{where}: unknown field "{sorted(unknown)[0]}"; the fields are {known}')
    project = _text(document.get("project", "pasarkerja"), f"{where}: project")
    nodes = tuple(
        _node(entry, f"{where}: nodes[{number}]") for number, entry in enumerate(_list(document, "nodes", where))
    )
    common = _settings(document.get("settings") or {}, f"{where}: settings")
    jobs = tuple(
        _job(entry, f"{where}: jobs[{number}]", common) for number, entry in enumerate(_list(document, "jobs", where))
    )
    names = [job.name for job in jobs]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ScheduleError(f'{where}: two jobs are called "{repeated[0]}"; give each a name: of its own')
    return Schedule(project=project, nodes=nodes, jobs=jobs)


def _expand(value: Any, environment: Mapping[str, str], where: str) -> Any:
    """``value`` with ``${NAME}`` in every text in it replaced by the environment variable NAME."""
    if isinstance(value, dict):
        return {key: _expand(item, environment, where) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item, environment, where) for item in value]
    if not isinstance(value, str):
        return value

    def variable(match: re.Match) -> str:
        name = match.group(1)
        if name not in environment:
            raise ScheduleError(f"{where}: ${{{name}}} is used, but the environment variable {name} is not set")
        return environment[name]

    return _VARIABLE.sub(variable, value)


def _list(document: dict, key: str, where: str) -> list:
    entries = document.get(key)
    if not isinstance(entries, list) or not entries:
        raise ScheduleError(f"{where}: {key}: must be a list of at least one entry")
    return entries


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str | int | float) or not str(value).strip():
        raise ScheduleError(f"{where}: must be text")
    return str(value).strip()


def _strings(value: Any, where: str) -> dict[str, str]:
    """A job's arguments or settings: scrapyd puts them on the crawl's command line and in its log, so no password."""
    if not isinstance(value, dict):
        raise ScheduleError(f"{where}: must be names with values, such as DOWNLOAD_DELAY: 3")
    strings = {str(name): str(item) for name, item in value.items()}
    for name, item in strings.items():
        if _URL_WITH_PASSWORD.search(item):
            raise ScheduleError(
                f"{where}.{name}: holds a URL with a password, which scrapyd would put on the crawl's command line and "
                "in its log; leave passwords out of the schedule (docs/deploy.md)"
            )
    return strings


def _settings(value: Any, where: str) -> dict[str, str]:
    """Settings for jobs, none of them one a crawl takes from its node's environment only."""
    given = sorted(NODE_ENVIRONMENT_SETTINGS.keys() & set(value)) if isinstance(value, dict) else []
    if given:
        name = given[0]
        raise ScheduleError(
            f"{where}.{name}: set {name} in each node's environment, not in the schedule: "
            f"{NODE_ENVIRONMENT_SETTINGS[name]} (docs/deploy.md)"
        )
    return _strings(value, where)


def _node(entry: Any, where: str) -> Node:
    if not isinstance(entry, dict) or "url" not in entry:
        raise ScheduleError(f"{where}: needs url: (and username:, password: when the node asks for them)")
    url = _text(entry["url"], f"{where}.url").rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ScheduleError(f"{where}.url: {url!r} is not a URL such as http://scrapyd-1:6800")
    username, password = entry.get("username"), entry.get("password")
    if (username is None) != (password is None):
        raise ScheduleError(f"{where}: give both username: and password:, or neither")
    return Node(url, None if username is None else str(username), None if password is None else str(password))


def _job(entry: Any, where: str, common: dict[str, str]) -> Job:
    if not isinstance(entry, dict) or "spider" not in entry or "every" not in entry:
        raise ScheduleError(f"{where}: needs spider: and every: ({span_grammar(_EVERY_UNITS)})")
    unknown = set(entry) - {"name", "spider", "every", "arguments", "settings"}
    if unknown:
        known = "name, spider, every, arguments, settings"
        raise ScheduleError(f'{where}: unknown field "{sorted(unknown)[0]}"; a job has {known}')
    spider = _text(entry["spider"], f"{where}.spider")
    name = _text(entry.get("name", spider), f"{where}.name").lower()
    if not _NAME.fullmatch(name):
        raise ScheduleError(f"{where}.name: {name!r} may hold only letters, digits, _ and single hyphens")
    try:
        every = parse_span(entry["every"], _EVERY_UNITS, _SHORTEST_EVERY)
    except SpanError as exc:
        raise ScheduleError(f"{where}.every: {exc}") from None
    return Job(
        name=name,
        spider=spider,
        every=every,
        arguments=_strings(entry.get("arguments") or {}, f"{where}.arguments"),
        settings={**common, **_settings(entry.get("settings") or {}, f"{where}.settings")},
    )


# Talking to scrapyd ---------------------------------------------------------------------------------------------


class Scrapyd:
    """One node's HTTP API, with its credentials."""

    def __init__(self, node: Node):
        self.node = node

    def call(self, endpoint: str, query: Mapping[str, str] | None = None, form: list[tuple[str, str]] | None = None):
        url = f"{self.node.url}/{endpoint}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(url, data=data)
        if self.node.username is not None:
            token = base64.b64encode(f"{self.node.username}:{self.node.password}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                answer = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            hint = ": check username and password" if exc.code == 401 else ""
            raise ScheduleError(f"{self.node.url}: {endpoint} answered HTTP {exc.code}{hint}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise ScheduleError(f"{self.node.url}: unreachable ({getattr(exc, 'reason', exc)})") from None
        except json.JSONDecodeError:
            raise ScheduleError(f"{self.node.url}: {endpoint} did not answer JSON: is this a scrapyd node?") from None
        if answer.get("status") != "ok":
            raise ScheduleError(f"{self.node.url}: {endpoint}: {answer.get('message', answer)}")
        return answer


@dataclass(frozen=True)
class Decision:
    job: str
    action: str
    """scheduled, running, not due, or failed."""
    detail: str


def run_once(schedule: Schedule, now: Callable[[], datetime] = datetime.now, dry_run: bool = False) -> list[Decision]:
    """Look at every node and schedule the due jobs; one Decision per job. Raises ScheduleError when no node
    answers."""
    answered: dict[Scrapyd, dict] = {}
    problems = []
    for node in schedule.nodes:
        scrapyd = Scrapyd(node)
        try:
            answered[scrapyd] = scrapyd.call("listjobs.json", {"project": schedule.project})
        except ScheduleError as exc:
            problems.append(str(exc))
    if not answered:
        raise ScheduleError("no scrapyd node answered: " + "; ".join(problems))
    decisions = [Decision("-", "failed", problem) for problem in problems]
    load = {scrapyd: len(jobs["pending"]) + len(jobs["running"]) for scrapyd, jobs in answered.items()}
    for job in schedule.jobs:
        decision = _decide(job, answered, now())
        if decision is None:
            least_busy = min(load, key=lambda scrapyd: (load[scrapyd], scrapyd.node.url))
            decision = _schedule(job, schedule.project, least_busy, now(), dry_run)
            load[least_busy] += decision.action == "scheduled"
        decisions.append(decision)
    return decisions


def _decide(job: Job, answered: dict[Scrapyd, dict], now: datetime) -> Decision | None:
    """Why ``job`` is not to be started now, or None when it is due."""
    prefix = f"{job.name}-"
    for scrapyd, jobs in answered.items():
        for state in ("running", "pending"):
            if any(entry["id"].startswith(prefix) for entry in jobs[state]):
                return Decision(job.name, "running", f"{state} on {scrapyd.node.url}: not started twice")
    starts = [
        datetime.fromisoformat(entry["start_time"])
        for jobs in answered.values()
        for entry in jobs["finished"]
        if entry["id"].startswith(prefix)
    ]
    if starts and now - max(starts) < job.every:
        last = max(starts)
        return Decision(job.name, "not due", f"last started {last:%Y-%m-%d %H:%M}, due at {last + job.every:%H:%M}")
    return None


def _schedule(job: Job, project: str, scrapyd: Scrapyd, now: datetime, dry_run: bool) -> Decision:
    jobid = f"{job.name}-{now:%Y%m%dT%H%M%S}"
    if dry_run:
        return Decision(job.name, "due", f"would start on {scrapyd.node.url} (--dry-run)")
    form = [("project", project), ("spider", job.spider), ("jobid", jobid)]
    form += [("setting", f"{name}={value}") for name, value in job.settings.items()]
    form += list(job.arguments.items())
    try:
        scrapyd.call("schedule.json", form=form)
    except ScheduleError as exc:
        return Decision(job.name, "failed", str(exc))
    return Decision(job.name, "scheduled", f"on {scrapyd.node.url} as {jobid}")


def render(decisions: list[Decision]) -> str:
    width = max(len(decision.job) for decision in decisions)
    return "\n".join(f"{decision.job:<{width}}  {decision.action:<9}  {decision.detail}" for decision in decisions)


def run(path: str | Path, loop: bool = False, check_every: int = 60, dry_run: bool = False, out=print) -> int:
    """``pasarkerja schedule``: once, or every ``check_every`` seconds with ``loop``; exit status 1 when a job could
    not be scheduled."""
    schedule = load_schedule(path)
    if not loop:
        decisions = run_once(schedule, dry_run=dry_run)
        out(render(decisions))
        return 1 if any(decision.action == "failed" for decision in decisions) else 0
    while True:
        try:
            out(render(run_once(schedule, dry_run=dry_run)))
        except ScheduleError as exc:  # every node down for now: try again at the next check
            out(f"{datetime.now():%Y-%m-%d %H:%M:%S} {exc}")
        time.sleep(check_every)
