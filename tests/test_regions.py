"""Every regency and city of Indonesia is a region the commands take, falling back to its province's yardsticks and
then the national ones, and --yardsticks FILE adds or replaces figures (issue 18, point 5)."""

import json
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest

from analysis.language import language
from analysis.reach import places_of
from analysis.regions import closest, province_key, regions, split_prefix
from analysis.yardsticks import YardstickLookupError, load_yardsticks
from sample.market import market_records
from sample.synthetic import serve_market
from tests.conftest import PROJECT_DIR, run_crawl

SURVEY = PROJECT_DIR / "examples" / "survey" / "example-survey.csv"
CURRICULUM = PROJECT_DIR / "examples" / "curricula" / "pondok-programmer.yaml"
HEADER = "kind,name,value,unit,area,province,valid_from,valid_to,source,note"
GUNUNGKIDUL_UMK = (
    "minimum_wage,UMK Kabupaten Gunungkidul,2500000,IDR/month,Kabupaten Gunungkidul,DI Yogyakarta,2026-01-01,"
    "2026-12-31,Pemerintah Daerah DIY (test figure),"
)


def test_the_list_holds_every_regency_and_city_each_with_a_province():
    listed = regions()
    assert len(listed) == 514  # idn-area-data 4.0.1: Kepmendagri 300.2.2-2L38 Tahun 2025
    assert Counter(region.kind for region in listed) == {"kabupaten": 416, "kota": 98}
    assert len({region.code for region in listed}) == len(listed)
    assert all(region.province and region.code.startswith(region.province_code + ".") for region in listed)
    assert len({region.province for region in listed}) == 38
    header = (PROJECT_DIR / "analysis" / "reference" / "regions.csv").read_text(encoding="utf-8").split("\ncode,")[0]
    assert "idn-area-data 4.0.1" in header and "Open Database License" in header and "300.2.2-2L38 Tahun 2025" in header


def test_a_regency_the_table_has_no_row_for_lies_in_its_province():
    table = load_yardsticks()
    for written in ("Kabupaten Gunungkidul", "gunungkidul", "Kab. Gunungkidul", "KABUPATEN  GUNUNGKIDUL"):
        assert table.area(written) == "Kabupaten Gunungkidul"
        assert table.fallbacks(written) == ["Kabupaten Gunungkidul", "DI Yogyakarta", "Indonesia", "international"]
    assert table.fallbacks("Kota Administrasi Jakarta Selatan")[1] == "DKI Jakarta"
    assert table.area("Jakarta Selatan") == "Kota Administrasi Jakarta Selatan"
    assert table.area("Daerah Istimewa Yogyakarta") == "DI Yogyakarta"
    assert table.fallbacks("Kabupaten Aceh Selatan")[:2] == ["Kabupaten Aceh Selatan", "Aceh"]


def test_kota_and_kabupaten_of_one_name_are_two_regions():
    table = load_yardsticks()
    assert table.area("Kota Bandung") == "Kota Bandung" and table.area("kab bandung") == "Kabupaten Bandung"
    assert table.fallbacks("Kota Bandung")[1] == table.fallbacks("Kabupaten Bandung")[1] == "Jawa Barat"
    with language("en"), pytest.raises(YardstickLookupError, match="write one of Kabupaten Bandung, Kota Bandung$"):
        table.area("Bandung")
    assert split_prefix("Kota Administrasi Jakarta Pusat") == ("kota", "jakarta pusat")
    assert province_key("Daerah Khusus Ibukota Jakarta") == province_key("DKI Jakarta")


def test_an_unknown_name_is_refused_naming_the_closest():
    table = load_yardsticks()
    with language("en"), pytest.raises(YardstickLookupError) as caught:
        table.area("Gunung Kidul")
    assert str(caught.value).startswith("unknown region 'Gunung Kidul'; did you mean Kabupaten Gunungkidul")
    assert "\n" not in str(caught.value)
    with pytest.raises(YardstickLookupError, match="tidak dikenal: tulis kabupaten, kota atau provinsi"):
        table.area("Xyzzy")
    assert closest("Slemna", ["Kabupaten Sleman", "Kota Denpasar"]) == ["Kabupaten Sleman"]


