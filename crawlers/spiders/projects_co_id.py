"""Projects.co.id public project listing (HTML), paged by ``?page=N`` while the pagination links further."""

from __future__ import annotations

from crawlers.extract import projects_co_id
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import NextUrl

LISTING_URL = "https://projects.co.id/public/browse_projects/listing"
# The site's category listings are path segments such as 6_website-development (number, underscore, slug).
CATEGORY = r"\d+_[a-z0-9]+(?:-[a-z0-9]+)*"


class ProjectsCoIdSpider(PlatformSpider):
    name = "projects_co_id"
    extract = staticmethod(projects_co_id.read_page)
    # The next page's URL keeps this one's path and search; the last page links to none.
    paging = NextUrl()
    search_arguments = {
        "search": "keyword search, e.g. 'wordpress'",
        "category": "category path segment of the site's category listings, e.g. 6_website-development",
    }
    argument_shapes = {"category": (CATEGORY, "6_website-development")}
    # Projects.co.id publishes no request rate (nor a crawl-delay we know of): a conservative 5 s between pages.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def page_url(self, position: None) -> str:
        listing = f"{LISTING_URL}/{self.search['category']}" if "category" in self.search else LISTING_URL
        query = {"search": self.search["search"]} if "search" in self.search else {}
        return with_query(listing, {**query, "page": 1})
