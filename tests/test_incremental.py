"""Incremental re-crawls and closed postings (crawlers/middlewares/known_pages.py, pipelines/db/crawl_runs.py), with real crawls of a Freelancer-style
listing served newest first. Every project is invented."""

from __future__ import annotations

from sample.server import Route
from sample.synthetic import FREELANCER_PATH, PAGE_SIZE, freelancer_page, freelancer_project
from tests.conftest import rows, run_crawl, stat


def listing(numbers: list[int], changed: frozenset[int] = frozenset()) -> list[Route]:
    """Projects ``numbers`` in pages of PAGE_SIZE at Freelancer's endpoint; those in ``changed`` with a new budget."""
    routes = []
    for offset in range(0, max(len(numbers), 1), PAGE_SIZE):
        projects = [
            freelancer_project(
                project_id=90_000_000 + number,
                owner_id=1,
                title=f"Invented project {number}",
                seo_url=f"invented/project-{number}",
                description=f"An invented project number {number} for the incremental crawl tests.",
                project_type="fixed",
                budget=(200, 900 if number in changed else 400),
                currency={"code": "USD", "exchange_rate": 1},
                jobs=[("PHP", "Websites, IT & Software")],
                time_submitted=1_790_000_000 + number,
                bid_count=3,
            )
            for number in numbers[offset : offset + PAGE_SIZE]
        ]
        users = {"1": {"id": 1, "username": "client1", "location": {"country": {"code": "id"}}}}
        body = freelancer_page(projects, users, len(numbers))
        routes.append(Route(FREELANCER_PATH, body, query={"offset": str(offset)}))
    return routes


def last_run(database_url: str):
    return rows(database_url, "SELECT * FROM crawl_runs ORDER BY id DESC")[0]


NEWEST_FIRST = list(range(300, 0, -1))  # three pages


def test_a_re_crawl_stops_at_the_first_page_it_has_stored(serve, sqlite_url):
    site = serve(listing(NEWEST_FIRST))
    run_crawl("freelancer", site.url, sqlite_url)
    assert (last_run(sqlite_url).complete, last_run(sqlite_url).stopped_at_known_pages) == (True, False)

    again = run_crawl("freelancer", site.url, sqlite_url)
    assert stat(again, "pasarkerja/pages") == 1
    assert "Paging stops at" in again.stderr
    run = last_run(sqlite_url)
    assert (run.complete, run.stopped_at_known_pages, run.healthy, run.finish_reason) == (False, True, True, "finished")


def test_new_and_changed_postings_keep_it_paging(serve, sqlite_url):
    run_crawl("freelancer", serve(listing(NEWEST_FIRST)).url, sqlite_url)
    # Two new projects on top, so the first page is new; the second page holds a project whose budget changed.
    grown = [302, 301, *NEWEST_FIRST]
    changed = serve(listing(grown, changed=frozenset({150})))
    again = run_crawl("freelancer", changed.url, sqlite_url)
    assert stat(again, "pasarkerja/pages") == 3  # the third page was all known: no fourth asked for
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 302
    assert last_run(sqlite_url).updated == 1


def test_after_a_crawl_that_stopped_short_the_next_reads_every_page(serve, sqlite_url):
    site = serve(listing(NEWEST_FIRST))
    run_crawl("freelancer", site.url, sqlite_url, "max_pages=1")  # capped: pages 2 and 3 never seen
    assert not last_run(sqlite_url).complete
    again = run_crawl("freelancer", site.url, sqlite_url)
    assert stat(again, "pasarkerja/pages") == 3
    assert "did not see every posting: this one reads every page" in again.stderr
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 300
    # Complete now: the next crawl may stop early again.
    assert stat(run_crawl("freelancer", site.url, sqlite_url), "pasarkerja/pages") == 1


def test_incremental_off_reads_every_page(serve, sqlite_url):
    site = serve(listing(NEWEST_FIRST))
    run_crawl("freelancer", site.url, sqlite_url)
    assert stat(run_crawl("freelancer", site.url, sqlite_url, INCREMENTAL="False"), "pasarkerja/pages") == 3


def closed(database_url: str) -> set[int]:
    found = rows(database_url, "SELECT source_id FROM postings WHERE closed_at IS NOT NULL")
    return {int(row.source_id) - 90_000_000 for row in found}


def test_a_posting_missed_by_two_complete_crawls_is_closed_and_opens_again_when_seen(serve, sqlite_url):
    everything = list(range(30, 0, -1))
    run_crawl("freelancer", serve(listing(everything)).url, sqlite_url)
    filled = [number for number in everything if number not in (5, 6, 7)]  # three vacancies filled
    site_without = serve(listing(filled)).url

    run_crawl("freelancer", site_without, sqlite_url, INCREMENTAL="False")
    assert closed(sqlite_url) == set()  # missed once
    # A crawl that did not see everything (a search) does not count.
    run_crawl("freelancer", site_without, sqlite_url, "query=php", INCREMENTAL="False")
    assert closed(sqlite_url) == set()
    result = run_crawl("freelancer", site_without, sqlite_url, INCREMENTAL="False")
    assert closed(sqlite_url) == {5, 6, 7}
    assert stat(result, "pasarkerja/postings/closed") == 3
    [(closed_at, finished_at)] = rows(
        sqlite_url,
        "SELECT DISTINCT p.closed_at, r.finished_at FROM postings p, crawl_runs r "
        "WHERE p.closed_at IS NOT NULL AND r.id = (SELECT max(id) FROM crawl_runs)",
    )
    assert closed_at == finished_at

    run_crawl("freelancer", serve(listing([6, *filled])).url, sqlite_url, INCREMENTAL="False")  # reposted: open
    assert closed(sqlite_url) == {5, 7}

