"""A warning at the start of a live crawl whose user agent names no contact of whoever runs it (EXTENSIONS)."""

from __future__ import annotations

from scrapy import signals


class ContactWarning:
    """A live crawl (no ``base_url``: the real platform) whose user agent names no contact of whoever runs it
    warns once, at start: PASARKERJA_CONTACT is unset, so the user agent names the project's page instead
    (crawlers/settings.py), and a platform with a question about the crawl cannot reach its operator."""

    def __init__(self, settings):
        page = settings.get("PASARKERJA_PROJECT_PAGE")
        self.unset = bool(page) and page in settings.get("USER_AGENT", "")

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.settings)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    def spider_opened(self, spider):
        if self.unset and getattr(spider, "base_url", None) is None:
            spider.logger.warning(
                "PASARKERJA_CONTACT is not set: the user agent names the project, not you. Set it to a URL or "
                "e-mail address where the platform can reach you (export PASARKERJA_CONTACT=...) before crawling live."
            )
