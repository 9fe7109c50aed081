"""What happens to every item after the spider, one concern per module.

Item pipelines (ITEM_PIPELINES in crawlers.settings): ``validate`` (unsound postings become rejects) and ``store``
(batches to the store's worker). Domain code without Scrapy or SQLAlchemy: ``derive`` (skills, occupation, pay),
``dedupe`` (one vacancy counted once), ``content_hash``, ``monitor`` (crawl health), ``pay``, ``skills/``.
Persistence: ``db/``.
"""
