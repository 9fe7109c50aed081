"""Himalayas: ``/jobs/api?limit=&cursor=``, a remote-only job board.

Envelope ``{comments, updatedAt, offset, limit, totalCount, nextCursor, jobs[]}``; the
next page is asked for with ``?cursor=<nextCursor>``. A job has no id: ``guid`` is its page,
``https://himalayas.app/companies/{company}/jobs/{job}``. ``pubDate``/``expiryDate`` are
documented as milliseconds but served in seconds; ``minSalary``/``maxSalary`` are numbers
in ``currency`` per ``salaryPeriod`` (``hourly``, ``annual``); ``locationRestrictions`` are
the countries candidates may live in, empty when anyone may apply.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, PageError, convert_records, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_epoch
from crawlers.parse.employment import employment_type
from crawlers.parse.money import amount, period_named
from crawlers.parse.places import country_code
from crawlers.parse.text import html_to_text, unescape

SOURCE = "himalayas"
JOB_URL = re.compile(r"^https://himalayas\.app/companies/([^/?#]+)/jobs/([^/?#]+)$")


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    jobs = require(payload, "jobs", list)
    next_cursor = payload.get("nextCursor")
    if next_cursor is not None and not isinstance(next_cursor, str):
        raise PageError("unexpected_shape", f"'nextCursor' is {type(next_cursor).__name__}")
    total = payload.get("totalCount")
    return Page(
        items=convert_records(jobs, to_posting, source=SOURCE, url=response.url),
        record_count=len(jobs),
        total=total if isinstance(total, int) else None,
        next_cursor=next_cursor or None,
    )


def to_posting(job: dict[str, Any]) -> Posting:
    guid = record_id(job, "guid")
    match = JOB_URL.match(guid)
    if not match:
        raise ValueError(f"guid is not a Himalayas job page: {guid!r}")
    company_slug, job_slug = match.groups()
    countries = job.get("locationRestrictions") or []
    pay_min, pay_max = amount(job.get("minSalary")), amount(job.get("maxSalary"))
    has_pay = pay_min is not None or pay_max is not None
    parent_categories = job.get("parentCategories") or []
    return Posting(
        source=SOURCE,
        source_id=f"{company_slug}/{job_slug}",
        url=guid,
        title=unescape(job["title"]),
        description=html_to_text(job.get("description")),
        description_html=job.get("description"),
        company=unescape(job.get("companyName")),
        # from_epoch reads seconds and milliseconds alike.
        posted_at=from_epoch(job.get("pubDate")),
        valid_through=from_epoch(job.get("expiryDate")),
        employment_type=employment_type(job.get("employmentType")),
        remote=True,
        # No restriction means candidates may live anywhere.
        location=", ".join(countries) or "Worldwide",
        country=country_code(countries[0]) if len(countries) == 1 else None,
        pay_min=pay_min,
        pay_max=pay_max,
        pay_currency=job.get("currency") if has_pay else None,
        pay_period=period_named(job.get("salaryPeriod")) if has_pay else None,
        skills=list(dict.fromkeys(job.get("categories") or [])),
        category=parent_categories[0] if parent_categories else None,
        raw=job,
    )
