"""crawlers.extract.kalibrr on the bundled sample and on edge cases; the spider's query."""

import json
from datetime import datetime, timezone

import pytest

from crawlers.extract.common import PageError
from crawlers.spiders.kalibrr import KalibrrSpider
from sample.server import SAMPLE_DIR
from tests.platforms import read_page, sample_body


def sample_page(name: str = "offset-0.json") -> dict:
    return json.loads((SAMPLE_DIR / "kalibrr" / name).read_text())


def read_jobs(*jobs: dict) -> list:
    """The items of a one-page listing holding ``jobs``."""
    page = sample_page()
    page["jobs"] = list(jobs)
    return read_page("kalibrr", json.dumps(page).encode()).items


def test_sample_page_fields():
    page = read_page("kalibrr", sample_body("kalibrr"))
    assert (page.record_count, page.total) == (4, 7)
    flutter, social, support, design = page.postings
    assert flutter.source_id == "301452"
    assert flutter.url == "https://www.kalibrr.com/c/jogja-aplikasi-kreatif/jobs/301452/flutter-mobile-developer"
    assert (flutter.title, flutter.company) == ("Flutter Mobile Developer", "PT Jogja Aplikasi Kreatif")
    # activation_date, not the earlier created_at, is when the job went live.
    assert flutter.posted_at == datetime(2026, 10, 28, 2, 30, 0, 412983, tzinfo=timezone.utc)
    # Applications close at 23:59:59 WIB.
    assert flutter.valid_through == datetime(2026, 11, 27, 16, 59, 59, tzinfo=timezone.utc)
    assert (flutter.location, flutter.country) == ("Yogyakarta, DI Yogyakarta", "ID")
    assert (flutter.pay_min, flutter.pay_max, flutter.pay_currency, flutter.pay_period) == (6000000, 9000000, "IDR", "month")
    assert flutter.pay_text is None
    assert (flutter.skills, flutter.category) == (["Flutter", "Dart", "Firebase"], "IT and Software")
    assert flutter.description_html.startswith("<p>Membangun aplikasi <strong>Android dan iOS</strong>")
    assert flutter.description == (
        "Membangun aplikasi Android dan iOS untuk pelanggan UMKM kami.\n\n"
        "Mengembangkan fitur baru dengan Flutter.\n\nMenghubungkan aplikasi ke REST API & Firebase."
    )
    assert flutter.raw == sample_page()["jobs"][0]
    # Hybrid work needs the office: not remote. Work from home is.
    assert (flutter.employment_type, flutter.remote) == ("full_time", False)
    assert (social.employment_type, social.remote) == ("full_time", False)
    assert (support.employment_type, support.remote, support.location) == ("part_time", True, "Jakarta Selatan, DKI Jakarta")
    assert (design.employment_type, design.title) == ("freelance", "Graphic Designer | Freelance | Denpasar")
    assert design.pay_min is design.pay_max is design.pay_currency is design.pay_period is None


def test_second_page_fields():
    page = read_page("kalibrr", json.dumps(sample_page("offset-4.json")).encode())
    assert (page.record_count, page.total) == (3, 7)
    data_entry, front_office, bookkeeping = page.postings
    assert (data_entry.source_id, data_entry.employment_type) == ("301205", "contract")
    assert (data_entry.location, data_entry.pay_min, data_entry.pay_max) == ("Surakarta, Jawa Tengah", 2200000, 2600000)
    assert front_office.raw["job_sds_skills"][2] == {"sds_skill": {"name": "Hospitality"}}
    assert front_office.skills == ["Hospitality", "English"]
    assert (bookkeeping.location, bookkeeping.category) == ("Pontianak, Kalimantan Barat", "Accounting and Finance")
    assert bookkeeping.pay_min is bookkeeping.pay_currency is None


