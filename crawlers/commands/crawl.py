"""``scrapy crawl`` that checks spider arguments and DATABASE_URL before starting, and whose exit status says
whether the crawl was healthy.

A wrong ``-a`` argument or database URL, or ``-a render=1`` where no Chromium is installed
(the spider's argument check looks for it), then ends with a one-line error saying what to
fix, instead of a traceback from inside the running crawl. A crawl that ran but failed a
health check (pipelines/monitor.py: no postings, errors, many rejects, key fields gone, an
unexpected finish) exits with status 1, so that cron and other schedulers notice.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawlers.browser import ChromiumNotFound
from crawlers.spiders.base import ArgumentError
from pipelines.db.engine import DatabaseURLError, make_engine


class Command(ScrapyCrawl):
    crawler = None

    def run(self, args: list[str], opts) -> None:
        if len(args) == 1 and args[0] in self.crawler_process.spider_loader.list():
            spider_class = self.crawler_process.spider_loader.load(args[0])
            try:
                if hasattr(spider_class, "check_arguments"):
                    spider_class.check_arguments(opts.spargs)
                make_engine(self.settings.get("DATABASE_URL")).dispose()
            except (ArgumentError, ChromiumNotFound, DatabaseURLError) as exc:
                raise UsageError(str(exc), print_help=False) from exc
        super().run(args, opts)
        if self.crawler is not None and self.crawler.stats.get_value("pasarkerja/healthy") is False:
            self.exitcode = 1

    def _create_crawler(self, spidercls):
        # Kept, to read its health from its stats once the crawl is over.
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler
