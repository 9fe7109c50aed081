"""The HTML report (analysis/report/): one self-contained page and, next to it, the data behind it.

`report_content` builds a small `ReportContent` by hand in which every text that could come from scraped postings or
user files is a hostile string; tests/test_report_browser.py renders the same content in Chromium. These tests read
the English page (the `english` fixture); tests/test_report_language.py reads the Indonesian one.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timezone
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.report import CurriculumSection, ReportContent, write_report

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English report

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = (SCRIPT, ATTRIBUTE)
CHART_KINDS = {"bar", "line", "scatter", "heatmap", "pay"}
# Tables every report writes, whatever it shows; each curriculum adds four.
TABLES = {
    "top_skills",
    "skill_trends",
    "rising",
    "falling",
    "occupation_index",
    "cluster_map",
    "clusters",
    "skill_families",
    "curricula",
    "comparison",
    "pay_summary_salaried",
    "pay_summary_hourly",
    "pay_summary_project",
    "pay_by_cluster",
    "sources",
}


def curriculum_section(name: str, coverage: float, *, empty: bool = False) -> CurriculumSection:
    clusters = pd.DataFrame(
        {
            "cluster": [0, 1, 2],
            "name": [f"Web {SCRIPT}", "Design", ATTRIBUTE],
            "postings": [40, 25, 15],
            "taught_share": [0.62, 0.1, 0.0],
            "covered_share": [0.5, 0.04, 0.0],
        }
    )
    missing = pd.DataFrame(
        {
            "skill": [SCRIPT, ATTRIBUTE, "Figma"],
            "postings": [30, 12, 9],
            "share_of_postings": [0.375, 0.15, 0.1125],
            "median_pay_idr_month": [6_500_000.0, np.nan, 4_750_000.0],
        }
    )
    recommendations = pd.DataFrame(
        {
            "rank": [1, 2],
            "skill": [SCRIPT, "Figma"],
            "postings_opened": [11, 4],
            "coverage_after": [0.55, 0.6],
            "median_pay_idr_month": [7_000_000.0, np.nan],
            "adjacent_to": [ATTRIBUTE, None],
            "reason": [
                f"asked for in 30 postings, 20 of them next to {ATTRIBUTE}",
                "opens 4 more postings, no pay stated",
            ],
        }
    )
    if empty:
        missing, recommendations = missing.head(0), recommendations.head(0)
    return CurriculumSection(
        name=name,
        region=f"Kabupaten Sleman {ATTRIBUTE}",
        market=f"Market: postings asking for a skill of the group {SCRIPT} (10 of 20)",
        coverage=coverage,
        theta=0.5,
        cluster_coverage=clusters,
        missing=missing,
        missing_by_pay=missing.sort_values("median_pay_idr_month", ascending=False, na_position="last"),
        recommendations=recommendations,
        earnings=pd.DataFrame(
            {
                "cluster": ["overall", f"Web {SCRIPT}", "overall", "overall"],
                "kind": ["salaried", "salaried", "hourly", "project"],
                "postings": [30, 30, 12, 9],
                "median_idr": [5_250_000.0, 5_250_000.0, 64_300.0, 1_800_000.0],
                "p25_idr": [3_000_000.0, 3_000_000.0, 40_000.0, 900_000.0],
                "p75_idr": [7_000_000.0, 7_000_000.0, 90_000.0, 4_000_000.0],
                "per": ["month", "month", "hour", "project"],
                **{
                    f"share_reaching_{key}": [0.8, 0.8, 1.0, np.nan]
                    for key in ("umk", "bps_capita", "bps_household", "wb_extreme", "wb_lower_middle", "wb_upper_middle")
                },
                "hours_a_month_to_reach_umk": [np.nan, np.nan, 40.8, np.nan],
                "hours_a_month_to_reach_bps_household": [np.nan, np.nan, 47.5, np.nan],
                "hours_a_month_to_reach_wb_upper_middle": [np.nan, np.nan, 23.5, np.nan],
                "projects_a_month_to_reach_umk": [np.nan, np.nan, np.nan, 1.46],
                "projects_a_month_to_reach_bps_household": [np.nan, np.nan, np.nan, 1.7],
                "projects_a_month_to_reach_wb_upper_middle": [np.nan, np.nan, np.nan, 0.84],
            }
        ),
        earnings_pay=pd.DataFrame(
            {
                "cluster": [0] * 9,
                "name": [f"Web {SCRIPT}"] * 9,
                "kind": ["salaried"] * 6 + ["hourly"] * 3,
                "net_idr": [2e6, 3e6, 4e6, 5e6, 6e6, 7e6, 40_000.0, 64_300.0, 90_000.0],
            }
        ),
        earnings_counts=f"It counts the postings a member living in Kabupaten Sleman {ATTRIBUTE} could take.",
        earnings_assumptions=("An hourly yardstick is the monthly figure divided by 126 (PP 36/2021 Pasal 16).",),
        yardstick_lines=((f"UMK {SCRIPT}", 2_624_387.0), ("World Bank $6.85 (2017 PPP)", np.nan)),
        yardsticks_used=(f"UMK Kabupaten Sleman 2026 ({SCRIPT})",),
    )


def report_content(*, points: int = 300) -> ReportContent:
    """A report of invented numbers whose every scraped or user-written text is hostile."""
    rng = np.random.default_rng(7)
    periods = pd.date_range("2026-01-05", periods=8, freq="W-MON")
    days = pd.date_range("2026-01-01", periods=60, freq="D")
    cluster_names = [f"Web {SCRIPT}", "Design", ATTRIBUTE]
    cluster_of_point = rng.integers(-1, 3, size=points)
    return ReportContent(
        title=f"Pasar kerja {SCRIPT}",
        caption=f"Sample data (invented): postings in Indonesia {ATTRIBUTE}",
        generated_at=datetime(2026, 4, 1, 8, 30, tzinfo=timezone.utc),
        posting_count=80,
        sources=pd.Series({"glints": 50, SCRIPT: 30}, name="postings"),
        top_skills=pd.DataFrame(
            {
                "skill": [SCRIPT, ATTRIBUTE, "Python", "Figma", "Excel", "SQL"],
                "postings": [40, 31, 22, 9, 7, 3],
                "share": [0.5, 0.3875, 0.275, 0.1125, 0.0875, 0.0375],
            }
        ),
        skill_trends=pd.DataFrame(
            {
                SCRIPT: np.linspace(0.3, 0.5, 8),
                ATTRIBUTE: [0.4, 0.35, np.nan, 0.3, 0.28, 0.3, 0.25, 0.2],
                "Python": np.full(8, 0.25),
            },
            index=pd.DatetimeIndex(periods, name="period"),
        ),
        rising=pd.DataFrame(
            {
                "skill": [SCRIPT],
                "count_before": [10],
                "count_after": [30],
                "share_before": [0.25],
                "share_after": [0.5],
                "change": [0.25],
            }
        ),
        falling=pd.DataFrame(columns=["skill", "count_before", "count_after", "share_before", "share_after", "change"]),
        period_labels=(f"2026-01-05 – 2026-02-01 {SCRIPT}", f"2026-02-02 – 2026-03-01 {ATTRIBUTE}"),
        occupation_index=pd.DataFrame(
            {
                "software_development": np.r_[np.full(27, np.nan), np.linspace(40, 55, 33)],
                ATTRIBUTE: np.r_[np.full(27, np.nan), np.linspace(20, 15, 33)],
                "total": np.r_[np.full(27, np.nan), np.linspace(100, 112, 33)],
            },
            index=pd.DatetimeIndex(days, name="day"),
        ),
        index_method=f"Counts of new postings per day {SCRIPT}.\n\nSmoothed over 28 days {ATTRIBUTE}.",
        index_note=f"Only 60 days of postings {SCRIPT}",
        clusters=pd.DataFrame(
            {
                "cluster": [0, 1, 2],
                "name": cluster_names,
                "size": [40, 25, 15],
                "share": [0.5, 0.3125, 0.1875],
                "top_occupation": ["software_development", "creative_multimedia", SCRIPT],
                "top_occupation_share": [0.8, 0.7, 0.4],
                "median_pay_idr_month": [8_000_000.0, 5_500_000.0, np.nan],
            }
        ),
        cluster_map=pd.DataFrame(
            {
                "x": rng.normal(cluster_of_point * 3.0, 1.0),
                "y": rng.normal(cluster_of_point * -2.0, 1.0),
                "cluster": cluster_of_point,
                "name": [cluster_names[c] if c >= 0 else "no skills" for c in cluster_of_point],
            }
        ),
        skill_families=[(f"Front end {SCRIPT}", ["HTML", "CSS", ATTRIBUTE]), ("Design", ["Figma", "Adobe XD"])],
        curricula=[curriculum_section(f"Pondok {SCRIPT}", 0.42), curriculum_section(ATTRIBUTE, 0.18, empty=True)],
        comparison=pd.DataFrame(
            {
                "name": [f"Pondok {SCRIPT}", ATTRIBUTE],
                "coverage": [0.42, 0.18],
                f"Web {SCRIPT}": [0.62, 0.3],
                "Design": [0.1, 0.9],
                ATTRIBUTE: [0.0, np.nan],
            }
        ),
        pay_by_cluster=pd.DataFrame(
            {
                "cluster": [0] * 12 + [1] * 3 + [2],
                "name": [cluster_names[0]] * 12 + [cluster_names[1]] * 3 + [cluster_names[2]],
                "kind": ["salaried"] * 11 + ["hourly"] + ["salaried"] * 3 + ["project"],
                "pay_idr": [*np.linspace(4e6, 15e6, 11), 75_000.0, 3.5e6, 5e6, 6e6, 2e6],
            }
        ),
    )


class Page(HTMLParser):
    """The parts of a page the tests look at: elements with their attributes, and ids."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def charts(self) -> list[str]:
        return [
            attributes["data-chart"]
            for tag, attributes in self.elements
            if tag == "svg" and "chart" in (attributes.get("class") or "").split()
        ]


