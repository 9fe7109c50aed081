"""Remote OK: ``GET https://remoteok.com/api``, the whole active board in one JSON array.

The first element is the legal notice (``{last_updated, legal}``, no ``id``); every other
element is a job. ``id`` is a string; ``salary_min``/``salary_max`` are yearly USD with 0
for "not given"; ``tags`` may repeat; ``company`` and ``position`` can be HTML-escaped
(``CI&amp;T``) and some text is UTF-8 decoded as Latin-1 once too often. ``url`` leads to
the employer's own form for some jobs, so the posting URL is built from ``slug``.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, convert_records, load_json, record_id, url_part
from crawlers.items import Posting
from crawlers.parse.dates import from_epoch, from_iso
from crawlers.parse.money import amount
from crawlers.parse.places import country_of
from crawlers.parse.text import fix_mojibake, html_to_text, unescape

SOURCE = "remoteok"
# Built from the slug alone: a job without one has no URL and is rejected.
POSTING_URL = "https://remoteok.com/remote-jobs/{slug}"


def read_page(response: Response) -> Page:
    payload = load_json(response, list)
    # The first element is Remote OK's legal notice, not a job.
    has_notice = bool(payload) and isinstance(payload[0], dict) and "legal" in payload[0]
    jobs = payload[1:] if has_notice else payload
    return Page(items=convert_records(jobs, to_posting, source=SOURCE, url=response.url), record_count=len(jobs))


def to_posting(job: dict[str, Any]) -> Posting:
    pay_min, pay_max = amount(job.get("salary_min")), amount(job.get("salary_max"))
    pay_known = pay_min is not None or pay_max is not None
    location = _plain(job.get("location"))
    description_html = job.get("description")
    return Posting(
        source=SOURCE,
        source_id=record_id(job, "id"),
        url=POSTING_URL.format(slug=url_part(job, "slug")),
        title=_plain(job["position"]),
        description=html_to_text(fix_mojibake(description_html)),
        description_html=description_html,
        company=_plain(job.get("company")),
        posted_at=from_iso(job.get("date")) or from_epoch(job.get("epoch")),
        remote=True,
        location=location,
        country=country_of(location),
        pay_min=pay_min,
        pay_max=pay_max,
        pay_currency="USD" if pay_known else None,
        pay_period="year" if pay_known else None,
        skills=list(dict.fromkeys(job.get("tags") or [])),
        raw=job,
    )


def _plain(value: str | None) -> str | None:
    # Repair the double encoding before decoding entities, which may add non-Latin-1 characters.
    return unescape(fix_mojibake(value))
