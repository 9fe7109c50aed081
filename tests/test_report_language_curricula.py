"""The curriculum, pay and survey sections of the report in Bahasa Indonesia, the default language.

The page is tests/test_report.py's `report_content` (every scraped or user-written text hostile), written outside any
`language` block, with a survey whose texts come from analysis/survey/ in that language. The texts the content
brings from elsewhere (the hostile values, and the sentences tests/test_report.py writes by hand for the analysis
modules, in English) are taken out before looking for English; what is left is the report's own text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.language import current_language
from analysis.report import ReportContent, SurveySection, write_report
from analysis.survey import INDICATORS
from tests.test_report import ATTRIBUTE, SCRIPT, report_content

# Words and phrases of the English texts of these sections; none may be left in the Indonesian page.
ENGLISH = (
    "postings", "Postings", "How to read", "Median salary", "coverage", "Coverage", "a month", "an hour",
    "a project", "Skill", "Cluster", "Share of", "Typical skills", "Demand taught", "What to teach", "Why",
    "Asked for next to", "Your curriculum", "Does this work pay", "yardstick", "Yardstick", "quarter", "Reach ",
    "At least", "Hours a month", "Projects a month", "after fee", "What the figures assume", "Figures used",
    "Salaried", "Hourly", "Fixed-price", "per cluster", "members", "Members", "income", "household", "Group",
    "The groups", "Mostly", "Main platform", "Top skills", "Compared with", "Line a month", "All members",
    "analysed", "left out", "World Bank line", "BPS household line", "overall", "No posting", "No curriculum",
    "states its pay", "offer", "the median", "Pay",
)  # fmt: skip
ENGLISH_WORDS = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(word)}(?![a-z])" for word in ENGLISH))


class Text(HTMLParser):
    """The text a reader sees (element content, not attributes), one chunk per line."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.chunks.append(" ".join(data.split()))

    def __str__(self) -> str:
        return "\n".join(self.chunks)


def survey() -> SurveySection:
    """A survey section as analysis.study.survey_section makes it, its indicator texts from analysis/survey/ in the
    current language and its user-written values hostile."""
    indicators = pd.DataFrame(
        {
            "indicator": [indicator.yardstick for indicator in INDICATORS],
            "yardstick": ["World Bank $3.00 (2021 PPP)", "World Bank $4.20 (2021 PPP)", "World Bank $8.30 (2021 PPP)",
                          "Garis Kemiskinan DI Yogyakarta (per capita)",
                          "Garis Kemiskinan Indonesia (per poor household)", f"UMK {SCRIPT}"],
            "compares": [indicator.compares for indicator in INDICATORS],
            "line_idr": [546_400.0, 765_000.0, 1_512_000.0, 649_331.0, 3_053_269.0, 2_624_387.0],
            "members": [4] * 6,
            "reaching": [4, 3, 2, 3, 2, 1],
            "share": [1.0, 0.75, 0.5, 0.75, 0.5, 0.25],
        }
    )  # fmt: skip
    by_group = pd.concat([indicators.assign(cluster=0), indicators.assign(cluster=1)])
    profiles = pd.DataFrame(
        {
            "cluster": [0, 1], "members": [2, 2], "share": [0.5, 0.5], "median_income_idr": [1e6, 4e6],
            "median_income_per_member_idr": [5e5, 2e6], "median_months_experience": [3, 30],
            "commonest_status": ["student", ATTRIBUTE], "commonest_platform": ["none", "upwork"],
            "top_skills": [(SCRIPT, "CSS"), ("Canva",)],
        }
    )  # fmt: skip
    used = (f"UMK Kabupaten Sleman 2026 ({SCRIPT})",)
    return SurveySection(f"survei {ATTRIBUTE}.csv", f"Sleman {SCRIPT}", "2026-01", 4, 1, indicators, by_group, profiles,
                         used)  # fmt: skip


def given_texts(content: ReportContent) -> list[str]:
    """Every text the content brings to these sections from outside them: names and values from postings and user
    files, and the analysis modules' sentences, longest first (so that a value inside another goes with it)."""
    texts = {SCRIPT, ATTRIBUTE, content.caption}
    for curriculum in content.curricula:
        texts |= {curriculum.name, curriculum.region, curriculum.market, curriculum.earnings_counts}
        texts |= {*curriculum.earnings_assumptions, *curriculum.yardsticks_used}
        texts |= {name for name, _ in curriculum.yardstick_lines}
        for frame in (curriculum.cluster_coverage, curriculum.missing, curriculum.recommendations):
            texts |= {value for column in frame.columns for value in frame[column] if isinstance(value, str)}
    texts |= set(content.pay_by_cluster["name"])
    if content.survey is not None:
        survey = content.survey
        texts |= {survey.source, survey.region, *survey.yardsticks_used, *survey.indicators["yardstick"]}
        texts |= {*survey.profiles["commonest_platform"], *(skill for skills in survey.profiles["top_skills"] for
                                                            skill in skills)}  # fmt: skip
    return sorted((" ".join(text.split()) for text in texts if text), key=len, reverse=True)


def section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start : page.index("</section>", start)]