@pytest.fixture
def written(tmp_path) -> tuple[Path, list[Path], str]:
    page = tmp_path / "laporan.html"
    paths = write_report(page, report_content())
    return page, paths, page.read_text(encoding="utf-8")


def test_the_page_parses_and_has_every_section_and_chart(written):
    page, paths, html = written
    assert paths[0] == page
    parsed = Page(html)
    ids = [attributes.get("id") for _, attributes in parsed.elements]
    sections = ["summary", "demand", "trends", "index", "clusters", "curriculum", "compared", "pay", "about"]
    assert [anchor for anchor in ids if anchor in sections] == sections
    assert set(parsed.charts()) == CHART_KINDS
    assert parsed.charts().count("line") == 2  # skill trends and the occupation index
    # Every in-page link points at a section that exists.
    targets = {
        attributes["href"][1:] for tag, attributes in parsed.elements if tag == "a" and attributes["href"][0] == "#"
    }
    assert targets <= set(ids)


def test_no_hostile_string_survives_unescaped(written):
    _, _, html = written
    for hostile in HOSTILE:
        assert hostile not in html
        assert escape(hostile) in html
    parsed = Page(html)
    tags = {tag for tag, _ in parsed.elements}
    assert "script" not in tags and "img" not in tags
    assert not [name for _, attributes in parsed.elements for name in attributes if name.startswith("on")]


