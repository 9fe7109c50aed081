"""Karirhub (Kemnaker) industrial vacancies, paged by ``page`` until a page comes back short."""

from __future__ import annotations

from crawlers.extract import karirhub
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import PageNumbers

ENDPOINT = "https://api.kemnaker.go.id/karirhub/catalogue/v1/industrial-vacancies"
PAGE_SIZE = 30


class KarirhubSpider(PlatformSpider):
    name = "karirhub"
    extract = staticmethod(karirhub.read_page)
    # The API sends no total: only a full page can be followed by another.
    paging = PageNumbers(page_size=PAGE_SIZE)
    # Kemnaker publishes no request rate for this public API: one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, number: int) -> str:
        return with_query(ENDPOINT, {"page": number, "limit": PAGE_SIZE})
