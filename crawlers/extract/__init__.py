"""Reading only: one module per platform turns a response into a ``Page`` of items.

Extractors are pure functions (response in, items out) with no knowledge of paging
policy or the database, so each platform's parsing is a unit tested on fixtures.
"""