def test_the_page_references_nothing_outside_itself(written):
    page, _, html = written
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|url\(|@import", html, re.IGNORECASE)
    parsed = Page(html)
    assert not [tag for tag, attributes in parsed.elements if tag in ("link", "script", "iframe", "object", "embed")]
    for tag, attributes in parsed.elements:
        for name in ("href", "src", "xlink:href", "action"):
            value = attributes.get(name)
            if value is None:
                continue
            assert (tag, name) == ("a", "href"), (tag, name, value)
            assert value.startswith("#") or value.startswith("laporan_data/"), value
            assert (page.parent / value).exists() if not value.startswith("#") else True
    policy = next(a["content"] for tag, a in parsed.elements if tag == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in policy


def test_every_table_is_written_as_csv_and_parquet_that_read_back_equal(written):
    page, paths, html = written
    folder = page.parent / "laporan_data"
    expected = TABLES | {
        f"curriculum_{n}_{slug}_{part}"
        for n, slug in ((1, "pondok-script-alert-1-script"), (2, "img-src-x-onerror-alert-1"))
        for part in ("clusters", "missing", "missing_by_pay", "recommendations", "earnings")
    }
    assert {path.stem for path in folder.iterdir()} == expected
    assert sorted(paths[1:]) == sorted(folder.iterdir())
    for name in expected:
        csv_path, parquet_path = folder / f"{name}.csv", folder / f"{name}.parquet"
        assert f'href="laporan_data/{name}.csv"' in html and f'href="laporan_data/{name}.parquet"' in html
        from_parquet = pd.read_parquet(parquet_path)
        dates = [
            column for column in from_parquet.columns if pd.api.types.is_datetime64_any_dtype(from_parquet[column])
        ]
        from_csv = pd.read_csv(csv_path, parse_dates=dates)
        pd.testing.assert_frame_equal(from_csv, from_parquet, check_dtype=False, check_index_type=False)


def test_data_files_hold_what_the_content_holds(written):
    page, _, _ = written
    content = report_content()
    folder = page.parent / "laporan_data"
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "top_skills.parquet"), content.top_skills)
    trends = pd.read_parquet(folder / "skill_trends.parquet").set_index("period_start")
    pd.testing.assert_frame_equal(
        trends, content.skill_trends, check_names=False, check_index_type=False, check_freq=False
    )
    assert list(pd.read_csv(folder / "skill_trends.csv").columns) == ["period_start", *content.skill_trends.columns]
    families = pd.read_csv(folder / "skill_families.csv")
    assert families.groupby("family", sort=False)["skill"].apply(list).to_dict() == dict(content.skill_families)
    pd.testing.assert_frame_equal(
        pd.read_parquet(folder / "curriculum_1_pondok-script-alert-1-script_missing.parquet"),
        content.curricula[0].missing,
    )


