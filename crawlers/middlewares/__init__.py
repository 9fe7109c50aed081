"""Middlewares of pasarkerja, one per module. Downloader middlewares (DOWNLOADER_MIDDLEWARES in crawlers.settings):

- ``retry_after``: 429 and 503 retried when the server says (Retry-After), up to RETRY_AFTER_MAX.
- ``size_limit``: pages larger than DOWNLOAD_MAXSIZE, sent or unpacked.
- ``redirects``: redirect loops and redirects off the host.

What they refuse they raise as ``PageRejected``; the spider's errback
(``PlatformSpider.download_failed``) turns it into a Reject with its reason.

A spider middleware (SPIDER_MIDDLEWARES):

- ``known_pages``: a re-crawl stops paging at pages whose postings are all stored and unchanged.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class PageRejected(IgnoreRequest):
    """A page this crawl will not read, with the reason and detail its Reject gets.

    An IgnoreRequest, so that Scrapy neither retries it nor logs a traceback, and the robots.txt
    middleware takes a refused robots.txt for a missing one.
    """

    def __init__(self, reason: str, detail: str, snippet: str | None = None):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.snippet = snippet
