"""Remotive's public remote-jobs API: every active listing in one response, no paging.

Remotive's terms: run it at most a few times a day (listings are published 24 h late anyway),
link back to each listing and name Remotive as the source.
"""

from __future__ import annotations

from crawlers.extract import remotive
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://remotive.com/api/remote-jobs"


class RemotiveSpider(PlatformSpider):
    name = "remotive"
    extract = staticmethod(remotive.read_page)
    search_arguments = {
        "category": "category name or slug, e.g. 'software-dev' (see https://remotive.com/api/remote-jobs/categories)",
        "search": "words to find in title and description, e.g. 'flutter'",
        "limit": "at most this many listings (default: all)",
    }
    # Remotive advises at most 4 calls a day and blocks more than 2 a minute: a minute between requests, retries too.
    custom_settings = {"DOWNLOAD_DELAY": 60.0}

    def page_url(self, position: None) -> str:
        return with_query(ENDPOINT, self.search)
