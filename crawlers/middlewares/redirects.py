"""Redirects that go round in circles or leave the host become rejects (``redirect_loop``, ``off_host_redirect``).

Scrapy follows HTTP redirects (RedirectMiddleware) and ``<meta http-equiv="refresh">`` (MetaRefreshMiddleware),
but a redirect back to a page of the chain is dropped by the scheduler's duplicate filter without a word,
and a redirect to another host is followed wherever it goes: out of a test's or mirror's ``base_url``, or
off the platform. The two classes below are those middlewares, in their places, checking every redirect
they make:

- ``redirect_loop``: the redirect asks again for a request of the chain (same method, URL and body, as the
  duplicate filter sees it), or the chain is longer than REDIRECT_MAX_TIMES.
- ``off_host_redirect``: the redirect goes to another host than the one the chain started on: the platform's
  host, or base_url's. ``www.`` in front of a host name, and http to https on the standard ports, stay on
  the host. A robots.txt may be followed anywhere on a live crawl (no base_url), as RFC 9309 says.

Each reject's detail ends with the chain, ``first -> ... -> where it went``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawlers.middlewares import PageRejected

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

FINGERPRINTS = "pasarkerja_redirect_fingerprints"
"""Request meta key: fingerprints of the requests of the redirect chain so far."""

DEFAULT_PORTS = {"http": 80, "https": 443}


def same_host(first: str, then: str) -> bool:
    """Whether URL ``then`` is on the host of URL ``first``."""
    a, b = urlsplit(first), urlsplit(then)
    names = [(parts.hostname or "").removeprefix("www.") for parts in (a, b)]
    ports = [parts.port or DEFAULT_PORTS.get(parts.scheme) for parts in (a, b)]
    standard = all(port == DEFAULT_PORTS.get(parts.scheme) for port, parts in zip(ports, (a, b), strict=True))
    return names[0] == names[1] and (ports[0] == ports[1] or standard)


class GuardedRedirects:
    """What both redirect middlewares check; mixed in before Scrapy's class."""

    crawler: Crawler
    max_redirect_times: int

    def process_response(self, request: Request, response: Response) -> Request | Response:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        try:
            redirected = super().process_response(request, response)
        except IgnoreRequest as refused:  # the one refusal of Scrapy's redirect middlewares
            raise PageRejected(
                "redirect_loop", f"more than {self.max_redirect_times} redirects: {' -> '.join(chain)} -> ..."
            ) from refused
        if not isinstance(redirected, Request):
            return redirected
        path = " -> ".join([*chain, redirected.url])
        fingerprint = self.crawler.request_fingerprinter.fingerprint
        seen = request.meta.get(FINGERPRINTS) or [fingerprint(request)]
        if fingerprint(redirected) in seen:
            raise PageRejected("redirect_loop", f"a redirect back to {redirected.url}: {path}")
        if not same_host(chain[0], redirected.url) and not self.may_leave(chain[0]):
            first, then = urlsplit(chain[0]).netloc, urlsplit(redirected.url).netloc
            raise PageRejected("off_host_redirect", f"{first} redirected to {then}: {path}")
        redirected.meta[FINGERPRINTS] = [*seen, fingerprint(redirected)]
        return redirected

    def may_leave(self, first: str) -> bool:
        """Whether a chain starting at URL ``first`` may leave its host: a robots.txt on a live crawl, whose
        redirects RFC 9309 (2.3.1.2) follows across hosts."""
        live = getattr(self.crawler.spider, "base_url", None) is None
        return live and urlsplit(first).path == "/robots.txt"


class GuardedRedirectMiddleware(GuardedRedirects, RedirectMiddleware):
    """Scrapy's RedirectMiddleware (3xx with Location), guarded."""


class GuardedMetaRefreshMiddleware(GuardedRedirects, MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware (``<meta http-equiv="refresh">``), guarded."""
