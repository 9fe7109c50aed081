"""We Work Remotely: ``/categories/<category>.rss``, an RSS 2.0 feed of one category; no paging.

Each ``<item>`` has ``title`` ``"Company: Role"``, ``region`` (``Anywhere in the World``,
``USA Only``...), ``category``, an entity-escaped HTML ``description``, an RFC 822
``pubDate`` and ``guid``/``link`` to the posting page, whose last path segment (a slug such
as ``acme-senior-developer``) is the posting's id. ``raw`` is the item's XML text, with the
feed's namespace declarations, so a record can be re-read on its own.

The feed is parsed strictly: a lenient parser would quietly close a feed cut short and
hand over the items before the cut as if they were all.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree
from scrapy.http import Response

from crawlers.extract.common import (
    STRICT_XML,
    Page,
    PageError,
    convert_records,
    load_xml,
    record_id,
    url_part,
)
from crawlers.items import Posting
from crawlers.parse.dates import from_rfc822
from crawlers.parse.places import country_of
from crawlers.parse.text import html_to_text, unescape

SOURCE = "weworkremotely"
SITE = "https://weworkremotely.com/"


def read_page(response: Response) -> Page:
    root = load_xml(response, "rss")
    channel = root.find("channel")
    if channel is None:
        raise PageError("unexpected_shape", "missing <channel>")
    items = [etree.tostring(item, encoding="unicode", with_tail=False) for item in channel.iterfind("item")]
    return Page(items=convert_records(items, to_posting, source=SOURCE, url=response.url), record_count=len(items))


def to_posting(markup: str) -> Posting:
    item = etree.fromstring(markup, STRICT_XML)
    # Child texts by tag; parsing already decoded the escaped HTML of the description once.
    text = {child.tag: (child.text or "").strip() for child in item if isinstance(child.tag, str)}
    link = url_part(text, "link", "guid")
    company, title = split_title(unescape(text.get("title")))
    region = unescape(text.get("region"))
    description_html = text.get("description") or None
    return Posting(
        source=SOURCE,
        source_id=posting_slug(record_id(text, "guid", "link")),
        url=urljoin(SITE, link),
        title=title,
        description=html_to_text(description_html),
        description_html=description_html,
        company=company,
        posted_at=from_rfc822(text.get("pubDate")),
        remote=True,
        location=region,
        country=country_of(region),
        category=unescape(text.get("category")),
        raw=markup,
    )


def split_title(title: str | None) -> tuple[str | None, str | None]:
    """``(company, role)`` of ``"Company: Role"``; the role keeps any further colons.

    A title with no company before a colon (or no role after it) is all role.
    """
    if title is None:
        return None, None
    company, colon, role = title.partition(":")
    if colon and company.strip() and role.strip():
        return company.strip(), role.strip()
    return None, title


def posting_slug(url: str) -> str:
    """The last path segment of a posting URL: the id the site itself uses for it."""
    slug = urlsplit(url).path.rstrip("/").rpartition("/")[2]
    if not slug:
        raise ValueError(f"no posting slug in {url!r}")
    return slug
