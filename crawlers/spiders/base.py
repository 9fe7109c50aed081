"""The base of every platform spider: arguments, base_url rewriting, paging, caps, rejects.

A platform spider says where its endpoint is (``page_url``), which search arguments it takes and how
it pages (``paging``, crawlers/spiders/paging.py); this class does the rest the same way for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.extract.common import Page
from crawlers.items import Posting, Reject, snippet
from crawlers.middlewares import PageRejected
from crawlers.parse.money import pay_text_disagrees
from crawlers.spiders.paging import OnePage, Paging, Position

NEXT_PAGE = "pasarkerja_next_page"
"""Request meta key of the request for a listing's next page."""

COMMON_ARGUMENTS = {
    "base_url": "replace scheme and host of every request, e.g. http://127.0.0.1:8000 (tests, mirrors)",
    "max_pages": "stop after this many listing pages",
    "max_items": "stop after this many postings",
    "_job": "the job id scrapyd gives every crawl it runs (kept with the crawl run)",
}


class ArgumentError(ValueError):
    """A spider argument (``-a name=value``) that cannot be used; the message says how to fix it."""


def _positive_int(name: str, value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ArgumentError(f"-a {name}= must be a whole number of at least 1, got {value!r}")
    return number


def _base_url(value: str | None) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ArgumentError(f"-a base_url= must look like http://HOST:PORT, got {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


def with_query(url: str, parameters: dict[str, Any]) -> str:
    """``url`` with ``parameters`` as its query string (none: the bare URL)."""
    return f"{url}?{urlencode(parameters)}" if parameters else url


class PlatformSpider(scrapy.Spider):
    """A spider for one platform's public listing endpoint.

    Subclasses set ``name``, ``extract`` (the platform's ``read_page``), ``paging``, ``search_arguments``
    and a polite ``DOWNLOAD_DELAY``, and implement ``page_url``. The base requests the first page, reads
    each page and asks for the one ``paging`` says follows, until it says none does or a cap is reached.
    """

    extract: ClassVar[Callable[[Response], Page]]
    """The platform extractor: ``staticmethod(crawlers.extract.<platform>.read_page)``."""

    paging: ClassVar[Paging] = OnePage()
    """How the listing pages (crawlers/spiders/paging.py); a feed that is one response keeps ``OnePage``."""

    search_arguments: ClassVar[dict[str, str]] = {}
    """The platform's own search arguments (``-a query=...``): name -> help text."""

    argument_shapes: ClassVar[dict[str, tuple[str, str]]] = {}
    """Search arguments that must have a shape: name -> (regular expression, an example)."""

    argument_defaults: ClassVar[dict[str, str]] = {}
    """Search arguments sent when the operator gives none: name -> value."""

    pages_are_a_listing: ClassVar[bool] = True
    """Whether ``page_request`` asks for the next page of a listing, newest first: a re-crawl stops paging at pages
    it has stored already (crawlers/middlewares/known_pages.py)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args)
        options = self.check_arguments(kwargs)
        self.base_url: str | None = options.pop("base_url")
        self.max_pages: int | None = options.pop("max_pages")
        self.max_items: int | None = options.pop("max_items")
        self.search: dict[str, str] = options
        self.arguments = dict(kwargs)
        self.pages_requested = 0
        self.postings_emitted = 0
        self.seen_ids: set[str] = set()

    @classmethod
    def check_arguments(cls, arguments: dict[str, Any]) -> dict[str, Any]:
        """Validated arguments; raises ArgumentError naming the first unusable one."""
        allowed = {**COMMON_ARGUMENTS, **cls.search_arguments}
        unknown = sorted(set(arguments) - set(allowed))
        if unknown:
            raise ArgumentError(
                f"spider {cls.name!r} takes no argument {unknown[0]!r}; it takes: "
                + ", ".join(sorted(name for name in allowed if not name.startswith("_")))
            )
        options = {name: arguments.get(name) or cls.argument_defaults.get(name) for name in cls.search_arguments}
        options = {name: value for name, value in options.items() if value}
        for name, (shape, example) in cls.argument_shapes.items():
            if name in options and not re.fullmatch(shape, str(options[name])):
                raise ArgumentError(f"-a {name}= must look like {example}, got {options[name]!r}")
        options["base_url"] = _base_url(arguments.get("base_url"))
        options["max_pages"] = _positive_int("max_pages", arguments.get("max_pages"))
        options["max_items"] = _positive_int("max_items", arguments.get("max_items"))
        return options

    def rebase(self, url: str) -> str:
        """``url`` with scheme and host replaced by ``base_url`` (path and query kept)."""
        if not self.base_url:
            return url
        base = urlsplit(self.base_url)
        parts = urlsplit(url)
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))

    @property
    def sees_everything(self) -> bool:
        """Whether this crawl can see every posting of the platform: no search argument given, no cap reached."""
        return not self.done and not set(self.arguments) & set(self.search_arguments)

    @property
    def done(self) -> bool:
        """True once a cap (max_pages, max_items) is reached: no more pages to request."""
        return (self.max_pages is not None and self.pages_requested >= self.max_pages) or (
            self.max_items is not None and self.postings_emitted >= self.max_items
        )

    def page_request(self, url: str, callback: Callable, **kwargs: Any) -> scrapy.Request | None:
        """A request for the next listing page, or None when a cap is reached."""
        if self.done:
            return None
        self.pages_requested += 1
        if self.pages_are_a_listing:
            kwargs["meta"] = {**kwargs.get("meta", {}), NEXT_PAGE: True}
        return scrapy.Request(self.rebase(url), callback=callback, errback=self.download_failed, **kwargs)

    def page_url(self, position: Position) -> str:
        """The address of the listing page at ``position``: what ``paging`` counts (a page number, an offset, a
        cursor), or None for a one-page feed and for the first page of a listing whose pages name the next."""
        raise NotImplementedError

    def listing_request(self, position: Position) -> scrapy.Request | None:
        """The request for the listing page at ``position``, or None when a cap is reached.

        A GET of its URL; an API asked by POST overrides this, handing ``position`` on to ``parse`` the same way.
        """
        return self.page_request(self.paging.url(self, position), self.parse, cb_kwargs={"position": position})

    async def start(self):
        yield self.listing_request(self.paging.first)

    def parse(self, response: Response, position: Position) -> Iterator[Posting | Reject | scrapy.Request]:
        """One listing page: its postings and rejects, then the request for the page ``paging`` says follows."""
        if self.paging.is_past_the_end(response, position):
            self.logger.info("%s answered %d: the listing ended on the page before", response.url, response.status)
            return
        page = self.read(response)
        yield from self.emit(page)
        following = self.paging.following(page, position, self.has_new_postings(page))
        if following is not None and (request := self.listing_request(following)):
            yield request

    def read(self, response: Response) -> Page:
        """Run the platform extractor; a page it cannot read becomes a Page holding one Reject."""
        self.crawler.stats.inc_value("pasarkerja/pages")
        try:
            return self.extract(response)
        except Exception as exc:  # the boundary of untrusted input: any failure is a reject, not a crash
            reason = getattr(exc, "reason", "unreadable_page")
            detail = getattr(exc, "detail", f"{type(exc).__name__}: {exc}")
            return Page(items=[self.reject_page(response, reason, detail)])

    def reject_page(self, response: Response, reason: str, detail: str) -> Reject:
        """A whole page that cannot be read, logged, with the start of its body as the snippet."""
        self.logger.warning("Rejected page %s: %s (%s)", response.url, reason, detail)
        return Reject(self.name, reason, response.url, detail, snippet(response.body))

    def emit(self, page: Page) -> Iterator[Posting | Reject]:
        """The page's items, stopping postings at max_items (rejects are always kept)."""
        for item in page.items:
            if isinstance(item, Posting):
                if self.max_items is not None and self.postings_emitted >= self.max_items:
                    continue
                self.postings_emitted += 1
                # The numbers are kept and the label stays the pay text; analysts see how often they differ.
                if pay_text_disagrees(item.pay_text, item.pay_min, item.pay_max):
                    self.crawler.stats.inc_value("pasarkerja/pay_text_disagrees")
            yield item

    def has_new_postings(self, page: Page) -> bool:
        """True when ``page`` holds a posting this crawl has not met yet (``PageNumbers`` without a page size ends
        there), remembering its postings."""
        ids = {posting.source_id for posting in page.postings}
        new = ids - self.seen_ids
        self.seen_ids |= ids
        return bool(new)

    def download_failed(self, failure: Failure) -> Iterator[Reject]:
        """A page that could not be downloaded at all (after retries) is a reject too, and so is one a downloader
        middleware refused (crawlers/middlewares: rate limited, too large, a redirect loop or off the host)."""
        request = failure.request if hasattr(failure, "request") else None
        # The page the spider asked for, not where its redirects led.
        url = (request.meta.get("redirect_urls") or [request.url])[0] if request is not None else None
        if failure.check(PageRejected):
            refused = failure.value
            self.logger.warning("Rejected page %s: %s (%s)", url, refused.reason, refused.detail)
            yield Reject(self.name, refused.reason, url, refused.detail, refused.snippet)
            return
        self.logger.warning("Download failed %s: %s", url, failure.getErrorMessage())
        yield Reject(self.name, "download_failed", url, f"{failure.type.__name__}: {failure.getErrorMessage()}")
