"""We Work Remotely: the RSS feed of one job category, which lists all its open postings at once."""

from __future__ import annotations

from crawlers.extract import weworkremotely
from crawlers.spiders.base import PlatformSpider

FEED_URL = "https://weworkremotely.com/categories/{category}.rss"
DEFAULT_CATEGORY = "remote-programming-jobs"


class WeWorkRemotelySpider(PlatformSpider):
    name = "weworkremotely"
    extract = staticmethod(weworkremotely.read_page)
    search_arguments = {
        "category": f"category slug of the feed URL, default {DEFAULT_CATEGORY} "
        "(e.g. remote-design-jobs, remote-customer-support-jobs, remote-sales-and-marketing-jobs)",
    }
    # Category slugs as the site's feed URLs write them: lower-case words joined by hyphens, ending in "-jobs".
    argument_shapes = {"category": (r"[a-z0-9]+(?:-[a-z0-9]+)*-jobs", DEFAULT_CATEGORY)}
    argument_defaults = {"category": DEFAULT_CATEGORY}
    # No limit is published; the feeds announce a 60-minute <ttl> (crawl hourly at most); a conservative 5 s.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def page_url(self, position: None) -> str:
        return FEED_URL.format(category=self.search["category"])
