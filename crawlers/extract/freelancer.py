"""Freelancer.com: ``/api/projects/0.1/projects/active/`` with ``user_details=true``.

Envelope ``{status, result: {total_count, projects[], users{id: user}}}``. Budgets are in
the project's own currency (``currency.exchange_rate`` converts to USD and is kept in
``raw``); ``type`` is ``fixed`` (a project budget) or ``hourly``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, PageError, convert_records, load_json, record_id, require, url_part
from crawlers.items import Posting
from crawlers.parse.dates import from_epoch
from crawlers.parse.money import amount, period_named
from crawlers.parse.numbers import finite_number, whole_number
from crawlers.parse.text import unescape

SOURCE = "freelancer"
# No project id in it: a project without ``seo_url`` has no URL and is rejected.
PROJECT_URL = "https://www.freelancer.com/projects/{seo_url}"


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    if payload.get("status") != "success":
        raise PageError("api_error", f"status {payload.get('status')!r}: {payload.get('message', '')}")
    result = require(payload, "result", dict)
    projects = require(result, "projects", list)
    users = result.get("users") or {}
    if not isinstance(users, dict):
        raise PageError("unexpected_shape", f"'users' is {type(users).__name__}")
    # The raw record is the project with its owner, so re-deriving needs nothing else.
    records = [
        {"project": project, "owner": users.get(str(project.get("owner_id"))) if isinstance(project, dict) else None}
        for project in projects
    ]
    total = result.get("total_count")
    return Page(
        items=convert_records(records, to_posting, source=SOURCE, url=response.url),
        record_count=len(projects),
        total=total if isinstance(total, int) else None,
    )


def to_posting(record: dict[str, Any]) -> Posting:
    project, owner = record["project"], record["owner"] or {}
    posted_at = from_epoch(project.get("time_submitted") or project.get("submitdate"))
    bid_days = whole_number(project.get("bidperiod"), "bidperiod")
    budget = project.get("budget") or {}
    currency = project.get("currency") or {}
    jobs = project.get("jobs") or []
    country = ((owner.get("location") or {}).get("country") or {}).get("code")
    local = bool(project.get("local"))
    return Posting(
        source=SOURCE,
        source_id=record_id(project, "id"),
        url=PROJECT_URL.format(seo_url=url_part(project, "seo_url")),
        title=unescape(project["title"]),
        description=unescape(project.get("description") or project.get("preview_description")),
        company=unescape(owner.get("company") or owner.get("public_name") or owner.get("display_name")),
        client_country=country.upper() if country else None,
        posted_at=posted_at,
        valid_through=posted_at + timedelta(days=bid_days) if posted_at and bid_days else None,
        employment_type="freelance",
        remote=not local,
        location=_location(project) if local else "Remote",
        pay_min=amount(budget.get("minimum")),
        pay_max=amount(budget.get("maximum")),
        pay_currency=currency.get("code"),
        pay_period=period_named(project.get("type")),
        pay_usd_rate=finite_number(currency.get("exchange_rate"), "exchange_rate"),
        skills=list(dict.fromkeys(job["name"] for job in jobs)),
        category=(jobs[0].get("category") or {}).get("name") if jobs else None,
        bid_count=whole_number((project.get("bid_stats") or {}).get("bid_count"), "bid_count"),
        language=project.get("language"),
        status=project.get("frontend_project_status") or project.get("status"),
        raw=record,
    )


def _location(project: dict[str, Any]) -> str | None:
    location = project.get("location") or {}
    parts = [location.get("city"), (location.get("country") or {}).get("name")]
    return ", ".join(part for part in parts if part) or None
