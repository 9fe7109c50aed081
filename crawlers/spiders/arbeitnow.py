"""Arbeitnow job board API, paged by following ``links.next``."""

from __future__ import annotations

from crawlers.extract import arbeitnow
from crawlers.spiders.base import PlatformSpider
from crawlers.spiders.paging import NextUrl

FIRST_PAGE = "https://www.arbeitnow.com/api/job-board-api?page=1"


class ArbeitnowSpider(PlatformSpider):
    name = "arbeitnow"
    extract = staticmethod(arbeitnow.read_page)
    # links.next is null on the last page; page_request moves it onto base_url when one is given.
    paging = NextUrl()
    # Arbeitnow publishes no number, only "free public API, please do not abuse": one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, position: None) -> str:
        return FIRST_PAGE
