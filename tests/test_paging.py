"""crawlers/spiders/paging.py: where each paging style goes after a page, and where it stops; and the base spider
asking for what its strategy says follows."""

import asyncio
import json

import pytest
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawlers.extract.common import Page
from crawlers.items import Posting
from crawlers.spiders.base import NEXT_PAGE
from crawlers.spiders.karirhub import KarirhubSpider
from crawlers.spiders.lokerid import LokerIdSpider
from crawlers.spiders.paging import NextCursor, NextUrl, Offsets, OnePage, PageNumbers


@pytest.mark.parametrize(
    ("record_count", "total", "offset", "expected"),
    [
        (100, 250, 0, 100),
        (100, 200, 100, None),  # the total is reached
        (80, 250, 0, 80),  # the API sent fewer than asked: continue after what came
        (100, None, 0, 100),  # no total: a full page means more may follow
        (40, None, 100, None),  # no total: a short page is the last
        (0, 250, 100, None),
    ],
)
def test_offsets(record_count, total, offset, expected):
    paging = Offsets(page_size=100)
    assert paging.first == 0
    assert paging.following(Page(record_count=record_count, total=total), offset, True) == expected


@pytest.mark.parametrize(
    ("page", "asked", "following"),
    [
        (Page(record_count=30, total=95, page_number=1, page_size=30), 1, 2),
        (Page(record_count=30, total=90, page_number=3, page_size=30), 3, None),  # the total is reached
        (Page(record_count=12, total=95, page_number=2, page_size=30), 2, None),  # a short page is the last
        (Page(record_count=0, total=95, page_number=4, page_size=30), 4, None),
        # The server answered page 1 to a request for page 2: it ignores the page, and would repeat itself.
        (Page(record_count=1, total=57944, page_number=1, page_size=1), 2, None),
        # No paging fields at all: full pages of the size asked for go on.
        (Page(record_count=30), 5, 6),
        (Page(record_count=0), 1, None),  # a rejected page
    ],
)
def test_page_numbers_with_a_page_size(page, asked, following):
    """A full page goes on, whether or not it brought anything new; a short page or the total ends."""
    paging = PageNumbers(page_size=30)
    assert paging.first == 1
    assert paging.following(page, asked, True) == following
    assert paging.following(page, asked, False) == following


def test_page_numbers_count_the_total_from_their_first_number():
    paging = PageNumbers(start=0, page_size=30)
    assert paging.first == 0
    assert paging.following(Page(record_count=30, total=90), 1, True) == 2  # pages 0 and 1: 60 of 90
    assert paging.following(Page(record_count=30, total=90), 2, True) is None


@pytest.mark.parametrize(
    ("page", "anything_new", "following"),
    [
        (Page(record_count=30), True, 4),  # no size: a short page is not the end
        (Page(record_count=5), True, 4),
        (Page(record_count=30), False, None),  # nothing new: a site repeating its last page
        (Page(record_count=0), False, None),  # an empty or rejected page
        (Page(record_count=30, has_more=True), True, 4),
        (Page(record_count=30, has_more=False), True, None),  # the platform says no more pages follow
        (Page(record_count=30, has_more=True), False, None),
        (Page(record_count=30, page_number=1), True, None),  # asked for 3, answered 1
    ],
)
def test_page_numbers_without_a_page_size(page, anything_new, following):
    assert PageNumbers().following(page, 3, anything_new) == following


def response(status: int, url: str = "http://127.0.0.1/") -> TextResponse:
    return TextResponse(url=url, status=status, body=b"", encoding="utf-8")


def test_an_end_status_after_the_first_page_ends_the_listing():
    paging = PageNumbers(end_status=404)
    assert paging.is_past_the_end(response(404), 2)
    assert not paging.is_past_the_end(response(404), 1)  # the first page missing: the endpoint moved, a reject
    assert not paging.is_past_the_end(response(200), 2)
    assert not PageNumbers().is_past_the_end(response(404), 2)


@pytest.mark.parametrize(
    ("page", "following"),
    [
        (Page(record_count=20, next_url="https://x.example/?page=2"), "https://x.example/?page=2"),
        (Page(record_count=20), None),  # the last page links to none
        (Page(record_count=0, next_url="https://x.example/?page=2"), None),  # an empty page ends too
    ],
)
def test_next_url(page, following):
    paging = NextUrl()
    assert paging.first is None
    assert paging.following(page, "https://x.example/?page=1", True) == following


def test_next_url_starts_at_the_spiders_first_page_and_follows_the_links_as_given():
    class Spider:
        def page_url(self, position):
            assert position is None
            return "https://x.example/?page=1"

    assert NextUrl().url(Spider(), None) == "https://x.example/?page=1"
    assert NextUrl().url(Spider(), "https://x.example/?page=2") == "https://x.example/?page=2"


@pytest.mark.parametrize(
    ("page", "following"),
    [
        (Page(record_count=20, next_cursor="abc"), "abc"),
        (Page(record_count=20, next_cursor=""), None),
        (Page(record_count=20), None),
        (Page(record_count=0, next_cursor="abc"), None),
    ],
)
def test_next_cursor(page, following):
    assert NextCursor().first is None
    assert NextCursor().following(page, None, True) == following


def test_one_page_has_nothing_after_it():
    assert OnePage().first is None
    assert OnePage().following(Page(record_count=100, next_url="https://x.example/2", total=500), None, True) is None


# The base spider: the first request, then what the strategy says follows, under the caps.


def spider_for(spider_class, **arguments):
    crawler = get_crawler(spider_class)
    spider = spider_class.from_crawler(crawler, **arguments)
    crawler.spider = spider
    crawler.stats.open_spider()
    return spider


def first_request(spider):
    async def requests():
        return [request async for request in spider.start()]

    [request] = asyncio.run(requests())
    return request


def karirhub_page(ids: range, url: str) -> TextResponse:
    vacancies = [{"id": f"00000000-0000-4000-8000-{n:012d}", "title": f"Operator {n}"} for n in ids]
    return TextResponse(url=url, body=json.dumps({"data": vacancies}).encode(), encoding="utf-8")


def test_the_spider_asks_for_the_page_its_strategy_names_marked_as_a_listings_next_page():
    spider = spider_for(KarirhubSpider)
    first = first_request(spider)
    assert first.url.endswith("?page=1&limit=30") and first.cb_kwargs == {"position": 1} and first.meta[NEXT_PAGE]

    *postings, following = spider.parse(karirhub_page(range(30), first.url), **first.cb_kwargs)
    assert len(postings) == 30 and all(isinstance(posting, Posting) for posting in postings)
    assert following.url.endswith("?page=2&limit=30") and following.cb_kwargs == {"position": 2}
    assert following.meta[NEXT_PAGE]


def test_a_cap_stops_the_spider_asking_for_the_next_page():
    spider = spider_for(KarirhubSpider, max_pages="1")
    first = first_request(spider)
    output = list(spider.parse(karirhub_page(range(30), first.url), **first.cb_kwargs))
    assert output and all(isinstance(element, Posting) for element in output)


def test_the_end_status_ends_the_spider_quietly():
    spider = spider_for(LokerIdSpider)
    assert list(spider.parse(response(404, "https://www.loker.id/cari-lowongan-kerja/page/2?_data"), 2)) == []
    [reject] = spider.parse(response(404, "https://www.loker.id/cari-lowongan-kerja/page/1?_data"), 1)
    assert reject.reason == "http_status"
