"""The synthetic labour market (sample/market.py): determinism, shape, skills, trends, and real crawls of it."""

import math
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from analysis.data import POSTING_COLUMNS
from analysis.yardsticks import load_yardsticks
from pipelines.pay import load_rates, normalise_pay
from pipelines.skills.taxonomy import OCCUPATIONS, load_taxonomy
from sample.market import CITIES, FIRST_REPOST_ID, KINDS, WRITTEN_AS, market_posting_set, market_records, reposts
from sample.synthetic import serve_market
from tests.conftest import rows, run_crawl

END = date(2026, 6, 30)
WEEKS = 26
START = END - timedelta(days=7 * WEEKS - 1)
# The market's cities whose minimum wage analysis/reference/yardsticks.csv holds; Jakarta's take the provincial UMP.
TABLE_AREAS = {
    "Jakarta Selatan": "DKI Jakarta", "Jakarta Pusat": "DKI Jakarta", "Jakarta Barat": "DKI Jakarta",
    "Yogyakarta": "Kota Yogyakarta", "Denpasar": "Kota Denpasar", "Badung": "Kabupaten Badung",
}  # fmt: skip


@pytest.fixture(scope="module")
def posting_set():
    return market_posting_set(20_000, seed=7, end=END)


@pytest.fixture(scope="module")
def records():
    return list(market_records(6_000, seed=7, end=END))


def test_the_same_seed_gives_the_same_market():
    first = list(market_records(300, seed=3, end=END))
    assert first == list(market_records(300, seed=3, end=END))
    assert first != list(market_records(300, seed=4, end=END))
    one, two = market_posting_set(2_000, seed=3, end=END), market_posting_set(2_000, seed=3, end=END)
    pd.testing.assert_frame_equal(one.postings, two.postings)
    assert (one.skills != two.skills).nnz == 0
    assert not market_posting_set(2_000, seed=4, end=END).postings["url"].equals(one.postings["url"])


def test_reposts_are_kalibrr_jobs_again_under_new_ids_and_never_in_the_future(records):
    now = datetime.combine(END, time(12), timezone.utc)
    again = reposts(records, seed=7, now=now)
    assert again == reposts(records, seed=7, now=now)
    jobs = {record.source_id: record for record in records if record.platform == "kalibrr"}
    assert 0.02 * len(jobs) < len(again) <= 0.04 * len(jobs) + 1  # those that would come after now are left out
    assert [int(repost.source_id) for repost in again] == list(range(FIRST_REPOST_ID, FIRST_REPOST_ID + len(again)))
    originals = {(record.title, record.company, record.description): record for record in jobs.values()}
    for repost in again:
        original = originals[(repost.title, repost.company, repost.description)]
        assert timedelta(days=5) <= repost.posted_at - original.posted_at <= timedelta(days=20)
        assert repost.posted_at <= now and repost.url != original.url and repost.source_id not in jobs


def test_records_and_posting_set_are_the_same_postings():
    records = list(market_records(600, seed=5, end=END))
    posting_set = market_posting_set(600, seed=5, end=END)
    rates = load_rates()
    for record, (_, row) in zip(records, posting_set.postings.iterrows(), strict=True):
        assert (row.source, row.url, row.title, row.company) == (record.platform, record.url, record.title, record.company)
        assert row.posted_on.date() == record.posted_at.date() and row.valid_through.date() == record.valid_through.date()
        assert row.oli_occupation == record.occupation and row.employment_type == record.employment_type
        assert row.remote == record.remote
        assert (row.country if isinstance(row.country, str) else None) == ("ID" if record.platform == "kalibrr" else None)
        columns = posting_set.skills[row.id - 1].indices
        assert {posting_set.skill_names[column] for column in columns} == set(record.skills)
        # Pay as the store's own normalisation gives it for the posting's figures.
        pay = normalise_pay(
            record.pay_min, record.pay_max, record.pay_currency, record.pay_period,
            posted_year=record.posted_at.year, platform_usd_rate=record.pay_usd_rate, rates=rates,
        )  # fmt: skip
        assert (row.pay_kind if isinstance(row.pay_kind, str) else None) == (pay and pay.kind)
        assert row.location == ("Remote" if record.platform == "freelancer" else record.city + row.location[len(record.city):])
        expected = {
            "pay_idr_month": _middle(pay and pay.idr_month_min, pay and pay.idr_month_max),
            "pay_idr_hour": _middle(pay and pay.idr_hour_min, pay and pay.idr_hour_max),
            "pay_usd_month": _middle(pay and pay.usd_month_min, pay and pay.usd_month_max),
            "pay_idr_one_off": _middle(pay and pay.idr_one_off_min, pay and pay.idr_one_off_max),
        }
        for column, value in expected.items():
            assert (math.isnan(row[column]) and math.isnan(value)) or row[column] == pytest.approx(value), column


