"""Loker.id: ``GET https://www.loker.id/cari-lowongan-kerja/page/N?_data``, one listing page as JSON.

``?_data`` asks the site's Remix loader for the page's data instead of its HTML:
``{"jobs": [...]}`` and nothing else, no total and no page count; past the last page the
site answers 404 (the spider ends its paging there). Each job has an integer ``id``, plain
``title``/``company_name``, three HTML fields (``job_description``, ``responsibilities``,
``qualifications``: the description is the three joined, in that order), ``published_at``
and ``closed_at`` as ``"YYYY-MM-DD hh:mm:ss"`` in Jakarta time (WIB), ``locations[]`` as
``{name, parent{name}}`` (city and province), ``job_location_type.name`` (``Dikantor``,
``Remote``, ``Hybrid``) beside an ``is_remote`` flag, ``job_type`` and ``types[]``
(``Full Time``...), ``job_skills[]`` and ``statistic.application_count``.

Pay comes twice: the label ``job_salary`` (``"Rp.3 – 4 Juta"``, ``"Negosiasi"``) and the
numbers ``salary_min``/``salary_max`` (0 when not given), and the two can disagree (a
``Rp.3 – 4 Juta`` label over 2,300,000..3,000,000). The numbers are kept, the label is
the pay text, and the spider counts the disagreements. Loker.id salaries are monthly
(the label names no period). A job with ``is_hide_salary`` has its pay hidden on the
site, so the posting carries none; ``raw`` keeps the record whole.

The posting's public URL is the listing opened on the job: ``/cari-lowongan-kerja?jobid=<id>``.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, convert_records, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.indonesian import JAKARTA, is_remote
from crawlers.parse.money import amount, parse_pay_text
from crawlers.parse.numbers import whole_number
from crawlers.parse.text import html_to_text, unescape

SOURCE = "lokerid"
JOB_URL = "https://www.loker.id/cari-lowongan-kerja?jobid={id}"
DESCRIPTION_FIELDS = ("job_description", "responsibilities", "qualifications")


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    jobs = require(payload, "jobs", list)
    return Page(items=convert_records(jobs, to_posting, source=SOURCE, url=response.url), record_count=len(jobs))


def to_posting(job: dict[str, Any]) -> Posting:
    description_html = "\n".join(job[name] for name in DESCRIPTION_FIELDS if job.get(name)) or None
    place = (job.get("job_location_type") or {}).get("name")
    remote = is_remote(place)
    job_id = record_id(job, "id")
    return Posting(
        source=SOURCE,
        source_id=job_id,
        url=JOB_URL.format(id=job_id),
        title=unescape(job["title"]),
        description=html_to_text(description_html),
        description_html=description_html,
        company=unescape(job.get("company_name")),
        posted_at=from_iso(job.get("published_at") or job.get("post_date"), assume_tz=JAKARTA),
        valid_through=from_iso(job.get("closed_at"), assume_tz=JAKARTA),
        employment_type=employment_type([job.get("job_type"), *(kind.get("name") for kind in job.get("types") or [])]),
        remote=remote if remote is not None else job.get("is_remote"),
        location=_location(job),
        country="ID",
        **_pay(job),
        skills=list(dict.fromkeys(skill["name"] for skill in job.get("job_skills") or [])),
        category=job.get("category") or None,
        applicant_count=whole_number((job.get("statistic") or {}).get("application_count"), "application_count"),
        status=job.get("status"),
        raw=job,
    )


def _pay(job: dict[str, Any]) -> dict[str, Any]:
    """The Posting's pay fields: the numbers when given, else what the label states."""
    if job.get("is_hide_salary"):
        return {}
    label = job.get("job_salary") or None
    stated = parse_pay_text(label)
    minimum, maximum = amount(job.get("salary_min")), amount(job.get("salary_max"))
    if minimum is None and maximum is None:
        minimum, maximum = stated.minimum, stated.maximum
    if minimum is None and maximum is None:
        return {"pay_text": label}
    return {
        "pay_min": minimum,
        "pay_max": maximum,
        "pay_currency": "IDR",
        "pay_period": stated.period or "month",
        "pay_text": label,
    }


def _location(job: dict[str, Any]) -> str | None:
    """``"Jakarta Selatan, DKI Jakarta"``: each location with its province, as the site shows them."""
    places = []
    for location in job.get("locations") or []:
        parts = [location.get("name"), (location.get("parent") or {}).get("name")]
        places.append(", ".join(dict.fromkeys(part for part in parts if part)))
    return "; ".join(place for place in places if place) or unescape(job.get("location"))