def own_text(html: str, content: ReportContent) -> str:
    """The section's visible text without what the content brought."""
    text = str(Text(html))
    for given in given_texts(content):
        text = text.replace(given, " ")
    return text


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[str, ReportContent]:
    assert current_language() == "id"  # outside any language block
    content = report_content()
    content.survey = survey()
    page = tmp_path_factory.mktemp("laporan") / "laporan.html"
    write_report(page, content)
    return page.read_text(encoding="utf-8"), content


@pytest.mark.parametrize(
    ("anchor", "heading"),
    [("curriculum", "Kurikulum Anda"), ("pay", "Bayaran"), ("survey", "Pendapatan anggota Anda")],
)
def test_the_sections_have_indonesian_headings_and_no_english_left(written, anchor, heading):
    page, content = written
    html = section(page, anchor)
    assert f"<h2>{heading}</h2>" in html
    assert "Cara membaca." in html
    left = own_text(html, content)
    assert not ENGLISH_WORDS.findall(left), sorted(set(ENGLISH_WORDS.findall(left)))


def test_the_curriculum_section_speaks_indonesian(written):
    page, _ = written
    html = section(page, "curriculum")
    for text in (
        '<div class="fact-label">cakupan</div>',
        "Dari lowongan yang menyebut setidaknya satu keterampilan, <strong>42%</strong> <em>tercakup</em>",
        "<h4>Cakupan per klaster</h4>",
        "<h4>Keterampilan yang belum diajarkan, yang paling banyak diminta lebih dulu</h4>",
        "<h4>Ajarkan berikutnya</h4>",
        '<th scope="col">Keterampilan</th>',
        '<th scope="col" class="num">Median gaji sebulan</th>',
        "Kurikulum ini mengajarkan setiap keterampilan yang diminta lowongan-lowongan ini.",
        "Tidak ada keterampilan yang membuka lowongan lagi.",
        "<h4>Apakah pekerjaan ini cukup untuk hidup di Kabupaten Sleman",
        '<th scope="col" class="num">Mencapai UMK</th>',
        "<td>Semua klaster</td>",
        "<p>Asumsi di balik angka-angka ini:</p>",
        "<p>Angka yang dipakai:</p>",
        "Rp 6.500.000",
    ):
        assert text in html, text


def test_hourly_and_project_pay_keep_their_period_in_indonesian(written):
    page, _ = written
    earnings = section(page, "curriculum")
    earnings = earnings[earnings.index("<h4>Apakah pekerjaan ini cukup") : earnings.index("Asumsi di balik")]
    hourly = earnings[earnings.index("<h5>Pekerjaan dengan upah per jam</h5>") :]
    hourly, project = hourly.split("<h5>Proyek dengan bayaran tetap, per proyek</h5>")
    assert "Median per jam setelah biaya platform" in hourly and "Rp 64.300" in hourly
    assert "Jam kerja per bulan untuk UMK, pada median" in hourly and "40,8" in hourly
    assert "Rupiah per jam" in hourly  # the chart's axis
    assert "Median per proyek setelah biaya platform" in project
    assert "Proyek per bulan untuk UMK, pada median" in project
    pay = section(page, "pay")
    pay_hourly = pay[pay.index("<h4>Pekerjaan dengan upah per jam</h4>") :]
    pay_hourly, pay_project = pay_hourly.split("<h4>Proyek dengan bayaran tetap, per proyek</h4>")
    assert "Median per jam" in pay_hourly and "Rupiah per jam" in pay_hourly
    assert "Median per proyek" in pay_project and "Rupiah per proyek" in pay_project
    for paid_otherwise in (hourly, project, pay_hourly, pay_project):
        assert "sebulan" not in paid_otherwise
    # Salaries are a month.
    salaried = pay[pay.index("<h4>Pekerjaan bergaji, sebulan</h4>") : pay.index("<h4>Pekerjaan dengan upah per jam")]
    assert "Median sebulan" in salaried and "Rupiah sebulan" in salaried


def test_the_survey_section_speaks_indonesian(written):
    page, _ = written
    html = section(page, "survey")
    for text in (
        "4 anggota dianalisis (1 baris bermasalah tidak dipakai), dibandingkan dengan tolok ukur Sleman",
        "yang berlaku pada Januari 2026.",
        '<th scope="col">Tolok ukur</th>',
        '<th scope="col" class="num">Kelompok 0</th>',
        "<td>pendapatan rumah tangga</td>",
        "<td>pendapatan pribadi</td>",
        "<h3>Kelompok anggota</h3>",
        "<td>pelajar atau mahasiswa</td>",
        "Rp 2.624.000",  # the line, to the thousand
    ):
        assert text in html, text


def test_empty_parts_say_so_in_indonesian(tmp_path: Path):
    content = report_content()
    content.pay_by_cluster = content.pay_by_cluster.head(0)
    content.curricula[0].earnings, content.curricula[0].yardsticks_note = None, "UMK tidak ditemukan"
    write_report(tmp_path / "r.html", content)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Tidak ada lowongan di pilihan ini yang menyebut bayarannya." in section(page, "pay")
    assert "UMK tidak ditemukan" in section(page, "curriculum")
    content.curricula = []
    write_report(tmp_path / "r.html", content)
    curriculum = section((tmp_path / "r.html").read_text(encoding="utf-8"), "curriculum")
    assert "Laporan ini tidak diberi kurikulum" in curriculum