def _middle(low: float | None, high: float | None) -> float:
    return math.nan if low is None else (low + high) / 2


def test_posting_set_has_the_loader_columns_and_the_taxonomy_matrix(posting_set):
    postings, taxonomy = posting_set.postings, load_taxonomy()
    assert tuple(postings.columns) == POSTING_COLUMNS
    assert posting_set.skill_names == sorted(skill.name for skill in taxonomy.skills)
    assert posting_set.skills.shape == (20_000, len(taxonomy.skills))
    assert posting_set.skill_groups == {skill.name: skill.group for skill in taxonomy.skills}
    assert set(posting_set.skills.data) == {1}
    per_posting = np.asarray(posting_set.skills.sum(axis=1)).ravel()
    assert per_posting.min() == 2 and per_posting.max() == 8
    assert postings["id"].tolist() == list(range(1, 20_001)) and postings["url"].is_unique
    assert postings["url"].str.contains("synthetic").all()
    assert postings["posted_on"].dt.date.between(START, END).all()
    assert set(postings["oli_occupation"]) == set(OCCUPATIONS)

    jobs, projects = postings[postings.source == "kalibrr"], postings[postings.source == "freelancer"]
    assert 0.45 < len(jobs) / len(postings) < 0.55
    assert (jobs.country == "ID").all() and projects.country.isna().all()
    assert projects.remote.eq(True).all() and 0 < jobs.remote.eq(True).mean() < 0.5
    # Indonesian jobs: monthly rupiah where the salary is shown (about two thirds), never a one-off budget.
    shown = jobs.pay_idr_month.notna().mean()
    assert 0.55 < shown < 0.75 and jobs.pay_idr_one_off.isna().all()
    # Part-time jobs in cities of a low minimum wage pay under a million.
    assert jobs.pay_idr_month.dropna().between(500_000, 40_000_000).all()
    # Freelance projects: either hourly (an hour's rate) or fixed price (a one-off budget), never both, never a month.
    assert (projects.pay_idr_hour.notna() ^ projects.pay_idr_one_off.notna()).all()
    assert projects.pay_idr_month.isna().all() and projects.pay_usd_month.isna().all()
    assert (projects.pay_kind == np.where(projects.pay_idr_hour.notna(), "hourly", "project")).all()


def test_city_minimum_wages_are_the_yardstick_tables_where_it_has_them():
    yardsticks, wages = load_yardsticks(), {city: wage for city, _, wage, _ in CITIES}
    for city, area in TABLE_AREAS.items():
        assert wages[city] == yardsticks.lookup("minimum_wage", area, date(2025, 7, 1)).value, city


SKILLED_PAY_IN_CAPTURES = (1.57, 1.73)
"""The middle of the salary range of the captures' skilled jobs over the local UMK (sample/README.md)."""


