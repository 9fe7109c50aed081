"""schema.org JobPosting embedded in any web page, as JSON-LD or microdata.

extruct reads the markup: each ``<script type="application/ld+json">`` block on its own
(one broken block must not hide the others), then the page's microdata. A JobPosting may
stand alone, sit in a list, an ``@graph`` or another wrapper, or be one of several on the
page; every one is taken, and ``raw`` is the JobPosting as found.

``url`` is the response URL: the spider hands over responses with the URL as the site
knows it (see crawlers.spiders.jobposting). ``source_id`` is the site's host and the
posting's ``identifier`` (``lowongan.example:LWG-1001``), since an identifier is only unique
on its own site and this one spider reads many sites; a posting without an identifier is
named after its page URL, and several such on one page are numbered in page order.

A page holding no JobPosting is an empty Page: whether that deserves a reject is the
spider's call. A JSON-LD block that does not parse but names JobPosting is a Reject.

``read_sitemap`` reads the sitemaps through which the spider finds job pages.
"""

from __future__ import annotations

import zlib
from typing import Any
from urllib.parse import urlsplit

import extruct
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html
from lxml import etree
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap

from crawlers.extract.common import (
    RECORD_ERRORS,
    Page,
    PageError,
    convert_records,
    id_text,
    refuse_challenge,
    snippet,
)
from crawlers.items import Posting, Reject
from crawlers.parse.dates import from_iso
from crawlers.parse.employment import employment_type
from crawlers.parse.money import amount, currency_of, period_named, read_number
from crawlers.parse.places import country_code
from crawlers.parse.text import html_to_text, unescape, unescape_markup

SOURCE = "jobposting"
JSON_LD_BLOCKS = etree.XPath('//script[@type="application/ld+json"]')
JSON_LD = JsonLdExtractor()


def read_page(response: Response) -> Page:
    refuse_challenge(response)
    if response.status != 200:
        raise PageError("http_status", f"HTTP {response.status}")
    if not isinstance(response, TextResponse):
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        raise PageError("not_html", f"Content-Type {content_type or 'missing'}")
    try:
        tree = parse_html(response.body, encoding=response.encoding)
    except etree.ParserError as exc:  # lxml's word for an empty document
        raise PageError("empty_page", str(exc)) from exc

    records: list[dict[str, Any]] = []
    broken: list[Reject] = []
    for block in JSON_LD_BLOCKS(tree):
        try:
            records += job_postings(JSON_LD.extract_items(block))
        # Like a record, a block that cannot be read costs only itself (a block nested too deep too).
        except RECORD_ERRORS as exc:
            text = block.text_content()
            # A broken block of other metadata (breadcrumbs, a logo) is not ours to report.
            if "JobPosting" in text:
                broken.append(Reject(SOURCE, "invalid_json_ld", response.url, f"{type(exc).__name__}: {exc}", snippet(text)))
    records += job_postings(extruct.extract(tree, syntaxes=["microdata"], uniform=True)["microdata"])

    items = convert_records(records, lambda record: to_posting(record, response.url), source=SOURCE, url=response.url)
    unnamed = [item for item in items if isinstance(item, Posting) and not item.source_id]
    for number, posting in enumerate(unnamed, start=1):
        posting.source_id = response.url if len(unnamed) == 1 else f"{response.url}#{number}"
    return Page(items=items + broken, record_count=len(records) + len(broken))


def read_sitemap(response: Response, max_size: int) -> tuple[str, list[str]]:
    """``(kind, locations)`` of a sitemap (kind ``urlset``) or a sitemap index (``sitemapindex``).

    Read with Scrapy's sitemap parser, gunzipped first when it is a ``.xml.gz`` file
    (at most ``max_size`` bytes unpacked: DOWNLOAD_MAXSIZE).
    """
    if response.status != 200:
        raise PageError("http_status", f"HTTP {response.status}")
    try:
        body = gunzip(response.body, max_size=max_size) if gzip_magic_number(response) else response.body
        sitemap = Sitemap(body)
        locations = [entry["loc"] for entry in sitemap if entry["loc"]]
    # Bad gzip (OSError, zlib.error), too big unpacked (ValueError), no XML at all (StopIteration: no first element).
    except (OSError, zlib.error, ValueError, etree.XMLSyntaxError, StopIteration) as exc:
        raise PageError("invalid_sitemap", f"{type(exc).__name__}: {exc}") from exc
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise PageError("invalid_sitemap", f"root element is <{sitemap.type}>, expected <urlset> or <sitemapindex>")
    return sitemap.type, locations


def job_postings(node: Any) -> list[dict[str, Any]]:
    """Every JobPosting in a JSON-LD or microdata value: alone, in lists, in ``@graph`` or other wrappers."""
    if isinstance(node, list):
        return [posting for child in node for posting in job_postings(child)]
    if isinstance(node, dict):
        if "JobPosting" in (short_type(kind) for kind in listed(node.get("@type"))):
            return [node]
        return [posting for child in node.values() for posting in job_postings(child)]
    return []


