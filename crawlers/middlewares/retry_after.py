"""Scrapy's retries, waiting as long as a rate-limited server asks (Retry-After), up to RETRY_AFTER_MAX.

A 429 (Too Many Requests), or a 503 that says when to come back, is retried once its Retry-After
(seconds or an HTTP-date, RFC 9110 section 10.2.3) has passed, not after the download delay. The
wait holds every request to that server (host and port), not only the retried one: the server asked
this crawler to stop for a while. It does not block the crawl: requests wait in ``process_request``
on the event loop, so other servers, the item pipelines and Ctrl-C carry on.

A server asking for more than RETRY_AFTER_MAX seconds makes the page a ``rate_limited`` reject at
once, and every later request to it in this crawl too, unsent, until that time has passed. A page
still answered 429 after RETRY_TIMES retries is a ``rate_limited`` reject as well. A 503 without
Retry-After (an outage, not a limit) is retried as Scrapy always does.
"""

from __future__ import annotations

import time
from datetime import UTC
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

from crawlers.items import snippet
from crawlers.middlewares import PageRejected

RATE_LIMITED = 429
UNAVAILABLE = 503


def retry_after_seconds(value: bytes | str | None, now: float) -> float | None:
    """The seconds a Retry-After header value asks to wait from ``now`` (a Unix time); None when absent or unreadable.

    A date gone by asks for no wait.
    """
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        date = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if date.tzinfo is None:  # "-0000": an HTTP-date is in GMT all the same
        date = date.replace(tzinfo=UTC)
    return max(0.0, date.timestamp() - now)


class RetryAfterMiddleware(RetryMiddleware):
    """Replaces Scrapy's RetryMiddleware (same place, same RETRY_* settings) to honour Retry-After."""

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX")
        # host:port -> time.monotonic() before which its server asked not to be asked again
        self.resume_at: dict[str, float] = {}

    async def process_request(self, request: Request) -> None:
        server = urlparse_cached(request).netloc
        # A loop: another answer may move the time on while this request waits.
        while (wait := self.resume_at.get(server, 0.0) - time.monotonic()) > 0:
            if wait > self.max_wait:
                raise PageRejected(
                    "rate_limited",
                    f"not requested: {server} asked to wait {wait:.0f} s more, beyond the {self.max_wait:.0f} s cap "
                    "(RETRY_AFTER_MAX)",
                )
            # A crawl stopping (Ctrl-C, kill, scrapyd's cancel) waits for every request in progress, this one
            # too, and Scrapy has no signal for a crawl starting to stop: so wait a second at a time.
            if not self.crawler.crawling:
                raise PageRejected("rate_limited", f"the crawl stopped with {wait:.0f} s still to wait for {server}")
            await sleep(min(wait, 1.0))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in (RATE_LIMITED, UNAVAILABLE):
            return super().process_response(request, response)
        wait = retry_after_seconds(response.headers.get("Retry-After"), time.time())
        if wait is None and response.status == UNAVAILABLE:
            return super().process_response(request, response)
        status = f"HTTP {response.status}"
        if wait is not None:
            server = urlparse_cached(request).netloc
            self.resume_at[server] = max(self.resume_at.get(server, 0.0), time.monotonic() + wait)
            if wait > self.max_wait:
                detail = f"{status}: Retry-After {wait:.0f} s beyond the {self.max_wait:.0f} s cap (RETRY_AFTER_MAX)"
                raise PageRejected("rate_limited", detail, snippet(response.body))
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=response_status_message(response.status),
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
            # The page becomes a reject, logged as a warning: no error besides.
            give_up_log_level="WARNING",
        )
        if retry is not None:
            return retry
        retries = request.meta.get("retry_times", 0)
        detail = f"{status} after {retries} {'retry' if retries == 1 else 'retries'}"
        if wait is not None:
            detail += f" (Retry-After {wait:.0f} s)"
        raise PageRejected("rate_limited", detail, snippet(response.body))
