"""Jobicy: ``/api/v2/remote-jobs`` filtered by ``count``, ``geo``, ``industry``, ``tag``; no paging.

Envelope ``{apiVersion, friendlyNotice, jobCount, jobs[]}`` (2.2 adds ``success`` and
``statusCode``). Two API versions answer in the wild:

- 2.0: ``annualSalaryMin/Max`` as strings (always yearly), ``pubDate`` as
  ``YYYY-MM-DD hh:mm:ss`` without a zone (read as UTC, the zone 2.2 states), industries
  HTML-escaped (``Marketing &amp; Sales``);
- 2.2: ``salaryMin/Max`` numbers with ``salaryPeriod`` (``hourly``, ``monthly``,
  ``yearly``...), ``pubDate`` ISO 8601 with an offset.

``jobGeo`` lists regions and countries joined by commas (``LATAM,  Canada,  USA``).
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, PageError, convert_records, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.money import amount, period_named
from crawlers.parse.places import country_of
from crawlers.parse.text import html_to_text, unescape

SOURCE = "jobicy"


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    # 2.2 says success false on errors; 2.0 has no such field.
    if payload.get("success") is False:
        raise PageError("api_error", f"success is false (statusCode {payload.get('statusCode')!r})")
    jobs = require(payload, "jobs", list)
    return Page(items=convert_records(jobs, to_posting, source=SOURCE, url=response.url), record_count=len(jobs))


def to_posting(job: dict[str, Any]) -> Posting:
    pay_min, pay_max, pay_currency, pay_period = _pay(job)
    location = unescape(job.get("jobGeo"))
    industries = job.get("jobIndustry") or []
    return Posting(
        source=SOURCE,
        source_id=record_id(job, "id"),
        url=job["url"],
        title=unescape(job.get("jobTitle")),
        description=html_to_text(job.get("jobDescription")),
        description_html=job.get("jobDescription"),
        company=unescape(job.get("companyName")),
        posted_at=from_iso(job.get("pubDate")),
        employment_type=employment_type(job.get("jobType") or []),
        remote=True,
        location=location,
        country=country_of(location),
        pay_min=pay_min,
        pay_max=pay_max,
        pay_currency=pay_currency,
        pay_period=pay_period,
        # Jobicy gives no skill tags; the first industry is the posting's main category.
        category=unescape(industries[0]) if industries else None,
        raw=job,
    )


def _pay(job: dict[str, Any]) -> tuple[float | None, float | None, str | None, str | None]:
    """``(minimum, maximum, currency, period)`` from the 2.2 fields, else from the 2.0 yearly ones."""
    if "salaryMin" in job or "salaryMax" in job:
        minimum, maximum = amount(job.get("salaryMin")), amount(job.get("salaryMax"))
        pay_period = _pay_period(job.get("salaryPeriod"))
    else:
        minimum, maximum = amount(job.get("annualSalaryMin")), amount(job.get("annualSalaryMax"))
        pay_period = "year"
    if minimum is None and maximum is None:
        return None, None, None, None
    return minimum, maximum, job.get("salaryCurrency"), pay_period


def _pay_period(word: str | None) -> str | None:
    """``hour``, ``month``... for a 2.2 ``salaryPeriod``; an unknown word is an error, not a guess."""
    if not word:
        return None
    period = period_named(word)
    if period is None:
        raise ValueError(f"unknown salaryPeriod {word!r}")
    return period
