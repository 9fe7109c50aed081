"""Persistence: the SQL store and everything that writes to it.

``engine`` (the database behind DATABASE_URL), ``models``, ``schema`` and ``migrations/`` (Alembic); ``storable``
(what a column can hold), ``writer`` (a batch, one transaction), ``worker`` (the store's worker process),
``duplicates`` (duplicate links), ``crawl_runs`` (a crawl's row, closing missed postings), ``rederive``, ``errors``.
"""
