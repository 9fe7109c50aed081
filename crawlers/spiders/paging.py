"""How a platform's listing pages: the paging strategies a spider declares (``paging = PageNumbers(page_size=30)``).

A strategy knows where a listing starts and, from a page its extractor read (``Page`` in crawlers/extract/common.py),
where the page after it is, or that it was the last. It knows no URL: the spider's ``page_url(position)`` turns a
position (a page number, an offset, a cursor) into the page's address, and crawlers/spiders/base.py requests it
under the crawl's caps, marked as a listing's next page (a re-crawl stops at pages it has stored already,
crawlers/middlewares/known_pages.py).

A strategy is declared once on the spider class and shared by all its crawls: it holds no state of a crawl. What the
crawl has met so far reaches it as ``anything_new``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crawlers.extract.common import Page

if TYPE_CHECKING:
    from scrapy.http import Response

    from crawlers.spiders.base import PlatformSpider

Position = int | str | None
"""Where a listing page is: a page number, an offset, a cursor or a URL; None for the first page of a feed whose
later pages the platform names."""


class Paging:
    """How a listing pages. This base class is a listing of one page: nothing follows it."""

    @property
    def first(self) -> Position:
        """The position of the listing's first page."""
        return None

    def following(self, page: Page, position: Position, anything_new: bool) -> Position:
        """The position of the page after ``page`` (read at ``position``), or None when it was the last.

        ``anything_new``: whether ``page`` held a posting the crawl had not met on an earlier page.
        """
        return None

    def url(self, spider: PlatformSpider, position: Position) -> str:
        """The address of the page at ``position``: the spider's ``page_url``."""
        return spider.page_url(position)

    def is_past_the_end(self, response: Response, position: Position) -> bool:
        """True when ``response`` is the platform saying the listing ended before ``position``: nothing to read."""
        return False


@dataclass(frozen=True)
class OnePage(Paging):
    """A feed that holds everything in one response (Remote OK, Remotive, Jobicy, We Work Remotely)."""


@dataclass(frozen=True)
class PageNumbers(Paging):
    """Pages numbered ``start``, ``start + 1``... (``?page=N``, a page number in a path or in a POST body).

    With ``page_size`` (the records a full page holds; the page's own report of its size wins), a shorter page is the
    last, and so is the page that reaches the total the platform reports. Without it, a page holding no posting the
    crawl had not met is the last: a site that ignores the number, or repeats its last page, would be asked forever.
    Either way a page that says it is another number than the one asked for (the server ignores the number) is the
    last, and so is a page whose "more pages follow" flag is false.

    ``end_status``: the HTTP status a site answers past its last page (Loker.id: 404). After the first page it ends
    the listing quietly; on the first page it is a rejected page like any other.
    """

    start: int = 1
    page_size: int | None = None
    end_status: int | None = None

    @property
    def first(self) -> int:
        return self.start

    def following(self, page: Page, number: int, anything_new: bool) -> int | None:
        if page.page_number not in (None, number) or page.has_more is False:
            return None
        if self.page_size is None:
            return number + 1 if anything_new else None
        size = page.page_size or self.page_size
        read_so_far = (number - self.start + 1) * size
        if page.record_count < size or (page.total is not None and read_so_far >= page.total):
            return None
        return number + 1

    def is_past_the_end(self, response: Response, number: int) -> bool:
        return self.end_status is not None and response.status == self.end_status and number > self.start


@dataclass(frozen=True)
class Offsets(Paging):
    """Records counted from 0 (``limit``/``offset`` APIs), against the total the platform reports when it does.

    The next page starts after what came, since an API may send fewer records than asked for. With a reported total,
    paging stops there; without one, a page shorter than ``page_size`` is the last. An empty page is the last.
    """

    page_size: int

    @property
    def first(self) -> int:
        return 0

    def following(self, page: Page, offset: int, anything_new: bool) -> int | None:
        if page.record_count == 0:
            return None
        following = offset + page.record_count
        if page.total is not None:
            return following if following < page.total else None
        return following if page.record_count >= self.page_size else None


@dataclass(frozen=True)
class NextCursor(Paging):
    """Each page names a cursor for the next (``Page.next_cursor``; Himalayas' ``nextCursor``): the spider's
    ``page_url`` puts it in the address, None being the first page. The last page names none; an empty page ends too.
    """

    def following(self, page: Page, position: Position, anything_new: bool) -> str | None:
        return page.next_cursor if page.next_cursor and page.record_count else None


@dataclass(frozen=True)
class NextUrl(Paging):
    """Each page links to the next (``Page.next_url``, as the extractor read it): the spider's ``page_url(None)`` is
    the first page, the links are the rest. The last page links to none; an empty page ends too."""

    def following(self, page: Page, position: Position, anything_new: bool) -> str | None:
        return page.next_url if page.next_url and page.record_count else None

    def url(self, spider: PlatformSpider, link: str | None) -> str:
        return spider.page_url(None) if link is None else link
