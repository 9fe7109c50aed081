"""Offline sample of every platform's format, written for this project (not real postings)."""
