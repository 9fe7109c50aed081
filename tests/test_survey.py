"""A community's own survey: every bad value gives its one-line problem, the indicators match shares counted by hand
against known yardsticks, clusters are deterministic, and the shipped example runs end to end."""

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.survey import (
    COLUMNS,
    EMPLOYMENT_STATUSES,
    INDICATORS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ResilienceIndicators,
    SurveyClusters,
    SurveyError,
    analyse_survey,
    average_poor_household_size,
    grouping_sizes,
    period_day,
    read_survey,
    run_survey,
)
from analysis.yardsticks import load_yardsticks
from tests.conftest import PROJECT_DIR, by_default

EXAMPLES = PROJECT_DIR / "examples" / "survey"
EXAMPLE = EXAMPLES / "example-survey.csv"
HEADER = ",".join(COLUMNS)  # the template's order
GOOD_ROW = "A01,3000000,3,Kabupaten Sleman,upwork,HTML;CSS,12,freelance,5000000,22,perempuan,Web"
# The yardsticks of Kabupaten Sleman on 15 January 2026, from analysis/reference/yardsticks.csv.
SLEMAN_2026_01 = {
    "wb_extreme": 546_400,
    "wb_lower_middle": 765_000,
    "wb_upper_middle": 1_512_000,
    "bps_capita": 649_331,
    "bps_household": 3_053_269,
    "umk": 2_624_387,
}


pytestmark = pytest.mark.usefixtures("english")


