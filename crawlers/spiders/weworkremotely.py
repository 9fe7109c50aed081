"""We Work Remotely: the RSS feed of one job category, which lists all its open postings at once."""

from __future__ import annotations

import re
from typing import Any

from crawlers.extract import weworkremotely
from crawlers.spiders.base import ArgumentError, PlatformSpider

FEED_URL = "https://weworkremotely.com/categories/{category}.rss"
DEFAULT_CATEGORY = "remote-programming-jobs"
# Category slugs as the site's feed URLs write them: lower-case words joined by hyphens, ending in "-jobs".
CATEGORY_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-jobs")


class WeWorkRemotelySpider(PlatformSpider):
    name = "weworkremotely"
    extract = staticmethod(weworkremotely.read_page)
    search_arguments = {
        "category": f"category slug of the feed URL, default {DEFAULT_CATEGORY} "
        "(e.g. remote-design-jobs, remote-customer-support-jobs, remote-sales-and-marketing-jobs)",
    }
    # No limit is published; the feeds announce a 60-minute <ttl> (crawl hourly at most); a conservative 5 s.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    @classmethod
    def check_arguments(cls, arguments: dict[str, Any]) -> dict[str, Any]:
        options = super().check_arguments(arguments)
        category = options.get("category", DEFAULT_CATEGORY)
        if not CATEGORY_SLUG.fullmatch(category):
            raise ArgumentError(f"-a category= must be a slug like {DEFAULT_CATEGORY}, got {category!r}")
        return {**options, "category": category}

    async def start(self):
        yield self.page_request(FEED_URL.format(category=self.search["category"]), self.parse)
