"""JobStreet Indonesia job search, newest first, paged by page number: the v5 search API or its GraphQL form."""

from __future__ import annotations

import json
import uuid
from typing import Any

from crawlers.extract import jobstreet
from crawlers.spiders.base import PlatformSpider, with_query
from crawlers.spiders.paging import PageNumbers

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
    # A short or empty page is the last, and so is the page reaching the reported total; a response for another page
    # than the one asked for means the server ignores ``page`` and would repeat itself.
    paging = PageNumbers(page_size=PAGE_SIZE)
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

    def listing_request(self, page: int):
        if self.search["api"] == "graphql":
            return self.page_request(
                GRAPHQL_ENDPOINT, self.parse, method="POST", body=self.graphql_body(page), headers=GRAPHQL_HEADERS,
                cb_kwargs={"position": page},
            )
        return super().listing_request(page)

    def page_url(self, page: int) -> str:
        """The v5 search API's address of one page."""
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
