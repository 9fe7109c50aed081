"""docs/schema.md's example queries run on a crawled database, on SQLite and PostgreSQL."""

import re

import pytest

from tests.conftest import PROJECT_DIR, rows, run_crawl

SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", (PROJECT_DIR / "docs" / "schema.md").read_text(), re.S)
# A block whose first line is one of these comments runs on that database only.
DIALECT_MARKS = {"sqlite": "-- SQLite", "postgresql": "-- PostgreSQL"}


def blocks_for(dialect: str) -> list[str]:
    marks = set(DIALECT_MARKS.values())
    return [b for b in SQL_BLOCKS if b.splitlines()[0] not in marks or b.splitlines()[0] == DIALECT_MARKS[dialect]]


@pytest.mark.parametrize("dialect", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_schema_doc_queries_run(dialect, sample_server, request):
    database_url = request.getfixturevalue("sqlite_url" if dialect == "sqlite" else "postgres_url")
    run_crawl("freelancer", sample_server.url, database_url)
    blocks = blocks_for(dialect)
    other_marks = set(DIALECT_MARKS.values()) - {DIALECT_MARKS[dialect]}
    assert len(blocks) == sum(block.splitlines()[0] not in other_marks for block in SQL_BLOCKS)
    results = {block: rows(database_url, block) for block in blocks}
    skill_query = next(block for block in blocks if "found_in = 'tag'" in block)
    assert ("PHP", 1) in [tuple(row) for row in results[skill_query]]
