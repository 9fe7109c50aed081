"""Kalibrr: ``/kjs/job_board/search?limit=&offset=&country=&text=&function=``.

Envelope ``{count, jobs[], search_text, from_alternative, from_correction,
correction_text_search}``, paged by ``offset`` against ``count``; past the end ``jobs`` is
empty. When nothing matches the search, Kalibrr answers with a substitute set of
unrelated jobs and says so only by ``from_alternative: true``: such a page is refused.

- The public page is ``https://www.kalibrr.com/c/{company.code}/jobs/{id}/{slug}``.
- ``activation_date`` is when the job went live (``created_at`` can be months earlier);
  ``application_end_date`` closes applications. Both ISO 8601 with an offset.
- Pay: ``base_salary``/``maximum_salary`` numbers or null, in ``salary_currency`` per
  ``salary_interval`` (``month``). ``salary_shown`` false hides the pay: none is stored.
  The figures are stored as served: Kalibrr has been seen serving Indonesian salaries
  converted to pesos (``salary_currency`` PHP, with ``salary_currency_orig`` IDR in ``raw``).
- ``tenure`` is ``Full time``, ``Part time``, ``Contractual``, ``Freelance``; interns are
  named in the title, not here. ``is_work_from_home`` and ``is_hybrid`` are the work place.
- ``description`` is HTML; ``qualifications``, a second HTML field, stays in ``raw``.
- ``job_sds_skills`` are ``{sds_skill: {name}}``; ``function`` is the category;
  ``google_location.address_components`` has ``city``, ``region`` and ``country`` (a name).
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, PageError, convert_records, load_json, record_id, require, url_part
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.money import Pay, amount, period_named
from crawlers.parse.places import country_code
from crawlers.parse.text import html_to_text, unescape

SOURCE = "kalibrr"
# Every part is needed: a job without its company code or slug has no URL and is rejected.
JOB_URL = "https://www.kalibrr.com/c/{company}/jobs/{id}/{slug}"
# "month" is what Kalibrr serves; the "-ly" forms are read alike.


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    jobs = require(payload, "jobs", list)
    if payload.get("from_alternative"):
        raise PageError(
            "substitute_results",
            f"nothing matched {payload.get('search_text')!r}: Kalibrr served {payload.get('count')} other jobs instead",
        )
    count = payload.get("count")
    return Page(
        items=convert_records(jobs, to_posting, source=SOURCE, url=response.url),
        record_count=len(jobs),
        total=count if isinstance(count, int) else None,
    )


def to_posting(job: dict[str, Any]) -> Posting:
    company = job["company"]
    job_id = record_id(job, "id")
    url = JOB_URL.format(company=url_part(job, "company.code"), id=job_id, slug=url_part(job, "slug"))
    place = (job.get("google_location") or {}).get("address_components") or {}
    tenure = job.get("tenure")
    pay = _shown_pay(job)
    return Posting(
        source=SOURCE,
        source_id=job_id,
        url=url,
        title=unescape(job["name"]),
        description=html_to_text(job.get("description")),
        description_html=job.get("description"),
        company=unescape(company.get("name") or job.get("company_name")),
        posted_at=from_iso(job.get("activation_date") or job.get("created_at")),
        valid_through=from_iso(job.get("application_end_date")),
        employment_type=employment_type(tenure),
        remote=_remote(job),
        location=", ".join(part for part in (place.get("city"), place.get("region")) if part) or None,
        country=country_code(place.get("country")),
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        pay_period=pay.period,
        skills=list(dict.fromkeys(item["sds_skill"]["name"] for item in job.get("job_sds_skills") or [])),
        category=job.get("function") or None,
        raw=job,
    )


def _remote(job: dict[str, Any]) -> bool | None:
    """Work from home is remote; hybrid work needs the office, so it is not."""
    if job.get("is_hybrid") is True:
        return False
    work_from_home = job.get("is_work_from_home")
    return work_from_home if isinstance(work_from_home, bool) else None


def _shown_pay(job: dict[str, Any]) -> Pay:
    """The pay Kalibrr shows; ``Pay()`` when hidden or not given."""
    if job.get("salary_shown") is False:
        return Pay()
    minimum, maximum = amount(job.get("base_salary")), amount(job.get("maximum_salary"))
    if minimum is None and maximum is None:
        return Pay()
    interval = job.get("salary_interval")
    period = period_named(interval)
    if interval is not None and period is None:
        raise ValueError(f"unknown salary_interval {interval!r}")
    return Pay(minimum, maximum, job.get("salary_currency"), period)
