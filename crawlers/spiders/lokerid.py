"""Loker.id job listing as JSON (``/cari-lowongan-kerja/page/N?_data``), paged until the site answers 404."""

from __future__ import annotations

from urllib.parse import urlencode

from crawlers.extract import lokerid
from crawlers.spiders.base import PlatformSpider

LISTING_URL = "https://www.loker.id/cari-lowongan-kerja/page/{number}"
# Category and location filters are slugs, as the site's own search URLs write them.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


class LokerIdSpider(PlatformSpider):
    name = "lokerid"
    extract = staticmethod(lokerid.read_page)
    search_arguments = {
        "q": "keyword search, e.g. 'admin'",
        "category": "category slug, e.g. information-technology",
        "lokasi": "location slug (province or city), e.g. jawa-barat or yogyakarta",
    }
    argument_shapes = {"category": (SLUG, "information-technology"), "lokasi": (SLUG, "jawa-barat")}
    # Loker.id publishes no request rate (nor a crawl-delay we know of): a conservative 5 s between pages.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def page_url(self, number: int) -> str:
        # ?_data (a bare flag, last) asks the Remix loader for JSON; the search filters go before it.
        search = urlencode(self.search)
        return LISTING_URL.format(number=number) + "?" + (f"{search}&" if search else "") + "_data"

    async def start(self):
        yield self.page_request(self.page_url(1), self.parse, cb_kwargs={"number": 1})

    def parse(self, response, number: int):
        # Past the last page the site answers 404; on the first page a 404 means the endpoint moved: a reject.
        if response.status == 404 and number > 1:
            self.logger.info("Loker.id page %d is 404: the listing ended after page %d", number, number - 1)
            return
        page = self.read(response)
        yield from self.emit(page)
        # An empty page, or one holding nothing new (a site repeating its last page), ends the crawl as a 404 would.
        if self.has_new_postings(page) and (request := self.page_request(self.page_url(number + 1), self.parse, cb_kwargs={"number": number + 1})):
            yield request
