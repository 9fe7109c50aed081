"""Karirhub (Kemnaker) industrial vacancies, paged by ``page`` until a page comes back short."""

from __future__ import annotations

from crawlers.extract import karirhub
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://api.kemnaker.go.id/karirhub/catalogue/v1/industrial-vacancies"
PAGE_SIZE = 30


class KarirhubSpider(PlatformSpider):
    name = "karirhub"
    extract = staticmethod(karirhub.read_page)
    # Kemnaker publishes no request rate for this public API: one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, number: int) -> str:
        return with_query(ENDPOINT, {"page": number, "limit": PAGE_SIZE})

    async def start(self):
        yield self.page_request(self.page_url(1), self.parse, cb_kwargs={"number": 1})

    def parse(self, response, number: int):
        page = self.read(response)
        yield from self.emit(page)
        # The API sends no total: only a full page can be followed by another.
        if page.record_count >= PAGE_SIZE and (
            request := self.page_request(self.page_url(number + 1), self.parse, cb_kwargs={"number": number + 1})
        ):
            yield request
