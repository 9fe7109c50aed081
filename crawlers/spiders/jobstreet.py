"""JobStreet Indonesia job search, newest first, paged by page number: the v5 search API or its GraphQL form."""

from __future__ import annotations

import json
import uuid
from typing import Any

from crawlers.extract import jobstreet
from crawlers.extract.common import Page
from crawlers.spiders.base import PlatformSpider, with_query

V5_ENDPOINT = "https://id.jobstreet.com/api/jobsearch/v5/search"
GRAPHQL_ENDPOINT = "https://id.jobstreet.com/graphql"
APIS = ("v5", "graphql")
# The number of jobs the site's own search page shows at a time.
PAGE_SIZE = 30
SITE_KEY, COUNTRY, LOCALE = "ID-Main", "ID", "id-ID"
# The fields crawlers.extract.jobstreet reads, selected from the jobSearchV7 response as the search page receives it.
JOB_SEARCH_QUERY = """\
query jobSearchV7($params: JobSearchV7QueryInput!) {
  jobSearchV7(params: $params) {
    results {
      jobs {
        id
        title
        abstract
        url
        advertiser { id name }
        organisation { id name }
        location { id displayName { text } }
        listedAt { dateTimeUtc }
        salary { period min max currency }
        workArrangements { id label { text } }
        cjs { workTypes { sourceId } }
      }
      pagination { page pageSize resultCount }
    }
  }
}"""
GRAPHQL_HEADERS = {
    "Content-Type": "application/json",
    # Without it jobSearchV7 answers UNSTABLE_QUERY_ERROR.
    "x-custom-features": "application/features.seek.all+json",
}


class JobstreetSpider(PlatformSpider):
    name = "jobstreet"
    extract = staticmethod(jobstreet.read_page)
    search_arguments = {
        "api": "v5 (default: GET /api/jobsearch/v5/search) or graphql (POST /graphql, the jobSearchV7 form)",
        "query": "keywords, e.g. 'admin' or 'customer service'",
        "location": "a place as the site names it, e.g. 'Jakarta Raya', 'Yogyakarta', 'Bali'",
    }
    # JobStreet publishes no rate for its search endpoints, which sit behind a bot wall: a conservative 5 s.
    argument_shapes = {"api": ("|".join(APIS), " or ".join(APIS))}
    argument_defaults = {"api": APIS[0]}
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # What a first-time visitor's browser mints for itself, once per crawl.
        self.session_id, self.visitor_id = str(uuid.uuid4()), str(uuid.uuid4())

    def search_request(self, page: int):
        if self.search["api"] == "graphql":
            return self.page_request(
                GRAPHQL_ENDPOINT, self.parse, method="POST", body=self.graphql_body(page), headers=GRAPHQL_HEADERS,
                cb_kwargs={"page": page},
            )
        return self.page_request(self.v5_url(page), self.parse, cb_kwargs={"page": page})

    def v5_url(self, page: int) -> str:
        query = {"siteKey": SITE_KEY, "page": page, "pageSize": PAGE_SIZE}
        if "query" in self.search:
            query["keywords"] = self.search["query"]
        if "location" in self.search:
            query["where"] = self.search["location"]
        return with_query(V5_ENDPOINT, {**query, "sortmode": "ListedDate", "locale": LOCALE})

    def graphql_body(self, page: int) -> str:
        """The jobSearchV7 request for one page; json.dumps keeps the key order, so ``"page": N`` reads the same."""
        intent: dict[str, Any] = {"country": COUNTRY, "locale": LOCALE, "sort": "listedAt"}
        if "query" in self.search:
            intent["text"] = self.search["query"]
        if "location" in self.search:
            intent["where"] = [self.search["location"]]
        params = {
            "responseConfig": {"page": page, "pageSize": PAGE_SIZE, "representations": ["uiV1"], "results": ["jobs"]},
            "searchContext": {
                "brand": "jobstreet", "channel": "web", "intent": "SEARCH",
                "solVisitorId": self.visitor_id, "source": "FE_SERP",
            },
            "searchIntent": intent,
            "sessionId": self.session_id,
        }
        return json.dumps({"operationName": "jobSearchV7", "variables": {"params": params}, "query": JOB_SEARCH_QUERY})

    async def start(self):
        yield self.search_request(1)

    def parse(self, response, page: int):
        listing = self.read(response)
        yield from self.emit(listing)
        if has_next_page(listing, page) and (request := self.search_request(page + 1)):
            yield request


def has_next_page(listing: Page, page: int) -> bool:
    """True after a full page that is the page asked for, while the reported total says more remain.

    A short or empty page is the last, a rejected page (no records) too; a response
    for another page than the one asked for means the server ignores ``page`` and would repeat itself.
    """
    if listing.page_number not in (None, page):
        return False
    page_size = listing.page_size or PAGE_SIZE
    more_in_total = listing.total is None or page * page_size < listing.total
    return listing.record_count >= page_size and more_in_total
