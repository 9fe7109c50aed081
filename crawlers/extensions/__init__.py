"""Scrapy extensions of pasarkerja (EXTENSIONS in crawlers.settings), one per module:

- ``crawl_run``: the crawl as one row of ``crawl_runs``: the database's engine, health checks, closing missed
  postings; the store pipeline, the known-pages middleware and ``scrapy crawl`` get it with
  ``crawler.get_extension(CrawlRun)``.
- ``freeze``: what is loaded before the spider opens is left out of garbage collection.
- ``contact``: a live crawl without PASARKERJA_CONTACT warns at start.
"""
