"""Freelancer.com active projects, paged by ``limit``/``offset``."""

from __future__ import annotations

from crawlers.extract import freelancer
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import Offsets

ENDPOINT = "https://www.freelancer.com/api/projects/0.1/projects/active/"
# The most projects the API serves per request.
PAGE_SIZE = 100


class FreelancerSpider(PlatformSpider):
    name = "freelancer"
    extract = staticmethod(freelancer.read_page)
    paging = Offsets(page_size=PAGE_SIZE)
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
