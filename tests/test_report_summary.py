"""The report's first screen (analysis/report/sections/summary.py): per curriculum, its coverage, what to teach next,
whether the work pays enough to live on, and what changed; in Bahasa Indonesia by default and in English."""

from __future__ import annotations

from html import escape

import pytest

from analysis.language import language
from analysis.report import Changes, write_report
from tests.test_report import ATTRIBUTE, SCRIPT, report_content


def summary_of(tmp_path, content=None) -> str:
    """The summary section of the report of `content` (default: the hostile test content), as written."""
    page = tmp_path / "r.html"
    write_report(page, content or report_content())
    html = page.read_text(encoding="utf-8")
    return html[html.index('<section id="summary">') : html.index("</section>")]


def test_the_first_screen_answers_in_indonesian(tmp_path):
    summary = summary_of(tmp_path)
    assert "<h2>Ringkasan</h2>" in summary
    # coverage, the median salary in UMKs and the share at or above the UMK, as facts
    assert "cakupan" in summary and "2×" in summary and f"lowongan bergaji ≥ UMK {escape(SCRIPT)}" in summary
    assert "Ajarkan berikutnya" in summary and "Apakah pekerjaannya cukup untuk hidup?" in summary
    # the salary in Indonesian numbers, hourly and project pay counted apart, never as a month
    assert "Median gaji bulanan Rp 5.250.000" in summary and "80% membayar setidaknya sebesar itu" in summary
    assert "12 dibayar per jam dan 9 dibayar per proyek: bukan gaji bulanan" in summary
    assert "Apa yang berubah" in summary
    assert "How to read" not in summary and "Teach next" not in summary


def test_the_first_screen_in_english(tmp_path):
    with language("en"):
        summary = summary_of(tmp_path)
    assert "<h2>Summary</h2>" in summary and "Teach next" in summary and "Does the work pay enough" in summary
    assert "Median monthly salary Rp 5,250,000" in summary and "What changed" in summary


def test_hostile_names_stay_text(tmp_path):
    summary = summary_of(tmp_path)
    assert SCRIPT not in summary and ATTRIBUTE not in summary
    assert escape(SCRIPT) in summary


def test_too_little_data_to_compare_is_said_not_hidden(tmp_path):
    content = report_content()
    content.changes_note = "the postings cover 16 days"
    summary = summary_of(tmp_path, content)
    assert "Data terlalu sedikit untuk membandingkan: the postings cover 16 days" in summary


def test_what_changed_is_told_within_the_curriculums_market_when_it_has_its_own(tmp_path):
    content = report_content()
    market_rising = content.rising.head(1).assign(skill="Large Language Models", change=0.06)
    content.curricula[0].changes = Changes(
        market_rising, content.falling.head(0), ("2026-01 – 2026-03", "2026-04 – 2026-06")
    )
    summary = summary_of(tmp_path, content)
    first, second = summary.split('<article class="answers">')[1:3]
    assert (
        "Large Language Models</strong> naik +6,0 pts" in first
        and "2026-04 – 2026-06 dibanding 2026-01 – 2026-03" in first
    )
    assert "Large Language Models" not in second  # the other curriculum has none of its own: the report's changes


def test_without_a_curriculum_the_most_asked_for_skills_answer(tmp_path):
    content = report_content()
    content.curricula = []
    summary = summary_of(tmp_path, content)
    assert "keterampilan yang paling banyak diminta" in summary and "Ajarkan berikutnya" not in summary


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_other_section_is_folded_under_its_heading(tmp_path, lang):
    page = tmp_path / "r.html"
    with language(lang):
        write_report(page, report_content())
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    sections = html.count("<section id=")
    assert html.count("<details><summary><h2>") == sections - 1  # all but the summary
