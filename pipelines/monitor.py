"""The health of a finished crawl: checks that tell a crawl that worked from one that did not.

Run by the crawl-run extension when a crawl closes (crawlers/extensions/crawl_run.py), on the crawl's stats, the
coverage of its postings' key fields and what the store could not write; stored with the crawl run (``crawl_runs.health``, ``crawl_runs.healthy``), logged, and turned into the
exit status of ``scrapy crawl`` (1 when a check fails) so that cron, scrapyd's logs and ``pasarkerja status`` see
it. The checks, each configurable with a setting:

- ``items``: at least ``MONITOR_MIN_ITEMS`` (1) postings stored;
- ``writes``: every record handed to the store written (none lost to a database refusing writes);
- ``errors``: at most ``MONITOR_MAX_ERRORS`` (0) errors logged;
- ``rejects``: at most ``MONITOR_MAX_REJECT_RATE`` (0.2) of the records rejected;
- ``coverage``: no key field (``COVERED_FIELDS``) filled in ``MONITOR_COVERAGE_DROP`` (0.25) fewer of the postings
  than in the median of the spider's ``MONITOR_COVERAGE_RUNS`` (5) previous healthy runs, both with at least
  ``MONITOR_COVERAGE_MIN_ITEMS`` (20) postings: the sign that a platform changed its pages and a field is no longer
  found;
- ``finish_reason``: one of ``MONITOR_FINISH_REASONS`` (``finished``), not ``shutdown``, ``cancelled`` or an error.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from crawlers.items import Posting

# The fields whose coverage is watched, and how a posting fills each.
COVERED_FIELDS = {
    "title": lambda posting: bool(posting.title),
    "company": lambda posting: bool(posting.company),
    "description": lambda posting: bool(posting.description),
    "posted_at": lambda posting: posting.posted_at is not None,
    "location": lambda posting: bool(posting.location) or posting.remote is not None,
    "pay": lambda posting: posting.pay_min is not None or posting.pay_max is not None or bool(posting.pay_text),
    "skills": lambda posting: bool(posting.skill_matches),
    "employment_type": lambda posting: bool(posting.employment_type),
}
COVERAGE_STAT = "pasarkerja/coverage/{field}"
UNWRITTEN_STAT = "pasarkerja/unwritten"
"""Records (postings and rejects) not written because the database refused writes (pipelines.store), for the log."""
WRITE_ERROR_STAT = "pasarkerja/write_error"
"""The first error of a database that refused writes, one line, for the log."""


@dataclass(frozen=True)
class MonitorSettings:
    min_items: int = 1
    max_errors: int = 0
    max_reject_rate: float = 0.2
    coverage_drop: float = 0.25
    coverage_runs: int = 5
    coverage_min_items: int = 20
    finish_reasons: tuple[str, ...] = ("finished",)

    @classmethod
    def from_settings(cls, settings) -> MonitorSettings:
        return cls(
            min_items=settings.getint("MONITOR_MIN_ITEMS", cls.min_items),
            max_errors=settings.getint("MONITOR_MAX_ERRORS", cls.max_errors),
            max_reject_rate=settings.getfloat("MONITOR_MAX_REJECT_RATE", cls.max_reject_rate),
            coverage_drop=settings.getfloat("MONITOR_COVERAGE_DROP", cls.coverage_drop),
            coverage_runs=settings.getint("MONITOR_COVERAGE_RUNS", cls.coverage_runs),
            coverage_min_items=settings.getint("MONITOR_COVERAGE_MIN_ITEMS", cls.coverage_min_items),
            finish_reasons=tuple(settings.getlist("MONITOR_FINISH_REASONS", list(cls.finish_reasons))),
        )


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def covered_counts(postings: Iterable[Posting]) -> dict[str, int]:
    """How many of ``postings`` fill each of COVERED_FIELDS (derived fields included, so after derivation)."""
    counts = dict.fromkeys(COVERED_FIELDS, 0)
    for posting in postings:
        for field, fills in COVERED_FIELDS.items():
            counts[field] += fills(posting)
    return counts


def coverage(stats: Mapping[str, Any]) -> dict[str, float] | None:
    """The share of a crawl's postings filling each field, from its stats; None without postings."""
    postings = stats.get("pasarkerja/postings", 0)
    if not postings:
        return None
    return {field: stats.get(COVERAGE_STAT.format(field=field), 0) / postings for field in COVERED_FIELDS}


def check_crawl(
    stats: Mapping[str, Any],
    reason: str,
    previous: Sequence[Mapping[str, Any]],
    settings: MonitorSettings,
    unwritten: int = 0,
    write_error: str | None = None,
) -> list[Check]:
    """The checks of a crawl with ``stats`` that ended for ``reason``; ``previous`` are the stats of the spider's
    earlier healthy runs, newest first; ``unwritten`` records were not written, the database refusing writes with
    ``write_error``."""
    postings = stats.get("pasarkerja/postings", 0)
    rejected = stats.get("pasarkerja/rejected", 0)
    errors = stats.get("log_count/ERROR", 0)
    checks = [
        Check(
            "items",
            postings >= settings.min_items,
            f"{postings} postings (at least {settings.min_items} expected)",
        ),
        _writes_check(unwritten, write_error),
        Check("errors", errors <= settings.max_errors, f"{errors} errors logged (at most {settings.max_errors})"),
    ]
    records = postings + rejected
    rate = rejected / records if records else 0.0
    checks.append(
        Check(
            "rejects",
            rate <= settings.max_reject_rate,
            f"{rejected} of {records} records rejected ({rate:.0%}; at most {settings.max_reject_rate:.0%})",
        )
    )
    checks.append(_coverage_check(stats, previous, settings))
    checks.append(
        Check(
            "finish_reason",
            reason in settings.finish_reasons,
            f"finished with {reason!r} (expected {' or '.join(settings.finish_reasons)})",
        )
    )
    return checks


def _writes_check(unwritten: int, write_error: str | None) -> Check:
    if unwritten:
        return Check("writes", False, f"{unwritten} records not written: {write_error}")
    if write_error:  # before any record: the worker could not connect, say
        return Check("writes", False, f"the database refused writes: {write_error}")
    return Check("writes", True, "every record written")


def _coverage_check(stats: Mapping[str, Any], previous: Sequence[Mapping[str, Any]], settings) -> Check:
    if stats.get("pasarkerja/postings", 0) < settings.coverage_min_items:
        return Check("coverage", True, f"too few postings to compare (under {settings.coverage_min_items})")
    now = coverage(stats)
    earlier = [
        coverage(run)
        for run in previous[: settings.coverage_runs]
        # Runs from before coverage was counted have nothing to compare.
        if run.get("pasarkerja/postings", 0) >= settings.coverage_min_items and _counted_coverage(run)
    ]
    if not earlier:
        return Check("coverage", True, "no earlier run to compare with")
    drops = []
    for field in COVERED_FIELDS:
        before = statistics.median(shares[field] for shares in earlier)
        if before - now[field] > settings.coverage_drop:
            drops.append(f"{field} {before:.0%} -> {now[field]:.0%}")
    if drops:
        return Check("coverage", False, f"key fields found far less often than before: {', '.join(drops)}")
    return Check("coverage", True, f"key fields found as often as in the {len(earlier)} runs before")


def _counted_coverage(stats: Mapping[str, Any]) -> bool:
    return any(COVERAGE_STAT.format(field=field) in stats for field in COVERED_FIELDS)