@pytest.mark.parametrize("seed", range(5))
def test_indonesian_salaries_sit_near_the_local_minimum_wage(seed):
    """The calibration of sample/README.md: the middle of the 9 monthly salary ranges captured is 0.97 times the local
    UMK at the median, 5 of them below it. Judged here as the analysis judges them, against the table's minimum wage in
    force where and when each job is posted (the cities the table has). For several seeds: the bounds hold for the
    generator's draws, not for one fixed draw that could only change with the code."""
    records = list(market_records(6_000, seed=seed, end=END))
    yardsticks = load_yardsticks()
    jobs = [r for r in records if r.platform == "kalibrr" and r.pay_min is not None and r.city in TABLE_AREAS]
    middle = np.array([(job.pay_min + job.pay_max) / 2 for job in jobs])
    umk = np.array([yardsticks.lookup("minimum_wage", TABLE_AREAS[job.city], job.posted_at.date()).value for job in jobs])
    ratio, kinds = middle / umk, np.array([job.kind for job in jobs])
    assert 0.9 < np.median(middle) / np.median(umk) < 1.25
    assert 0.2 < (ratio < 1).mean() < 0.5  # a fair share below the UMK, not most
    # Clerical and sales jobs pay about the UMK; programming more, but not all of it far more.
    clerical = ratio[np.isin(kinds, ["admin_office", "customer_service", "sales_executive", "data_entry"])]
    programming = ratio[np.isin(kinds, ["web_developer", "mobile_developer", "data_analyst"])]
    assert clerical.size >= 20 and programming.size >= 20  # enough of each kind for the medians to mean something
    assert 0.95 < np.median(clerical) < 1.25
    # The programming kinds are calibrated on the captures' two skilled jobs, paid 1.57 and 1.73 times the UMK
    # (sample/README.md). Some 140 of them in 6,000 postings: their median moves by about 0.035 from seed to seed, so
    # three times that either side of the captured range.
    assert SKILLED_PAY_IN_CAPTURES[0] - 0.1 < np.median(programming) < SKILLED_PAY_IN_CAPTURES[1] + 0.1
    assert (programming > 2).mean() < 0.3
    assert (programming < 1).mean() < 0.15


def test_freelance_budgets_are_in_freelancers_brackets_near_the_capture(records):
    """The Freelancer capture has four fixed-price web projects, budgets from $30-250 to about $510-1,020 (medians
    about $210 and $630), and no hourly one; hourly rates follow Freelancer's brackets, $2-8 to $50-100."""
    projects = [r for r in records if r.platform == "freelancer"]

    def dollars(period: str, kind: str | None = None) -> np.ndarray:
        return np.array([
            (p.pay_min * p.pay_usd_rate, p.pay_max * p.pay_usd_rate) for p in projects
            if p.pay_period == period and kind in (None, p.kind)
        ])  # fmt: skip

    hourly, fixed, web = dollars("hour"), dollars("project"), dollars("project", "web_developer")
    assert 0.1 < len(hourly) / len(projects) < 0.35
    # Budgets in the client's currency are rounded to two figures, so in dollars they miss the brackets by a few percent.
    assert hourly.min() >= 2 * 0.95 and hourly.max() <= 100 * 1.05 and 8 < np.median(hourly.mean(axis=1)) < 25
    assert (fixed[:, 1] <= 250 * 1.05).mean() > 0.5  # most budgets are small
    assert 30 <= np.median(web[:, 0]) <= 509 and 250 <= np.median(web[:, 1]) <= 1018


def test_job_kinds_cover_every_class_with_taxonomy_skills():
    taxonomy = load_taxonomy()
    assert len(KINDS) >= 15 and len({kind.key for kind in KINDS}) == len(KINDS)
    assert {kind.occupation for kind in KINDS} == set(OCCUPATIONS)
    for kind in KINDS:
        assert kind.core and len(kind.core) + len(kind.optional) >= 8, kind.key
        assert all(taxonomy.lookup(name) and taxonomy.lookup(name).name == name for name in kind.core + kind.optional)
    for name, forms in WRITTEN_AS.items():
        assert all(taxonomy.lookup(form).name == name for form in forms), name


def test_record_skills_are_taxonomy_skills_mentioned_in_the_text(records):
    taxonomy = load_taxonomy()
    for record in records:
        assert 2 <= len(record.skills) <= 8 and len(set(record.skills)) == len(record.skills)
        assert all(name in taxonomy.by_name for name in record.skills)
        assert set(record.tags) <= set(record.skills)
        text = record.description.lower()
        assert all(any(form.lower() in text for form in (name, *WRITTEN_AS.get(name, ()))) for name in record.skills)
        assert "synthetic" in record.url and ("sintetis" in text or "synthetic" in text)
    assert {record.platform for record in records} == {"freelancer", "kalibrr"}
    assert len({record.country for record in records if record.platform == "freelancer"}) >= 10


