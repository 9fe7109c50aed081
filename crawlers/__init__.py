"""What to fetch and how to read it: Scrapy settings, the Posting item, spiders, extractors."""
