"""What happens to every item: one concern per module, wired in crawlers.settings.ITEM_PIPELINES."""
