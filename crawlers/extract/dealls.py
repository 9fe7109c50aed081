"""Dealls (by SejutaCita): ``api.sejutacita.id/v1/explore-job/job?page=&limit=&search=&sortParam=&sortBy=``.

Envelope ``{code, data: {docs[], totalDocs, totalPages, page}}``, ``code`` 200 when all is
well. The API gives no next link: the next page is the same request with ``page`` + 1,
while ``page`` is below ``totalPages``.

- ``id`` is a 24-hex-digit object id; ``slug`` is the job's (numbered when a company
  reuses a title: ``...-2``), ``company.slug`` the company's. The public page is
  ``https://dealls.com/loker/{slug}~{company.slug}``.
- ``role`` is the title; ``publishedAt`` ISO 8601 in UTC (``Z``).
- ``salaryRange`` is ``{start, end}`` in rupiah, or null when the employer gives none; the
  API names no period: the figures are monthly pay, as Indonesian postings state it.
  ``salaryType`` is ``paid``.
- ``workplaceType`` is ``onSite``, ``hybrid`` or ``remote``.
- ``city`` and ``country`` are ``{name, id}`` or null. The listing carries no description,
  skills or category.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, PageError, convert_records, load_json, record_id, require, url_part, with_page
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.indonesian import is_remote
from crawlers.parse.money import Pay, amount
from crawlers.parse.places import country_code
from crawlers.parse.text import unescape

SOURCE = "dealls"
# No job id in it: a job without its slug or its company's slug has no URL and is rejected.
JOB_URL = "https://dealls.com/loker/{slug}~{company}"


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    if payload.get("code", 200) != 200:
        raise PageError("api_error", f"code {payload.get('code')!r}: {payload.get('message', '')}")
    data = require(payload, "data", dict)
    docs = require(data, "docs", list)
    number, total_pages, total = data.get("page"), data.get("totalPages"), data.get("totalDocs")
    more = isinstance(number, int) and isinstance(total_pages, int) and number < total_pages
    return Page(
        items=convert_records(docs, to_posting, source=SOURCE, url=response.url),
        record_count=len(docs),
        total=total if isinstance(total, int) else None,
        next_url=with_page(response.url, number + 1) if more else None,
    )


def to_posting(job: dict[str, Any]) -> Posting:
    company, city, country = job["company"], job.get("city") or {}, job.get("country") or {}
    job_id = record_id(job, "id")
    url = JOB_URL.format(slug=url_part(job, "slug"), company=url_part(job, "company.slug"))
    pay = _pay(job.get("salaryRange"))
    return Posting(
        source=SOURCE,
        source_id=job_id,
        url=url,
        title=unescape(job["role"]),
        company=unescape(company.get("name")),
        posted_at=from_iso(job.get("publishedAt")),
        remote=is_remote(job.get("workplaceType")),
        location=unescape(city.get("name") or country.get("name")),
        # Dealls is an Indonesian board: a job that names no country is in Indonesia.
        country=country_code(country["name"]) if country.get("name") else "ID",
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        pay_period=pay.period,
        status=job.get("status"),
        raw=job,
    )


def _pay(salary_range: dict[str, Any] | None) -> Pay:
    """Monthly rupiah from ``salaryRange``; ``Pay()`` when there is none."""
    if salary_range is None:
        return Pay()
    minimum, maximum = amount(salary_range.get("start")), amount(salary_range.get("end"))
    if minimum is None and maximum is None:
        return Pay()
    return Pay(minimum, maximum, "IDR", "month")
