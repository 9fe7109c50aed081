"""Crawling only: which URLs, in which order, how politely. Reading lives in crawlers.extract."""
