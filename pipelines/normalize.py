"""Derive every crawled posting's canonical skills, occupation and normalised pay (pipelines.derive)."""

from __future__ import annotations

from crawlers.items import Posting
from pipelines.derive import Deriver
from pipelines.pay import PayAssumptions


class NormalizePipeline:
    def __init__(self, deriver: Deriver, stats):
        self.deriver = deriver
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(Deriver(assumptions=PayAssumptions.from_settings(crawler.settings)), crawler.stats)

    def open_spider(self):
        self.deriver.fit()

    def process_item(self, item):
        if isinstance(item, Posting):
            self.deriver.derive(item)
            # Tags the taxonomy does not know yet: `pasarkerja skills unmapped` lists them.
            self.stats.inc_value("pasarkerja/unmapped_tags", len(item.unmapped_tags))
        return item
