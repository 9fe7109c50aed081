"""Jobicy remote jobs API: the latest postings in one request, filtered by region, industry, keyword."""

from __future__ import annotations

from crawlers.extract import jobicy
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://jobicy.com/api/v2/remote-jobs"
# The API's documented maximum (and default) number of postings per request.
MAX_COUNT = 100


class JobicySpider(PlatformSpider):
    name = "jobicy"
    extract = staticmethod(jobicy.read_page)
    search_arguments = {
        "count": f"postings to fetch, 1 to {MAX_COUNT} (default {MAX_COUNT}, the API's maximum)",
        "geo": "region slug, e.g. apac, philippines, usa (all: https://jobicy.com/api/v2/remote-jobs?get=locations)",
        "industry": "category slug, e.g. engineering, design-multimedia, supporting (all: ...?get=industries)",
        "tag": "keyword searched in titles and descriptions, 3 to 50 characters, e.g. 'wordpress'",
    }
    argument_shapes = {"count": (r"[1-9][0-9]?|100", f"a whole number from 1 to {MAX_COUNT}"), "tag": (r".{3,50}", "'wordpress' (3 to 50 characters)")}
    argument_defaults = {"count": str(MAX_COUNT)}
    # Jobicy's fair-use terms discourage polling more than hourly; a crawl is one request, 5 s after robots.txt.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def page_url(self, position: None) -> str:
        return with_query(ENDPOINT, self.search)