def test_the_fallback_says_which_figure_stands_in_both_languages():
    table = load_yardsticks()
    on = date(2026, 3, 15)
    figures = table.yardsticks_for("Kabupaten Gunungkidul", on)
    assert figures["umk"].name == "UMP DI Yogyakarta" and figures["umk"].value == 2_417_495
    assert "karena tabel tidak memuat UMK Kabupaten Gunungkidul" in figures["umk"].used
    assert figures["bps_capita"].name == "Garis Kemiskinan DI Yogyakarta (per capita)"
    with language("en"):
        figures = table.yardsticks_for("Kabupaten Gunungkidul", on)
        aceh = table.yardsticks_for("Kabupaten Aceh Selatan", on)
    assert "since the table holds no UMK for Kabupaten Gunungkidul" in figures["umk"].used
    assert figures["bps_household"].used.endswith("for Kabupaten Gunungkidul or DI Yogyakarta")
    # A province with no figures of its own: the national line, saying so; no minimum wage at all, saying why.
    assert aceh["bps_capita"].name == "Garis Kemiskinan Indonesia (per capita)"
    assert aceh["bps_capita"].used.endswith("for Kabupaten Aceh Selatan or Aceh")
    assert not aceh["umk"].available and "nor for the areas it falls back to (Aceh, Indonesia" in aceh["umk"].used
    # A regency the table lists keeps saying that it set no UMK that year (Buleleng from 2024).
    assert "karena Kabupaten Buleleng tidak punya UMK untuk 2026" in table.yardsticks_for("Buleleng", on)["umk"].used


def pasarkerja(*arguments: str, database_url: str = "sqlite:///:memory:") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", "--database-url", database_url, *arguments],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def own_yardsticks(tmp_path):
    path = tmp_path / "gunungkidul.csv"
    path.write_text(f"# the community's own figures\n{HEADER}\n{GUNUNGKIDUL_UMK}\n", encoding="utf-8")
    return path


def test_survey_takes_any_regency_and_yardsticks_of_ones_own(own_yardsticks):
    survey = ["survey", str(SURVEY), "--period", "2026-01", "--json", "--region", "Kabupaten Gunungkidul"]
    result = pasarkerja(*survey)
    assert result.returncode == 0, result.stderr
    umk = json.loads(result.stdout)["yardsticks"]["umk"]
    assert umk["name"] == "UMP DI Yogyakarta" and "holds no UMK for Kabupaten Gunungkidul" in umk["used"]
    result = pasarkerja(*survey, "--yardsticks", str(own_yardsticks))
    assert result.returncode == 0, result.stderr
    umk = json.loads(result.stdout)["yardsticks"]["umk"]
    assert (umk["name"], umk["value_idr"]) == ("UMK Kabupaten Gunungkidul", 2_500_000)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--region", "Gunung Kidul"], "tidak dikenal; mungkin maksudnya Kabupaten Gunungkidul"),
        (["--region", "Kabupaten Gunungkidul", "--yardsticks", "missing.csv"], "missing.csv: cannot read"),
    ],
)
def test_a_bad_region_or_yardstick_file_is_a_one_line_error(arguments, message):
    result = pasarkerja("survey", str(SURVEY), "--period", "2026-01", *arguments)
    assert result.returncode == 2
    assert message in result.stderr.strip().splitlines()[-1] and "Traceback" not in result.stderr


def test_earnings_in_gunungkidul_with_a_umk_of_ones_own(tmp_path, own_yardsticks):
    database_url = f"sqlite:///{tmp_path}/market.db"
    server = serve_market(market_records(80, seed=5, weeks=4))
    try:
        run_crawl("kalibrr", f"http://127.0.0.1:{server.server_port}", database_url)
    finally:
        server.shutdown()
        server.server_close()
    earnings = ["earnings", "--curriculum", str(CURRICULUM), "--region", "Kabupaten Gunungkidul", "--on", "2026-03-01"]

    def umk(*arguments: str) -> tuple[str, float]:
        result = pasarkerja(*earnings, "--json", "--scope", "all", *arguments, database_url=database_url)
        assert result.returncode == 0, result.stderr
        [figure] = [yardstick for yardstick in json.loads(result.stdout)["yardsticks"] if yardstick["key"] == "umk"]
        return figure["name"], figure["monthly_idr"]

    assert umk() == ("UMP DI Yogyakarta", 2_417_495)
    assert umk("--yardsticks", str(own_yardsticks)) == ("UMK Kabupaten Gunungkidul", 2_500_000)


def test_jakartas_official_city_names_reach_the_postings_that_name_them_plainly():
    places = places_of("Kota Administrasi Jakarta Selatan", load_yardsticks())
    assert frozenset({"jakarta", "selatan"}) in places  # a posting in "Jakarta Selatan" holds every telling word
    assert all("administrasi" not in place for place in places)