def write(tmp_path: Path, *lines: str, name: str = "s.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row_with(**values: str) -> str:
    """GOOD_ROW with some columns changed, quoted as a spreadsheet would."""
    cells = dict(zip(HEADER.split(","), GOOD_ROW.split(","), strict=True)) | values
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(cells.values())
    return line.getvalue()


def error_for(path: Path) -> str:
    with pytest.raises(SurveyError) as caught:
        read_survey(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# The files -----------------------------------------------------------------------------------------------------


def test_template_is_the_header_alone():
    assert (EXAMPLES / "template.csv").read_text(encoding="utf-8") == HEADER + "\n"


def test_example_says_it_is_invented_and_has_about_sixty_members():
    assert EXAMPLE.read_text(encoding="utf-8").startswith("# An invented example")
    reading = read_survey(EXAMPLE)
    assert reading.rows_read == 60
    assert len(reading.members) == 53
    assert set(reading.members["employment_status"]) == set(EMPLOYMENT_STATUSES)


def test_docs_show_the_example_problems_exactly():
    documented = (PROJECT_DIR / "docs" / "survey.md").read_text(encoding="utf-8")
    problems = read_survey(EXAMPLE).problems
    assert len(problems) == 7
    for problem in problems:
        assert f"\n{problem}\n" in documented


def test_docs_describe_every_column():
    documented = (PROJECT_DIR / "docs" / "survey.md").read_text(encoding="utf-8")
    for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
        assert f"| `{column}` |" in documented


# Reading and validation ----------------------------------------------------------------------------------------

BAD_VALUES = [
    ("household_size", "0", '"0" is not a whole number of at least 1'),
    ("household_size", "2.5", '"2.5" is not a whole number of at least 1'),
    ("monthly_income_idr", "3,5 jt", '"3,5 jt" is not an amount in whole rupiah; write it in full, e.g. 3500000'),
    ("monthly_income_idr", "3.5", '"3.5" is not an amount in whole rupiah; write it in full, e.g. 3500000'),
    ("monthly_income_idr", "-500000", '"-500000" is below zero; write 0 for no income'),
    ("monthly_income_idr", "", "empty; write the amount in rupiah, 0 for none"),
    (
        "household_income_idr",
        "lima juta",
        '"lima juta" is not an amount in whole rupiah; write it in full, e.g. 3500000',
    ),
    ("household_income_idr", "2000000", '"2000000" is less than the member\'s own income (3000000)'),
    ("months_experience", "dua", '"dua" is not a whole number of at least 0'),
    ("months_experience", "-3", '"-3" is not a whole number of at least 0'),
    ("employment_status", "kerja", '"kerja" is not one of employed, freelance, self_employed, student, unemployed'),
    ("age", "7", '"7" is not a whole number from 10 to 100'),
    ("age", "dua puluh", '"dua puluh" is not a whole number from 10 to 100'),
    ("region", "", "empty; every row needs a value here"),
    ("main_platform", "", "empty; every row needs a value here"),
    ("member_id", "", "empty; every row needs a value here"),
    (
        "member_id",
        "budi@example.com",
        '"budi@example.com" looks like an e-mail address; use a member id such as A01, never contacts',
    ),
    (
        "member_id",
        "+62 812-3456-7890",
        '"+62 812-3456-7890" looks like a phone number; use a member id such as A01, never contacts',
    ),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_VALUES, ids=lambda v: v if isinstance(v, str) else None)
def test_bad_value_names_row_and_column_and_good_rows_stay(tmp_path, column, value, message):
    path = write(tmp_path, HEADER, GOOD_ROW, row_with(**{"member_id": "B02", column: value}), row_with(member_id="C03"))
    reading = read_survey(path)
    assert reading.problems == [f"s.csv row 3, column {column}: {message}"]
    assert list(reading.members["member_id"]) == ["A01", "C03"]
    assert list(reading.members["row"]) == [2, 4]
    assert (reading.rows_read, reading.rows_left_out) == (3, 1)


def test_every_bad_value_of_a_row_is_reported(tmp_path):
    path = write(tmp_path, HEADER, row_with(household_size="0", employment_status="kerja"))
    assert read_survey(path).problems == [
        's.csv row 2, column household_size: "0" is not a whole number of at least 1',
        's.csv row 2, column employment_status: "kerja" is not one of employed, freelance, self_employed, student, '
        "unemployed",
    ]


def test_a_repeated_member_id_names_the_first_row(tmp_path):
    path = write(tmp_path, HEADER, GOOD_ROW, row_with(member_id="B02"), GOOD_ROW)
    reading = read_survey(path)
    assert reading.problems == ['s.csv row 4, column member_id: "A01" is already used on row 2']
    assert list(reading.members["member_id"]) == ["A01", "B02"]


def test_rows_are_numbered_as_in_the_file_counting_comments_and_blank_lines(tmp_path):
    path = write(tmp_path, "# a comment", HEADER, "", GOOD_ROW, "# another", row_with(member_id="B02", age="7"))
    reading = read_survey(path)
    assert reading.problems == ['s.csv row 6, column age: "7" is not a whole number from 10 to 100']
    assert list(reading.members["row"]) == [4]
    assert reading.rows_read == 2


def test_a_row_with_too_many_values(tmp_path):
    path = write(tmp_path, HEADER, GOOD_ROW.replace("HTML;CSS", "HTML,CSS"))
    assert read_survey(path).problems == [
        "s.csv row 2: 13 values but the header names 12 columns; put a value holding a comma in double quotes "
        '("HTML, CSS"), or separate skills with ";"'
    ]


def test_values_are_typed_and_derived_columns_computed(tmp_path):
    path = write(
        tmp_path,
        HEADER,
        "A01,Rp 3.500.000,4,Kabupaten Sleman,Upwork, js; HTML;;Bahasa Inggris;Ngaji ;js,18,Self-Employed,,,,",
        'B02,"3,500,000",2,Kota Yogyakarta,none,"Canva, ms excel",0,student,6 000 000,19,laki-laki,Web',
    )
    reading = read_survey(path)
    assert reading.problems == []
    members = reading.members
    first, second = members.iloc[0], members.iloc[1]
    assert first["monthly_income_idr"] == 3_500_000 and second["monthly_income_idr"] == 3_500_000
    assert first["skills"] == ("JavaScript", "HTML", "English", "Ngaji")  # canonical names; unknown kept as written
    assert second["skills"] == ("Canva", "Excel")  # a spreadsheet quotes a cell holding commas
    assert first["employment_status"] == "self_employed"
    assert first["main_platform"] == "upwork"
    assert first["household_income_used_idr"] == 3_500_000  # no household income: the member's own
    assert first["income_per_member_idr"] == 875_000
    assert second["household_income_idr"] == 6_000_000 and second["income_per_member_idr"] == 3_000_000
    assert pd.isna(first["age"]) and second["age"] == 19
    assert pd.isna(first["track"]) and second["track"] == "Web"
    assert members["monthly_income_idr"].dtype == np.int64 and members["age"].dtype == "Int64"


def test_short_rows_semicolons_and_byte_order_mark(tmp_path):
    # A spreadsheet set up for Indonesia: ";" between values, a byte order mark, and no trailing empty optionals.
    path = tmp_path / "s.csv"
    header = ";".join(COLUMNS[:8])  # the template's columns up to employment_status
    path.write_text(f'\ufeff{header}\nA01;2500000;1;sleman;none;"HTML;CSS";3;employed\n', encoding="utf-8")
    reading = read_survey(path)
    assert reading.problems == []
    assert reading.members.iloc[0]["skills"] == ("HTML", "CSS")


def test_unknown_and_personal_columns_are_ignored_with_a_note(tmp_path):
    path = write(tmp_path, f"{HEADER},whatsapp,notes", f"{GOOD_ROW},0812345678,ok")
    reading = read_survey(path)
    assert reading.problems == [
        "s.csv row 1, column whatsapp: looks like names or contact details, which the survey must not hold; ignored, "
        "remove it from the file",
        "s.csv row 1, column notes: not a survey column (docs/survey.md); ignored",
    ]
    assert "whatsapp" not in reading.members.columns and len(reading.members) == 1


def test_missing_columns_are_one_error(tmp_path):
    header = HEADER.replace("household_size,", "").replace("region,", "")
    message = error_for(write(tmp_path, header))
    # household_size is optional: only region is missing.
    assert message == (
        f"{tmp_path / 's.csv'}: missing column region; the first line must name the columns, "
        "as in examples/survey/template.csv"
    )
    header = HEADER.replace("region,", "").replace("skills,", "")
    assert error_for(write(tmp_path, header)).startswith(f"{tmp_path / 's.csv'}: missing columns region, skills;")


def test_household_size_is_optional(tmp_path):
    path = write(tmp_path, HEADER, row_with(household_size=""), row_with(member_id="B02", household_size="2"))
    reading = read_survey(path)
    assert reading.problems == []
    first, second = reading.members.iloc[0], reading.members.iloc[1]
    assert pd.isna(first["household_size"]) and reading.members["household_size"].dtype == "Int64"
    # No size, no income per household member: never divided by a guessed size.
    assert pd.isna(first["income_per_member_idr"]) and first["household_income_used_idr"] == 5_000_000
    assert second["household_size"] == 2 and second["income_per_member_idr"] == 2_500_000


def test_a_file_without_the_household_size_column(tmp_path):
    header = HEADER.replace("household_size,", "")
    rows = [
        # member, own income, household income: against the average poor-household line Rp 3.053.269
        "A01,3000000,Kabupaten Sleman,upwork,HTML,12,freelance,3053269,,,",  # exactly on it: reaches
        "B02,2000000,Kabupaten Sleman,none,,0,student,3053268,,,",  # one rupiah below: does not
        "C03,2624387,Kabupaten Sleman,local employer,Typing,30,employed,,,,",  # own income alone: does not
    ]
    path = write(tmp_path, header, *rows)
    reading = read_survey(path)
    assert reading.problems == []
    assert reading.members["household_size"].isna().all()
    result = analyse_survey(path, "Kabupaten Sleman", "2026-01")
    overall = result.indicators.overall_.set_index("indicator")
    for key in ("wb_extreme", "wb_lower_middle", "wb_upper_middle", "bps_capita"):
        assert (overall.loc[key, "members"], overall.loc[key, "reaching"], overall.loc[key, "left_out"]) == (0, 0, 3)
        assert pd.isna(overall.loc[key, "share"])
    household = overall.loc["bps_household"]
    assert (household["members"], household["reaching"]) == (3, 1)
    assert (household["by_household_size"], household["by_average_household"]) == (0, 3)
    assert household["note"] == (
        "3 members without a household size were compared with the average poor-household line of 4.76 people, "
        "Rp 3,053,269"
    )
    assert overall.loc["umk", "reaching"] == 2  # 3.000.000 and exactly 2.624.387
    text = " ".join(result.text().split())
    assert "bps_household household income Rp 3,053,269 3 1 33%" in text  # the line no size can be multiplied by
    assert (
        "wb_extreme, wb_lower_middle, wb_upper_middle, bps_capita: 3 members without a household size are left out, "
        "since income per household member cannot be worked out without it; no member is left to measure." in text
    )
    assert "per household member – (no member gives a household size)" in text
    as_json = json.loads(result.to_json())
    assert as_json["members_without_household_size"] == 3


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("absent.csv", None, "cannot read the file: No such file or directory"),
        ("s.csv", b"\xff\xfe\x00m\x00e", "cannot read the file: it is not UTF-8 text; save it as CSV UTF-8"),
        ("s.xlsx", b"PK\x03\x04", "this is a spreadsheet workbook; save it as CSV UTF-8 (File › Save As) and use that"),
        ("s.csv", b"# only a comment\n", "the file is empty; its first line must name the columns, as in the template"),
        ("s.csv", f"{HEADER},age\n".encode(), "column age appears twice in the first line; keep one"),
    ],
)
def test_unreadable_files_are_one_error(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert error_for(path) == f"{path}: {expected}"


# Indicators ----------------------------------------------------------------------------------------------------

# Five members against the Sleman yardsticks of January 2026 (SLEMAN_2026_01), each reach worked out by hand. The
# household line of a member is the per-person line Rp 649.331 times the household size (BPS's method): A alone
# 649.331, B 2.597.324, C 649.331, D 1.947.993, E 1.298.662.
#   member income     household  per member  wb_extreme wb_lower_middle wb_upper_middle bps_capita bps_household umk
#   A      2.624.387  1 (own)    2.624.387   yes     yes     yes     yes        yes           yes (exactly the UMK)
#   B      3.000.000  4 of 4 m.  1.000.000   yes     yes     no      yes        yes           yes
#   C        600.000  1 (own)      600.000   yes     no      no      no         no            no
#   D              0  3 of 2,1m    700.000   yes     no      no      yes        yes           no
#   E      1.600.000  2 (own)      800.000   yes     yes     no      yes        yes           no
# (Before household sizes were used, bps_household held everyone to the 4,76-person line Rp 3.053.269: only B.)
HAND_MADE = [
    "A,2624387,1,Kabupaten Sleman,local employer,,12,employed,,,,",
    "B,3000000,4,Kabupaten Sleman,local employer,,30,employed,4000000,,,",
    "C,600000,1,Kabupaten Sleman,own business,,6,self_employed,,,,",
    "D,0,3,Kabupaten Sleman,none,,0,student,2100000,,,",
    "E,1600000,2,Kabupaten Sleman,fiverr,,20,freelance,,,,",
]
REACHING_ALL = {
    "wb_extreme": 5,
    "wb_lower_middle": 3,
    "wb_upper_middle": 1,
    "bps_capita": 4,
    "bps_household": 4,
    "umk": 2,
}
# Clusters {A, B} and {C, D, E}.
REACHING_BY_CLUSTER = {
    0: {"wb_extreme": 2, "wb_lower_middle": 2, "wb_upper_middle": 1, "bps_capita": 2, "bps_household": 2, "umk": 2},
    1: {"wb_extreme": 3, "wb_lower_middle": 1, "wb_upper_middle": 0, "bps_capita": 2, "bps_household": 2, "umk": 0},
}


@pytest.fixture
def hand_made(tmp_path) -> pd.DataFrame:
    reading = read_survey(write(tmp_path, HEADER, *HAND_MADE))
    assert reading.problems == []
    return reading.members


def test_indicators_against_the_real_table_match_the_hand_count(hand_made):
    indicators = ResilienceIndicators("Kabupaten Sleman", "2026-01").fit(hand_made, labels=[0, 0, 1, 1, 1])
    assert indicators.on_ == date(2026, 1, 15)
    assert {key: figure.value for key, figure in indicators.yardsticks_.items()} == SLEMAN_2026_01
    assert indicators.yardsticks_["umk"].used.startswith("UMK Kabupaten Sleman 2026")
    assert "DI Yogyakarta" in indicators.yardsticks_["bps_capita"].used
    assert indicators.members_ == 5

    overall = indicators.overall_.set_index("indicator")
    assert list(overall.index) == [indicator.yardstick for indicator in INDICATORS]
    assert overall["reaching"].to_dict() == REACHING_ALL
    assert overall["share"].to_dict() == {key: count / 5 for key, count in REACHING_ALL.items()}
    assert overall["line_idr"].to_dict() == SLEMAN_2026_01
    assert overall.loc["bps_household", "compares"] == "household income"
    assert overall.loc["bps_household", "per_person_line_idr"] == 649_331
    assert (
        overall.loc["bps_household", "by_household_size"],
        overall.loc["bps_household", "by_average_household"],
    ) == (5, 0)
    assert overall.loc["bps_household", "note"] == "household income against Rp 649,331 × household size (BPS's method)"
    assert (overall["left_out"] == 0).all() and (overall["members"] == 5).all()
    assert (overall.drop(index="bps_household")["note"] == "").all()

    by_cluster = indicators.by_cluster_
    for cluster, expected in REACHING_BY_CLUSTER.items():
        rows = by_cluster[by_cluster["cluster"] == cluster].set_index("indicator")
        assert rows["reaching"].to_dict() == expected
        size = 2 if cluster == 0 else 3
        assert (rows["members"] == size).all()
        assert rows["share"].to_dict() == {key: count / size for key, count in expected.items()}


def test_what_the_report_shows_of_the_indicators_is_indonesian_by_default(hand_made):
    indicators = by_default(ResilienceIndicators("Kabupaten Sleman", "2026-01").fit, hand_made)
    compares = indicators.overall_.set_index("indicator")["compares"].to_dict()
    assert compares == {
        "wb_extreme": "pendapatan per anggota rumah tangga",
        "wb_lower_middle": "pendapatan per anggota rumah tangga",
        "wb_upper_middle": "pendapatan per anggota rumah tangga",
        "bps_capita": "pendapatan per anggota rumah tangga",
        "bps_household": "pendapatan rumah tangga",
        "umk": "pendapatan pribadi",
    }
    assert indicators.yardsticks_["umk"].used == "UMK Kabupaten Sleman 2026 (Pemerintah Daerah DIY, UMK 2026)"
    assert indicators.yardsticks_["bps_capita"].used.endswith(
        "karena tabel tidak memuat garis kemiskinan BPS per orang September 2025 untuk Kabupaten Sleman"
    )
    assert INDICATORS[-1].compares == "personal income"  # inside the English fixture


def test_indicators_with_given_figures_count_equal_as_reaching(hand_made):
    real = load_yardsticks().yardsticks_for("Kabupaten Sleman", date(2026, 1, 15))
    # Every line at 700.000 a month: D's income per member is exactly on it.
    figures = {key: replace(figure, value=700_000.0) for key, figure in real.items()}
    indicators = ResilienceIndicators("anywhere", "2026-01", figures=figures).fit(hand_made)
    reaching = indicators.overall_.set_index("indicator")["reaching"].to_dict()
    # Per member: A, B, D (exactly), E. Household, against 700.000 × size: A (700.000), B (2.800.000), D (2.100.000,
    # exactly) and E (1.400.000); not C. Personal: A, B, E.
    assert reaching == {
        "wb_extreme": 4,
        "wb_lower_middle": 4,
        "wb_upper_middle": 4,
        "bps_capita": 4,
        "bps_household": 4,
        "umk": 3,
    }
    assert indicators.by_cluster_ is None


def test_indicators_need_every_figure(hand_made):
    real = load_yardsticks().yardsticks_for("Kabupaten Sleman", date(2026, 1, 15))
    figures = {key: figure for key, figure in real.items() if key != "umk"}
    with pytest.raises(SurveyError, match="no umk figure for Kabupaten Sleman on 2026-01-15"):
        ResilienceIndicators("Kabupaten Sleman", "2026-01", figures=figures).fit(hand_made)


# Like with like: household income against the per-person line of Kabupaten Sleman in January 2026 (Rp 649.331,
# DI Yogyakarta, September 2025) times the household size; only without a size against the line per poor household
# (Rp 3.053.269, Indonesia, September 2025: the national per-person line Rp 641.443 × 4,76 people).
LIKE_WITH_LIKE = [
    # household size, household income, the line worked out by hand, reaches
    ("1", "649331", 649_331, True),  # alone: 1 × 649.331, exactly on it; the 4,76-person line would fail it
    ("1", "649330", 649_331, False),
    ("3", "1947993", 1_947_993, True),  # 3 × 649.331 = 1.947.993, exactly on it
    ("3", "1947992", 1_947_993, False),
    ("", "3053269", 3_053_269, True),  # no size: the average poor-household line
    ("", "3053268", 3_053_269, False),
]


@pytest.mark.parametrize(("size", "income", "line", "reaches"), LIKE_WITH_LIKE)
def test_the_household_line_is_the_per_person_line_times_the_household_size(tmp_path, size, income, line, reaches):
    row = row_with(monthly_income_idr=income, household_size=size, household_income_idr="")
    members = read_survey(write(tmp_path, HEADER, row)).members
    household = ResilienceIndicators("Kabupaten Sleman", "2026-01").fit(members).overall_.set_index("indicator")
    household = household.loc["bps_household"]
    assert household["reaching"] == int(reaches)
    # The cases sit on the line or one rupiah below it, so that a line off by a rupiah would show.
    assert int(income) == (line if reaches else line - 1)
    assert (household["by_household_size"], household["by_average_household"]) == ((1, 0) if size else (0, 1))


def test_members_without_a_size_are_counted_and_the_output_says_how_they_were_compared(tmp_path):
    rows = [
        row_with(member_id="L1", monthly_income_idr="649331", household_size="1", household_income_idr=""),
        row_with(member_id="T1", monthly_income_idr="1000000", household_size="3", household_income_idr="1947992"),
        row_with(member_id="U1", monthly_income_idr="3053269", household_size="", household_income_idr=""),
        row_with(member_id="U2", monthly_income_idr="1000000", household_size="", household_income_idr="3000000"),
    ]
    path = write(tmp_path, HEADER, *rows)
    result = analyse_survey(path, "Kabupaten Sleman", "2026-01", n_clusters=1)
    overall = result.indicators.overall_.set_index("indicator")
    # Per member, of L1 (649.331) and T1 (649.330,67) only: U1 and U2 have no income per household member.
    assert overall.loc["bps_capita", ["members", "reaching", "left_out"]].tolist() == [2, 1, 2]
    assert overall.loc["bps_capita", "share"] == 1 / 2
    # Household: L1 (649.331 against 1 × 649.331) and U1 (3.053.269 against the average line) reach; T1
    # (1.947.992 against 3 × 649.331 = 1.947.993) and U2 (3.000.000 against 3.053.269) do not.
    household = overall.loc["bps_household"]
    assert household[["members", "reaching", "left_out", "by_household_size", "by_average_household"]].tolist() == [
        4,
        2,
        0,
        2,
        2,
    ]
    assert household["average_household_size"] == pytest.approx(3_053_269 / 641_443)
    assert household["note"] == (
        "household income against Rp 649,331 × household size (BPS's method); 2 members without a household size "
        "were compared with the average poor-household line of 4.76 people, Rp 3,053,269"
    )
    assert overall.loc["umk", ["members", "reaching", "left_out"]].tolist() == [4, 1, 0]

    text = result.text()
    assert re.search(r"  bps_capita +income per household member +Rp 649,331 +2 +1 +50%\n", text)
    assert re.search(r"  bps_household +household income +Rp 649,331 × size +4 +2 +50%\n", text)
    flowing = " ".join(text.split())
    assert (
        "wb_extreme, wb_lower_middle, wb_upper_middle, bps_capita: 2 members without a household size are left out, "
        "since income per household member cannot be worked out without it; the share is of the other 2." in flowing
    )
    assert f"bps_household: {household['note']}." in flowing
    assert "(of the 2 with a household size)" in flowing

    as_json = json.loads(result.to_json())
    assert as_json["members_without_household_size"] == 2
    assert as_json["average_poor_household_size"] == pytest.approx(4.76, abs=0.005)
    row = {item["indicator"]: item for item in as_json["indicators"]}["bps_household"]
    assert (row["line_idr"], row["per_person_line_idr"], row["by_average_household"]) == (3_053_269, 649_331, 2)
    assert row["note"] == household["note"]
    assert {item["indicator"]: item for item in as_json["indicators"]}["umk"]["by_household_size"] is None
    assert as_json["clusters"]["profiles"][0]["members_without_household_size"] == 2


def test_one_member_without_a_size_is_one_member(tmp_path):
    rows = [GOOD_ROW, row_with(member_id="B02", household_size="")]
    overall = ResilienceIndicators("Kabupaten Sleman", "2026-01").fit(
        read_survey(write(tmp_path, HEADER, *rows)).members
    )
    notes = overall.overall_.set_index("indicator")["note"]
    assert notes["bps_capita"].startswith("1 member without a household size is left out")
    assert (
        "; 1 member without a household size was compared with the average poor-household line"
        in notes["bps_household"]
    )


def test_the_average_poor_household_size_comes_from_the_table():
    yardsticks = load_yardsticks()
    for on, household, person in ((date(2026, 1, 15), 3_053_269, 641_443), (date(2024, 6, 15), 2_786_415, 582_932)):
        figure = yardsticks.yardsticks_for("Kabupaten Sleman", on)["bps_household"]
        assert average_poor_household_size(yardsticks, figure, on) == household / person
    # Given figures say nothing about it unless told.
    real = yardsticks.yardsticks_for("Kabupaten Sleman", date(2026, 1, 15))
    members = pd.DataFrame(
        {
            "household_size": pd.array([pd.NA], dtype="Int64"),
            "household_income_used_idr": [0],
            "income_per_member_idr": [np.nan],
            "monthly_income_idr": [0],
        }
    )
    given = ResilienceIndicators("anywhere", "2026-01", figures=real).fit(members)
    assert given.average_household_size_ is None
    assert given.overall_.set_index("indicator").loc["bps_household", "note"] == (
        "1 member without a household size was compared with the average poor-household line, Rp 3,053,269"
    )


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "Januari 2026", "2026-01-15"])
def test_a_malformed_period_is_one_error(period):
    with pytest.raises(SurveyError, match=re.escape(f'period "{period}" is not a month written YYYY-MM')):
        period_day(period)


