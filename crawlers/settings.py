"""Every Scrapy setting of pasarkerja in one place.

Environment overrides (a ``-s NAME=value`` on the command line wins over both):

- ``DATABASE_URL``: SQLAlchemy URL of the store; default ``sqlite:///data/pasarkerja.db``.
- ``PASARKERJA_CONTACT``: contact (URL or e-mail) put in the user agent, so a platform
  can reach whoever runs the crawl.
- ``PASARKERJA_CHROMIUM``: the Chromium that renders pages (``-a render=1``); by default
  Debian's ``/usr/bin/chromium`` or ``chromium`` on PATH (crawlers/browser.py).

Per-platform politeness (download delays that follow each platform's published limits)
lives in each spider's ``custom_settings``.
"""

import os

BOT_NAME = "pasarkerja"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///data/pasarkerja.db")
# Postings written per database transaction; the last partial batch is written at close.
STORE_BATCH_SIZE = 500

# Unset, the user agent names the project's own page instead, and a live crawl (no base_url) warns at start
# (crawlers/extensions/contact.py): the platform could reach the project but not whoever runs the crawl.
PASARKERJA_PROJECT_PAGE = "https://github.com/pasarkerja/pasarkerja"
PASARKERJA_CONTACT = os.environ.get("PASARKERJA_CONTACT", PASARKERJA_PROJECT_PAGE)
USER_AGENT = f"pasarkerja/0.1 (labour-market research for training communities; +{PASARKERJA_CONTACT})"

# Politeness: obey robots.txt, one request at a time per platform, back off when slow.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 2.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 2
# A 429, or a 503 with Retry-After, is retried when the server says (seconds or an HTTP-date), every request to that
# server waiting meanwhile. A server asking for more than RETRY_AFTER_MAX seconds, or still answering 429 after the
# retries, makes the page a `rate_limited` reject; and it is not asked again in this crawl before the time it gave
# (crawlers/middlewares/retry_after.py).
RETRY_AFTER_MAX = 300
# A page larger than DOWNLOAD_MAXSIZE bytes (announced, received, or once unpacked) is not read but rejected as
# `too_large` (crawlers/middlewares/size_limit.py); the largest one-response feeds are a few MB. A spider expecting
# more raises it in its custom_settings. DOWNLOAD_WARNSIZE only logs a warning.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
# Error pages (4xx/5xx) reach the spiders so they become rejects with a reason.
HTTPERROR_ALLOW_ALL = True

# A re-crawl stops paging at pages of postings stored already (crawlers/middlewares/known_pages.py):
# -s INCREMENTAL=False crawls every page; INCREMENTAL_KNOWN_PAGES pages in a row must be known (1).
SPIDER_MIDDLEWARES = {"crawlers.middlewares.known_pages.StopAtKnownPages": 950}

# Scrapy's retry, decompression and redirect middlewares, in their places, replaced by ones that make rate-limited,
# oversize and wrongly redirected pages rejects with a reason (crawlers/middlewares/). A redirect loop
# (REDIRECT_MAX_TIMES, 20, or back to a page of the chain) is a `redirect_loop`, a redirect to another host than the
# platform's (or base_url's) an `off_host_redirect`.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.retry_after.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawlers.middlewares.redirects.GuardedMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawlers.middlewares.size_limit.DownloadSizeLimit": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawlers.middlewares.redirects.GuardedRedirectMiddleware": 600,
}

ITEM_PIPELINES = {
    "pipelines.store.StorePipeline": 900,
}

# How pay is sorted into salaried, hourly and project pay, and how a salary becomes a month, is written
# down once, in pipelines/pay.py; hourly and project pay are never turned into months when stored.
# When a new posting repeats a stored one (the same vacancy elsewhere, or reposted) is written down
# once, in pipelines/dedupe.py (DedupeSettings); -s DEDUPE_SIMILARITY=... and -s DEDUPE_WINDOW_DAYS=...
# override it.

# Browser rendering (scrapy-playwright) for pages built by JavaScript. Only a crawl that
# renders (jobposting -a render=1) installs the download handlers and the launch options
# with its Chromium (crawlers/browser.py): every other crawl starts no Playwright and no browser.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
# Each browser (started on the first page to render; http and https pages have one each)
# keeps one context with at most two pages open: bounded memory, and polite anyway.
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 2
# A page that has not loaded in 30 s is a failed download (a reject), like any other.
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
# Images, media, fonts and style sheets add nothing to a page's text or JSON-LD.
PLAYWRIGHT_ABORT_REQUEST = "crawlers.browser.skip_resource"

TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("PASARKERJA_LOG_LEVEL", "INFO")
COMMANDS_MODULE = "crawlers.commands"

# The crawl as a row of crawl_runs, with its health checks (crawlers/extensions/crawl_run.py); after Scrapy's core
# stats (0), so that the row gets the finish reason. CLOSE_AFTER_MISSED_CRAWLS complete crawls (2) not seeing a
# posting mark it closed.
EXTENSIONS = {
    "crawlers.extensions.freeze.FreezeLoadedObjects": 0,
    "crawlers.extensions.contact.ContactWarning": 0,
    "crawlers.extensions.crawl_run.CrawlRun": 100,
}