def test_empty_tables_show_a_note_not_an_empty_table(written):
    _, _, html = written
    assert "No skill fell between the two periods." in html
    assert "The curriculum teaches every skill these postings ask for." in html
    assert "No skill would open more postings." in html
    assert "<tbody></tbody>" not in html


def test_numbers_are_formatted_for_readers(written):
    _, _, html = written  # in English; tests/test_report_language.py checks the Indonesian ones
    assert '<td class="num">39%</td>' in html and '<td class="num">8.8%</td>' in html  # shares
    assert "Rp 6,500,000" in html  # a median pay
    assert "+25.0 pts" in html  # a change of share
    assert "Rp 4 m" in html or "Rp 5 m" in html  # a pay axis


def test_csv_data_files_hold_no_formula_and_parquet_keeps_the_values(tmp_path):
    content = report_content()
    formula = '=HYPERLINK("https://evil.example.test","klik")'
    content.top_skills.loc[0, "skill"] = formula
    content.top_skills.loc[1, "skill"] = "\u202e+SUM(1;1)"  # a formula behind a removed override is one still
    content.rising.loc[0, "change"] = -0.25  # a negative number is a number, not a formula
    content.skill_trends = content.skill_trends.rename(columns={"Python": "@Python"})
    write_report(tmp_path / "r.html", content)
    folder = tmp_path / "r_data"
    with (folder / "top_skills.csv").open(encoding="utf-8", newline="") as file:
        assert [row[0] for row in csv.reader(file)][1:3] == [f"'{formula}", "'+SUM(1;1)"]
    assert list(pd.read_parquet(folder / "top_skills.parquet")["skill"][:2]) == [formula, "\u202e+SUM(1;1)"]
    assert pd.read_csv(folder / "rising.csv")["change"].tolist() == [-0.25]
    assert "'@Python" in pd.read_csv(folder / "skill_trends.csv").columns
    assert "@Python" in pd.read_parquet(folder / "skill_trends.parquet").columns


