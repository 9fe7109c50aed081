"""What every platform extractor shares: the Page result, page errors, record isolation."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from lxml import etree
from scrapy.http import Response

from crawlers.items import Posting, Reject

SNIPPET_CHARS = 2000
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


def snippet(value: Any) -> str:
    """The start of a raw record or body as text, for the ``rejects`` table."""
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    elif isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text[:SNIPPET_CHARS]


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


def convert_records(
    records: Iterable[Any], convert: Callable[[Any], Posting], *, source: str, url: str
) -> list[Posting | Reject]:
    """Convert each record on its own: a record that fails becomes a Reject, the rest are kept."""
    items: list[Posting | Reject] = []
    for record in records:
        try:
            items.append(convert(record))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            reason = "bad_record" if not isinstance(exc, KeyError) else "missing_field"
            items.append(Reject(source, reason, url, f"{type(exc).__name__}: {exc}", snippet(record)))
    return items
