"""crawlers.extract.karirhub on the bundled sample and on edge cases; the spider's short-page paging."""

import copy
import json
import uuid
from datetime import datetime, timezone

import pytest

from sample.server import SAMPLE_DIR, Route
from tests.conftest import rows, run_crawl
from tests.platforms import read_page, sample_body

WEB_PROGRAMMER_ID = "72485191-245e-4262-a012-22d654504ace"


def sample_page() -> dict:
    return json.loads((SAMPLE_DIR / "karirhub" / "page-1.json").read_text())


def read_vacancies(*vacancies: dict) -> list:
    """The items of a one-page listing holding ``vacancies``."""
    return read_page("karirhub", json.dumps({"data": list(vacancies)}).encode()).items


def test_sample_page_fields():
    page = read_page("karirhub", sample_body("karirhub"))
    assert (page.record_count, page.total, page.next_url) == (7, None, None)
    web, data_entry, support, design, marketing, hotel, bookkeeping = page.postings
    assert web.source_id == WEB_PROGRAMMER_ID
    assert web.url == f"https://karirhub.kemnaker.go.id/lowongan-dalam-negeri/lowongan/{WEB_PROGRAMMER_ID}"
    assert (web.title, web.company) == ("Web Programmer PHP (Laravel)", "CV Sinar Kode Nusantara")
    # published_at is Unix seconds.
    assert web.raw["published_at"] == 1793070760
    assert web.posted_at == datetime(2026, 10, 27, 3, 12, 40, tzinfo=timezone.utc)
    assert (web.employment_type, web.remote, web.location, web.country) == ("full_time", None, "KOTA YOGYAKARTA", "ID")
    assert (web.pay_min, web.pay_max, web.pay_currency, web.pay_period, web.pay_text) == (4500000, 6500000, "IDR", "month", None)
    assert (web.skills, web.category) == (["PHP", "Laravel", "MySQL"], "Programmer")
    assert web.description is web.description_html is web.valid_through is None
    assert web.raw == sample_page()["data"][0]
    assert (data_entry.title, data_entry.employment_type) == ("DIBUTUHKAN ADMIN DATA ENTRY - SURAKARTA", "contract")
    assert (bookkeeping.employment_type, bookkeeping.location) == ("part_time", "KOTA ADM. JAKARTA TIMUR")
    assert (marketing.title, marketing.pay_min, marketing.pay_max) == ("Staf Digital Marketing & Media Sosial", 4200000, 5200000)
    assert (hotel.location, hotel.category) == ("KAB. SLEMAN", "Perhotelan")
    # The employer hides the pay (show_salary false, amounts null).
    assert support.raw["show_salary"] is False
    assert support.pay_min is support.pay_max is support.pay_currency is support.pay_period is None
    # Only a lower bound is given.
    assert (design.pay_min, design.pay_max, design.pay_currency, design.pay_period) == (3600000, None, "IDR", "month")


def test_hidden_salary_is_not_stored_even_with_amounts():
    vacancy = dict(sample_page()["data"][0], show_salary=False)
    [posting] = read_vacancies(vacancy)
    assert posting.raw["min_salary_amount"] == 4500000
    assert posting.pay_min is posting.pay_max is posting.pay_currency is posting.pay_period is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"min_salary_amount": 0, "max_salary_amount": None}, (None, None, None)),
        ({"min_salary_currency": None, "max_salary_currency": None}, (4500000, 6500000, "IDR")),
        ({"min_salary_amount": None, "min_salary_currency": None}, (None, 6500000, "IDR")),
        ({"min_salary_amount": "4500000"}, (4500000, 6500000, "IDR")),
    ],
)
def test_pay_edge_cases(change, expected):
    [posting] = read_vacancies(dict(sample_page()["data"][0], **change))
    assert (posting.pay_min, posting.pay_max, posting.pay_currency) == expected


def test_skills_are_deduplicated_in_order():
    vacancy = dict(sample_page()["data"][0], skills=["PHP", "MySQL", "PHP"])
    [posting] = read_vacancies(vacancy)
    assert posting.skills == ["PHP", "MySQL"]


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"id": 12345}, "bad_record", "not a Karirhub vacancy UUID"),
        ({"id": "lowongan-123"}, "bad_record", "not a Karirhub vacancy UUID"),
        ({"max_salary_currency": "USD"}, "bad_record", "different currencies"),
        ({"max_salary_amount": "nego"}, "bad_record", "nego"),
        ({"published_at": "kemarin"}, "bad_record", "kemarin"),
    ],
)
def test_bad_record_is_rejected_alone(change, reason, detail):
    good, bad = sample_page()["data"][:2]
    bad = dict(bad, **change)
    posting, reject = read_vacancies(good, bad)
    assert posting.source_id == WEB_PROGRAMMER_ID
    assert (reject.source, reject.reason) == ("karirhub", reason) and detail in reject.detail
    # The snippet is the start of the raw record.
    assert json.dumps(bad, ensure_ascii=False).startswith(reject.snippet)


@pytest.mark.parametrize("field", ["id", "title"])
def test_record_without_id_or_title_is_rejected_alone(field):
    good, bad = sample_page()["data"][:2]
    del bad[field]
    posting, reject = read_vacancies(good, bad)
    assert posting.source_id == WEB_PROGRAMMER_ID
    assert reject.reason == "missing_field" and f"'{field}'" in reject.detail


def numbered_copies(count: int) -> list[dict]:
    """``count`` sample vacancies, each with its own invented id."""
    vacancies = sample_page()["data"]
    copies = [copy.deepcopy(vacancies[n % len(vacancies)]) for n in range(count)]
    for number, vacancy in enumerate(copies):
        vacancy["id"] = vacancy["_id"] = str(uuid.UUID(int=number + 1, version=4))
    return copies


def test_crawl_follows_full_pages_and_stops_at_a_short_one(serve, sqlite_url):
    """No paging metadata: a full page of 30 asks for the next, a shorter one ends the crawl."""
    vacancies = numbered_copies(32)
    path = "/karirhub/catalogue/v1/industrial-vacancies"
    server = serve([
        Route(path, json.dumps({"data": vacancies[:30]}).encode(), query={"page": "1", "limit": "30"}),
        Route(path, json.dumps({"data": vacancies[30:]}).encode(), query={"page": "2", "limit": "30"}),
    ])
    run_crawl("karirhub", server.url, sqlite_url)
    assert rows(sqlite_url, "SELECT count(*) FROM postings")[0][0] == 32
    assert [request for request in server.requests if request.startswith(path)] == [
        f"{path}?page=1&limit=30",
        f"{path}?page=2&limit=30",
    ]
