"""Himalayas remote jobs API, paged by ``cursor`` (each page's ``nextCursor``)."""

from __future__ import annotations

from crawlers.extract import himalayas
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import NextCursor

ENDPOINT = "https://himalayas.app/jobs/api"
# The most jobs Himalayas serves per request.
PAGE_SIZE = 20


class HimalayasSpider(PlatformSpider):
    name = "himalayas"
    extract = staticmethod(himalayas.read_page)
    # The last page carries no nextCursor; an empty page ends the crawl too.
    paging = NextCursor()
    # Himalayas publishes no request rate for its free jobs API: one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, cursor: str | None) -> str:
        return with_query(ENDPOINT, {"limit": PAGE_SIZE, **({"cursor": cursor} if cursor else {})})