@pytest.mark.parametrize("figure", [np.inf, -np.inf, np.nan])
def test_a_non_finite_figure_is_written_as_a_dash_never_inf_or_nan(tmp_path, figure):
    content = report_content()
    content.curricula[0].missing.loc[0, "median_pay_idr_month"] = figure
    content.top_skills.loc[0, "share"] = figure
    html = write_report(tmp_path / "r.html", content) and (tmp_path / "r.html").read_text(encoding="utf-8")
    assert not re.search(r">[^<]*\b(?:inf|nan)\b", html, re.IGNORECASE)
    assert "Rp inf" not in html and "Rp −inf" not in html


def test_invented_data_is_said_to_be_invented(tmp_path):
    content = report_content()
    write_report(tmp_path / "sample.html", content)
    assert (tmp_path / "sample.html").read_text().count("invented sample data") == 2
    content.caption = "Postings in Indonesia, 1 January to 31 March 2026"
    write_report(tmp_path / "real.html", content)
    assert "invented sample data" not in (tmp_path / "real.html").read_text()


def test_short_data_show_the_note_instead_of_the_index_and_one_curriculum_is_not_compared(tmp_path):
    content = report_content()
    content.occupation_index = None
    content.curricula = content.curricula[:1]
    paths = write_report(tmp_path / "r.html", content)
    html = (tmp_path / "r.html").read_text()
    assert escape(f"Only 60 days of postings {SCRIPT}") in html
    assert Page(html).charts().count("line") == 1
    assert 'id="compared"' not in html and "heatmap" not in Page(html).charts()
    assert not [path for path in paths if "occupation_index" in path.name or "comparison" in path.name]


def test_too_little_data_to_compare_periods_says_why_instead_of_empty_tables(tmp_path):
    content = report_content()
    content.changes_note = f"the postings cover 16 days {SCRIPT}; comparing needs two periods of at least 28 days"
    write_report(tmp_path / "r.html", content)
    html = (tmp_path / "r.html").read_text()
    assert "Too little data to say what rose or fell: the postings cover 16 days" in html
    assert escape(SCRIPT) in html and SCRIPT not in html
    assert "No skill rose" not in html and "Rising: asked for more" not in html


def test_a_report_with_no_data_still_reads(tmp_path):
    content = report_content()
    content.posting_count = 0
    content.sources = pd.Series(dtype="int64")
    for name in ("top_skills", "rising", "falling", "clusters", "cluster_map", "pay_by_cluster"):
        setattr(content, name, getattr(content, name).head(0))
    content.skill_trends = content.skill_trends.iloc[:0, :0]
    content.occupation_index, content.index_note, content.comparison = None, None, None
    content.skill_families, content.curricula = [], []
    write_report(tmp_path / "empty.html", content)
    html = (tmp_path / "empty.html").read_text()
    assert Page(html).charts() == []
    for note in (
        "There are not enough dated postings to draw trends.",
        "There are not enough dated postings for an index.",
        "No curriculum was given",
        "No posting in this selection states its pay.",
        "There were too few postings with skills to form clusters.",
    ):
        assert note in html


def test_rewriting_removes_data_files_of_the_earlier_report(tmp_path):
    write_report(tmp_path / "r.html", report_content())
    content = report_content()
    content.curricula = content.curricula[:1]
    write_report(tmp_path / "r.html", content)
    assert not list((tmp_path / "r_data").glob("curriculum_2_*"))
    assert (tmp_path / "r_data" / "curricula.csv").exists()


