"""The yardstick table and its lookup: figures in force by region and date, fallbacks, and the errors users meet."""

from datetime import date, datetime
from pathlib import Path

import pytest

from analysis.yardsticks import (
    COLUMNS,
    PER_HOUSEHOLD,
    PER_PERSON,
    YardstickFileError,
    YardstickLookupError,
    load_yardsticks,
    yardsticks_for,
)
from tests.conftest import by_default

HEADER = ",".join(COLUMNS)


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(scope="module")
def table():
    return load_yardsticks()


def write(path: Path, *rows: str, comments: str = "# my region's figures\n") -> Path:
    path.write_text(comments + HEADER + "\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_bundled_table_is_package_data_and_every_row_reads(table):
    # 9 World Bank, 26 national BPS, 12 provincial BPS, 52 minimum wages, 1 PPP conversion factor
    assert len(table) == 100
    assert table.origin.endswith("analysis/reference/yardsticks.csv")
    kinds = {figure.kind for figure in table.figures}
    assert kinds == {"world_bank_line", "bps_poverty_line", "minimum_wage", "ppp_factor"}


def test_a_regency_takes_its_own_umk(table):
    figure = table.lookup("minimum_wage", "Kabupaten Sleman", date(2026, 3, 1))
    assert figure.value == 2_624_387
    assert figure.unit == "IDR/month"
    assert figure.used == "UMK Kabupaten Sleman 2026 (Pemerintah Daerah DIY, UMK 2026)"


@pytest.mark.parametrize(
    "region", ["Kabupaten Sleman", "kabupaten sleman", "Sleman", "SLEMAN", "Kab. Sleman", "Kab Sleman", " Kab.  Sleman"]
)
def test_region_names_match_with_or_without_prefix(table, region):
    assert table.lookup("minimum_wage", region, date(2025, 1, 1)).value == 2_466_515


def test_a_bare_name_finds_the_city_and_not_the_province(table):
    # "DI Yogyakarta" does not lose "DI": "Yogyakarta" alone can only be the city.
    assert table.area("Yogyakarta") == "Kota Yogyakarta"
    assert table.lookup("minimum_wage", "yogyakarta", date(2024, 6, 1)).value == 2_492_997
    assert table.lookup("minimum_wage", "DI Yogyakarta", date(2024, 6, 1)).value == 2_125_898


def test_a_wrong_prefix_is_not_matched(table):
    with pytest.raises(YardstickLookupError, match="unknown region 'Kota Sleman'"):
        table.lookup("minimum_wage", "Kota Sleman", date(2025, 1, 1))


def test_buleleng_without_umk_takes_the_ump_of_bali_and_says_why(table):
    own = table.lookup("minimum_wage", "Kabupaten Buleleng", date(2023, 7, 1))
    assert own.value == 2_716_206 and own.name == "UMK Kabupaten Buleleng"
    fallback = table.lookup("minimum_wage", "Buleleng", date(2025, 6, 30))
    assert fallback.value == 2_996_561
    assert fallback.used == (
        "UMP Bali 2025 (Pemerintah Provinsi Bali, UMP 2025), since Kabupaten Buleleng has no UMK for 2025"
    )


def test_sukoharjo_2026_takes_the_ump_of_jawa_tengah(table):
    assert table.lookup("minimum_wage", "Sukoharjo", date(2025, 12, 31)).value == 2_359_488
    figure = table.lookup("minimum_wage", "Sukoharjo", date(2026, 1, 1))
    assert figure.value == 2_327_386
    assert figure.name == "UMP Jawa Tengah"
    assert "since Kabupaten Sukoharjo has no UMK for 2026" in figure.used


def test_a_province_takes_its_ump(table):
    assert table.lookup("minimum_wage", "DKI Jakarta", date(2026, 5, 1)).value == 5_729_876


def test_a_province_bps_line_and_the_national_fallback(table):
    # DI Yogyakarta has a line for March 2024, none for March 2025: then the national one stands in.
    own = table.lookup("bps_poverty_line", "DI Yogyakarta", date(2024, 7, 15), unit=PER_PERSON)
    assert own.value == 602_437
    assert own.used.startswith("Garis Kemiskinan DI Yogyakarta (per capita) March 2024 (BPS Provinsi DI Yogyakarta")
    national = table.lookup("bps_poverty_line", "DI Yogyakarta", date(2025, 5, 1), unit=PER_PERSON)
    assert national.value == 609_160
    assert national.area == "Indonesia"
    assert national.used.endswith("since the table holds no March 2025 BPS poverty line per person for DI Yogyakarta")
    # Kalimantan Barat has its own from September 2024; before that it takes the national line.
    assert table.lookup("bps_poverty_line", "Kalimantan Barat", date(2025, 10, 1), unit=PER_PERSON).value == 652_220
    assert table.lookup("bps_poverty_line", "Kalimantan Barat", date(2024, 5, 1), unit=PER_PERSON).value == 582_932


def test_a_regency_bps_line_falls_back_to_its_province(table):
    figure = table.lookup("bps_poverty_line", "Kota Denpasar", date(2024, 10, 1), unit=PER_PERSON)
    assert figure.value == 580_306
    assert figure.used.endswith("since the table holds no September 2024 BPS poverty line per person for Kota Denpasar")


@pytest.mark.parametrize(
    ("on", "capita", "household"),
    [
        (date(2024, 7, 15), 582_932, 2_786_415),  # March 2024, in force until the September 2024 one
        (date(2024, 10, 1), 595_242, 2_803_590),  # September 2024
        (date(2024, 3, 1), 582_932, 2_786_415),  # the first day of the March period
        (date(2024, 2, 29), 550_458, 2_592_657),  # no September 2023 figure: March 2023 lasts until March 2024
        (date(2019, 3, 1), 425_250, 1_990_170),  # the first figure
        (date(2030, 1, 1), 641_443, 3_053_269),  # the latest has no end
        (datetime(2025, 9, 1, 12, 30), 641_443, 3_053_269),  # a timestamp counts as its day
    ],
)
def test_the_national_line_in_force_follows_the_survey_periods(table, on, capita, household):
    assert table.lookup("bps_poverty_line", "Indonesia", on, unit=PER_PERSON).value == capita
    assert table.lookup("bps_poverty_line", "Indonesia", on, unit=PER_HOUSEHOLD).value == household


def test_a_date_before_every_figure_errors(table):
    with pytest.raises(YardstickLookupError, match="2019-02-28 is before the first BPS poverty line"):
        table.lookup("bps_poverty_line", "Indonesia", date(2019, 2, 28), unit=PER_PERSON)
    with pytest.raises(
        YardstickLookupError,
        match=r"2022-12-31 is before the first minimum wage for Kabupaten Sleman \(or DI Yogyakarta\), .* 2023-01-01",
    ):
        table.lookup("minimum_wage", "Kabupaten Sleman", date(2022, 12, 31))


def test_a_date_after_every_figure_ended_errors(table):
    with pytest.raises(YardstickLookupError, match="no minimum wage is in force .* the latest ended on 2026-12-31"):
        table.lookup("minimum_wage", "Sleman", date(2027, 1, 1))


def test_two_series_in_force_need_a_unit_or_name(table):
    with pytest.raises(YardstickLookupError, match="several BPS poverty line figures .* with name= or unit="):
        table.lookup("bps_poverty_line", "Indonesia", date(2025, 1, 1))
    name = "garis kemiskinan indonesia (per capita)"  # names match case-insensitively
    assert table.lookup("bps_poverty_line", "Indonesia", date(2025, 1, 1), name=name).value == 595_242


def test_world_bank_lines_in_dollars_and_as_the_world_banks_rupiah(table):
    dollars = table.lookup("world_bank_line", "international", date(2025, 7, 1), name="World Bank $3.00 (2021 PPP)")
    assert (dollars.value, dollars.unit) == (3.0, "USD/day/person (PPP)")
    # From a regency, the chain reaches Indonesia's own equivalent before the international line.
    rupiah = table.lookup("world_bank_line", "Kota Pontianak", date(2025, 7, 1), name="World Bank $8.30 (2021 PPP)")
    assert (rupiah.value, rupiah.unit) == (1_512_000, "IDR/month/person")
    # Before the June 2025 update the 2017 PPP lines were in force, and they have no rupiah equivalent here.
    older = table.lookup("world_bank_line", "Indonesia", date(2024, 7, 1), name="World Bank $2.15 (2017 PPP)")
    assert (older.value, older.unit, older.area) == (2.15, "USD/day/person (PPP)", "international")
    with pytest.raises(YardstickLookupError, match="before the first World Bank \\$2.15 \\(2017 PPP\\)"):
        table.lookup("world_bank_line", "international", date(2022, 8, 31), name="World Bank $2.15 (2017 PPP)")


def test_the_standard_set_for_a_regency(table):
    figures = table.yardsticks_for("Kabupaten Sleman", date(2026, 1, 15))
    assert {key: figure.value for key, figure in figures.items()} == {
        "umk": 2_624_387,
        "bps_capita": 649_331,  # DI Yogyakarta, September 2025
        "bps_household": 3_053_269,  # national, September 2025
        "wb_extreme": 546_400,
        "wb_lower_middle": 765_000,
        "wb_upper_middle": 1_512_000,
    }
    assert all(figure.unit.startswith("IDR/month") for figure in figures.values())
    assert figures["bps_household"].used.endswith("per household for Kabupaten Sleman or DI Yogyakarta")
    assert yardsticks_for("Sleman", date(2026, 1, 15))["umk"].value == 2_624_387


def test_before_june_2025_the_2017_ppp_lines_are_converted_with_the_factor_of_their_year(table):
    figures = table.yardsticks_for("Sleman", date(2024, 6, 15))
    # $ a day x Rp 5,993.03 a 2017-PPP dollar in 2024 (BPS) x 365/12 days a month
    assert figures["wb_extreme"].value == pytest.approx(2.15 * 5993.03 * 365 / 12)  # Rp 391,919
    assert figures["wb_lower_middle"].value == pytest.approx(3.65 * 5993.03 * 365 / 12)  # Rp 665,351
    assert figures["wb_upper_middle"].value == pytest.approx(6.85 * 5993.03 * 365 / 12)  # Rp 1,248,673
    upper = figures["wb_upper_middle"]
    assert (upper.name, upper.unit) == ("World Bank $6.85 (2017 PPP)", PER_PERSON)
    assert "converted at Rp 5,993.03 per PPP dollar (PPP conversion factor (2017 PPP) 2024, BPS" in upper.used
    assert figures["umk"].value == 2_315_976


def test_a_line_without_a_rupiah_value_is_a_stand_in_saying_why(table):
    figures = table.yardsticks_for("Sleman", date(2023, 6, 15))
    line = figures["wb_extreme"]
    assert not line.available and line.name == "World Bank $2.15 (2017 PPP)"
    assert "no rupiah value on 2023-06-15" in line.used and "PPP conversion factor (2017 PPP)" in line.used
    # The other yardsticks are there.
    assert figures["umk"].value == 2_159_519 and figures["bps_capita"].value == 573_022


def test_a_date_before_the_figures_leaves_stand_ins_but_an_unknown_region_errors(table):
    figures = table.yardsticks_for("Sleman", date(2021, 1, 1))
    assert not figures["umk"].available
    assert "before the first minimum wage for Kabupaten Sleman" in figures["umk"].used
    assert "none of World Bank $8.30 (2021 PPP), World Bank $6.85 (2017 PPP) is in force" in figures[
        "wb_upper_middle"
    ].used
    assert figures["bps_capita"].value == 458_947  # national, September 2020
    with pytest.raises(YardstickLookupError, match="unknown region 'Atlantis'"):
        table.yardsticks_for("Atlantis", date(2024, 6, 15))


def test_a_users_ppp_factor_converts_the_lines_of_its_year(tmp_path):
    mine = write(
        tmp_path / "ppp.csv",
        'ppp_factor,PPP conversion factor (2017 PPP),5800,IDR per PPP dollar,Indonesia,,2023-01-01,2023-12-31,'
        '"A statistics office, 2023 release",invented for this test',
    )
    figures = load_yardsticks(extra=[mine]).yardsticks_for("Sleman", date(2023, 6, 15))
    assert figures["wb_upper_middle"].value == pytest.approx(6.85 * 5800 * 365 / 12)


def test_user_rows_override_and_extend_the_bundled_table(tmp_path):
    mine = write(
        tmp_path / "mine.csv",
        # The same series and date as a bundled row: replaces it.
        'minimum_wage,UMK Kabupaten Sleman,2700000,IDR/month,Kabupaten Sleman,DI Yogyakarta,2026-01-01,2026-12-31,'
        '"Pemerintah Daerah DIY, UMK 2026",revised',
        # A new region of a known province.
        'minimum_wage,UMK Kabupaten Kulon Progo,2500000,IDR/month,Kabupaten Kulon Progo,DI Yogyakarta,2026-01-01,'
        '2026-12-31,"Pemerintah Daerah DIY, UMK 2026",',
        # A later figure of a series takes over from its date.
        'minimum_wage,UMK Kota Yogyakarta,2900000,IDR/month,Kota Yogyakarta,DI Yogyakarta,2026-07-01,2026-12-31,'
        '"Pemerintah Daerah DIY, UMK 2026 (revised)",',
    )
    table = load_yardsticks(extra=[mine])
    assert table.origin.endswith(" + " + str(mine))
    assert table.lookup("minimum_wage", "Sleman", date(2026, 3, 1)).value == 2_700_000
    assert table.lookup("minimum_wage", "Sleman", date(2025, 3, 1)).value == 2_466_515  # bundled rows stay
    assert table.lookup("minimum_wage", "Kulon Progo", date(2026, 3, 1)).value == 2_500_000
    # The new regency's province comes from its row: its BPS line is DI Yogyakarta's.
    assert table.lookup("bps_poverty_line", "Kulon Progo", date(2026, 3, 1), unit=PER_PERSON).value == 649_331
    assert table.lookup("minimum_wage", "Kota Yogyakarta", date(2026, 6, 30)).value == 2_827_593
    assert table.lookup("minimum_wage", "Kota Yogyakarta", date(2026, 7, 1)).value == 2_900_000


def test_a_table_of_ones_own(tmp_path):
    path = write(
        tmp_path / "own.csv",
        "minimum_wage,UMK Kabupaten Semarang,2800000,IDR/month,Kabupaten Semarang,Jawa Tengah,2026-01-01,,Pemda 2026,",
        "minimum_wage,UMK Kota Semarang,3400000,IDR/month,Kota Semarang,Jawa Tengah,2026-01-01,,Pemda 2026,",
    )
    table = load_yardsticks(path)
    assert len(table) == 2
    assert table.lookup("minimum_wage", "Kota Semarang", date(2027, 5, 1)).value == 3_400_000  # blank valid_to
    with pytest.raises(YardstickLookupError, match="'Semarang' is ambiguous: write one of Kabupaten Semarang, Kota"):
        table.lookup("minimum_wage", "Semarang", date(2026, 5, 1))
    # Sleman is known from the list of regions, in its province, but this table holds no figure for either.
    with pytest.raises(
        YardstickLookupError, match=r"no minimum wage for Kabupaten Sleman .*\(Daerah Istimewa Yogyakarta, Indonesia"
    ):
        table.lookup("minimum_wage", "Sleman", date(2026, 5, 1))
    with pytest.raises(YardstickLookupError, match="unknown region 'Slemna'; did you mean Kabupaten Sleman"):
        table.lookup("minimum_wage", "Slemna", date(2026, 5, 1))
    with pytest.raises(YardstickLookupError, match="no BPS poverty line for Kota Semarang in .*own.csv"):
        table.lookup("bps_poverty_line", "Kota Semarang", date(2026, 5, 1))


GOOD = 'minimum_wage,UMK Kota X,3000000,IDR/month,Kota X,Jawa Tengah,2026-01-01,2026-12-31,"Pemda, 2026",'


@pytest.mark.parametrize(
    ("row", "where", "problem"),
    [
        (GOOD.replace("3000000", "3.000.000"), "column value (3)", "not a number"),
        (GOOD.replace("3000000", "-5"), "column value (3)", "positive"),
        (GOOD.replace("3000000", "nan"), "column value (3)", "positive"),
        (GOOD.replace("minimum_wage", "min_wage"), "column kind (1)", "not a kind"),
        (GOOD.replace("IDR/month", "IDR/month/person"), "column unit (4)", "not a unit of a minimum_wage"),
        (GOOD.replace("Jawa Tengah", ""), "column province (6)", "give the province of Kota X"),
        (GOOD.replace("Kota X,Jawa Tengah", "Indonesia,Jawa Tengah"), "column province (6)", "lies in no province"),
        (GOOD.replace("2026-01-01", "1/1/2026"), "column valid_from (7)", "not a date"),
        (GOOD.replace("2026-12-31", "2025-12-31"), "column valid_to (8)", "before valid_from 2026-01-01"),
        (GOOD.replace('"Pemda, 2026"', ""), "column source (9)", "empty, and it is required"),
        (GOOD.replace(",UMK Kota X,", ",,"), "column name (2)", "empty, and it is required"),
        (GOOD.rsplit(",", 1)[0], "column note (10)", "missing: the line has 9 fields, the header 10"),
        (GOOD + ",extra", "column 11", "one field too many"),
    ],
)
def test_a_bad_row_gives_a_one_line_error_naming_file_line_and_column(tmp_path, row, where, problem):
    path = write(tmp_path / "bad.csv", GOOD.replace("Kota X", "Kota Y"), row)
    with pytest.raises(YardstickFileError) as raised:
        load_yardsticks(path)
    message = str(raised.value)
    assert "\n" not in message
    # Line 1 is the comment, 2 the header, 3 the good row: the bad row is line 4.
    assert message.startswith(f"{path}, line 4, {where}: ")
    assert problem in message


def test_a_row_repeated_in_one_file_is_an_error(tmp_path):
    path = write(tmp_path / "twice.csv", GOOD, GOOD.replace("3000000", "3100000"))
    with pytest.raises(YardstickFileError, match=r"line 4, column valid_from \(7\): .* is already on line 3"):
        load_yardsticks(path)


def test_an_area_in_two_provinces_is_an_error(tmp_path):
    path = write(tmp_path / "provinces.csv", GOOD, GOOD.replace("Jawa Tengah", "Jawa Timur").replace("2026", "2025"))
    with pytest.raises(YardstickFileError, match=r"line 4, column province \(6\): 'Jawa Timur' for Kota X, but .*3"):
        load_yardsticks(path)
    # Across files too: the bundled table puts Kabupaten Sleman in DI Yogyakarta.
    elsewhere = write(tmp_path / "sleman.csv", GOOD.replace("Kota X", "Kabupaten Sleman"))
    with pytest.raises(YardstickFileError, match=r"sleman.csv, line 3, column province .*puts it in 'DI Yogyakarta'"):
        load_yardsticks(extra=[elsewhere])


def test_a_missing_header_column_names_it(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("# comment\n# another\n" + HEADER.replace(",source", "") + "\n", encoding="utf-8")
    with pytest.raises(YardstickFileError, match=r"header.csv, line 3, column source \(9\): missing; the header must"):
        load_yardsticks(path)


def test_an_empty_or_missing_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("# only comments\n", encoding="utf-8")
    with pytest.raises(YardstickFileError, match="empty.csv: no header line"):
        load_yardsticks(empty)
    with pytest.raises(YardstickFileError, match="absent.csv: cannot read the yardstick table"):
        load_yardsticks(tmp_path / "absent.csv")


def test_what_a_lookup_says_is_indonesian_by_default(table):
    # Outside any language block: the figure's names and sources stay as published, the words around them are
    # Indonesian, and so are the months and numbers.
    fallback = by_default(table.lookup, "minimum_wage", "Buleleng", date(2025, 6, 30))
    assert fallback.used == (
        "UMP Bali 2025 (Pemerintah Provinsi Bali, UMP 2025), karena Kabupaten Buleleng tidak punya UMK untuk 2025"
    )
    national = by_default(table.lookup, "bps_poverty_line", "DI Yogyakarta", date(2025, 5, 1), unit=PER_PERSON)
    assert national.used.endswith(
        "karena tabel tidak memuat garis kemiskinan BPS per orang Maret 2025 untuk DI Yogyakarta"
    )
    converted = by_default(table.yardsticks_for, "Sleman", date(2024, 6, 15))["wb_upper_middle"]
    assert "dikonversi dengan Rp 5.993,03 per dolar PPP" in converted.used
    assert converted.used.endswith("dan 365/12 hari sebulan")
    before = by_default(table.yardsticks_for, "Sleman", date(2021, 1, 1))
    assert "lebih awal dari upah minimum pertama untuk Kabupaten Sleman" in before["umk"].used
    assert before["wb_upper_middle"].name == "garis kemiskinan Bank Dunia untuk negara berpendapatan menengah atas"
    with pytest.raises(YardstickLookupError, match="daerah 'Atlantis' tidak dikenal"):
        by_default(table.lookup, "minimum_wage", "Atlantis", date(2025, 1, 1))