def test_the_period_means_its_15th():
    assert period_day("2025-09") == date(2025, 9, 15)


# Clusters ------------------------------------------------------------------------------------------------------


def separated_members(order: list[int] | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """Three clearly separated groups of 6, 5 and 4 members, and each member's group."""
    rng = np.random.default_rng(1)
    groups = [
        # (size, income per member, household size, months, status)
        (6, 10_000_000, 1, 60, "freelance"),
        (5, 1_000_000, 4, 24, "employed"),
        (4, 0, 6, 0, "student"),
    ]
    rows, truth = [], []
    for group, (size, income, household, months, status) in enumerate(groups):
        for _ in range(size):
            member_income = round(income * rng.uniform(0.95, 1.05))
            rows.append(
                {
                    "member_id": f"M{len(rows)}",
                    "monthly_income_idr": member_income * household,
                    "household_size": household,
                    "months_experience": months + int(rng.integers(0, 3)),
                    "employment_status": status,
                    "main_platform": "upwork" if status == "freelance" else "none",
                    "skills": ("HTML", "CSS") if status == "freelance" else ("Typing",),
                    "income_per_member_idr": float(member_income),
                }
            )
            truth.append(group)
    members, truth = pd.DataFrame(rows), np.array(truth)
    if order is not None:
        members, truth = members.iloc[order].reset_index(drop=True), truth[order]
    return members, truth


def same_partition(labels: np.ndarray, truth: np.ndarray) -> bool:
    pairs = set(zip(labels.tolist(), truth.tolist(), strict=True))
    return len(pairs) == len(set(labels.tolist())) == len(set(truth.tolist()))


def test_k_is_chosen_on_clearly_separated_groups():
    members, truth = separated_members()
    clusters = SurveyClusters().fit(members)
    assert clusters.k_ == 3
    assert sorted(clusters.silhouette_) == [2, 3, 4, 5, 6]
    assert clusters.silhouette_[3] == max(clusters.silhouette_.values())
    assert same_partition(clusters.labels_, truth)
    # Numbered from the largest group.
    assert clusters.labels_.tolist() == truth.tolist()

    profiles = clusters.profiles_.set_index("cluster")
    assert profiles["members"].tolist() == [6, 5, 4]
    assert profiles["commonest_status"].tolist() == ["freelance", "employed", "student"]
    assert profiles["commonest_platform"].tolist() == ["upwork", "none", "none"]
    assert profiles.loc[0, "top_skills"] == ("CSS", "HTML")
    assert profiles.loc[2, "median_income_idr"] == 0
    assert profiles.loc[1, "median_income_per_member_idr"] == members["income_per_member_idr"][truth == 1].median()


def test_clusters_are_deterministic_and_follow_the_members_not_their_order():
    members, truth = separated_members()
    first, second = SurveyClusters().fit(members), SurveyClusters().fit(members)
    assert first.labels_.tolist() == second.labels_.tolist()
    assert first.silhouette_ == second.silhouette_
    order = list(np.random.default_rng(3).permutation(len(members)))
    shuffled, shuffled_truth = separated_members(order)
    assert same_partition(SurveyClusters().fit(shuffled).labels_, shuffled_truth)


def test_a_given_k_is_used():
    members, _ = separated_members()
    clusters = SurveyClusters(n_clusters=2).fit(members)
    assert clusters.k_ == 2 and set(clusters.labels_) == {0, 1}
    assert list(clusters.silhouette_) == [2]
    with pytest.raises(ValueError, match="at least 1"):
        SurveyClusters(n_clusters=0).fit(members)


def test_too_few_distinct_members_make_one_cluster(hand_made):
    clusters = SurveyClusters().fit(hand_made.iloc[[0, 0, 0]])
    assert clusters.k_ == 1 and clusters.labels_.tolist() == [0, 0, 0] and clusters.silhouette_ == {}
    assert clusters.profiles_["members"].tolist() == [3]


def test_a_missing_household_size_is_grouped_at_the_median_size():
    sizes = pd.DataFrame({"household_size": pd.array([1, pd.NA, 4, 5], dtype="Int64")})
    assert grouping_sizes(sizes).tolist() == [1, 4, 4, 5]  # the median of 1, 4 and 5
    # No size at all: one value for everyone, which standardised weighs nothing.
    assert grouping_sizes(pd.DataFrame({"household_size": pd.array([pd.NA, pd.NA], dtype="Int64")})).tolist() == [1, 1]


def test_clusters_form_when_members_have_no_household_size():
    members, _ = separated_members()
    members["household_income_used_idr"] = members["monthly_income_idr"]
    members["household_size"] = members["household_size"].astype("Int64")
    # Two freelancers of the first group give no size: grouped as households of the median size, 4, so with a
    # quarter of their income per member. (That moves them: the median is a stated guess, used for grouping only.)
    members.loc[[0, 1], "household_size"] = pd.NA
    members.loc[[0, 1], "income_per_member_idr"] = np.nan
    clusters = SurveyClusters().fit(members)
    assert clusters.labels_.tolist() == SurveyClusters().fit(members).labels_.tolist()
    assert clusters.labels_[0] == clusters.labels_[1]
    assert len(set(clusters.labels_[2:6].tolist())) == 1  # the others of the first group stay together
    # Here they form a group of their own, whose median income per household member is unknown, not made up.
    assert (clusters.labels_ == clusters.labels_[0]).sum() == 2
    theirs = clusters.profiles_.set_index("cluster").loc[clusters.labels_[0]]
    assert theirs["members"] == theirs["members_without_household_size"] == 2
    assert pd.isna(theirs["median_income_per_member_idr"])


# The command ---------------------------------------------------------------------------------------------------


def test_the_example_runs_end_to_end():
    text = run_survey(EXAMPLE, "Kabupaten Sleman", "2026-01")
    assert text.startswith("Survey example-survey.csv: 53 members analysed (60 rows; 7 left out")
    assert "7 members outside Kabupaten Sleman (Kota Yogyakarta 4, Kabupaten Bantul 3)" in text
    assert "umk             Rp 2,624,387  UMK Kabupaten Sleman 2026" in text
    assert "Clusters of members (k-means, k = 4, the best silhouette" in text
    for problem in read_survey(EXAMPLE).problems:
        assert f"  {problem}\n" in text
    assert "M001" not in text  # no member is named


def test_json_output_parses_and_agrees_with_the_text():
    result = json.loads(run_survey(EXAMPLE, "sleman", "2026-01", n_clusters=3, as_json=True))
    assert result["region"] == "Kabupaten Sleman"  # the table's name for what was written
    assert (result["rows_read"], result["rows_left_out"], result["members"]) == (60, 7, 53)
    assert {key: value["value_idr"] for key, value in result["yardsticks"].items()} == SLEMAN_2026_01
    assert result["yardsticks"]["umk"]["used"].startswith("UMK Kabupaten Sleman 2026")
    assert [row["indicator"] for row in result["indicators"]] == list(SLEMAN_2026_01)
    # Counted from the file with the csv module alone, leaving out the seven documented bad rows. M022 and M049 give
    # no household size: the per-member indicators are of the other 51, and the household line holds them to the
    # average poor household's Rp 3.053.269 (M022's 4.800.000 reaches it, M049's 1.600.000 does not) and everyone
    # else to Rp 649.331 × their household size, which is the bps_capita comparison over again.
    measured = {
        "wb_extreme": 51,
        "wb_lower_middle": 51,
        "wb_upper_middle": 51,
        "bps_capita": 51,
        "bps_household": 53,
        "umk": 53,
    }
    counted = {
        "wb_extreme": 39,
        "wb_lower_middle": 32,
        "wb_upper_middle": 25,
        "bps_capita": 35,
        "bps_household": 36,
        "umk": 28,
    }
    assert {row["indicator"]: row["members"] for row in result["indicators"]} == measured
    assert {row["indicator"]: row["reaching"] for row in result["indicators"]} == counted
    assert {row["indicator"]: row["share"] for row in result["indicators"]} == {
        key: count / measured[key] for key, count in counted.items()
    }
    assert result["members_without_household_size"] == 2
    household = {row["indicator"]: row for row in result["indicators"]}["bps_household"]
    assert (household["by_household_size"], household["by_average_household"]) == (51, 2)
    assert result["clusters"]["k"] == 3 and result["clusters"]["k_given"] is True
    assert sum(profile["members"] for profile in result["clusters"]["profiles"]) == 53
    assert len(result["clusters"]["indicators"]) == 3 * len(INDICATORS)
    assert result["problems"] == read_survey(EXAMPLE).problems
    assert "M001" not in json.dumps(result)


def test_the_result_object_gives_problems_separately():
    result = analyse_survey(EXAMPLE, "Kabupaten Sleman", "2026-01")
    assert result.problems == read_survey(EXAMPLE).problems
    assert result.text() == run_survey(EXAMPLE, "Kabupaten Sleman", "2026-01")


def test_a_file_without_usable_rows_is_one_error_carrying_the_problems(tmp_path):
    path = write(tmp_path, HEADER, row_with(household_size="0"), row_with(member_id="B02", age="7"))
    with pytest.raises(SurveyError) as caught:
        analyse_survey(path, "Kabupaten Sleman", "2026-01")
    assert str(caught.value) == (
        f'{path}: none of the 2 member rows can be used; the first problem: s.csv row 2, column household_size: "0" '
        "is not a whole number of at least 1"
    )
    assert len(caught.value.problems) == 2


def test_members_in_the_province_are_not_outside_it(tmp_path):
    path = write(tmp_path, HEADER, GOOD_ROW, row_with(member_id="B02", region="Kota Denpasar"))
    assert analyse_survey(path, "DI Yogyakarta", "2026-01").members_elsewhere == {"Kota Denpasar": 1}
    assert analyse_survey(path, "Kabupaten Sleman", "2026-01").members_elsewhere == {"Kota Denpasar": 1}
    assert analyse_survey(path, "Bali", "2026-01").members_elsewhere == {"Kabupaten Sleman": 1}


def test_a_file_without_rows_is_one_error(tmp_path):
    path = write(tmp_path, HEADER)
    with pytest.raises(SurveyError, match="no member rows below the first line"):
        analyse_survey(path, "Kabupaten Sleman", "2026-01")


def test_an_unknown_region_is_one_error():
    with pytest.raises(SurveyError) as caught:
        analyse_survey(EXAMPLE, "Kabupaten Atlantis", "2026-01")
    assert str(caught.value).startswith("unknown region 'Kabupaten Atlantis'")
    assert "\n" not in str(caught.value)


def test_in_2024_the_2017_ppp_lines_count_converted(hand_made):
    indicators = ResilienceIndicators("Kabupaten Sleman", "2024-06").fit(hand_made)
    # Lines a month: 2.15, 3.65 and 6.85 PPP dollars a day x Rp 5,993.03 (BPS, 2024) x 365/12 days:
    # Rp 391,919, Rp 665,351 and Rp 1,248,673. Per member: A 2,624,387, B 1,000,000, C 600,000, D 700,000,
    # E 800,000: everyone reaches the first, all but C the second, only A the third.
    reaching = indicators.overall_.set_index("indicator")["reaching"]
    assert reaching[["wb_extreme", "wb_lower_middle", "wb_upper_middle"]].tolist() == [5, 4, 1]
    assert indicators.yardsticks_["wb_upper_middle"].name == "World Bank $6.85 (2017 PPP)"


def test_a_yardstick_without_a_figure_for_the_period_is_shown_as_missing_not_as_nobody():
    result = analyse_survey(EXAMPLE, "Kabupaten Sleman", "2020-01")
    overall = result.indicators.overall_.set_index("indicator")
    # No minimum wage before 2023 and no World Bank line before September 2022 in the table; the national BPS
    # lines of September 2019 are.
    for key in ("umk", "wb_extreme", "wb_lower_middle", "wb_upper_middle"):
        assert pd.isna(overall.loc[key, "reaching"]) and pd.isna(overall.loc[key, "share"])
    assert overall.loc["bps_capita", "line_idr"] == 440_538 and overall.loc["bps_capita", "reaching"] > 0
    text = result.text()
    assert "before the first minimum wage for Kabupaten Sleman" in text
    # The example has members without a household size, so the table shows how many each indicator measured.
    assert re.search(r"  umk +personal income +– +53 +– +–\n", text)
    as_json = json.loads(result.to_json())
    assert as_json["yardsticks"]["umk"]["value_idr"] is None
    assert [row["share"] for row in as_json["indicators"] if row["indicator"] == "umk"] == [None]


@pytest.mark.parametrize("figure", [float("inf"), float("nan")])
def test_json_never_holds_nan_or_infinity(figure):
    result = analyse_survey(EXAMPLE, "Kabupaten Sleman", "2026-01", n_clusters=3)
    result.indicators.average_household_size_ = figure
    result.clusters.silhouette_ = {3: figure}

    def refuse(constant):
        raise AssertionError(f"JSON holds {constant}")

    as_json = json.loads(result.to_json(), parse_constant=refuse)
    assert as_json["average_poor_household_size"] is None and as_json["clusters"]["silhouette"] == {"3": None}
