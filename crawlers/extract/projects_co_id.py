"""Projects.co.id: ``GET https://projects.co.id/public/browse_projects/listing?page=N``, an HTML page.

The listing container (``div.form-horizontal``) holds one ``div.row`` per project. Its
``div.col-md-10`` has the title link in ``h2 > a``
(``https://projects.co.id/public/browse_projects/view/<id>/<slug>``: ``<id>`` is the
project's id), a description excerpt in the first ``p``, skill tags as
``p > span.tag > a`` and two ``div.col-md-6`` columns of ``<strong>Label:</strong> value``
lines: ``Published Budget`` (``Rp 1,500,000 - 1,700,000``, a fixed price for the whole
project), ``Published Date`` and ``Select Deadline`` (``04/11/2021 18:48:19 WIB``, day
first), ``Finish Days``, ``Project Status`` and ``Bid Count``. The client's user name is
``div.col-md-2 a.short-username``. ``ul.pagination`` links carry their page number in
``paramval``; the last page links to no page after its own. Every project is remote
freelance work.

``raw`` is the project block's HTML as served, so a record can be re-read on its own.
A page cut short is rejected whole: a lenient HTML parser would quietly close it and
hand over the projects before the cut as if they were all.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from parsel import Selector, SelectorList
from scrapy.http import Response, TextResponse

from crawlers.extract.common import (
    Page,
    PageError,
    convert_records,
    paging_number,
    refuse_challenge,
    snippet,
    with_page,
)
from crawlers.items import Posting
from crawlers.parse.indonesian import parse_date
from crawlers.parse.money import parse_pay_text
from crawlers.parse.numbers import whole_number
from crawlers.parse.text import html_to_text, unescape

SOURCE = "projects_co_id"
SITE = "https://projects.co.id/"
PROJECT_URL = re.compile(r"https://projects\.co\.id/public/browse_projects/view/(?P<id>[^/?#]+)(?:/[^?#]*)?")
# A CSS class test that does not match "col-md-10" when asked for "col-md-1".
_HAS_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
LISTING = f"//div[{_HAS_CLASS.format('form-horizontal')}]"
PROJECT_BLOCKS = f"{LISTING}//div[{_HAS_CLASS.format('row')}][div[{_HAS_CLASS.format('col-md-10')}]]"
PAGE_NUMBERS = f"//ul[{_HAS_CLASS.format('pagination')}]//a/@paramval"


def read_page(response: Response) -> Page:
    refuse_challenge(response)
    if response.status != 200:
        raise PageError("http_status", f"HTTP {response.status}")
    if not isinstance(response, TextResponse):
        raise PageError("not_html", f"a {type(response).__name__} is not a text page")
    if not response.body.rstrip().lower().endswith(b"</html>"):
        raise PageError("truncated_page", f"no closing </html>; the page ends with {snippet(response.body[-80:])!r}")
    if not response.xpath(LISTING):
        title = response.xpath("normalize-space(//title)").get()
        raise PageError("unexpected_shape", f"no project listing container; page title {title!r}")
    blocks = response.xpath(PROJECT_BLOCKS).getall()
    return Page(
        items=convert_records(blocks, to_posting, source=SOURCE, url=response.url),
        record_count=len(blocks),
        next_url=_next_page_url(response),
    )


def to_posting(block_html: str) -> Posting:
    block = Selector(text=block_html, type="html")
    main = block.xpath(f"//div[{_HAS_CLASS.format('col-md-10')}]")
    link = main.xpath("./h2/a")
    href, title = link.xpath("@href").get(), unescape(link.xpath("normalize-space(.)").get())
    if not href:
        raise KeyError("link")
    if not title:
        raise KeyError("title")
    url = urljoin(SITE, href.strip())
    match = PROJECT_URL.fullmatch(url)
    if not match:
        raise ValueError(f"not a Projects.co.id project page: {url!r}")
    facts = _labelled_values(main)
    budget = facts.get("Published Budget") or None
    pay = parse_pay_text(budget)
    description_html = main.xpath(f"./p[not(span[{_HAS_CLASS.format('tag')}])][1]").get()
    return Posting(
        source=SOURCE,
        source_id=match["id"],
        url=url,
        title=title,
        description=html_to_text(description_html),
        description_html=description_html,
        company=unescape(block.xpath(f"//a[{_HAS_CLASS.format('short-username')}]/text()").get()),
        posted_at=parse_date(facts.get("Published Date")),
        valid_through=parse_date(facts.get("Select Deadline")),
        employment_type="freelance",
        remote=True,
        country="ID",
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        # The budget is a fixed price for the whole project.
        pay_period="project" if pay.minimum is not None else None,
        pay_text=budget,
        skills=list(dict.fromkeys(main.xpath(f"./p/span[{_HAS_CLASS.format('tag')}]/a/text()").getall())),
        bid_count=whole_number(facts.get("Bid Count"), "Bid Count"),
        status=facts.get("Project Status") or None,
        raw=block_html,
    )


def _labelled_values(main: SelectorList) -> dict[str, str]:
    """``{"Published Budget": "Rp 1,500,000 - 1,700,000", ...}`` from the ``<strong>Label:</strong> value`` lines."""
    values = {}
    for label in main.xpath(f".//div[{_HAS_CLASS.format('col-md-6')}]/strong"):
        name = label.xpath("normalize-space(.)").get().rstrip(":").strip()
        values[name] = label.xpath("normalize-space(following-sibling::text()[1])").get()
    return values


def _next_page_url(response: TextResponse) -> str | None:
    """The listing URL asking for the page after this one, when the pagination links to it."""
    current = paging_number(parse_qs(urlsplit(response.url).query).get("page", ["1"])[0]) or 1
    numbers = [number for value in response.xpath(PAGE_NUMBERS).getall() if (number := paging_number(value))]
    if not numbers or max(numbers) <= current:
        return None
    return with_page(response.url, current + 1)
