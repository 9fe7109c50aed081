"""What happens to every item after the spider, one concern per module.

The item pipeline (ITEM_PIPELINES in crawlers.settings): ``store`` (batches to the store's worker, which judges,
derives and writes them). Domain code without Scrapy or SQLAlchemy: ``validate`` (what makes a posting unsound),
``derive`` (skills, occupation, pay), ``dedupe`` (one vacancy counted once), ``content_hash``, ``monitor`` (crawl
health), ``pay``, ``skills/``. Persistence: ``db/``.
"""