def test_a_table_missing_a_column_names_it(tmp_path):
    content = report_content()
    content.top_skills = content.top_skills.drop(columns="share")
    with pytest.raises(ValueError, match="report table top_skills lacks the columns share"):
        write_report(tmp_path / "r.html", content)


def test_pay_against_the_yardsticks_is_shown_per_curriculum(written):
    _, _, page = written
    assert "Does this work pay enough to live on in Kabupaten Sleman" in page
    assert "could take." in page and escape(ATTRIBUTE) in page
    assert "Reach UMK" in page and "80%" in page
    assert f"UMK Kabupaten Sleman 2026 ({escape(SCRIPT)})" in page
    assert "Salaried jobs, a month per cluster against the yardsticks of Kabupaten Sleman" in page
    assert "divided by 126" in page


def test_hourly_and_project_pay_keep_their_period_in_the_report(written):
    _, _, page = written
    section = page[page.index("Does this work pay enough") :]
    # Hourly pay an hour with the hours a month it takes; project pay a project with the projects it takes.
    assert "Median an hour after fee" in section and "Rp 64,300" in section
    assert "Hours a month for UMK, at the median" in section and "40.8" in section
    assert "Median a project after fee" in section and "Projects a month for UMK, at the median" in section
    # The charts: the hourly one draws the yardsticks' hourly equivalents (a month / 126).
    assert f"UMK {escape(SCRIPT)} / 126" in section
    pay = page[page.index('id="pay"') : page.index('id="about"')] if 'id="about"' in page else page
    assert "Median an hour" in pay and "Median a project" in pay


def test_a_region_without_yardsticks_says_so(tmp_path):
    content = report_content()
    content.curricula[0].earnings = None
    content.curricula[0].yardsticks_note = "no minimum wage for Kabupaten Atlantis in 2026"
    out = tmp_path / "report.html"
    write_report(out, content)
    assert "no minimum wage for Kabupaten Atlantis in 2026" in out.read_text()


def test_a_survey_gets_its_section_with_every_text_escaped(tmp_path):
    from analysis.report import SurveySection

    indicators = pd.DataFrame(
        {
            "indicator": ["umk", "wb_extreme"],
            "yardstick": [f"UMK {SCRIPT}", "World Bank $3.00 (2021 PPP)"],
            "compares": ["personal income", "income per household member"],
            "line_idr": [2_624_387.0, 546_400.0],
            "members": [4, 4],
            "reaching": [1, 3],
            "share": [0.25, 0.75],
        }
    )
    by_group = pd.concat([indicators.assign(cluster=0), indicators.assign(cluster=1, share=[0.5, 1.0])])
    profiles = pd.DataFrame(
        {
            "cluster": [0, 1], "members": [2, 2], "share": [0.5, 0.5], "median_income_idr": [1e6, 4e6],
            "median_income_per_member_idr": [5e5, 2e6], "median_months_experience": [3, 30],
            "commonest_status": ["student", ATTRIBUTE], "commonest_platform": ["none", "upwork"],
            "top_skills": [(SCRIPT, "CSS"), ("Canva",)],
        }
    )  # fmt: skip
    content = report_content()
    content.survey = SurveySection(f"survey {ATTRIBUTE}.csv", f"Sleman {SCRIPT}", "2026-01", 4, 1, indicators,
                                   by_group, profiles, (f"UMK {SCRIPT}",))  # fmt: skip
    out = tmp_path / "report.html"
    write_report(out, content)
    page = out.read_text()
    assert "Your members&#x27; incomes" in page and "rows with problems were left out" in page
    assert SCRIPT not in page and ATTRIBUTE not in page
    assert escape(SCRIPT) in page and escape(ATTRIBUTE) in page
    assert (tmp_path / "report_data" / "survey_groups.parquet").exists()
