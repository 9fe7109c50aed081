"""Kalibrr job board search, paged by ``limit``/``offset`` against ``count``."""

from __future__ import annotations

from crawlers.extract import kalibrr
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import Offsets

ENDPOINT = "https://www.kalibrr.com/kjs/job_board/search"
# Jobs per request: a full crawl in few requests, each response still modest.
PAGE_SIZE = 100
DEFAULT_COUNTRY = "Indonesia"


class KalibrrSpider(PlatformSpider):
    name = "kalibrr"
    extract = staticmethod(kalibrr.read_page)
    paging = Offsets(page_size=PAGE_SIZE)
    search_arguments = {
        "text": "words to search for in the jobs, e.g. 'web developer'",
        "country": f"country of the jobs, default {DEFAULT_COUNTRY} (Kalibrr also lists Philippines)",
        "function": "job function as Kalibrr names it, e.g. 'Sales and Marketing', 'Accounting and Finance'",
    }
    # Kalibrr publishes no request rate for its job-board search: one request every 2 s.
    # Without a country Kalibrr has been seen answering from a smaller fallback set, not from every job.
    argument_defaults = {"country": DEFAULT_COUNTRY}
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def page_url(self, offset: int) -> str:
        return with_query(ENDPOINT, {"limit": PAGE_SIZE, "offset": offset, **self.search})
