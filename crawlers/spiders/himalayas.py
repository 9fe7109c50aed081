"""Himalayas remote jobs API, paged by ``cursor`` (each page's ``nextCursor``)."""

from __future__ import annotations

from crawlers.extract import himalayas
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://himalayas.app/jobs/api"
# The most jobs Himalayas serves per request.
PAGE_SIZE = 20


class HimalayasSpider(PlatformSpider):
    name = "himalayas"
    extract = staticmethod(himalayas.read_page)
    # Himalayas publishes no request rate for its free jobs API: one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, cursor: str | None = None) -> str:
        return with_query(ENDPOINT, {"limit": PAGE_SIZE, **({"cursor": cursor} if cursor else {})})

    async def start(self):
        yield self.page_request(self.page_url(), self.parse)

    def parse(self, response):
        page = self.read(response)
        yield from self.emit(page)
        # The last page carries no nextCursor; an empty page ends the crawl too.
        if page.next_cursor and page.record_count and (request := self.page_request(self.page_url(page.next_cursor), self.parse)):
            yield request
