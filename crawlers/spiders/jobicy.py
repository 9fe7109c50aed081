"""Jobicy remote jobs API: the latest postings in one request, filtered by region, industry, keyword."""

from __future__ import annotations

from typing import Any

from crawlers.extract import jobicy
from crawlers.spiders.base import ArgumentError, PlatformSpider, with_query

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
    # Jobicy's fair-use terms discourage polling more than hourly; a crawl is one request, 5 s after robots.txt.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    @classmethod
    def check_arguments(cls, arguments: dict[str, Any]) -> dict[str, Any]:
        options = super().check_arguments(arguments)
        count = str(options.get("count", MAX_COUNT))
        if not (count.isdigit() and 1 <= int(count) <= MAX_COUNT):
            raise ArgumentError(f"-a count= must be a whole number from 1 to {MAX_COUNT}, got {count!r}")
        if "tag" in options and not 3 <= len(options["tag"]) <= 50:
            raise ArgumentError(f"-a tag= must be 3 to 50 characters long, got {options['tag']!r}")
        return {**options, "count": int(count)}

    async def start(self):
        yield self.page_request(with_query(ENDPOINT, self.search), self.parse)
