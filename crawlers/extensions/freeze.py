"""Once the spider is open, leave everything loaded so far out of garbage collection (EXTENSIONS)."""

from __future__ import annotations

import gc

from scrapy import signals


class FreezeLoadedObjects:
    """Once the spider is open, leave everything loaded so far out of garbage collection.

    Modules, settings and the taxonomy live as long as the crawl; without this, every full
    collection during the crawl walks all of them again (gc.freeze, as servers do after start-up).
    """

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    def spider_opened(self, spider):
        gc.freeze()