def test_hidden_salary_is_not_stored_even_with_amounts():
    job = dict(sample_page()["jobs"][0], salary_shown=False)
    [posting] = read_jobs(job)
    assert posting.raw["base_salary"] == 6000000
    assert posting.pay_min is posting.pay_max is posting.pay_currency is posting.pay_period is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # Indonesian salaries converted to pesos are stored as served; raw keeps the original currency.
        (
            {"base_salary": 22962.74, "maximum_salary": 34444.11, "salary_currency": "PHP", "salary_currency_orig": "IDR"},
            (22962.74, 34444.11, "PHP", "month"),
        ),
        ({"salary_interval": "monthly"}, (6000000, 9000000, "IDR", "month")),
        ({"salary_interval": "Hour", "base_salary": 25000, "maximum_salary": None}, (25000, None, "IDR", "hour")),
        ({"salary_interval": None}, (6000000, 9000000, "IDR", None)),
        ({"base_salary": 0, "maximum_salary": None}, (None, None, None, None)),
    ],
)
def test_pay_edge_cases(change, expected):
    [posting] = read_jobs(dict(sample_page()["jobs"][0], **change))
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"is_work_from_home": True, "is_hybrid": False}, ("full_time", True)),
        ({"is_work_from_home": True, "is_hybrid": True}, ("full_time", False)),
        ({"is_work_from_home": None, "is_hybrid": None}, ("full_time", None)),
        ({"tenure": "Contractual"}, ("contract", False)),
        ({"tenure": "Seasonal"}, (None, False)),
        ({"tenure": None}, (None, False)),
    ],
)
def test_work_place_and_tenure(change, expected):
    [posting] = read_jobs(dict(sample_page()["jobs"][0], **change))
    assert (posting.employment_type, posting.remote) == expected


def test_job_in_the_philippines_keeps_its_country():
    job = sample_page()["jobs"][0]
    job["google_location"]["address_components"].update(city="Cebu City", region="Cebu", country="Philippines")
    [posting] = read_jobs(job)
    assert (posting.location, posting.country) == ("Cebu City, Cebu", "PH")


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"salary_interval": "fortnight"}, "bad_record", "fortnight"),
        ({"activation_date": "28/10/2026"}, "bad_record", "28/10/2026"),
        ({"company": None}, "missing_field", "'company.code' is absent"),
        ({"company": {"name": "Tanpa Kode"}}, "missing_field", "'company.code' is absent"),
        ({"slug": None}, "missing_field", "'slug' is null"),
        ({"job_sds_skills": [{"name": "Flutter"}]}, "missing_field", "'sds_skill'"),
    ],
)
def test_bad_record_is_rejected_alone(change, reason, detail):
    good, bad = sample_page()["jobs"][:2]
    bad = dict(bad, **change)
    posting, reject = read_jobs(good, bad)
    assert posting.source_id == "301452"
    assert (reject.source, reject.reason) == ("kalibrr", reason) and detail in reject.detail
    # The snippet is the start of the raw record.
    assert json.dumps(bad, ensure_ascii=False).startswith(reject.snippet)


@pytest.mark.parametrize("field", ["id", "name", "slug"])
def test_record_without_id_title_or_slug_is_rejected_alone(field):
    good, bad = sample_page()["jobs"][:2]
    del bad[field]
    posting, reject = read_jobs(good, bad)
    assert posting.source_id == "301452"
    assert reject.reason == "missing_field" and f"'{field}'" in reject.detail


def test_page_without_count_has_no_total():
    page = sample_page()
    del page["count"]
    assert read_page("kalibrr", json.dumps(page).encode()).total is None


def test_substitute_results_are_refused_whole():
    page = dict(sample_page(), from_alternative=True, search_text="juru masak kapal")
    with pytest.raises(PageError) as error:
        read_page("kalibrr", json.dumps(page).encode())
    assert "nothing matched 'juru masak kapal'" in error.value.detail


@pytest.mark.parametrize(
    ("arguments", "query"),
    [
        ({}, "country=Indonesia"),
        ({"text": "web developer", "function": "IT and Software"}, "text=web+developer&country=Indonesia&function=IT+and+Software"),
        ({"country": "Philippines"}, "country=Philippines"),
    ],
)
def test_spider_asks_for_indonesia_unless_told_otherwise(arguments, query):
    url = KalibrrSpider(**arguments).page_url(100)
    assert url == f"https://www.kalibrr.com/kjs/job_board/search?limit=100&offset=100&{query}"
