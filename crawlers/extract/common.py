"""What every platform extractor shares: the Page result, page errors, record isolation."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from lxml import etree
from scrapy.http import Response

from crawlers.items import Posting, Reject, snippet
from crawlers.parse.numbers import BadNumber, whole_number

CHALLENGE_MARKERS = ("just a moment", "checking your browser", "challenge-platform", "cf-chl", "captcha")


class PageError(ValueError):
    """The response as a whole is not what the platform serves (HTML error page, truncated JSON...)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class Page:
    """What one response holds: its items and the paging hints the platform gives."""

    items: list[Posting | Reject] = field(default_factory=list)
    record_count: int = 0
    """Records the page held, good or bad; a short page ends number-paged crawls."""
    total: int | None = None
    """Total records the platform reports for the whole listing, when it does."""
    next_url: str | None = None
    """Link to the next page, for platforms that give one."""
    next_cursor: str | None = None
    """Cursor for the next page, for cursor-paged platforms."""
    has_more: bool | None = None
    """The platform's own "more pages follow" flag, for platforms that give one."""
    page_number: int | None = None
    """The page number the response says it is (a server ignoring ``page`` repeats page 1)."""
    page_size: int | None = None
    """The page size the response says it used; a page with fewer records is the last."""

    @property
    def postings(self) -> list[Posting]:
        return [item for item in self.items if isinstance(item, Posting)]

    @property
    def rejects(self) -> list[Reject]:
        return [item for item in self.items if isinstance(item, Reject)]


def refuse_challenge(response: Response) -> None:
    """A bot-protection page (Cloudflare's "Just a moment..." and kin) in place of the data: the crawl was refused."""
    start = response.body[:2000].decode("utf-8", errors="replace").lower()
    if start.lstrip().startswith("<") and any(marker in start for marker in CHALLENGE_MARKERS):
        raise PageError("browser_challenge", f"HTTP {response.status}: a browser challenge page instead of the data")


def load_json(response: Response, expected: type) -> Any:
    """The JSON body of ``response``, checked to be of the ``expected`` top-level type."""
    refuse_challenge(response)
    if response.status != 200:
        raise PageError("http_status", f"HTTP {response.status}")
    try:
        payload = json.loads(response.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        raise PageError("invalid_json", f"{exc} (Content-Type {content_type or 'missing'})") from exc
    if not isinstance(payload, expected):
        raise PageError("unexpected_shape", f"top level is {type(payload).__name__}, expected {expected.__name__}")
    return payload


# No recovery from broken markup (a lenient parser quietly closes a feed cut short),
# no entity expansion, no fetching of external DTDs.
STRICT_XML = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)


def load_xml(response: Response, root_tag: str) -> etree._Element:
    """The XML body of ``response`` parsed strictly, checked to have the ``root_tag`` root."""
    if response.status != 200:
        raise PageError("http_status", f"HTTP {response.status}")
    try:
        root = etree.fromstring(response.body, STRICT_XML)
    except etree.XMLSyntaxError as exc:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        raise PageError("invalid_xml", f"{exc} (Content-Type {content_type or 'missing'})") from exc
    if root.tag != root_tag:
        raise PageError("unexpected_shape", f"root element is <{root.tag}>, expected <{root_tag}>")
    return root


def graphql_data(payload: dict[str, Any]) -> dict[str, Any]:
    """The ``data`` of a GraphQL answer; an ``errors`` answer is the API refusing the query."""
    if payload.get("errors"):
        messages = "; ".join(str(error.get("message")) for error in payload["errors"] if isinstance(error, dict))
        raise PageError("api_error", messages or "GraphQL errors")
    return require(payload, "data", dict)


def with_page(url: str, number: int, parameter: str = "page") -> str:
    """``url`` asking for page ``number`` (its ``parameter`` replaced), the rest of its query kept."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True)) | {parameter: str(number)}
    return parts._replace(query=urlencode(query)).geturl()


def require(mapping: Any, key: str, expected: type | tuple[type, ...]) -> Any:
    """``mapping[key]`` checked to be of the ``expected`` type, else a PageError naming it."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise PageError("unexpected_shape", f"missing {key!r}")
    value = mapping[key]
    if not isinstance(value, expected):
        raise PageError("unexpected_shape", f"{key!r} is {type(value).__name__}")
    return value


class MissingField(ValueError):
    """A record lacks a field it cannot do without: absent, null or blank."""


# What a record's field is when the record does not have it (None is JSON null).
_ABSENT = object()


def record_id(record: Any, *keys: str) -> str:
    """The record's id as clean text, from the first of ``keys`` holding one; ``"a.b"`` reads ``record["a"]["b"]``.

    An id is a non-blank string (trimmed) or a whole number. None of ``keys`` holding one is
    ``MissingField`` naming them; a value of another type (a float, a boolean, an object) is a
    ValueError. Never ``str(None)``: two records without an id would become one posting "None".
    """
    found = []
    for key in keys:
        value = _field(record, key)
        if value is _ABSENT:
            found.append(f"{key!r} is absent")
        elif (text := id_text(value, key)) is not None:
            return text
        else:
            found.append(f"{key!r} is {'null' if value is None else 'blank'}")
    raise MissingField(", ".join(found))


def id_text(value: Any, name: str = "id") -> str | None:
    """An id value as clean text: a non-blank string (trimmed) or a whole number; None when null or blank.

    Any other type (a float such as NaN, a boolean, an object) is a ValueError naming ``name``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{name!r} is {type(value).__name__} {value!r}, not an id")


def url_part(record: Any, *keys: str) -> str:
    """A part of the posting's URL (slug, ``seo_url``, company code) or its whole link, read as strictly as an id.

    A URL built around a null or blank part ("/jobs/None") leads nowhere: that is ``MissingField``.
    """
    return record_id(record, *keys)


def _field(record: Any, key: str) -> Any:
    """``record``'s value at the dotted ``key``; ``_ABSENT`` where a step is missing or not an object."""
    value = record
    for step in key.split("."):
        if not isinstance(value, dict) or step not in value:
            return _ABSENT
        value = value[step]
    return value


def paging_number(value: Any) -> int | None:
    """A paging hint (page number, page size, total) as an int; anything unreadable counts as not given.

    A platform's odd paging field must not cost the page its records.
    """
    try:
        return whole_number(value, "paging number")
    except (TypeError, ValueError):
        return None


# What reading one untrusted record can raise: its fault, not the page's. Arithmetic errors
# are numbers no date or amount can be (datetime overflow); RecursionError is a record nested
# deeper than Python's recursion limit.
RECORD_ERRORS = (LookupError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError)


def reject_reason(error: Exception) -> str:
    """The ``rejects.reason`` of a record that raised ``error``."""
    if isinstance(error, (KeyError, MissingField)):
        return "missing_field"
    if isinstance(error, (BadNumber, ArithmeticError)):
        return "bad_number"
    return "bad_record"


def convert_records(
    records: Iterable[Any], convert: Callable[[Any], Posting], *, source: str, url: str
) -> list[Posting | Reject]:
    """Convert each record on its own: a record that fails becomes a Reject, the rest are kept."""
    items: list[Posting | Reject] = []
    for record in records:
        try:
            items.append(convert(record))
        except RECORD_ERRORS as exc:
            items.append(Reject(source, reject_reason(exc), url, f"{type(exc).__name__}: {exc}", snippet(record)))
    return items
