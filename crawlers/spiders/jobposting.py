"""Any site's job pages, read through their schema.org JobPosting markup (JSON-LD or microdata).

Where the pages come from, exactly one of:

- ``urls=``: the job pages themselves, comma-separated.
- ``sitemap=``: a sitemap, or a sitemap index whose sitemaps are followed; every page listed.
- ``domain=``: a site's sitemaps as its robots.txt names them, else its ``/sitemap.xml``; a
  site with neither is walked from its home page along same-site links, MAX_LINK_DEPTH deep.

A page named with ``urls=`` that holds no JobPosting, or cannot be read, is a reject: the
operator meant it. Pages found through sitemaps or links that hold none (most of a site,
and listed pages already gone) are only counted, in ``pasarkerja/pages_without_jobposting``.
A JobPosting whose JSON-LD is broken is a reject wherever it is met.

``render=1`` loads each page (never a sitemap or robots.txt) in Chromium first, for sites
that insert their postings with JavaScript; see crawlers/browser.py.

With ``base_url`` every request goes to that host, URLs read from sitemaps and links
included. Postings keep the page URL as the site knows it: the response's path and query
(redirects followed) on the host the URL was found under. So a page has the same ``url``
and ``source_id`` however it was fetched, and links and relative URLs resolve on the site.

``max_pages`` caps every request the spider makes: robots.txt, sitemaps and pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import HtmlResponse, Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawlers import browser
from crawlers.extract import jobposting
from crawlers.extract.common import Page, PageError
from crawlers.items import Posting, Reject
from crawlers.spiders.base import ArgumentError, PlatformSpider

START_ARGUMENTS = ("urls", "sitemap", "domain")
# Clicks from the home page when a site has no sitemap: job pages sit under a list page or two.
MAX_LINK_DEPTH = 2


class JobPostingSpider(PlatformSpider):
    name = "jobposting"
    extract = staticmethod(jobposting.read_page)
    search_arguments = {
        "urls": "job page URLs, comma-separated",
        "sitemap": "URL of a sitemap or sitemap index listing the job pages",
        "domain": "a site whose job pages to find, e.g. lowongan.example or https://lowongan.example",
        "render": "1: load each page in Chromium first, for sites that build their pages with JavaScript",
    }
    # Arbitrary sites publish no limit: robots.txt is obeyed (project setting) and one request every 2 s.
    # A sitemap may hold 50 MB uncompressed (sitemaps.org), more than the project's default page limit.
    custom_settings = {"DOWNLOAD_DELAY": 2.0, "DOWNLOAD_MAXSIZE": 50 * 1024 * 1024}
    # Sitemaps and job pages, not a listing newest first: a re-crawl reads them all.
    pages_are_a_listing = False

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.chromium: str | None = self.search.pop("chromium")

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Settings are still open here (Scrapy freezes them after creating the spider):
        # only a rendering crawl gets the browser's download handlers.
        if spider.chromium:
            browser.enable_rendering(crawler.settings, spider.chromium)
        return spider

    @classmethod
    def check_arguments(cls, arguments: dict[str, Any]) -> dict[str, Any]:
        """Also finds Chromium for ``render=1`` (``chromium`` in the result), raising ChromiumNotFound without it."""
        options = super().check_arguments(arguments)
        given = [name for name in START_ARGUMENTS if name in options]
        if len(given) != 1:
            raise ArgumentError(
                "spider 'jobposting' needs exactly one of -a urls=, -a sitemap=, -a domain=, "
                f"got {' and '.join(given) if given else 'none'}"
            )
        if "urls" in options:
            options["urls"] = [web_url("urls", url.strip()) for url in options["urls"].split(",") if url.strip()]
            if not options["urls"]:
                raise ArgumentError("-a urls= names no URL; give job page URLs, comma-separated")
        if "sitemap" in options:
            options["sitemap"] = web_url("sitemap", options["sitemap"])
        if "domain" in options:
            options["domain"] = site_root(options["domain"])
        render = options.pop("render", "0")
        if render not in ("0", "1"):
            raise ArgumentError(f"-a render= must be 1 (load pages in Chromium) or 0, got {render!r}")
        options["chromium"] = browser.find_chromium() if render == "1" else None
        return options

    async def start(self):
        if "urls" in self.search:
            for url in self.search["urls"]:
                for request in self.fetch(url, self.parse_page, page=True, named=True):
                    yield request
        elif "sitemap" in self.search:
            for request in self.fetch(self.search["sitemap"], self.parse_sitemap, page=False):
                yield request
        else:
            for request in self.fetch(urljoin(self.search["domain"], "/robots.txt"), self.parse_robots, page=False):
                yield request

    def fetch(self, url: str, callback: Callable, *, page: bool, **cb_kwargs: Any) -> Iterator[scrapy.Request]:
        """The request for ``url`` unless a cap is reached; ``page`` requests go through Chromium with render=1.

        The callback gets ``url`` as found, to know the page as the site knows it.
        """
        meta = browser.render_meta() if page and self.chromium else {}
        if request := self.page_request(url, callback, meta=meta, cb_kwargs={"url": url, **cb_kwargs}):
            yield request

    def parse_robots(self, response: Response, url: str) -> Iterator[scrapy.Request]:
        sitemaps = list(sitemap_urls_from_robots(response.body, base_url=url)) if response.status == 200 else []
        for sitemap in sitemaps:
            yield from self.fetch(sitemap, self.parse_sitemap, page=False)
        if not sitemaps:
            yield from self.fetch(urljoin(url, "/sitemap.xml"), self.parse_sitemap, page=False, guessed=True)

    def parse_sitemap(self, response: Response, url: str, guessed: bool = False) -> Iterator[scrapy.Request | Reject]:
        response = response.replace(url=self.site_url(response, url))
        try:
            kind, locations = jobposting.read_sitemap(response, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except PageError as error:
            if guessed:  # the site has no /sitemap.xml: walk it from its home page instead
                yield from self.fetch(urljoin(url, "/"), self.parse_page, page=True, named=False, depth=0)
            else:
                yield self.reject_page(response, error.reason, error.detail)
            return
        for location in locations:
            if kind == "sitemapindex":
                yield from self.fetch(location, self.parse_sitemap, page=False)
            else:
                yield from self.fetch(location, self.parse_page, page=True, named=False)

    def parse_page(
        self, response: Response, url: str, named: bool, depth: int | None = None
    ) -> Iterator[Posting | Reject | scrapy.Request]:
        """A job page; ``named`` when the operator gave it, ``depth`` when it was reached by links."""
        response = response.replace(url=self.site_url(response, url))
        # A listed page that is gone is no news; a named one is.
        page = self.read(response) if named or response.status == 200 else Page()
        if not page.items:
            if named:
                yield self.reject_page(response, "no_jobposting", "the page holds no schema.org JobPosting (JSON-LD or microdata)")
            else:
                self.crawler.stats.inc_value("pasarkerja/pages_without_jobposting")
        yield from self.emit(page)
        if depth is not None and depth < MAX_LINK_DEPTH and isinstance(response, HtmlResponse):
            same_site = LinkExtractor(allow_domains=[urlsplit(self.search["domain"]).hostname])
            for link in same_site.extract_links(response):
                yield from self.fetch(link.url, self.parse_page, page=True, named=False, depth=depth + 1)

    def site_url(self, response: Response, url: str) -> str:
        """The response's URL as the site knows it: with base_url, its path and query on the host of ``url``."""
        if not self.base_url:
            return response.url
        site, fetched = urlsplit(url), urlsplit(response.url)
        return urlunsplit((site.scheme, site.netloc, fetched.path, fetched.query, ""))

def web_url(name: str, value: str) -> str:
    """``value`` checked to be an http(s) URL with a host."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ArgumentError(f"-a {name}= takes http:// or https:// URLs, got {value!r}")
    return value


def site_root(value: str) -> str:
    """The home page URL of a ``domain=`` value: a host name (https assumed) or a URL without a path."""
    parts = urlsplit(value if "://" in value else f"https://{value}")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise ArgumentError(f"-a domain= must be a site such as lowongan.example or https://lowongan.example, got {value!r}")
    return f"{parts.scheme}://{parts.netloc}/"