def test_a_few_skills_dominate_and_a_long_tail_follows(posting_set):
    counts = posting_set.skill_counts()
    mentions = counts.sum()
    # Pareto: the top 10 of some 1,300 skills are in over half the postings, the top 100 make most mentions.
    top_ten = [posting_set.skill_names.index(name) for name in counts.index[:10]]
    assert (posting_set.skills[:, top_ten].sum(axis=1) > 0).mean() > 0.5
    assert counts.iloc[:10].sum() / mentions > 0.15 and counts.iloc[:100].sum() / mentions > 0.7
    assert counts.iloc[0] > 10 * counts.iloc[100]
    # The tail: hundreds of skills are asked for, most of them rarely.
    asked = counts[counts > 0]
    assert len(asked) > 500 and (asked < mentions * 0.0005).sum() > 300


def test_growing_kinds_grow_and_shrinking_kinds_shrink(records):
    def postings_in(kind: str, first_day: date, last_day: date) -> int:
        return sum(1 for r in records if r.kind == kind and first_day <= r.posted_at.date() <= last_day)

    first_weeks, last_weeks = (START, START + timedelta(days=55)), (END - timedelta(days=55), END)
    assert postings_in("ai_automation", *last_weeks) > 2 * postings_in("ai_automation", *first_weeks)
    assert postings_in("video_editor", *last_weeks) > postings_in("video_editor", *first_weeks)
    assert postings_in("content_writer", *last_weeks) < postings_in("content_writer", *first_weeks)


def test_indonesian_employers_post_on_weekdays(records):
    weekdays = Counter(r.posted_at.weekday() for r in records if r.platform == "kalibrr")
    assert min(weekdays[day] for day in range(5)) > 2 * max(weekdays[5], weekdays[6])


def test_a_crawl_of_the_synthetic_market_stores_skills_and_pay(sqlite_url):
    postings = list(market_records(300, seed=11))  # dated to end today: the crawl refuses postings from the future
    server = serve_market(postings)
    try:
        for spider in ("freelancer", "kalibrr"):
            run_crawl(spider, f"http://127.0.0.1:{server.server_port}", sqlite_url)
    finally:
        server.shutdown()
        server.server_close()

    assert rows(sqlite_url, "SELECT count(*) FROM rejects")[0][0] == 0
    stored = {
        (row.source, row.source_id): row
        for row in rows(
            sqlite_url,
            "SELECT id, source, source_id, url, oli_occupation, pay_min, pay_max, pay_idr_month_min, pay_idr_month_max,"
            " pay_idr_hour_min, pay_idr_one_off_min, pay_kind FROM postings",
        )
    }
    assert set(stored) == {(posting.platform, posting.source_id) for posting in postings}
    skills_of: dict[int, set[str]] = {}
    for row in rows(sqlite_url, "SELECT posting_id, skill FROM posting_skills"):
        skills_of.setdefault(row.posting_id, set()).add(row.skill)

    found_all = same_class = 0
    for posting in postings:
        row = stored[posting.platform, posting.source_id]
        assert row.url == posting.url and "synthetic" in row.url
        found_all += set(posting.skills) <= skills_of.get(row.id, set())
        same_class += row.oli_occupation == posting.occupation
        if posting.platform == "kalibrr":
            # Rupiah per month stays as the employer wrote it; a hidden salary stores none.
            assert (row.pay_idr_month_min, row.pay_idr_month_max) == (posting.pay_min, posting.pay_max)
        elif posting.pay_period == "hour":  # an hourly rate stays an hour: no month, no budget
            assert row.pay_kind == "hourly" and row.pay_idr_hour_min > 0
            assert row.pay_idr_month_min is None and row.pay_idr_one_off_min is None
        else:
            assert row.pay_kind == "project" and row.pay_idr_one_off_min > 0
            assert row.pay_idr_month_min is None and row.pay_idr_hour_min is None
    assert found_all / len(postings) > 0.95
    assert same_class / len(postings) > 0.9
    assert any(posting.pay_period == "month" for posting in postings)
