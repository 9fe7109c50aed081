"""crawlers.extract.arbeitnow on the bundled sample and on edge cases."""

import json
from datetime import datetime, timezone

import pytest

from sample.server import SAMPLE_DIR
from tests.platforms import read_page, sample_body


def sample_page(name: str = "page-1.json") -> dict:
    return json.loads((SAMPLE_DIR / "arbeitnow" / name).read_text())


def read_records(*records: dict) -> list:
    """The items of a one-page listing holding ``records``."""
    page = sample_page()
    page["data"] = list(records)
    return read_page("arbeitnow", json.dumps(page).encode()).items


def test_sample_page_fields():
    page = read_page("arbeitnow", sample_body("arbeitnow"))
    assert (page.record_count, page.total) == (4, None)
    assert page.next_url == "https://www.arbeitnow.com/api/job-board-api?page=2"
    frontend, design, marketing, support = page.postings
    assert frontend.source_id == "frontend-entwickler-react-typescript-berlin-berlin-481205"
    assert frontend.url == (
        "https://www.arbeitnow.com/jobs/companies/lindenhof-digital-gmbh/frontend-entwickler-react-typescript-berlin-berlin-481205"
    )
    assert (frontend.title, frontend.company) == ("Frontend Entwickler (m/w/d) React & TypeScript", "Lindenhof Digital GmbH")
    # created_at is epoch seconds.
    assert frontend.posted_at == datetime(2026, 10, 28, 9, 15, tzinfo=timezone.utc)
    assert (frontend.remote, frontend.location, frontend.country) == (True, "Berlin, Berlin", None)
    assert (frontend.skills, frontend.category) == (["Software Development", "IT"], "Software Development")
    assert frontend.pay_min is frontend.pay_currency is None
    assert frontend.raw == sample_page()["data"][0]
    assert (design.remote, design.location, support.location) == (False, "Hamburg, Hamburg", "München, Bayern")
    assert [posting.employment_type for posting in page.postings] == ["full_time", "part_time", "full_time", "internship"]
    assert marketing.title == "Online Marketing Manager – Remote (EU & Asia)"


def test_escaped_description_is_unescaped_once():
    frontend = read_page("arbeitnow", sample_body("arbeitnow")).postings[0]
    assert frontend.raw["description"].startswith("&lt;h2&gt;Über uns&lt;/h2&gt;")
    assert frontend.description_html.startswith("<h2>Über uns</h2>\n<p>Lindenhof Digital")
    # Entities inside the markup stay entities in the HTML and are decoded in the text.
    assert "<li>React &amp; TypeScript</li>" in frontend.description_html
    assert frontend.description == (
        "Über uns\n\nLindenhof Digital baut Buchungssoftware für kleine Hotels. Wir suchen Verstärkung im Frontend-Team.\n\n"
        "React & TypeScript\nBarrierefreie Oberflächen"
    )


def test_description_served_as_markup_is_kept_as_it_is():
    record = sample_page()["data"][1]
    record["description"] = "<p>Figma &amp; Illustrator</p>"
    [posting] = read_records(record)
    assert (posting.description_html, posting.description) == ("<p>Figma &amp; Illustrator</p>", "Figma & Illustrator")


def test_last_page_ends_paging_and_tags_are_deduplicated():
    page = read_page("arbeitnow", json.dumps(sample_page("page-2.json")).encode())
    assert (page.record_count, page.next_url) == (4, None)
    data_entry = page.postings[0]
    assert data_entry.raw["tags"] == ["Administration", "Data Entry", "Administration"]
    assert data_entry.skills == ["Administration", "Data Entry"]
    assert [posting.employment_type for posting in page.postings] == ["part_time", "freelance", None, "part_time"]


@pytest.mark.parametrize(
    ("job_types", "expected"),
    [
        (["Vollzeit"], "full_time"),
        (["full time"], "full_time"),
        (["Full-Time"], "full_time"),
        (["Teilzeit"], "part_time"),
        (["Werkstudent"], "part_time"),
        (["Praktikum"], "internship"),
        (["internship"], "internship"),
        (["Freelance"], "freelance"),
        (["contract"], "contract"),
        (["Befristet"], "temporary"),
        # Seniority words come mixed in; the first employment word counts.
        (["berufserfahren", "Teilzeit", "Vollzeit"], "part_time"),
        (["Senior", "mid-level"], None),
        ([], None),
    ],
)
def test_job_types_in_german_and_english(job_types, expected):
    record = sample_page()["data"][0]
    record["job_types"] = job_types
    [posting] = read_records(record)
    assert posting.employment_type == expected


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"slug": None}, "missing_field", "'slug' is null"),
        ({"slug": " "}, "missing_field", "'slug' is blank"),
        ({"created_at": "gestern"}, "bad_record", "gestern"),
    ],
)
def test_bad_record_is_rejected_alone(change, reason, detail):
    good, bad = sample_page()["data"][:2]
    bad.update(change)
    posting, reject = read_records(good, bad)
    assert posting.source_id == good["slug"]
    assert (reject.source, reject.reason) == ("arbeitnow", reason) and detail in reject.detail
    assert json.loads(reject.snippet)["title"] == bad["title"]


def test_record_without_url_is_rejected_alone():
    good, bad = sample_page()["data"][:2]
    del bad["url"]
    posting, reject = read_records(good, bad)
    assert posting.source_id == good["slug"] and reject.reason == "missing_field" and "'url'" in reject.detail
