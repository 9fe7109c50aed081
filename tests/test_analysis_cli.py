"""The analysis commands as a user runs them, on a database filled by real crawls of a synthetic market."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.formats import format_count
from analysis.language import language
from pipelines.skills.taxonomy import load_taxonomy
from sample.market import BOARDS, market_records
from sample.synthetic import serve_market
from tests.conftest import PROJECT_DIR, rows, run_crawl

CURRICULA = sorted((PROJECT_DIR / "examples" / "curricula").glob("*.yaml"))
SURVEY = PROJECT_DIR / "examples" / "survey" / "example-survey.csv"


@pytest.fixture(scope="module")
def market_url(tmp_path_factory):
    """A SQLite store holding 600 synthetic postings over 12 weeks, crawled by the freelancer and kalibrr spiders."""
    url = f"sqlite:///{tmp_path_factory.mktemp('market')}/market.db"
    server = serve_market(market_records(600, seed=5, weeks=12))
    try:
        for spider in BOARDS:
            run_crawl(spider, f"http://127.0.0.1:{server.server_port}", url)
    finally:
        server.shutdown()
        server.server_close()
    return url


def pasarkerja(database_url: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", "--database-url", database_url, *arguments],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300,
    )


def test_demand_lists_skills_and_their_change(market_url):
    result = pasarkerja(market_url, "demand", "--top", "5", "--source", "kalibrr")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Postings on kalibrr: ")
    assert "Skills most asked for" in result.stdout and "Rising from" in result.stdout


def test_demand_rolls_up_to_broader_skills_when_asked(market_url):
    plain = pasarkerja(market_url, "demand", "--top", "200")
    rolled = pasarkerja(market_url, "demand", "--top", "200", "--roll-up")
    assert rolled.returncode == 0, rolled.stderr
    assert "counts for the broader skills" in rolled.stdout
    # PHP, HTML and the frameworks lead to Web Development: more postings count for it rolled up.
    def postings_for(output: str, skill: str) -> int:
        line = next(line for line in output.splitlines() if line.strip().startswith(skill + "  "))
        return int(line.split()[len(skill.split())].replace(".", ""))

    assert postings_for(rolled.stdout, "Web Development") > postings_for(plain.stdout, "Web Development")


def test_index_states_its_method(market_url):
    result = pasarkerja(market_url, "index", "--window", "7", "--min-postings", "20")
    assert result.returncode == 0, result.stderr
    assert "trailing 7-day mean as the Online Labour Index does" in result.stdout
    assert "fewer than 20 postings" in result.stdout and "too thin to compare and is left blank" in result.stdout
    # by default a 7-day window of this market holds too few postings: one line says so and what to do
    result = pasarkerja(market_url, "index", "--window", "7")
    assert result.returncode == 2 and result.stderr.count("\n") <= 3
    assert "too little data for an index" in result.stderr and "--min-postings" in result.stderr


def test_clusters_are_stored_for_analysts(market_url):
    result = pasarkerja(market_url, "clusters", "--clusters", "6", "--store", "test run")
    assert result.returncode == 0, result.stderr
    assert "6 clusters of postings" in result.stdout and "Skill families" in result.stdout
    [(name, k, clustered)] = rows(
        market_url,
        "SELECT c.name, c.k, count(pc.posting_id) FROM clusterings c JOIN posting_clusters pc ON pc.clustering_id = c.id"
        " GROUP BY c.name, c.k",
    )
    assert (name, k) == ("test run", 6) and clustered > 500


def test_gap_recommends_what_to_teach_next(market_url):
    result = pasarkerja(market_url, "gap", "--curriculum", str(CURRICULA[0]), "--recommend", "3", "--theta", "0.6")
    assert result.returncode == 0, result.stderr
    assert "of the postings" in result.stdout and "Teach next" in result.stdout
    assert " 3. " in result.stdout and " 4. " not in result.stdout


def test_gap_counts_the_curriculums_market_unless_told_all(market_url):
    programmer = PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml"
    result = pasarkerja(market_url, "gap", "--curriculum", str(programmer), "--recommend", "5")
    assert result.returncode == 0, result.stderr
    market = re.search(r"Market: postings for software development or asking for a skill of the group ui_ux \(([\d,]+) "
                       r"of ([\d,]+)\), the targets the curriculum names", result.stdout)  # fmt: skip
    assert market and int(market[1].replace(",", "")) < int(market[2].replace(",", ""))  # English: 3,106
    taught_next = re.findall(r"^ +\d\. ([^:]+):", result.stdout, re.MULTILINE)
    taxonomy = load_taxonomy()
    assert taught_next and all(
        taxonomy.by_name[skill].occupation == "software_development" or taxonomy.by_name[skill].group == "ui_ux"
        for skill in taught_next
    )
    everything = pasarkerja(market_url, "gap", "--curriculum", str(programmer), "--market", "all")
    assert everything.returncode == 0 and "Market: every posting (" in everything.stdout


def test_report_writes_the_page_and_its_data(market_url, tmp_path):
    out = tmp_path / "report.html"
    arguments = [option for path in CURRICULA for option in ("--curriculum", str(path))]
    survey = ["--survey", str(SURVEY), "--survey-period", "2026-01"]
    earnings = ["--platform-fee", "0.2", "--hours-per-month", "120"]
    result = pasarkerja(
        market_url, "report", *arguments, *survey, *earnings, "--note", "synthetic market", "--lang", "en",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Report: {out.resolve()}" in result.stdout
    page = out.read_text()
    HTMLParser().feed(page)
    assert '<html lang="en">' in page and "<h1>Labour-market report</h1>" in page
    assert page.count('class="chart"') >= 6 and "Curricula compared" in page
    # Each example curriculum's region has its minimum wage in the yardstick table.
    assert page.count("Does this work pay enough to live on in") == len(CURRICULA)
    assert "UMK Kabupaten Sleman" in page and "UMK Kota Denpasar" in page
    # The survey is held against the first curriculum's region.
    assert "Your members&#x27; incomes" in page and "UMK Kota Surakarta" in page
    tables = sorted(Path(f"{tmp_path}/report_data").glob("*.csv"))
    assert len(tables) >= 10
    for csv in tables:
        as_csv, as_parquet = pd.read_csv(csv), pd.read_parquet(csv.with_suffix(".parquet"))
        assert list(as_csv.columns) == list(as_parquet.columns) and len(as_csv) == len(as_parquet)


def test_earnings_json_can_be_recomputed_from_the_database(market_url):
    programmers = str(PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml")
    result = pasarkerja(market_url, "earnings", "--curriculum", programmers, "--scope", "all", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # the JSON alone on standard output
    assert (data["region"], data["scope"]) == ("Kabupaten Sleman", "all")
    overall = {group["kind"]: group for group in data["groups"] if group["cluster"] == "overall"}
    assert set(overall) == {"salaried", "hourly", "project"}

    def middles(column: str, kind: str) -> pd.Series:
        found = rows(
            market_url,
            f"SELECT {column}_min, {column}_max FROM postings WHERE pay_kind = '{kind}' AND duplicate_of IS NULL",
        )
        return pd.Series([((low if low is not None else high) + (high if high is not None else low)) / 2
                          for low, high in found])  # fmt: skip

    salaries = middles("pay_idr_month", "salaried")
    assert overall["salaried"]["postings"] == len(salaries)
    assert overall["salaried"]["median_idr"] == pytest.approx(salaries.median())
    umk = next(line for line in data["yardsticks"] if line["key"] == "umk")
    assert overall["salaried"]["share_reaching"]["umk"] == pytest.approx((salaries >= umk["monthly_idr"]).mean())
    # Every hourly posting here is on Freelancer, which keeps 10% of hourly pay.
    hourly = middles("pay_idr_hour", "hourly") * 0.9
    assert (overall["hourly"]["per"], overall["hourly"]["postings"]) == ("hour", len(hourly))
    assert overall["hourly"]["median_idr"] == pytest.approx(hourly.median())
    assert overall["hourly"]["hours_a_month_to_reach"]["umk"] == pytest.approx(umk["monthly_idr"] / hourly.median())
    assert overall["hourly"]["share_reaching"]["umk"] == pytest.approx((hourly >= umk["monthly_idr"] / 126).mean())
    assert overall["project"]["per"] == "project" and overall["project"]["share_reaching"] is None


def test_the_report_is_in_indonesian_by_default_and_its_first_screen_answers(market_url, tmp_path):
    out = tmp_path / "laporan.html"
    programmers = str(PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml")
    result = pasarkerja(market_url, "report", "--curriculum", programmers, "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert '<html lang="id">' in page and "<h1>Laporan pasar kerja</h1>" in page
    summary = page[page.index('<section id="summary">') : page.index("</section>")]
    for answer in ("cakupan", "Ajarkan berikutnya", "Apakah pekerjaannya cukup untuk hidup?", "Apa yang berubah"):
        assert answer in summary
    assert "How to read" not in page


def test_earnings_counts_postings_within_reach_and_says_so(market_url):
    programmers = str(PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml")
    result = pasarkerja(market_url, "earnings", "--curriculum", programmers, "--source", "kalibrr")
    assert result.returncode == 0, result.stderr
    assert "could take: on site in DI Yogyakarta, or remote and open to people in Indonesia" in result.stdout
    assert "Salaried, a month:" in result.stdout and "Hourly, an hour" not in result.stdout
    [(yogyakarta_or_remote,)] = rows(
        market_url,
        "SELECT count(*) FROM postings WHERE source = 'kalibrr' AND duplicate_of IS NULL AND pay_kind IS NOT NULL "
        "AND (remote OR location LIKE '%Yogyakarta%' OR location LIKE '%Sleman%')",
    )
    with language("en"):  # the analyst commands print in English
        assert f"Salaried, a month: {format_count(yogyakarta_or_remote)} posting" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["earnings", "--curriculum", str(CURRICULA[0]), "--region", "Kabupaten Atlantis"], "Atlantis"),
        (["earnings", "--curriculum", str(CURRICULA[0]), "--workdays-per-week", "7"], "--workdays-per-week"),
        (["gap", "--curriculum", "missing.yaml"], "missing.yaml"),
        (["report", "--curriculum", str(CURRICULA[0]), "--theta", "2", "--out", "x.html"], "--theta: expected a share"),
        (["demand", "--source", "nowhere"], "--source"),
        (["report", "--curriculum", str(CURRICULA[0]), "--survey", str(SURVEY), "--out", "x.html"], "--survey-period"),
        (["report", "--curriculum", str(CURRICULA[0]), "--platform-fee", "20%", "--out", "x.html"], "--platform-fee"),
        (["demand", "--since", "2099-01-01"], "no postings match"),
    ],
)
def test_bad_input_gives_a_one_line_error(market_url, arguments, message):
    result = pasarkerja(market_url, *arguments)
    assert result.returncode == 2
    assert message in result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_survey_reports_resilience_and_row_problems(tmp_path):
    survey = SURVEY
    # The survey reads only its file: no database is needed, even a missing one.
    database_url = f"sqlite:///{tmp_path}/none.db"
    result = pasarkerja(database_url, "survey", str(survey), "--region", "sleman", "--period", "2026-01", "--json")
    assert result.returncode == 0, result.stderr
    assert '"umk"' in result.stdout and "row 14, column household_size" in result.stdout
    bad = pasarkerja(database_url, "survey", str(survey), "--region", "Atlantis", "--period", "2026-01")
    assert bad.returncode == 2 and "Atlantis" in bad.stderr.strip().splitlines()[-1]
    assert "Traceback" not in bad.stderr
