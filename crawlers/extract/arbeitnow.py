"""Arbeitnow: ``/api/job-board-api?page=N``.

Envelope ``{data[], links{first, last, prev, next}, meta}``; ``links.next`` is an absolute
URL on the real host and null on the last page; the page size varies. ``description`` is
HTML whose markup is entity-escaped once more (``&lt;p&gt;``); ``created_at`` is epoch
seconds; ``job_types`` mixes German and English words, employment types and seniority
(``Vollzeit``, ``full time``, ``Werkstudent``, ``berufserfahren``...); ``tags`` are the
job's categories. The API gives no country and no pay.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, PageError, convert_records, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_epoch
from crawlers.parse.employment import employment_type
from crawlers.parse.text import html_to_text, unescape, unescape_markup

SOURCE = "arbeitnow"


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    records = require(payload, "data", list)
    next_url = require(payload, "links", dict).get("next")
    if next_url is not None and not isinstance(next_url, str):
        raise PageError("unexpected_shape", f"'links.next' is {type(next_url).__name__}")
    return Page(
        items=convert_records(records, to_posting, source=SOURCE, url=response.url),
        record_count=len(records),
        next_url=next_url or None,
    )


def to_posting(record: dict[str, Any]) -> Posting:
    description_html = unescape_markup(record.get("description"))
    tags = record.get("tags") or []
    return Posting(
        source=SOURCE,
        source_id=record_id(record, "slug"),
        url=record["url"],
        title=unescape(record["title"]),
        description=html_to_text(description_html),
        description_html=description_html,
        company=unescape(record.get("company_name")),
        posted_at=from_epoch(record.get("created_at")),
        employment_type=employment_type(record.get("job_types") or []),
        remote=record.get("remote"),
        location=unescape(record.get("location")),
        skills=list(dict.fromkeys(tags)),
        category=tags[0] if tags else None,
        raw=record,
    )
