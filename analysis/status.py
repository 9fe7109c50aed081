"""``pasarkerja status``: per spider, its last crawls and whether they were healthy (pipelines/monitor.py).

For an operator's terminal, a cron mail or a monitoring system (``--json``): each spider's latest runs with what they
stored and, for a failed health check, why. A crawl without ``finished_at`` is "unfinished": running now, or killed
before it could finish.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from pipelines.db.engine import as_utc
from pipelines.db.models import CrawlRun


@dataclass(frozen=True)
class Run:
    id: int
    spider: str
    started_at: datetime
    finished_at: datetime | None
    finish_reason: str | None
    items: int
    new: int
    rejected: int
    healthy: bool | None
    """None for a crawl still running (or killed), and for crawls stored before health was checked."""
    failed_checks: tuple[tuple[str, str], ...]
    """(check, detail) of each failed check."""

    @property
    def state(self) -> str:
        if self.finished_at is None:
            return "unfinished"  # running now, or killed: the database cannot tell
        return {True: "ok", False: "FAILED", None: "unchecked"}[self.healthy]


def latest_runs(engine: Engine, runs: int = 5, spider: str | None = None) -> dict[str, list[Run]]:
    """The ``runs`` latest crawls of each spider (or of ``spider``), newest first, spiders by name."""
    table = CrawlRun.__table__
    query = select(table).order_by(table.c.spider, table.c.id.desc())
    if spider:
        query = query.where(table.c.spider == spider)
    found: dict[str, list[Run]] = {}
    with engine.connect() as connection:
        for row in connection.execute(query):
            of_spider = found.setdefault(row.spider, [])
            if len(of_spider) < runs:
                of_spider.append(_run(row))
    return found


def _run(row) -> Run:
    failed = tuple((check["name"], check["detail"]) for check in row.health or () if not check["passed"])
    return Run(
        id=row.id,
        spider=row.spider,
        started_at=as_utc(row.started_at),
        finished_at=as_utc(row.finished_at),
        finish_reason=row.finish_reason,
        items=row.items or 0,
        new=row.new or 0,
        rejected=row.rejected or 0,
        healthy=row.healthy,
        failed_checks=failed,
    )


def unhealthy(found: dict[str, list[Run]]) -> list[str]:
    """The spiders whose latest finished crawl failed its health checks."""
    latest = {spider: next((run for run in runs if run.finished_at is not None), None) for spider, runs in found.items()}
    return [spider for spider, run in latest.items() if run is not None and run.healthy is False]


def render(found: dict[str, list[Run]]) -> str:
    """Per spider, one line a crawl: when, how long, what it stored, its health; failed checks under it."""
    if not found:
        return "No crawls yet: run `scrapy crawl SPIDER` or schedule one (docs/deploy.md)."
    lines = []
    for spider, runs in sorted(found.items()):
        lines.append(f"{spider}")
        for run in runs:
            took = f"{(run.finished_at - run.started_at).total_seconds():.0f} s" if run.finished_at else "–"
            lines.append(
                f"  #{run.id:<6} {run.started_at:%Y-%m-%d %H:%M} UTC  {took:>7}  {run.items:>6} postings "
                f"{run.new:>6} new {run.rejected:>5} rejected  {run.finish_reason or '':<10} {run.state}"
            )
            lines += [f"           {name}: {detail}" for name, detail in run.failed_checks]
    broken = unhealthy(found)
    lines += ["", f"Latest crawl failed for: {', '.join(broken)}" if broken else "No latest crawl failed its checks."]
    return "\n".join(lines)


def to_json(found: dict[str, list[Run]]) -> str:
    def run_data(run: Run) -> dict[str, Any]:
        return {
            "id": run.id,
            "started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
            "finish_reason": run.finish_reason,
            "postings": run.items,
            "new": run.new,
            "rejected": run.rejected,
            "state": run.state,
            "failed_checks": [{"check": name, "detail": detail} for name, detail in run.failed_checks],
        }

    data = {"spiders": {spider: [run_data(run) for run in runs] for spider, runs in sorted(found.items())}}
    data["unhealthy"] = unhealthy(found)
    return json.dumps(data, indent=2) + "\n"
