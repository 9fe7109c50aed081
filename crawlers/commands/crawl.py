"""``scrapy crawl`` that checks the spider's name, its arguments and DATABASE_URL before starting, and whose exit
status says whether the crawl was healthy.

A misspelt spider name (the closest spiders named, as ``pasarkerja status --spider`` does), a wrong ``-a`` argument
or database URL, or ``-a render=1`` where no Chromium is installed (the spider's argument check looks for it), then
ends with a one-line error saying what to fix and exit status 2, instead of a traceback from inside Scrapy or the
running crawl. A crawl that ran but failed a
health check (pipelines/monitor.py: no postings, errors, many rejects, key fields gone, an
unexpected finish) exits with status 1, so that cron and other schedulers notice. A crawl stopped because the
database refused its writes (pipelines/store.py) ends with a last one-line error saying why. Both are read from the
crawl run (crawlers/extensions/crawl_run.py) once the crawl is over.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawlers.browser import ChromiumNotFound
from crawlers.extensions.crawl_run import CrawlRun
from crawlers.platforms import unknown_name_error
from crawlers.spiders.base import ArgumentError
from pipelines.db.engine import DatabaseURLError, check_url


class Command(ScrapyCrawl):
    crawler = None

    def run(self, args: list[str], opts) -> None:
        if len(args) == 1:  # Scrapy's own run says what is wrong with no spider or several
            self._check(args[0], opts)
        super().run(args, opts)
        crawl_run = self._crawl_run()
        if crawl_run is None:
            return
        if crawl_run.healthy is False:
            self.exitcode = 1
        if crawl_run.write_error:
            self.exitcode = 1
            print(
                f"Error: the database refused writes ({crawl_run.unwritten} records not stored): {crawl_run.write_error}",
                file=sys.stderr,
            )

    def _check(self, name: str, opts) -> None:
        """A UsageError (exit status 2, one line) for what would stop the crawl: no such spider, a wrong argument, an
        unusable DATABASE_URL."""
        if name not in self.crawler_process.spider_loader.list():
            # None for a known name written otherwise ("Remotive"): Scrapy's names are as written
            said = unknown_name_error(name) or f"unknown spider {name!r}; did you mean {name.strip().lower()}?"
            raise UsageError(said, print_help=False)
        spider_class = self.crawler_process.spider_loader.load(name)
        try:
            if hasattr(spider_class, "check_arguments"):
                spider_class.check_arguments(opts.spargs)
            check_url(self.settings.get("DATABASE_URL"))
        except (ArgumentError, ChromiumNotFound, DatabaseURLError) as exc:
            raise UsageError(str(exc), print_help=False) from exc
        except OSError as exc:  # the SQLite file's folder cannot be made
            raise UsageError(f"DATABASE_URL: {exc.strerror}: {exc.filename}", print_help=False) from exc

    def _crawl_run(self) -> CrawlRun | None:
        """The crawl's CrawlRun; None when the crawl did not get as far as building its extensions."""
        try:
            return self.crawler.get_extension(CrawlRun) if self.crawler is not None else None
        except RuntimeError:
            return None

    def _create_crawler(self, spidercls):
        # Kept, to read its crawl run once the crawl is over.
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler
