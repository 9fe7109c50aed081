"""Remotive: ``GET https://remotive.com/api/remote-jobs``, every active listing in one response.

Envelope ``{"0-legal-notice", "job-count", "jobs": [...]}``. ``salary`` is free text
(``"$18 - $22/hr"``, ``"$31,2k- $52k"``, ``""``); ``publication_date`` has no time zone
(UTC); ``job_type`` uses our own words or ``""``; every description ends with a
tracking pixel ``<img>``, which the plain text drops and the HTML keeps as served.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, convert_records, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.money import parse_pay_text
from crawlers.parse.places import country_of
from crawlers.parse.text import html_to_text, unescape

SOURCE = "remotive"


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    jobs = require(payload, "jobs", list)
    return Page(items=convert_records(jobs, to_posting, source=SOURCE, url=response.url), record_count=len(jobs))


def to_posting(job: dict[str, Any]) -> Posting:
    salary = job.get("salary")
    pay = parse_pay_text(salary)
    location = unescape(job.get("candidate_required_location"))
    return Posting(
        source=SOURCE,
        source_id=record_id(job, "id"),
        url=job["url"],
        title=unescape(job["title"]),
        description=html_to_text(job.get("description")),
        description_html=job.get("description"),
        company=unescape(job.get("company_name")),
        posted_at=from_iso(job.get("publication_date")),
        employment_type=employment_type(job.get("job_type")),
        remote=True,
        location=location,
        country=country_of(location),
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        pay_period=pay.period,
        pay_text=salary or None,
        skills=list(dict.fromkeys(job.get("tags") or [])),
        category=job.get("category") or None,
        raw=job,
    )
