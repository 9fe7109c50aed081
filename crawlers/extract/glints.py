"""Glints: the GraphQL operation ``searchJobsV3`` (``POST /api/v2-alc/graphql?op=searchJobsV3``).

Envelope ``{data: {searchJobsV3: {jobsInPage[], hasMore, expInfo}}, isAuthenticated}``; no
total, so the spider asks for the next ``page`` while ``hasMore`` is true. The detail
operation ``getJobById`` answers ``{data: {getJobById: job}}`` with the same job fields plus
``descriptionJsonString`` (the description as a Draft.js JSON string: ``{blocks: [{text,
type}], entityMap}``, read to plain text) and ``expiryDate`` (a bare date, open until the end
of that day in Jakarta); ``read_page`` reads both shapes. The spider asks for search pages
only: one detail request per job would multiply the load on a site that already challenges
anonymous clients.

A job's fields:

- ``id`` is a UUID. The record carries no URL or slug; the public page is
  ``https://glints.com/id/opportunities/jobs/{slug}/{id}``, where the site looks the job up
  by the id and the slug is the title in lower case, words joined by hyphens.
- ``salaries[{CurrencyCode, minAmount, maxAmount, salaryMode, salaryType}]`` are numbers,
  ``salaryMode`` the period (``MONTH``...). ``shouldShowSalary`` false means the employer
  hides the pay: the pay fields stay empty and the numbers stay in ``raw``.
  ``salaryEstimate`` is Glints' own estimate, not the employer's offer, and is not pay.
- ``skills[{mustHave, skill{name}}]``: ``skills`` holds every name, must-have ones first;
  the must-have flags stay in ``raw`` (the record as received).
- ``type`` is ``FULL_TIME``, ``PART_TIME``, ``CONTRACT``, ``INTERNSHIP``, ``PROJECT_BASED``
  (project work, read as freelance)...; ``workArrangementOption`` ``ONSITE``, ``HYBRID``, ``REMOTE``.
- ``location`` is a place in a hierarchy (district, city, province, country levels 4..1)
  with its ``parents``; the older ``city`` field is the fallback.
- ``hierarchicalJobCategory`` is the job's category at level 3 with its ``parents``;
  ``category`` is the top (level 1) one.

Anonymous requests are sometimes answered by a browser challenge page instead of JSON;
that page, like a GraphQL ``errors`` answer, is a PageError.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, convert_records, graphql_data, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.indonesian import JAKARTA, is_remote
from crawlers.parse.money import amount, period_named
from crawlers.parse.text import unescape

SOURCE = "glints"
JOB_URL = "https://glints.com/id/opportunities/jobs/{slug}/{id}"
COUNTRY_LEVEL = 1
BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")



def read_page(response: Response) -> Page:
    data = graphql_data(load_json(response, dict))
    if "getJobById" in data:
        jobs = [require(data, "getJobById", dict)]
        has_more = False
    else:
        search = require(data, "searchJobsV3", dict)
        jobs = require(search, "jobsInPage", list)
        has_more = require(search, "hasMore", bool)
    return Page(
        items=convert_records(jobs, to_posting, source=SOURCE, url=response.url),
        record_count=len(jobs),
        has_more=has_more,
    )


def to_posting(job: dict[str, Any]) -> Posting:
    job_id, title = record_id(job, "id"), unescape(job["title"])
    salary = _salary(job)
    pay_min, pay_max = amount(salary.get("minAmount")), amount(salary.get("maxAmount"))
    has_pay = pay_min is not None or pay_max is not None
    skills = sorted(job.get("skills") or [], key=lambda entry: not entry.get("mustHave"))
    job_type = job.get("type")
    return Posting(
        source=SOURCE,
        source_id=job_id,
        url=JOB_URL.format(slug=_slug(title), id=job_id),
        title=title,
        description=draft_to_text(job.get("descriptionJsonString")),
        company=unescape((job.get("company") or {}).get("name")),
        posted_at=from_iso(job.get("createdAt")),
        valid_through=_expiry(job.get("expiryDate")),
        employment_type=employment_type(job_type),
        remote=is_remote(job.get("workArrangementOption")),
        location=_location(job),
        country=_country(job),
        pay_min=pay_min,
        pay_max=pay_max,
        pay_currency=salary.get("CurrencyCode") if has_pay else None,
        pay_period=period_named(salary.get("salaryMode")) if has_pay else None,
        skills=list(dict.fromkeys(entry["skill"]["name"] for entry in skills)),
        category=_top_category(job.get("hierarchicalJobCategory")),
        status=job["status"].lower() if job.get("status") else None,
        raw=job,
    )


def draft_to_text(value: str | None) -> str | None:
    """Plain text of a Draft.js JSON string: one line per block, blank runs collapsed."""
    if not value:
        return None
    blocks = json.loads(value)["blocks"]
    lines = (line.strip() for block in blocks for line in block["text"].split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None



def _expiry(value: str | None) -> datetime | None:
    """``expiryDate`` is a bare date in Jakarta, and applications are open all that day."""
    expiry = from_iso(value, assume_tz=JAKARTA)
    return expiry + timedelta(days=1) if expiry and BARE_DATE.fullmatch(value) else expiry


def _salary(job: dict[str, Any]) -> dict[str, Any]:
    """The salary the posting shows: the basic one when there are several; none when hidden."""
    salaries = job.get("salaries") or []
    if not job.get("shouldShowSalary") or not salaries:
        return {}
    return next((salary for salary in salaries if salary.get("salaryType") == "BASIC"), salaries[0])


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "job"


def _location(job: dict[str, Any]) -> str | None:
    """``District, City, Province`` as Glints shows it, without the country."""
    location = job.get("location")
    if not location:
        return unescape((job.get("city") or {}).get("name"))
    places = [location, *sorted(location.get("parents") or [], key=lambda parent: -parent["level"])]
    return ", ".join(place["formattedName"] for place in places if place["level"] > COUNTRY_LEVEL) or None


def _country(job: dict[str, Any]) -> str:
    """The job's country code; Glints Indonesia lists Indonesian jobs, so a record that names none is one."""
    if code := (job.get("country") or {}).get("code"):
        return code
    parents = (job.get("location") or {}).get("parents") or []
    return next((parent["CountryCode"] for parent in parents if parent.get("CountryCode")), "ID")


def _top_category(category: dict[str, Any] | None) -> str | None:
    if not category:
        return None
    top = min([category, *(category.get("parents") or [])], key=lambda node: node["level"])
    return top["name"]
