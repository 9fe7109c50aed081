"""Freelancer.com active projects, paged by ``limit``/``offset``."""

from __future__ import annotations

from crawlers.extract import freelancer
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://www.freelancer.com/api/projects/0.1/projects/active/"
PAGE_SIZE = 100


class FreelancerSpider(PlatformSpider):
    name = "freelancer"
    extract = staticmethod(freelancer.read_page)
    search_arguments = {"query": "full-text search, e.g. 'wordpress'"}
    # Freelancer publishes no number for anonymous API use: one request every 2 s.
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, offset: int) -> str:
        query = {
            "job_details": "true",
            "full_description": "true",
            "user_details": "true",
            "limit": PAGE_SIZE,
            "offset": offset,
            **({"query": self.search["query"]} if "query" in self.search else {}),
        }
        return with_query(ENDPOINT, query)

    async def start(self):
        yield self.page_request(self.page_url(0), self.parse, cb_kwargs={"offset": 0})

    def parse(self, response, offset: int):
        page = self.read(response)
        yield from self.emit(page)
        # The API may return fewer than asked for; the next page starts after what came.
        next_offset = offset + page.record_count
        # total_count is often null: then a full page is the only sign that more follow.
        more = page.record_count > 0 and (next_offset < page.total if page.total is not None else page.record_count == PAGE_SIZE)
        if more and (request := self.page_request(self.page_url(next_offset), self.parse, cb_kwargs={"offset": next_offset})):
            yield request
