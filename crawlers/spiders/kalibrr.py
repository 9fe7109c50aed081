"""Kalibrr job board search, paged by ``limit``/``offset`` against ``count``."""

from __future__ import annotations

from crawlers.extract import kalibrr
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://www.kalibrr.com/kjs/job_board/search"
# Jobs per request: a full crawl in few requests, each response still modest.
PAGE_SIZE = 100
DEFAULT_COUNTRY = "Indonesia"


class KalibrrSpider(PlatformSpider):
    name = "kalibrr"
    extract = staticmethod(kalibrr.read_page)
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

    async def start(self):
        yield self.page_request(self.page_url(0), self.parse, cb_kwargs={"offset": 0})

    def parse(self, response, offset: int):
        page = self.read(response)
        yield from self.emit(page)
        # The next page starts after what came; past the end Kalibrr sends no jobs.
        next_offset = offset + page.record_count
        more = page.record_count > 0 and page.total is not None and next_offset < page.total
        if more and (
            request := self.page_request(self.page_url(next_offset), self.parse, cb_kwargs={"offset": next_offset})
        ):
            yield request
