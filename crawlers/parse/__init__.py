"""Shared readers for values every platform writes its own way: dates, money, text."""
