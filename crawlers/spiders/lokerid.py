"""Loker.id job listing as JSON (``/cari-lowongan-kerja/page/N?_data``), paged until the site answers 404."""

from __future__ import annotations

from urllib.parse import urlencode

from crawlers.extract import lokerid
from crawlers.spiders.base import PlatformSpider
from crawlers.spiders.paging import PageNumbers

LISTING_URL = "https://www.loker.id/cari-lowongan-kerja/page/{number}"
# Category and location filters are slugs, as the site's own search URLs write them.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


class LokerIdSpider(PlatformSpider):
    name = "lokerid"
    extract = staticmethod(lokerid.read_page)
    # No total and no page count: past the last page the site answers 404 (on the first page a 404 means the endpoint
    # moved: a reject), and a page holding nothing new (a site repeating its last page) ends the crawl as a 404 would.
    paging = PageNumbers(end_status=404)
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
