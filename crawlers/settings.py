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

PASARKERJA_CONTACT = os.environ.get("PASARKERJA_CONTACT", "https://github.com/pasarkerja/pasarkerja")
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
# Error pages (4xx/5xx) reach the spiders so they become rejects with a reason.
HTTPERROR_ALLOW_ALL = True

# A re-crawl stops paging at pages of postings stored already (pipelines/incremental.py): -s INCREMENTAL=False
# crawls every page; INCREMENTAL_KNOWN_PAGES pages in a row must be known (1). CLOSE_AFTER_MISSED_CRAWLS complete
# crawls (2) not seeing a posting mark it closed.
SPIDER_MIDDLEWARES = {"pipelines.incremental.StopAtKnownPages": 950}

ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.store.StorePipeline": 900,
}# How pay is sorted into salaried, hourly and project pay, and how a salary becomes a month, is written
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

EXTENSIONS = {"crawlers.extensions.FreezeLoadedObjects": 0}
