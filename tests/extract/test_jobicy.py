"""crawlers.extract.jobicy on the bundled sample (API 2.2), an API 2.0 record and edge cases."""

import json
from datetime import datetime, timezone

import pytest

from tests.platforms import read_page, sample_body

# An invented record in the API 2.0 shape: salary strings, a zone-less date, escaped industries.
RECORD_2_0 = {
    "id": 880001,
    "url": "https://jobicy.com/jobs/880001-ui-designer",
    "jobSlug": "880001-ui-designer",
    "jobTitle": "UI &amp; UX Designer",
    "companyName": "Warna Piksel",
    "jobIndustry": ["Design &amp; Multimedia", "Marketing &amp; Sales"],
    "jobType": ["full-time"],
    "jobGeo": "Canada",
    "jobLevel": "Any",
    "jobDescription": "<p>Design screens for our <strong>booking app</strong>.</p>",
    "pubDate": "2024-11-20 05:10:37",
    "annualSalaryMin": "52000",
    "annualSalaryMax": "61000",
    "salaryCurrency": "CAD",
}


def page_of(*jobs, api_version="2.0"):
    return read_page("jobicy", json.dumps({"apiVersion": api_version, "jobCount": len(jobs), "jobs": list(jobs)}).encode())


def test_sample_page_fields():
    page = read_page("jobicy", sample_body("jobicy"))
    assert (page.record_count, len(page.postings), page.rejects) == (7, 7, [])
    flutter, designer, marketing, data_entry, support, wordpress, intern = page.postings

    assert (flutter.source, flutter.source_id) == ("jobicy", "990107")
    assert flutter.url == "https://jobicy.com/jobs/990107-flutter-mobile-developer"
    assert (flutter.title, flutter.company) == ("Flutter Mobile Developer", "Kebun Digital Studio")
    assert flutter.posted_at == datetime(2026, 10, 27, 3, 12, 45, tzinfo=timezone.utc)
    assert (flutter.employment_type, flutter.remote, flutter.location, flutter.country) == ("full_time", True, "APAC", None)
    assert (flutter.pay_min, flutter.pay_max, flutter.pay_currency, flutter.pay_period) == (2400, 3200, "USD", "month")
    assert flutter.category == "Software Engineering" and flutter.skills == []
    assert flutter.description_html.startswith("<h3><strong>About Kebun Digital Studio</strong></h3>\r\n<p>")
    assert flutter.description.startswith("About Kebun Digital Studio\n\nKebun Digital Studio builds")
    assert flutter.raw["jobLevel"] == "Midweight"

    assert (designer.employment_type, designer.category) == ("contract", "Design & Multimedia")
    assert (designer.pay_min, designer.pay_max, designer.pay_currency, designer.pay_period) == (None, None, None, None)
    assert "small food & fashion brands" in designer.description
    assert (marketing.country, marketing.pay_period, marketing.pay_max) == ("PH", "year", 24000)
    assert (data_entry.employment_type, data_entry.pay_min, data_entry.pay_period) == ("part_time", 6, "hour")
    # jobGeo joins places with a comma and two spaces; two regions name no one country.
    assert (support.location, support.country) == ("APAC, EMEA", None)
    assert (wordpress.employment_type, wordpress.country, wordpress.pay_currency) == ("freelance", "SG", "SGD")
    assert intern.employment_type == "internship"


def test_api_2_0_record():
    [posting] = page_of(RECORD_2_0).postings
    assert (posting.source_id, posting.title, posting.company) == ("880001", "UI & UX Designer", "Warna Piksel")
    # 2.0 dates carry no zone: read as UTC.
    assert posting.posted_at == datetime(2024, 11, 20, 5, 10, 37, tzinfo=timezone.utc)
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == (52000.0, 61000.0, "CAD", "year")
    assert (posting.employment_type, posting.location, posting.country) == ("full_time", "Canada", "CA")
    assert posting.category == "Design & Multimedia"
    assert posting.description == "Design screens for our booking app."


def test_api_2_0_record_without_salary_has_no_pay():
    record = {key: value for key, value in RECORD_2_0.items() if not key.startswith(("annualSalary", "salary"))}
    [posting] = page_of(record).postings
    assert (posting.pay_min, posting.pay_max, posting.pay_currency, posting.pay_period) == (None, None, None, None)


@pytest.mark.parametrize(
    ("job_types", "expected"),
    [(["Full-Time"], "full_time"), (["Part-Time", "Contract"], "part_time"), (["Remote", "Freelance"], "freelance"), (["Gig"], None), ([], None)],
)
def test_employment_type_is_the_first_known_word(job_types, expected):
    [posting] = page_of({**RECORD_2_0, "jobType": job_types}).postings
    assert posting.employment_type == expected


def test_bad_records_are_rejected_alone():
    without_id = {key: value for key, value in RECORD_2_0.items() if key != "id"}
    odd_period = {**RECORD_2_0, "id": 880002, "salaryMin": 10, "salaryMax": 20, "salaryPeriod": "fortnightly"}
    bad_date = {**RECORD_2_0, "id": 880003, "pubDate": "yesterday"}
    page = page_of(RECORD_2_0, without_id, odd_period, bad_date, "not a job")
    assert [posting.source_id for posting in page.postings] == ["880001"]
    reasons = [(reject.reason, reject.detail) for reject in page.rejects]
    assert reasons[0] == ("missing_field", "MissingField: 'id' is absent")
    assert reasons[1] == ("bad_record", "ValueError: unknown salaryPeriod 'fortnightly'")
    assert reasons[2][0] == "bad_record" and "yesterday" in reasons[2][1]
    assert reasons[3][0] == "bad_record"
    assert page.record_count == 5
