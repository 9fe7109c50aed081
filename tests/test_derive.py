"""Derived fields end to end: crawled postings carry skills, occupation and normalised pay; rederive recomputes them."""

import subprocess
import sys

import pytest

from tests.conftest import PROJECT_DIR, rows, run_crawl
from tests.test_cli import pasarkerja


@pytest.fixture
def crawled(sample_server, sqlite_url):
    for spider in ("freelancer", "lokerid"):
        run_crawl(spider, sample_server.url, sqlite_url)
    return sqlite_url


def test_crawled_postings_carry_skills_occupation_and_pay(crawled):
    postings = rows(crawled, "SELECT p.id, source, oli_occupation, occupation_confidence, pay_currency, pay_period, "
                             "pay_idr_month_min, pay_usd_one_off_min, r.text AS pay_rate_source, derived_with "
                             "FROM postings p LEFT JOIN rate_sources r ON r.id = p.pay_rate_source_id")
    assert postings and all(p.oli_occupation and 0 < p.occupation_confidence <= 1 for p in postings)
    assert all(p.derived_with.startswith("taxonomy ") for p in postings)
    # Freelancer budgets are one-off project pay, converted at the platform's own rate.
    projects = [p for p in postings if p.pay_period == "project"]
    assert projects and all(p.pay_usd_one_off_min and p.pay_idr_month_min is None for p in projects)
    assert all(p.pay_rate_source.startswith("platform") for p in projects if p.source == "freelancer")
    # Loker.id pays monthly in rupiah.
    assert any(p.pay_idr_month_min for p in postings if p.source == "lokerid")

    batik = rows(crawled, "SELECT ps.skill, ps.source FROM posting_skills ps JOIN postings p ON p.id = ps.posting_id "
                          "WHERE p.source_id = '90000101' ORDER BY skill")
    assert ("HTML", "tag") in [tuple(row) for row in batik]
    # Every matched skill is described in the skills table.
    assert rows(crawled, "SELECT count(*) FROM posting_skills WHERE skill NOT IN (SELECT name FROM skills)")[0][0] == 0


def test_rederive_recomputes_stored_postings(crawled):
    before = rows(crawled, "SELECT count(*) FROM posting_skills")[0][0]
    ids_sql = "SELECT id, pay_rate_source_id, pay_idr_rate_source_id FROM postings ORDER BY id"
    rate_sources = rows(crawled, ids_sql)
    texts = rows(crawled, "SELECT id, text FROM rate_sources ORDER BY id")
    assert texts and any(row.pay_rate_source_id for row in rate_sources)
    # Wipe the derived data as an out-of-date taxonomy would have left it.
    from sqlalchemy import create_engine, text

    engine = create_engine(crawled)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM posting_skills"))
        connection.execute(text("UPDATE postings SET oli_occupation = NULL, derived_with = 'taxonomy old', "
                                "pay_rate_source_id = NULL, pay_idr_rate_source_id = NULL"))
    engine.dispose()

    result = pasarkerja("--database-url", crawled, "rederive", "--batch-size", "3")
    assert result.returncode == 0, result.stderr
    total = rows(crawled, "SELECT count(*) FROM postings")[0][0]
    assert f"Re-derived {total} postings" in result.stdout
    assert "100%" in result.stderr  # the progress bar ran to the end
    assert rows(crawled, "SELECT count(*) FROM posting_skills")[0][0] == before
    assert rows(crawled, "SELECT count(*) FROM postings WHERE oli_occupation IS NULL OR derived_with = 'taxonomy old'")[0][0] == 0
    # The rate sources found again, stored once.
    assert rows(crawled, ids_sql) == rate_sources
    assert rows(crawled, "SELECT id, text FROM rate_sources ORDER BY id") == texts


def test_skills_extract_reads_standard_input():
    text = "Kami mencari web developer: React, Node.js dan PostgreSQL. Excellent English, bisa desain grafis."
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "skills", "extract"], input=text, capture_output=True, text=True, cwd=PROJECT_DIR
    )
    assert result.returncode == 0, result.stderr
    found = result.stdout.split("\n")
    assert {"React", "Node.js", "PostgreSQL"} <= set(found)
    assert "Excel" not in found


def test_skills_unmapped_lists_unknown_tags(crawled):
    from sqlalchemy import create_engine, text

    engine = create_engine(crawled)
    with engine.begin() as connection:
        connection.execute(text("""UPDATE postings SET unmapped_tags = '["Kerajinan Rotan"]'"""))
    engine.dispose()
    result = pasarkerja("--database-url", crawled, "skills", "unmapped", "--top", "5")
    assert result.returncode == 0, result.stderr
    total = rows(crawled, "SELECT count(*) FROM postings")[0][0]
    assert f"{total:>6}  Kerajinan Rotan  (freelancer, lokerid)" in result.stdout
