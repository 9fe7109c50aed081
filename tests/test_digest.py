"""Vacancy digests: matching and ranking by hand, every format, and new-since-last on real databases.

Every vacancy here is invented for these tests.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from sqlalchemy import insert

from analysis.curriculum import Curriculum, Module, Track
from analysis.digest import Digest, DigestEntry, best_track, build_digest, rank_key, record_digest
from analysis.digest_formats import (
    FORMATS,
    WHATSAPP_LIMIT,
    WHATSAPP_SEPARATOR,
    markdown_text,
    pay_text,
    render,
    safe_url,
    whatsapp_messages,
)
from analysis.vacancies import Vacancy, load_vacancies
from crawlers.items import Posting
from pipelines.db import models
from pipelines.db.writer import PostingWriter
from pipelines.derive import Deriver
from tests.conftest import PROJECT_DIR
from tests.test_cli import pasarkerja

NOW = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
HOSTILE = '<script>alert("x")</script> **bold** [click](javascript:alert(1)) & <b>'
WEB = Track("Web", (Module("HTML dan CSS", 40, ("HTML", "CSS")), Module("PHP", 60, ("PHP", "Laravel", "MySQL"))))
DESIGN = Track("Desain", (Module("Desain grafis", 40, ("Graphic Design", "Canva", "Adobe Photoshop")),))
CURRICULUM = Curriculum("Contoh Kursus", "Kabupaten Sleman", None, "Kabupaten Sleman", (WEB, DESIGN), None)


def vacancy(id: int, skills: tuple[str, ...], **fields) -> Vacancy:
    defaults = dict(
        id=id, title=f"Lowongan {id}", company="PT Contoh Jaya", source="kalibrr",
        url=f"https://www.kalibrr.com/c/contoh/jobs/{id}/lowongan", also_on=(), posted_at=NOW - timedelta(days=1),
        first_seen_at=NOW, last_seen_at=NOW, valid_through=NOW + timedelta(days=14), remote=False,
        location="Kabupaten Sleman, DI Yogyakarta", country="ID", employment_type="full_time",
        pay_kind=None, pay_idr_min=None, pay_idr_max=None, pay_min=None, pay_max=None, pay_currency=None,
        pay_period=None, pay_text=None, skills=tuple(sorted(skills)),
    )  # fmt: skip
    return Vacancy(**{**defaults, **fields})


def salary(low: float, high: float | None = None) -> dict:
    """Vacancy fields for a salary stated in rupiah a month."""
    high = low if high is None else high
    return dict(pay_kind="salaried", pay_min=low, pay_max=high, pay_currency="IDR", pay_period="month",
                pay_idr_min=low, pay_idr_max=high)  # fmt: skip


# Hand-computed pay of each kind, at rates stated here (the store takes its rates from pipelines/data).
AUD_IN_RUPIAH = 10_450
USD_IN_RUPIAH = 16_000
HOURLY_AUD = dict(
    pay_kind="hourly", pay_min=12, pay_max=23, pay_currency="AUD", pay_period="hour",
    pay_idr_min=12 * AUD_IN_RUPIAH, pay_idr_max=23 * AUD_IN_RUPIAH,  # 125.400 and 240.350, an hour
)  # fmt: skip
PROJECT_USD = dict(
    pay_kind="project", pay_min=250, pay_max=750, pay_currency="USD", pay_period="project",
    pay_idr_min=250 * USD_IN_RUPIAH, pay_idr_max=750 * USD_IN_RUPIAH,  # 4.000.000 and 12.000.000, the project
)  # fmt: skip
DAY_RATE = dict(
    pay_kind="salaried", pay_min=150_000, pay_max=150_000, pay_currency="IDR", pay_period="day",
    pay_idr_min=3_150_000, pay_idr_max=3_150_000,  # 150.000 × 21 working days (PP 36/2021), a month
)  # fmt: skip
YEARLY_USD = dict(
    pay_kind="salaried", pay_min=40_000, pay_max=60_000, pay_currency="USD", pay_period="year",
    # 640 jt and 960 jt a year, over 12 months: 53.333.333 and 80.000.000 a month
    pay_idr_min=40_000 * USD_IN_RUPIAH / 12, pay_idr_max=60_000 * USD_IN_RUPIAH / 12,
)  # fmt: skip


# Matching and ranking ---------------------------------------------------------------------------------------


def test_a_vacancy_goes_under_the_track_teaching_most_of_its_skills():
    entry = best_track(vacancy(1, ("PHP", "Laravel", "Canva", "Docker")), (WEB, DESIGN), 0.5)
    assert (entry.track, entry.match, entry.taught, entry.to_learn) == ("Web", 0.5, ("Laravel", "PHP"), ("Canva", "Docker"))


def test_a_vacancy_below_the_least_match_or_without_skills_matches_no_track():
    assert best_track(vacancy(1, ("PHP", "Docker", "Kubernetes")), (WEB, DESIGN), 0.5) is None  # 1 of 3
    assert best_track(vacancy(1, ("PHP", "Docker", "Kubernetes")), (WEB, DESIGN), 0.3).match == pytest.approx(1 / 3)
    assert best_track(vacancy(2, ()), (WEB, DESIGN), 0.1) is None


def test_a_tie_between_tracks_goes_to_the_first():
    assert best_track(vacancy(1, ("PHP", "Canva")), (WEB, DESIGN), 0.5).track == "Web"
    assert best_track(vacancy(1, ("PHP", "Canva")), (DESIGN, WEB), 0.5).track == "Desain"


def test_entries_rank_by_match_then_pay_then_newest():
    def entry(id, match, pay=None, days_ago=1):
        found = vacancy(id, ("PHP",), **(salary(pay) if pay else {}), posted_at=NOW - timedelta(days=days_ago))
        return DigestEntry(found, "Web", match, ("PHP",))

    entries = [
        entry(1, 0.5, pay=9e6),
        entry(2, 1.0),
        entry(3, 1.0, pay=5e6),
        entry(4, 1.0, pay=7e6, days_ago=5),
        entry(5, 1.0, pay=7e6, days_ago=2),
    ]
    # Full matches first; among them the best paid, the newer of two equal pays, and unstated pay last.
    assert [e.vacancy.id for e in sorted(entries, key=rank_key)] == [5, 4, 3, 2, 1]


def test_hourly_and_project_pay_rank_with_unstated_pay_after_salaries():
    def entry(id, days_ago, **pay):
        return DigestEntry(vacancy(id, ("PHP",), posted_at=NOW - timedelta(days=days_ago), **pay), "Web", 1.0, ("PHP",))

    entries = [
        entry(1, 4, **PROJECT_USD),  # Rp 12 jt a project: not a month's pay
        entry(2, 3, **HOURLY_AUD),
        entry(3, 5, **salary(3_000_000)),  # the only salary, the oldest
        entry(4, 2),  # unstated, the newest
    ]
    assert [e.vacancy.id for e in sorted(entries, key=rank_key)] == [3, 4, 2, 1]


def test_an_infinite_salary_ranks_with_unstated_pay_as_it_is_shown():
    def entry(id, days_ago, **pay):
        return DigestEntry(vacancy(id, ("PHP",), posted_at=NOW - timedelta(days=days_ago), **pay), "Web", 1.0, ("PHP",))

    entries = [entry(1, 1, **salary(math.inf)), entry(2, 3, **salary(3_000_000)), entry(3, 2, **salary(math.nan))]
    # The stated salary first; the two shown as not stated after it, newest first.
    assert [e.vacancy.id for e in sorted(entries, key=rank_key)] == [2, 1, 3]


# Formats ----------------------------------------------------------------------------------------------------


def digest_of(entries: list[DigestEntry], **fields) -> Digest:
    tracks = {"Web": [], "Desain": []}
    for entry in entries:
        tracks[entry.track].append(entry)
    defaults = dict(
        name="contoh",
        curriculum="Contoh Kursus",
        created_at=NOW,
        since=NOW - timedelta(days=7),
        previous=None,
        tracks=tuple((track, tuple(found)) for track, found in tracks.items()),
    )
    return Digest(**{**defaults, **fields})


def hostile_entry(id: int = 1) -> DigestEntry:
    found = vacancy(
        id,
        ("PHP", "Laravel"),
        title=HOSTILE,
        company=HOSTILE,
        location=HOSTILE,
        url="javascript:alert(1)",
        pay_text=HOSTILE,
        **salary(4e6, 5.7e6),
        also_on=(("jobstreet", "javascript:alert(2)"),),
    )
    return DigestEntry(found, "Web", 1.0, ("Laravel", "PHP"))


def plain_entry(id: int, **fields) -> DigestEntry:
    found = vacancy(id, ("PHP", "Laravel", "Docker"), **fields)
    return DigestEntry(found, "Web", 2 / 3, ("Laravel", "PHP"))


def test_markdown_shows_each_field_and_escapes_scraped_text():
    entry = plain_entry(
        7,
        title="Programmer Web",
        **salary(4e6, 5.7e6),
        pay_text="Rp 4 – 5,7 juta per bulan",  # the figures again: not repeated
        also_on=(("jobstreet", "https://www.jobstreet.co.id/job/1"),),
    )
    text = render(digest_of([entry]), "markdown")
    assert text.startswith("# Lowongan baru untuk Contoh Kursus\n")
    assert "1. **[Programmer Web](<https://www.kalibrr.com/c/contoh/jobs/7/lowongan>)** — PT Contoh Jaya" in text
    assert "   - Gaji: Rp 4.000.000 – Rp 5.700.000 sebulan\n" in text
    assert "di Kalibrr · juga di JobStreet · tutup 15 Des 2026" in text
    assert "Keterampilan: Docker, Laravel, PHP (2 dari 3 diajarkan di Web)" in text
    assert "## Desain (0)" in text and "Belum ada lowongan baru yang cocok." in text

    hostile = render(digest_of([hostile_entry()]), "markdown")
    assert "<script>" not in hostile and "<b>" not in hostile
    assert "javascript:" not in hostile.replace("\\[click\\](javascript:alert(1))", "")  # never a link target
    assert "&lt;script&gt;" in hostile and "\\*\\*bold\\*\\*" in hostile


def test_markdown_text_escapes_what_would_format_or_render():
    assert markdown_text("a*b_c [d](e) `f` <g> & ~h~") == "a\\*b\\_c \\[d\\](e) \\`f\\` &lt;g&gt; &amp; \\~h\\~"


def test_english_labels():
    text = render(digest_of([plain_entry(1, **salary(4e6))]), "markdown", "en")
    assert text.startswith("# New vacancies for Contoh Kursus\n")
    assert "   - Salary: Rp 4.000.000 a month\n" in text
    assert "closes 15 Dec 2026" in text and "2 of 3 taught in Web" in text


@pytest.mark.parametrize(
    ("pay", "indonesian", "english"),
    [
        (
            salary(4e6, 5.7e6),
            "Gaji: Rp 4.000.000 – Rp 5.700.000 sebulan",
            "Salary: Rp 4.000.000 – Rp 5.700.000 a month",
        ),
        (
            DAY_RATE,
            "Gaji: Rp 150.000 per hari ≈ Rp 3.150.000 sebulan (21 hari kerja, PP 36/2021)",
            "Salary: Rp 150.000 a day ≈ Rp 3.150.000 a month (21 working days, PP 36/2021)",
        ),
        (
            # 1.000.000 × 52 / 12 = 4.333.333, a month
            dict(DAY_RATE, pay_period="week", pay_min=1e6, pay_max=None, pay_idr_min=1e6 * 52 / 12, pay_idr_max=None),
            "Gaji: Rp 1.000.000 per minggu ≈ Rp 4.333.000 sebulan (52 minggu dibagi 12 bulan)",
            "Salary: Rp 1.000.000 a week ≈ Rp 4.333.000 a month (52 weeks over 12 months)",
        ),
        (
            YEARLY_USD,
            "Gaji: USD 40.000–60.000 per tahun ≈ Rp 640–960 jt per tahun ≈ Rp 53,3–80 jt sebulan (dibagi 12 bulan)",
            "Salary: USD 40.000–60.000 a year ≈ Rp 640–960 jt a year ≈ Rp 53,3–80 jt a month (a year over 12 months)",
        ),
        (
            HOURLY_AUD,
            "Per jam: AUD 12–23 per jam ≈ Rp 125–240 rb per jam",
            "Hourly: AUD 12–23 an hour ≈ Rp 125–240 rb an hour",
        ),
        (
            PROJECT_USD,
            "Proyek (harga tetap): USD 250–750 per proyek ≈ Rp 4–12 jt per proyek",
            "Fixed-price project: USD 250–750 per project ≈ Rp 4–12 jt per project",
        ),
        (
            # 50 × 16.000 and 80 × 16.000: the ends in different units
            dict(PROJECT_USD, pay_min=50, pay_max=80, pay_idr_min=800_000, pay_idr_max=1_280_000),
            "Proyek (harga tetap): USD 50–80 per proyek ≈ Rp 800 rb – Rp 1,28 jt per proyek",
            "Fixed-price project: USD 50–80 per project ≈ Rp 800 rb – Rp 1,28 jt per project",
        ),
        (
            dict(pay_kind="hourly", pay_min=25_000, pay_currency="IDR", pay_period="hour", pay_idr_min=25_000),
            "Per jam: Rp 25.000 per jam",
            "Hourly: Rp 25.000 an hour",
        ),
        ({}, "Gaji: tidak disebut", "Pay: not stated"),
    ],
)
def test_pay_by_kind_as_stated_with_rupiah_in_the_same_period(pay, indonesian, english):
    found = vacancy(1, ("PHP",), **pay)
    assert (pay_text(found, "id"), pay_text(found, "en")) == (indonesian, english)


def test_the_platforms_own_pay_label_only_when_it_says_more():
    # Loker.id states figures in its label other than in its numbers.
    lokerid = vacancy(1, ("PHP",), **salary(2_300_000, 3_000_000), pay_text="Rp.3 – 4 Juta")
    assert pay_text(lokerid, "id") == "Gaji: Rp 2.300.000 – Rp 3.000.000 sebulan (tertulis: Rp.3 – 4 Juta)"
    assert pay_text(lokerid, "en") == "Salary: Rp 2.300.000 – Rp 3.000.000 a month (as shown: Rp.3 – 4 Juta)"
    # JobStreet's label states the same figures: not repeated.
    same = vacancy(2, ("PHP",), **salary(4e6), pay_text="Rp 4.000.000 per month")
    assert pay_text(same, "id") == "Gaji: Rp 4.000.000 sebulan"
    negotiable = vacancy(3, ("PHP",), **salary(4e6), pay_text="Negosiasi")
    assert pay_text(negotiable, "id") == "Gaji: Rp 4.000.000 sebulan (tertulis: Negosiasi)"
    assert pay_text(vacancy(4, ("PHP",), pay_text="Negosiasi"), "id") == "Gaji: tidak disebut"


def freelance_digest() -> Digest:
    return digest_of([plain_entry(1, **HOURLY_AUD), plain_entry(2, **PROJECT_USD)])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("lang", "hour", "project", "month"), [("id", "per jam", "per proyek", "bulan"), ("en", "an hour", "per project", "month")]
)
def test_hourly_and_project_pay_keep_their_period_in_every_format(fmt, lang, hour, project, month):
    text = render(freelance_digest(), fmt, lang)
    assert f"AUD 12–23 {hour} ≈ Rp 125–240 rb {hour}" in text
    assert f"USD 250–750 {project} ≈ Rp 4–12 jt {project}" in text
    assert month not in text  # no "sebulan", "per bulan" or "a month" anywhere


def test_whatsapp_and_markdown_never_say_sebulan_for_hourly_or_project_pay():
    whatsapp = render(freelance_digest(), "whatsapp")
    assert "\nPer jam: AUD 12–23 per jam ≈ Rp 125–240 rb per jam\n" in whatsapp
    assert "\nProyek (harga tetap): USD 250–750 per proyek ≈ Rp 4–12 jt per proyek\n" in whatsapp
    markdown = render(freelance_digest(), "markdown")
    assert "\n   - Per jam: AUD 12–23 per jam ≈ Rp 125–240 rb per jam\n" in markdown
    assert "\n   - Proyek (harga tetap): USD 250–750 per proyek ≈ Rp 4–12 jt per proyek\n" in markdown
    for text in (whatsapp, markdown, render(freelance_digest(), "whatsapp", "en"), render(freelance_digest(), "markdown", "en")):
        assert "sebulan" not in text and "a month" not in text


def test_a_day_rate_shows_the_day_and_its_month_by_21_working_days():
    digest = digest_of([plain_entry(1, **DAY_RATE)])
    assert "   - Gaji: Rp 150.000 per hari ≈ Rp 3.150.000 sebulan (21 hari kerja, PP 36/2021)\n" in render(
        digest, "markdown"
    )
    assert "\nSalary: Rp 150.000 a day ≈ Rp 3.150.000 a month (21 working days, PP 36/2021)\n" in render(
        digest, "whatsapp", "en"
    )


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.hrefs = [], []

    def handle_starttag(self, tag, attributes):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attributes if name == "href"]


def test_html_escapes_everything_and_links_only_http():
    page = render(digest_of([hostile_entry(), plain_entry(2)]), "html")
    parsed = _Elements()
    parsed.feed(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert parsed.hrefs == ["https://www.kalibrr.com/c/contoh/jobs/2/lowongan"]
    assert "&lt;script&gt;" in page and "Content-Security-Policy" in page and '<html lang="id">' in page


def test_rss_is_a_valid_feed_that_parses_back():
    entries = [hostile_entry(1), plain_entry(2, title="Programmer Web\x00\x1b")]
    feed = render(digest_of(entries), "rss", feed_link="https://lkp.example/lowongan")
    root = ElementTree.fromstring(feed.encode())
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Lowongan baru untuk Contoh Kursus"
    assert channel.findtext("link") == "https://lkp.example/lowongan"
    assert channel.findtext("language") == "id" and channel.findtext("lastBuildDate") == "Tue, 01 Dec 2026 09:00:00 +0000"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [f"{HOSTILE} — {HOSTILE}", "Programmer Web — PT Contoh Jaya"]
    assert items[0].find("link") is None  # a javascript: URL is never a link
    assert items[1].findtext("link") == "https://www.kalibrr.com/c/contoh/jobs/2/lowongan"
    assert [item.findtext("guid") for item in items] == ["pasarkerja:contoh:vacancy-1", "pasarkerja:contoh:vacancy-2"]
    assert items[1].find("guid").get("isPermaLink") == "false"
    assert items[1].findtext("pubDate") == "Mon, 30 Nov 2026 09:00:00 +0000"
    assert items[1].findtext("category") == "Web"


def test_json_holds_the_entries_as_data():
    data = json.loads(render(digest_of([plain_entry(2, **salary(4e6, 6e6))]), "json"))
    assert (data["name"], data["vacancies"], data["language"]) == ("contoh", 1, "id")
    [web, design] = data["tracks"]
    assert design == {"track": "Desain", "entries": []}
    [entry] = web["entries"]
    assert entry["skills_taught"] == ["Laravel", "PHP"] and entry["skills_to_learn"] == ["Docker"]
    assert (entry["match"], entry["closes_at"]) == (0.6667, "2026-12-15T09:00:00+00:00")
    assert entry["pay"] == "Gaji: Rp 4.000.000 – Rp 6.000.000 sebulan"


PAY_FIELDS = ("pay_kind", "pay_min", "pay_max", "pay_currency", "pay_period", "pay_idr_min", "pay_idr_max", "pay_idr_per")


@pytest.mark.parametrize(
    ("pay", "fields"),
    [
        (salary(4e6, 6e6), ("salaried", 4e6, 6e6, "IDR", "month", 4e6, 6e6, "month")),
        (DAY_RATE, ("salaried", 150_000, 150_000, "IDR", "day", 3_150_000, 3_150_000, "month")),
        (HOURLY_AUD, ("hourly", 12, 23, "AUD", "hour", 125_400, 240_350, "hour")),
        (PROJECT_USD, ("project", 250, 750, "USD", "project", 4_000_000, 12_000_000, "project")),
        ({}, (None,) * 8),
    ],
)
def test_json_pay_fields_keep_the_stated_period_and_the_rupiah_unit(pay, fields):
    [entry] = json.loads(render(digest_of([plain_entry(1, **pay)]), "json"))["tracks"][0]["entries"]
    assert tuple(entry[field] for field in PAY_FIELDS) == fields
    assert not any(key.startswith(("pay_idr_month", "pay_idr_project")) for key in entry)


def test_whatsapp_messages_stay_under_the_limit_and_never_split_a_vacancy():
    entries = [plain_entry(number, title=f"Programmer Web {number} " + "🙂" * 40) for number in range(1, 61)]
    messages = whatsapp_messages(digest_of(entries))
    assert len(messages) > 2
    for number, message in enumerate(messages, start=1):
        assert len(message.encode("utf-16-le")) // 2 <= WHATSAPP_LIMIT
        assert message.split("\n", 1)[0].endswith(f"({number}/{len(messages)})")
    # Every vacancy once, whole, in order; a message going on with a track names it again.
    joined = "\n".join(messages)
    assert [int(n) for n in re.findall(r"^(\d+)\. \*Programmer Web", joined, re.MULTILINE)] == list(range(1, 61))
    assert all(message.count("https://www.kalibrr.com/") == message.count("*Programmer Web") for message in messages)
    assert messages[1].startswith("*Web* (lanjutan)")
    # Written to one file, the messages are apart.
    assert render(digest_of(entries), "whatsapp").count(WHATSAPP_SEPARATOR) == len(messages) - 1


def test_an_absurdly_long_vacancy_is_cut_to_fit_one_message_and_keeps_its_link():
    long = plain_entry(1, title="x" * 9000, company="y" * 9000, location="z" * 9000)
    messages = whatsapp_messages(digest_of([long]))
    assert all(len(message) <= WHATSAPP_LIMIT for message in messages)
    assert "x" * 199 + "…" in messages[0] and "https://www.kalibrr.com/c/contoh/jobs/1/lowongan" in messages[0]


def test_a_digest_without_vacancies_says_so():
    empty = digest_of([])
    assert "Belum ada lowongan baru yang cocok sejak 24 Nov 2026." in render(empty, "markdown")
    assert whatsapp_messages(empty)[0].count("\n") < 6
    assert ElementTree.fromstring(render(empty, "rss").encode()).find("channel").findall("item") == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/", "//x.example", None])
def test_only_http_urls_are_links(url):
    assert safe_url(url) is None
    assert safe_url("https://x.example/a b") == "https://x.example/a b"


@pytest.mark.parametrize("figure", [math.inf, -math.inf, math.nan])
@pytest.mark.parametrize("pay", [salary(1), HOURLY_AUD], ids=["rupiah", "another currency"])
def test_a_non_finite_pay_figure_is_pay_not_stated_and_json_holds_no_infinity(pay, figure):
    entry = plain_entry(1, **{**pay, "pay_min": figure, "pay_idr_min": figure})
    for fmt in ("markdown", "whatsapp", "html", "rss"):
        text = render(digest_of([entry]), fmt)
        assert "Gaji: tidak disebut" in text and "Rp inf" not in text and "nan" not in text, fmt

    def refuse(constant):
        raise AssertionError(f"JSON holds {constant}")

    [found] = json.loads(render(digest_of([entry]), "json"), parse_constant=refuse)["tracks"][0]["entries"]
    assert (found["pay"], found["pay_min"], found["pay_idr_min"]) == ("Gaji: tidak disebut", None, None)


def test_an_address_in_scraped_text_is_never_a_link_in_markdown_or_whatsapp():
    entry = plain_entry(1, title="Admin, see https://evil.example.test/x now", company="www.evil.example.test")
    markdown = render(digest_of([entry]), "markdown")
    assert "https\\[:\\]//evil\\[.\\]example\\[.\\]test/x now" in markdown
    assert "www\\[.\\]evil\\[.\\]example\\[.\\]test" in markdown and "://evil" not in markdown
    assert "(<https://www.kalibrr.com/c/contoh/jobs/1/lowongan>)" in markdown  # the vacancy's own link stays
    [message] = whatsapp_messages(digest_of([entry]))
    assert "*Admin, see https[:]//evil[.]example[.]test/x now* — www[.]evil[.]example[.]test" in message
    assert "\nhttps://www.kalibrr.com/c/contoh/jobs/1/lowongan" in message


def test_whatsapp_shows_scraped_formatting_marks_as_plain_look_alikes():
    entry = plain_entry(1, title="*Gratis* _cepat_ ~kaya~ `kode`", location="> Jakarta")
    [message] = whatsapp_messages(digest_of([entry]))
    assert "1. *∗Gratis∗ ˍcepatˍ ∼kaya∼ ˋkodeˋ* — PT Contoh Jaya" in message
    assert "\nTempat: > Jakarta · di Kalibrr" in message  # no line starts with "> ", which would quote


def test_every_whatsapp_message_is_numbered_even_one_holding_the_footer_alone(monkeypatch):
    monkeypatch.setattr("analysis.digest_formats.WHATSAPP_LIMIT", 400)  # every block a message of its own
    messages = whatsapp_messages(digest_of([plain_entry(1), plain_entry(2)]))
    assert messages[-1].startswith("_Disusun oleh pasarkerja")
    assert [message.split("\n", 1)[0][-5:] for message in messages] == [
        f"({number}/{len(messages)})" for number in range(1, len(messages) + 1)
    ]


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\x00", "\ud800", "\u202e", "\u2066", "\u200f"])
def test_no_format_carries_an_xml_invalid_or_bidirectional_character(character):
    site = vacancy(2, ("PHP",), source="jobposting", url=f"https://loker{character}.example.test/2")
    entries = [
        plain_entry(1, title=f"Admin{character}Gudang", company=f"PT{character}"),
        DigestEntry(site, "Web", 1.0, ("PHP",)),
    ]
    for fmt in FORMATS:
        text = render(digest_of(entries, curriculum=f"Kursus{character}"), fmt)
        assert character not in text, fmt
        text.encode("utf-8")  # a lone surrogate would fail here, as writing the file would
    feed = ElementTree.fromstring(render(digest_of(entries), "rss").encode())
    assert [item.findtext("title") for item in feed.iter("item")][0] in ("AdminGudang — PT", "Admin Gudang — PT")
    assert re.search(r"di loker ?\.example\.test", feed.findall(".//item")[1].findtext("description"))


def test_a_site_whose_address_does_not_parse_is_named_by_its_platform():
    entry = DigestEntry(vacancy(1, ("PHP",), source="jobposting", url="https://[::1/lowongan"), "Web", 1.0, ("PHP",))
    assert "di jobposting" in render(digest_of([entry]), "markdown")


def test_unknown_format_or_language():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(digest_of([]), "pdf")
    with pytest.raises(ValueError, match="unknown language 'jv'"):
        render(digest_of([]), "markdown", "jv")


# New since the last digest, on real databases ----------------------------------------------------------------


_DERIVER = Deriver().fit()


def store(engine, *postings: Posting) -> None:
    """Store postings as a crawl would: derived (skills, pay), then written and linked."""
    with engine.begin() as connection:
        run = connection.execute(
            insert(models.CrawlRun).values(spider="test", arguments={}, started_at=NOW).returning(models.CrawlRun.id)
        ).scalar_one()
    PostingWriter(engine, run).write([_DERIVER.derive(posting) for posting in postings], [])


DESCRIPTION = (
    "CV Kode Merapi mencari programmer web untuk membangun dan merawat aplikasi pemesanan pelanggan kami. "
    "Anda akan menulis kode PHP dengan Laravel, merancang tabel MySQL, dan membuat halaman dengan HTML dan CSS. "
    "Kantor di Sleman, lima hari kerja, BPJS, dan pelatihan rutin."
)


def job(source: str, source_id: str, title: str, **fields) -> Posting:
    return Posting(
        source=source,
        source_id=source_id,
        url=f"https://{source}.example.test/jobs/{source_id}",
        title=title,
        company=fields.pop("company", "CV Kode Merapi"),
        description=fields.pop("description", DESCRIPTION),
        location="Kabupaten Sleman, DI Yogyakarta",
        country="ID",
        posted_at=fields.pop("posted_at", datetime.now(timezone.utc) - timedelta(days=2)),
        skills=fields.pop("skills", ["PHP", "Laravel", "MySQL"]),
        pay_min=fields.pop("pay_min", 4_500_000),
        pay_max=fields.pop("pay_max", 6_000_000),
        pay_currency=fields.pop("pay_currency", "IDR"),
        pay_period=fields.pop("pay_period", "month"),
        raw={"invented": "for tests"},
        **fields,
    )


def test_the_second_digest_lists_only_what_is_new_and_each_vacancy_once(engine):
    store(
        engine,
        job("kalibrr", "1", "Programmer Web"),
        job("kalibrr", "2", "Desainer Grafis", skills=["Graphic Design", "Canva"], description="Desain brosur."),
        job("kalibrr", "3", "Teknisi Jaringan", skills=["Network Administration"], description="Merawat jaringan."),
        job("kalibrr", "4", "Admin Lama", skills=["PHP"], posted_at=datetime.now(timezone.utc) - timedelta(days=90)),
    )
    store(engine, job("jobstreet", "900", "Dibutuhkan Programmer Web"))  # the same vacancy on another board
    first = build_digest(engine, CURRICULUM, "sleman")
    titles = {track: [entry.vacancy.title for entry in entries] for track, entries in first.tracks}
    # Once, shown through the posting seen last, with the other board beside it; the network job matches no track
    # and the 90-day-old one is too old.
    assert titles == {"Web": ["Dibutuhkan Programmer Web"], "Desain": ["Desainer Grafis"]}
    web = first.tracks[0][1][0].vacancy
    assert web.also_on == (("kalibrr", "https://kalibrr.example.test/jobs/1"),)
    assert web.pay_idr_month == 5_250_000
    record_digest(engine, first)

    store(engine, job("kalibrr", "5", "Programmer Laravel", description="Lowongan baru untuk Laravel dan PHP."))
    store(engine, job("kalibrr", "6", "Programmer Web"))  # a repost of the vacancy listed already
    second = build_digest(engine, CURRICULUM, "sleman")
    assert [entry.vacancy.title for entry in second.entries] == ["Programmer Laravel"]
    assert second.previous == first.created_at
    # Another name has its own memory.
    assert len(build_digest(engine, CURRICULUM, "alumni-2025").entries) == 3


def test_a_track_alone_and_a_limit(engine):
    store(engine, *(job("kalibrr", str(n), f"Programmer {n}", description=f"Lowongan {n}.") for n in range(5)))
    digest = build_digest(engine, CURRICULUM, "web", track="web", limit=2)
    assert [track for track, _ in digest.tracks] == ["Web"]
    assert len(digest.entries) == 2 and digest.left_out == 3
    with pytest.raises(ValueError, match='Contoh Kursus has no track "Mobile"; its tracks are "Web", "Desain"'):
        build_digest(engine, CURRICULUM, "x", track="Mobile")


def test_a_stored_hourly_rate_stays_an_hour(engine):
    store(engine, job("freelancer", "77", "Programmer PHP", pay_min=15, pay_max=15, pay_currency="USD", pay_period="hour"))
    [found] = load_vacancies(engine, datetime.now(timezone.utc) - timedelta(days=1))
    assert (found.pay_kind, found.pay_min, found.pay_currency, found.pay_period) == ("hourly", 15, "USD", "hour")
    assert found.pay_idr_min == found.pay_idr_max and found.pay_idr_month is None
    # 15 dollars an hour at the table's rate of the year: some hundreds of thousands of rupiah, an hour.
    assert re.fullmatch(r"Per jam: USD 15 per jam ≈ Rp \d+(,\d+)? rb per jam", pay_text(found, "id"))


def test_closed_vacancies_are_left_out(engine):
    store(engine, job("kalibrr", "1", "Programmer Web", valid_through=datetime.now(timezone.utc) - timedelta(days=1)))
    assert load_vacancies(engine, NOW - timedelta(days=30)) == []
    assert len(load_vacancies(engine, NOW - timedelta(days=30), open_on=NOW - timedelta(days=5))) == 1


# The command, on the bundled sample ----------------------------------------------------------------------------

EXAMPLE = PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml"


@pytest.fixture
def crawled(sample_server, sqlite_url):
    from tests.conftest import run_crawl

    for spider in ("kalibrr", "karirhub", "freelancer", "glints"):
        run_crawl(spider, sample_server.url, sqlite_url)
    return sqlite_url


def test_the_command_writes_every_format_and_remembers(crawled, tmp_path):
    common = ["--database-url", crawled, "digest", "--curriculum", str(EXAMPLE), "--since", "2020-01-01",
              "--max-age", "10000d", "--min-match", "0.3"]  # fmt: skip
    for fmt, suffix in (("markdown", "md"), ("whatsapp", "txt"), ("html", "html"), ("rss", "xml"), ("json", "json")):
        result = pasarkerja(*common, "--format", fmt, "--out", str(tmp_path / f"digest.{suffix}"), "--dry-run")
        assert result.returncode == 0, result.stderr
        assert "not remembered (--dry-run)" in result.stdout
    data = json.loads((tmp_path / "digest.json").read_text())
    assert data["vacancies"] > 0
    entries = [entry for track in data["tracks"] for entry in track["entries"]]
    for entry in entries:
        assert ("bulan" in entry["pay"]) == (entry["pay_kind"] == "salaried"), entry["pay"]
    ElementTree.fromstring((tmp_path / "digest.xml").read_bytes())
    assert (tmp_path / "digest.md").read_text().startswith("# Lowongan baru untuk Pondok Programmer Merapi (contoh)")

    first = pasarkerja(*common, "--out", str(tmp_path / "first.md"))
    assert re.search(r'Digest "pondok-programmer": [1-9]\d* vacancies', first.stdout), first.stdout
    assert 'the next digest "pondok-programmer" lists only vacancies' in first.stdout
    second = pasarkerja(*common, "--out", "-", "--format", "json")
    assert json.loads(second.stdout)["vacancies"] == 0
    assert 'Digest "pondok-programmer": 0 vacancies' in second.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--track", "Webb"], 'has no track "Webb"; its tracks are "Fondasi", "Web", "Mobile", "Back end"'),
        (["--max-age", "soon"], "argument --max-age: 'soon' is not a span: write a whole number of days or weeks"),
        (["--since", "kemarin"], "argument --since: 'kemarin' is not a date"),
        (["--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
        (["--min-match", "2"], "argument --min-match: expected a share above 0 and at most 1"),
    ],
)
def test_bad_arguments_give_one_line(crawled, tmp_path, arguments, message):
    result = pasarkerja(
        "--database-url", crawled, "digest", "--curriculum", str(EXAMPLE), "--out", str(tmp_path / "d.md"), *arguments
    )
    assert result.returncode == 2
    assert message in result.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "d.md").exists()


def test_a_curriculum_that_does_not_load_gives_one_line(crawled, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nregion: y\ntracks:\n  - name: t\n    modules:\n      - name: m\n        hours: 1\n"
                      "        skills: [Laravl]\n")  # fmt: skip
    result = pasarkerja("--database-url", crawled, "digest", "--curriculum", str(broken), "--out", str(tmp_path / "d"))
    assert result.returncode == 2 and 'unknown skill "Laravl"; closest: Laravel' in result.stderr



def test_a_stored_pay_label_with_a_figure_no_pay_can_be_is_shown_not_raised():
    # Stored before crawls refused such figures (crawlers/parse/numbers.py): the label is shown as written.
    entry = plain_entry(
        1, pay_kind="salaried", pay_min=4e6, pay_max=4e6, pay_currency="IDR", pay_period="month", pay_idr_min=4e6,
        pay_idr_max=4e6, pay_text="Rp 99999999999999999999 per bulan",
    )  # fmt: skip
    for fmt in ("markdown", "whatsapp", "html", "rss", "json"):
        assert "99999999999999999999" in render(digest_of([entry]), fmt, "id")


# What one run writes, and what it remembers, on both databases ------------------------------------------------


def digest_command(database_url: str, capsys, *arguments: str) -> tuple[str, str]:
    """``pasarkerja digest`` of the example curriculum, run as the command line does; its output and messages."""
    from analysis.cli import main

    assert main(["--database-url", database_url, "digest", "--curriculum", str(EXAMPLE), "--name", "week",
                 "--min-match", "0.3", *arguments]) == 0  # fmt: skip
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_a_digest_to_standard_output_or_a_dry_run_is_not_remembered(engine, database_url, tmp_path, capsys):
    store(engine, job("kalibrr", "1", "Programmer Web Laravel"))
    previewed, said = digest_command(database_url, capsys, "--out", "-")
    assert "Programmer Web Laravel" in previewed
    assert 'Digest "week": 1 vacancy (' in said and "not remembered (written to standard output only)" in said
    said, _ = digest_command(database_url, capsys, "--out", str(tmp_path / "dry.md"), "--dry-run")
    assert "not remembered (--dry-run)" in said

    # The real one still lists it, and is remembered.
    said, _ = digest_command(database_url, capsys, "--out", str(tmp_path / "week.md"))
    assert "Programmer Web Laravel" in (tmp_path / "week.md").read_text()
    assert 'Digest "week": 1 vacancy (' in said and "; remembered: " in said
    said, _ = digest_command(database_url, capsys, "--out", str(tmp_path / "next.md"))
    assert 'Digest "week": 0 vacancies (' in said


def test_one_run_writes_several_formats_listing_the_same_vacancies(engine, database_url, tmp_path, capsys):
    store(engine, job("kalibrr", "1", "Programmer Web Laravel"), job("kalibrr", "2", "Programmer PHP MySQL"))
    said, _ = digest_command(
        database_url, capsys, "--format", "whatsapp", "--out", str(tmp_path / "week.txt"),
        "--format", "html", "--out", str(tmp_path / "week.html"),
    )  # fmt: skip
    assert 'Digest "week": 2 vacancies (' in said
    assert f"whatsapp to {tmp_path / 'week.txt'}, html to {tmp_path / 'week.html'}" in said
    for written in ("week.txt", "week.html"):
        text = (tmp_path / written).read_text()
        assert "Programmer Web Laravel" in text and "Programmer PHP MySQL" in text, written

    # Several formats and one --out: the formats' own suffixes on its name.
    store(engine, job("kalibrr", "3", "Programmer Laravel Baru"))
    said, _ = digest_command(
        database_url, capsys, "--format", "markdown", "--format", "json", "--out", str(tmp_path / "next" / "week.md")
    )
    assert json.loads((tmp_path / "next" / "week.json").read_text())["vacancies"] == 1
    assert "Programmer Laravel Baru" in (tmp_path / "next" / "week.md").read_text()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "html", "--format", "json", "--out", "a", "--out", "b", "--out", "c"],
         "give one --out for each --format, in the same order (3 --out for 2 formats), or one --out"),
        (["--format", "html", "--format", "json", "--out", "-"],
         "--out -: one format at a time goes to standard output (2 formats given)"),
        (["--format", "html", "--format", "html", "--out", "a.html"], "--format html is given twice"),
    ],
)  # fmt: skip
def test_formats_and_outs_that_do_not_pair_are_refused_in_one_line(sqlite_url, tmp_path, arguments, message):
    assert pasarkerja("--database-url", sqlite_url, "migrate").returncode == 0
    outs = [str(tmp_path / value) if option == "--out" and value != "-" else value
            for option, value in zip(["", *arguments], arguments, strict=False)]  # fmt: skip
    result = pasarkerja("--database-url", sqlite_url, "digest", "--curriculum", str(EXAMPLE), *outs)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].endswith(message)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pasarkerja.db"]


@pytest.mark.parametrize(
    ("count", "indonesian", "english"),
    [
        (1, "1 lowongan lain yang cocok tidak dimuat", "1 more matching vacancy was left out"),
        (2, "2 lowongan lain yang cocok tidak dimuat", "2 more matching vacancies were left out"),
    ],
)
def test_counts_read_right_in_both_languages(count, indonesian, english):
    digest = digest_of([plain_entry(n) for n in range(count)], left_out=count)
    for fmt in ("markdown", "whatsapp", "html"):
        assert f": {count} lowongan" in render(digest, fmt, "id") and indonesian in render(digest, fmt, "id")
        assert f": {count} {'vacancy' if count == 1 else 'vacancies'}" in render(digest, fmt, "en"), fmt
        assert english in render(digest, fmt, "en"), fmt