def to_posting(record: dict[str, Any], page_url: str) -> Posting:
    """The posting of one JobPosting; ``source_id`` is left empty when it has no identifier."""
    title = text_of(record.get("title")) or text_of(record.get("name"))
    if not title:
        raise KeyError("title")
    identifier = first(record.get("identifier"))
    identifier = id_text(first(identifier.get("value") if isinstance(identifier, dict) else identifier), "identifier")
    description_html = unescape_markup(raw_text(record.get("description")))
    # Markup names remote work only (TELECOMMUTE): without it a job may still be remote or hybrid, so unknown.
    remote = "TELECOMMUTE" in (text_of(kind) for kind in listed(record.get("jobLocationType")))
    places = [place_of(place) for place in listed(record.get("jobLocation"))]
    requirements = [name for requirement in listed(record.get("applicantLocationRequirements")) if (name := text_of(requirement))]
    location = "; ".join(dict.fromkeys([text for text, _ in places if text] + requirements))
    # Where a remote job's applicants must live is where its work is done.
    country = sole_country(requirements) if requirements else sole_country([country for _, country in places if country])
    pay_min, pay_max, pay_currency, pay_period = read_pay(record)
    skills = [part.strip() for skill in listed(record.get("skills")) if (name := text_of(skill)) for part in name.split(",")]
    return Posting(
        source=SOURCE,
        source_id=f"{urlsplit(page_url).hostname}:{identifier}" if identifier else "",
        url=page_url,
        title=title,
        description=html_to_text(description_html),
        description_html=description_html,
        company=text_of(record.get("hiringOrganization")),
        posted_at=from_iso(text_of(record.get("datePosted"))),
        valid_through=from_iso(text_of(record.get("validThrough"))),
        employment_type=employment_type([text_of(kind) for kind in listed(record.get("employmentType"))]),
        remote=True if remote else None,
        location=location or None,
        country=country,
        pay_min=pay_min,
        pay_max=pay_max,
        pay_currency=pay_currency,
        pay_period=pay_period,
        skills=list(dict.fromkeys(skill for skill in skills if skill)),
        category=text_of(record.get("occupationalCategory")),
        raw=record,
    )


def read_pay(record: dict[str, Any]) -> tuple[float | None, float | None, str | None, str | None]:
    """``(minimum, maximum, currency, period)`` of ``baseSalary`` in any of its shapes.

    A MonetaryAmount whose ``value`` is a QuantitativeValue (``minValue``, ``maxValue`` or one
    ``value``, and ``unitText``), a MonetaryAmount with its own figures, or a bare number
    (its currency then in the posting's ``salaryCurrency``).
    """
    salary = first(record.get("baseSalary"))
    currency, unit = record.get("salaryCurrency"), None
    if isinstance(salary, dict):
        currency, unit = salary.get("currency") or currency, salary.get("unitText")
        value = first(salary.get("value"))
        if isinstance(value, dict):
            unit = value.get("unitText") or unit
            low, high, single = value.get("minValue"), value.get("maxValue"), value.get("value")
        else:
            low, high, single = salary.get("minValue"), salary.get("maxValue"), value
    else:
        low, high, single = None, None, salary
    single = figure(single)
    minimum = figure(low) if low is not None else single
    maximum = figure(high) if high is not None else single
    if minimum is None and maximum is None:
        return None, None, None, None
    unit_text = text_of(unit)
    return minimum, maximum, currency_code(text_of(currency)), period_named(unit_text)


def figure(value: Any) -> float | None:
    """A pay figure: a number, or text such as ``"4500000"`` or ``"4.500.000"``; 0 means not given."""
    value = first(value)
    if isinstance(value, str):
        value = read_number(value.strip()) if value.strip() else None
    return amount(value)


def currency_code(text: str | None) -> str | None:
    """ISO 4217 code of a ``currency`` written as a code (``idr``) or a symbol (``Rp``)."""
    if not text:
        return None
    return text.upper() if len(text) == 3 and text.isascii() and text.isalpha() else currency_of(text)


def place_of(place: Any) -> tuple[str | None, str | None]:
    """``(text, country)`` of a jobLocation: a Place with a PostalAddress, an address text or a name."""
    address = place.get("address") if isinstance(place, dict) else None
    if not isinstance(address, dict):
        return text_of(address) or text_of(place), None
    country = text_of(address.get("addressCountry"))
    parts = [text_of(address.get(part)) for part in ("addressLocality", "addressRegion")] + [country]
    return ", ".join(dict.fromkeys(part for part in parts if part)) or None, country


def sole_country(names: list[str]) -> str | None:
    """ISO alpha-2 code when every name reads as one and the same country (``ID``, ``Indonesia``), else None."""
    codes = {name.upper() if len(name) == 2 and name.isalpha() else country_code(name) for name in names}
    return codes.pop() if len(codes) == 1 else None


def short_type(kind: Any) -> str:
    """``JobPosting`` of ``JobPosting``, ``schema:JobPosting`` and ``https://schema.org/JobPosting``."""
    return str(kind).rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def listed(value: Any) -> list[Any]:
    """A property's values as a list: markup gives one value or several."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def first(value: Any) -> Any:
    """The first value of a property given several times, else the value."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def raw_text(value: Any) -> str | None:
    """A property's text as written, or the number as text; anything else is no text."""
    value = first(value)
    if isinstance(value, bool):
        return None
    return str(value) if isinstance(value, (str, int, float)) else None


def text_of(value: Any) -> str | None:
    """Plain text of a property that is text, a number or a thing with a ``name`` (Organization, Country...)."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("name")
    return unescape(raw_text(value))
