"""JobStreet Indonesia (SEEK): the v5 job search API and the GraphQL ``jobSearchV7`` form.

``GET /api/jobsearch/v5/search?siteKey=ID-Main&page=&pageSize=...`` answers ``{data[],
totalCount, solMetadata{pageNumber, pageSize, totalJobCount}, searchParams{page, pagesize},
...}``. A job there has ``id`` (digits, as text), ``title``, ``companyName`` (the advertiser
is ``advertiser.description``), ``listingDate`` (ISO 8601 UTC), ``teaser`` (plain text),
``locations[{label, countryCode}]``, ``salaryLabel`` (the pay as shown, ``"Rp 4.000.000 –
Rp 5.700.000 per month"`` or ``""`` when hidden), ``workTypes`` (``["Full time"]``),
``workArrangements.data[{label.text}]`` (``On-site``...) and ``classifications``.

``POST /graphql`` with the ``jobSearchV7`` operation answers ``{data: {jobSearchV7: {results:
{jobs[], pagination{page, pageSize, resultCount}}}}}``. A job there has ``abstract``,
``advertiser.name``, ``location.displayName.text``, ``listedAt.dateTimeUtc``, ``salary{period,
min, max, currency}`` (numbers, no label), ``workArrangements[{label.text}]`` (Indonesian:
``Kantor``...) and ``cjs.workTypes[{sourceId}]`` (SEEK's work-type ids); ``url`` is null.

``read_page`` tells the two apart by shape (``data`` a list or an object). Neither carries a
URL: the posting's page is ``https://id.jobstreet.com/id/job/{id}``. Search results hold no
full description: ``description`` is the teaser or abstract the listing shows.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, convert_records, graphql_data, load_json, paging_number, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.indonesian import is_remote
from crawlers.parse.money import amount, parse_pay_text, period_named
from crawlers.parse.text import unescape

SOURCE = "jobstreet"
JOB_URL = "https://id.jobstreet.com/id/job/{id}"
# JobStreet is Indonesia's site here; a job that names no country is an Indonesian one.
COUNTRY = "ID"
WORK_TYPE_IDS = {"242": "full_time", "243": "part_time", "244": "contract", "245": "temporary"}



def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    if isinstance(payload.get("data"), list):
        return _read_v5(payload, response.url)
    return _read_graphql(graphql_data(payload), response.url)


def _read_v5(payload: dict[str, Any], url: str) -> Page:
    jobs = payload["data"]
    metadata = payload.get("solMetadata") or {}
    return Page(
        items=convert_records(jobs, v5_posting, source=SOURCE, url=url),
        record_count=len(jobs),
        total=paging_number(payload.get("totalCount")),
        page_number=paging_number(metadata.get("pageNumber")),
        page_size=paging_number(metadata.get("pageSize")),
    )


def _read_graphql(data: dict[str, Any], url: str) -> Page:
    results = require(require(data, "jobSearchV7", dict), "results", dict)
    jobs = require(results, "jobs", list)
    pagination = results.get("pagination") or {}
    return Page(
        items=convert_records(jobs, graphql_posting, source=SOURCE, url=url),
        record_count=len(jobs),
        total=paging_number(pagination.get("resultCount")),
        page_number=paging_number(pagination.get("page")),
        page_size=paging_number(pagination.get("pageSize")),
    )


def v5_posting(job: dict[str, Any]) -> Posting:
    job_id = record_id(job, "id")
    locations = job.get("locations") or []
    salary_label = job.get("salaryLabel") or None
    pay = parse_pay_text(salary_label)
    arrangements = (job.get("workArrangements") or {}).get("data") or []
    classifications = job.get("classifications") or []
    return Posting(
        source=SOURCE,
        source_id=job_id,
        url=JOB_URL.format(id=job_id),
        title=unescape(job["title"]),
        description=unescape(job.get("teaser")),
        company=unescape(job.get("companyName") or (job.get("advertiser") or {}).get("description")),
        posted_at=from_iso(job.get("listingDate")),
        employment_type=employment_type(job.get("workTypes") or []),
        remote=_remote(arrangements),
        location=unescape(locations[0]["label"]) if locations else None,
        country=(locations[0].get("countryCode") if locations else None) or COUNTRY,
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        pay_period=pay.period,
        pay_text=salary_label,
        category=classifications[0]["classification"]["description"] if classifications else None,
        raw=job,
    )


def graphql_posting(job: dict[str, Any]) -> Posting:
    job_id = record_id(job, "id")
    salary = job.get("salary") or {}
    pay_min, pay_max = amount(salary.get("min")), amount(salary.get("max"))
    has_pay = pay_min is not None or pay_max is not None
    work_type_ids = [work_type["sourceId"] for work_type in (job.get("cjs") or {}).get("workTypes") or []]
    return Posting(
        source=SOURCE,
        source_id=job_id,
        url=JOB_URL.format(id=job_id),
        title=unescape(job["title"]),
        description=unescape(job.get("abstract")),
        company=unescape((job.get("advertiser") or {}).get("name") or (job.get("organisation") or {}).get("name")),
        posted_at=from_iso((job.get("listedAt") or {}).get("dateTimeUtc")),
        employment_type=next((WORK_TYPE_IDS[type_id] for type_id in work_type_ids if type_id in WORK_TYPE_IDS), None),
        remote=_remote(job.get("workArrangements") or []),
        location=unescape(((job.get("location") or {}).get("displayName") or {}).get("text")),
        country=COUNTRY,
        pay_min=pay_min,
        pay_max=pay_max,
        pay_currency=salary.get("currency") if has_pay else None,
        pay_period=period_named(salary.get("period")) if has_pay else None,
        raw=job,
    )


def _remote(arrangements: list[dict[str, Any]]) -> bool | None:
    """The first work arrangement the platform names (``On-site``, ``Kantor``, ``Hybrid``, ``Remote``...)."""
    return next(
        (remote for arrangement in arrangements if (remote := is_remote(arrangement["label"]["text"])) is not None),
        None,
    )
