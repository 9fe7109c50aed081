"""Dealls job search (SejutaCita API), newest first, paged by ``page`` up to ``totalPages``."""

from __future__ import annotations

from crawlers.extract import dealls
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import NextUrl

ENDPOINT = "https://api.sejutacita.id/v1/explore-job/job"
PAGE_SIZE = 30


class DeallsSpider(PlatformSpider):
    name = "dealls"
    extract = staticmethod(dealls.read_page)
    # next_url is this request with the next page number, until totalPages.
    paging = NextUrl()
    search_arguments = {"search": "words to search for in the jobs, e.g. 'admin'"}
    # Dealls publishes no request rate for its job API: one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, position: None) -> str:
        query = {"page": 1, "limit": PAGE_SIZE, **self.search, "sortParam": "publishedAt", "sortBy": "desc"}
        return with_query(ENDPOINT, query)
