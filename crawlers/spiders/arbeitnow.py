"""Arbeitnow job board API, paged by following ``links.next``."""

from __future__ import annotations

from crawlers.extract import arbeitnow
from crawlers.spiders.base import PlatformSpider

FIRST_PAGE = "https://www.arbeitnow.com/api/job-board-api?page=1"


class ArbeitnowSpider(PlatformSpider):
    name = "arbeitnow"
    extract = staticmethod(arbeitnow.read_page)
    # Arbeitnow publishes no number, only "free public API, please do not abuse": one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    async def start(self):
        yield self.page_request(FIRST_PAGE, self.parse)

    def parse(self, response):
        page = self.read(response)
        yield from self.emit(page)
        # links.next is null on the last page; page_request moves it onto base_url when one is given.
        if page.next_url and page.record_count and (request := self.page_request(page.next_url, self.parse)):
            yield request
