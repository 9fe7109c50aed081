"""analysis.alumni: reading a coordinator's alumni file, matching people with vacancies, the CSV and Markdown outputs,
and the command on a real SQLite database built by the store.

Every person, contact and vacancy here is invented for these tests.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert

from analysis.alumni import (
    CSV_COLUMNS,
    AlumniError,
    AlumniMatcher,
    Person,
    matches_markdown,
    read_alumni,
    run_alumni,
    write_matches_csv,
)
from analysis.curriculum import load_curriculum
from analysis.vacancies import Vacancy
from crawlers.items import Posting
from pipelines.db import models
from pipelines.db.writer import PostingWriter, sync_skills
from pipelines.derive import Deriver
from pipelines.skills.taxonomy import load_taxonomy
from tests.conftest import PROJECT_DIR

NOW = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
LKP = PROJECT_DIR / "examples" / "curricula" / "lkp-vokasi.yaml"
EXAMPLE = PROJECT_DIR / "examples" / "alumni" / "example-alumni.csv"
TEMPLATE = PROJECT_DIR / "examples" / "alumni" / "template.csv"
HEADER = "name,track,skills,region,open_to_remote,contact\n"


def write(tmp_path: Path, text: str, name: str = "alumni.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def vacancy(id: int, skills: tuple[str, ...], **fields) -> Vacancy:
    """A vacancy on site at Kota Denpasar, first seen and posted at NOW, without pay, unless `fields` say otherwise."""
    values = {
        "id": id,
        "title": f"Lowongan {id}",
        "company": "CV Contoh Jaya",
        "source": "kalibrr",
        "url": f"https://kalibrr.example.test/jobs/{id}",
        "also_on": (),
        "posted_at": NOW,
        "first_seen_at": NOW,
        "last_seen_at": NOW,
        "valid_through": None,
        "remote": False,
        "location": "Kota Denpasar, Bali",
        "country": "ID",
        "employment_type": "full_time",
        "pay_kind": None,
        "pay_idr_min": None,
        "pay_idr_max": None,
        "pay_min": None,
        "pay_max": None,
        "pay_currency": None,
        "pay_period": None,
        "pay_text": None,
        "skills": tuple(sorted(skills)),
    }
    return Vacancy(**(values | fields))


def monthly(amount: float) -> dict[str, object]:
    """Vacancy fields for a salary of `amount` rupiah a month."""
    return {
        "pay_kind": "salaried",
        "pay_min": amount,
        "pay_max": amount,
        "pay_currency": "IDR",
        "pay_period": "month",
        "pay_idr_min": amount,
        "pay_idr_max": amount,
    }


# An hourly rate of AUD 12–23 at Rp 10.450 to the Australian dollar (a rate stated for these tests): an hour.
HOURLY_AUD = {
    "pay_kind": "hourly",
    "pay_min": 12,
    "pay_max": 23,
    "pay_currency": "AUD",
    "pay_period": "hour",
    "pay_idr_min": 125_400,  # 12 × 10.450
    "pay_idr_max": 240_350,  # 23 × 10.450
}


def person(name: str, skills: tuple[str, ...], **fields) -> Person:
    return Person(row=fields.pop("row", 2), name=name, skills=skills, **fields)


def matched(matcher: AlumniMatcher) -> list[tuple[str, int, int]]:
    """(person, rank, vacancy id) of every match, in order."""
    return [(match.person.name, match.rank, match.vacancy.id) for match in matcher.matches_]


# Reading ---------------------------------------------------------------------------------------------------------


def test_reads_a_comma_file_with_any_header_case_resolving_aliases(tmp_path):
    path = write(
        tmp_path,
        "Name,Track,SKILLS,Region,Open To Remote,Contact,Catatan\n"
        "Ayu Contoh,Web,js; bahasa inggris; PHP; php,Kabupaten Sleman,Ya,contoh-01@example.invalid,ignored\n"
        'Budi Contoh,,"Excel, Typing",,,\n',
    )
    reading = read_alumni(path)
    assert reading.problems == []
    assert reading.rows_read == 2 and reading.rows_left_out == 0
    assert reading.people == [
        Person(
            row=2,
            name="Ayu Contoh",
            skills=("JavaScript", "English", "PHP"),
            track="Web",
            region="Kabupaten Sleman",
            open_to_remote=True,
            contact="contoh-01@example.invalid",
        ),
        Person(row=3, name="Budi Contoh", skills=("Excel", "Typing")),
    ]


def test_reads_a_semicolon_file_as_excel_in_indonesian_saves_it_with_a_bom(tmp_path):
    path = write(
        tmp_path,
        'name;skills;region;open_to_remote\nCitra Contoh;"PHP; Laravel";Kota Yogyakarta;tidak\n'
        "Dodi Contoh;HTML, CSS;;ya\n",
        encoding="utf-8-sig",
    )
    reading = read_alumni(path)
    assert reading.problems == []
    assert [(p.name, p.skills, p.region, p.open_to_remote) for p in reading.people] == [
        ("Citra Contoh", ("PHP", "Laravel"), "Kota Yogyakarta", False),
        ("Dodi Contoh", ("HTML", "CSS"), None, True),
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("ya", True), ("YES", True), ("y", True), ("True", True), ("1", True)]
    + [("tidak", False), ("No", False), ("n", False), ("false", False), ("0", False), ("", False)],
)
def test_open_to_remote_values(tmp_path, written, expected):
    reading = read_alumni(write(tmp_path, f"{HEADER}Eka Contoh,,PHP,,{written},\n"))
    assert reading.problems == []
    assert reading.people[0].open_to_remote is expected


def test_an_unknown_skill_is_a_problem_with_the_closest_names_and_the_row_keeps_its_other_skills(tmp_path):
    # The blank line counts as a row, as in a spreadsheet: Fitri is on row 4.
    path = write(tmp_path, f"{HEADER}Eka Contoh,,PHP,,,\n\nFitri Contoh,,PHP; Laravl; MySQL,Kota Denpasar,,\n")
    reading = read_alumni(path)
    assert reading.problems == ['alumni.csv row 4, column skills: unknown skill "Laravl"; closest: Laravel']
    assert [(p.row, p.name, p.skills) for p in reading.people] == [
        (2, "Eka Contoh", ("PHP",)),
        (4, "Fitri Contoh", ("PHP", "MySQL")),
    ]


def test_a_row_without_a_name_is_left_out_with_a_problem(tmp_path):
    reading = read_alumni(write(tmp_path, f"{HEADER} ,,PHP,,ya,contoh@example.invalid\nGita Contoh,,CSS,,,\n"))
    assert reading.problems == [
        "alumni.csv row 2, column name: empty; every person needs a name, so the row is left out"
    ]
    assert [p.name for p in reading.people] == ["Gita Contoh"]
    assert reading.rows_read == 2 and reading.rows_left_out == 1


def test_a_bad_open_to_remote_is_a_problem_and_counts_as_no(tmp_path):
    reading = read_alumni(write(tmp_path, f"{HEADER}Hadi Contoh,,PHP,Kota Denpasar,mungkin,\n"))
    assert reading.problems == [
        'alumni.csv row 2, column open_to_remote: "mungkin" is not ya or tidak (yes or no); counted as tidak'
    ]
    assert reading.people[0].open_to_remote is False and reading.people[0].skills == ("PHP",)


def test_a_row_split_by_an_unquoted_comma_is_left_out_rather_than_read_shifted(tmp_path):
    reading = read_alumni(write(tmp_path, "name,skills,region\nIka Contoh,PHP, Laravel,Kota Denpasar\n"))
    assert reading.people == []
    assert reading.problems == [
        "alumni.csv row 2: 4 values but the header names 3 columns; put a value holding a comma in double quotes "
        '("PHP, Laravel") or separate skills with ";"; the row is left out'
    ]


def test_empty_skills_without_track_skills_is_a_problem(tmp_path):
    reading = read_alumni(write(tmp_path, f"{HEADER}Joko Contoh,,,Kota Denpasar,,\n"))
    assert reading.problems == ["alumni.csv row 2, column skills: empty; without skills no vacancy can match"]
    assert reading.people[0].skills == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("\n \n", "the file is empty"),
        ("track,skills\nA,PHP\n", "missing column name;"),
        ("name;region\nA;Kota Denpasar\n", "missing column skills;"),
        ("Nama,Keahlian\nA,PHP\n", "missing columns name and skills;"),
    ],
)
def test_unusable_files_raise_a_one_line_error(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(AlumniError) as caught:
        read_alumni(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ") and expected in message


def test_a_file_that_is_not_utf8_or_missing_raises_a_one_line_error(tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name,skills\nJosé,PHP\n".encode("latin-1"))
    with pytest.raises(AlumniError, match=r"not UTF-8 text; save it as CSV UTF-8$"):
        read_alumni(latin1)
    with pytest.raises(AlumniError, match=r"^\S+missing\.csv: cannot read the file: No such file or directory$"):
        read_alumni(tmp_path / "missing.csv")


# Tracks ----------------------------------------------------------------------------------------------------------


def test_a_track_of_the_curriculum_adds_its_skills(tmp_path):
    curriculum = load_curriculum(LKP)
    design = next(track for track in curriculum.tracks if track.name == "Desain Grafis")
    reading = read_alumni(
        write(tmp_path, f"{HEADER}Kadek Contoh,desain GRAFIS,Canva; Figma,Kota Denpasar,,\n"), curriculum
    )
    assert reading.problems == []
    [kadek] = reading.people
    assert kadek.track == "Desain Grafis"  # as the curriculum spells it
    assert kadek.skills == ("Canva", "Figma")
    assert kadek.track_skills == design.skills
    assert {"CorelDRAW", "Adobe Photoshop", "Logo Design"} <= kadek.known_skills
    assert kadek.known_skills == design.skills | {"Figma"}


def test_a_track_the_curriculum_lacks_is_a_problem_and_own_skills_still_count(tmp_path):
    curriculum = load_curriculum(LKP)
    reading = read_alumni(write(tmp_path, f"{HEADER}Lina Contoh,Tata Boga,Barista,Kabupaten Badung,,\n"), curriculum)
    assert reading.problems == [
        'alumni.csv row 2, column track: "Tata Boga" is not a track of LKP Terampil Mandiri (contoh) (its tracks: '
        "Komputer Perkantoran, Bahasa Inggris, Perhotelan, Desain Grafis); only own skills count"
    ]
    [lina] = reading.people
    assert lina.track == "Tata Boga" and lina.track_skills == frozenset()
    assert lina.known_skills == {"Barista"}


def test_track_skills_alone_are_enough(tmp_path):
    reading = read_alumni(
        write(tmp_path, f"{HEADER}Mira Contoh,Perhotelan,,Kabupaten Badung,,\n"), load_curriculum(LKP)
    )
    assert reading.problems == []
    assert "Front Office Operations" in reading.people[0].known_skills


# Where: place and remote -----------------------------------------------------------------------------------------


def test_a_sleman_person_reaches_yogyakarta_through_the_province_and_a_denpasar_person_does_not():
    in_the_city = vacancy(1, ("Excel",), location="Kota Yogyakarta, DI Yogyakarta")
    sleman = person("Nanda Contoh", ("Excel",), region="Kabupaten Sleman")
    denpasar = person("Oka Contoh", ("Excel",), region="Kota Denpasar")
    matcher = AlumniMatcher().fit([sleman, denpasar], [in_the_city])
    assert matched(matcher) == [("Nanda Contoh", 1, 1)]
    assert matcher.unmatched_ == ["Oka Contoh"]


def test_a_place_matches_on_all_its_words_not_on_a_shared_direction():
    # "Selatan" (south) is in both; Jakarta is not Kalimantan.
    banjarmasin = vacancy(1, ("Excel",), location="Kota Banjarmasin, Kalimantan Selatan")
    south_jakarta = vacancy(2, ("Excel",), location="Jakarta Selatan")
    jakarta = person("Putri Contoh", ("Excel",), region="Kota Jakarta Selatan")
    assert matched(AlumniMatcher().fit([jakarta], [banjarmasin, south_jakarta])) == [("Putri Contoh", 1, 2)]


def test_a_region_the_yardstick_table_lacks_uses_its_own_words():
    village = vacancy(1, ("Excel",), location="Desa Wisata Penglipuran, Bangli")
    elsewhere = vacancy(2, ("Excel",), location="Kota Denpasar, Bali")
    # The table does not know "Penglipuran, Bangli" as written: its own words only, so not the rest of Bali.
    villager = person("Rai Contoh", ("Excel",), region="Penglipuran, Bangli")
    assert matched(AlumniMatcher().fit([villager], [village, elsewhere])) == [("Rai Contoh", 1, 1)]


def test_remote_vacancies_reach_only_people_open_to_remote():
    remote = vacancy(1, ("PHP",), remote=True, location="Worldwide")
    unknown = vacancy(2, ("PHP",), remote=None, location=None)
    open_ = person("Sari Contoh", ("PHP",), region="Kota Denpasar", open_to_remote=True)
    on_site_only = person("Tono Contoh", ("PHP",), region="Kota Denpasar")
    nowhere_open = person("Umi Contoh", ("PHP",), open_to_remote=True)
    nowhere = person("Vina Contoh", ("PHP",))
    matcher = AlumniMatcher().fit([open_, on_site_only, nowhere_open, nowhere], [remote, unknown])
    assert matched(matcher) == [("Sari Contoh", 1, 1), ("Umi Contoh", 1, 1)]
    assert matcher.unmatched_ == ["Tono Contoh", "Vina Contoh"]


def test_a_remote_vacancy_in_the_persons_place_reaches_them_even_if_not_open_to_remote():
    hybrid = vacancy(1, ("PHP",), remote=True, location="Kota Denpasar")
    assert matched(AlumniMatcher().fit([person("Wira Contoh", ("PHP",), region="Denpasar")], [hybrid])) == [
        ("Wira Contoh", 1, 1)
    ]


# How well: strength and ranking ----------------------------------------------------------------------------------

DAY = timedelta(days=1)
RANKED = [
    vacancy(1, ("PHP", "Laravel")),  # 2/2 = 1.0
    vacancy(2, ("PHP", "Laravel", "MySQL", "Docker"), **monthly(4_000_000)),  # 3/4 = 0.75
    vacancy(3, ("PHP", "Docker"), **monthly(9_000_000)),  # 0.5, best paid
    vacancy(4, ("PHP", "Docker", "Kubernetes"), **monthly(20_000_000)),  # 1/3: below min_match
    vacancy(5, ("Excel",)),  # shares nothing
    vacancy(6, ("PHP", "Docker"), **monthly(5_000_000)),  # 0.5, paid less
    vacancy(7, ("PHP", "Docker"), posted_at=None, first_seen_at=NOW + DAY),  # 0.5, no pay, newest
    vacancy(9, ("PHP", "Docker"), posted_at=NOW - DAY),  # 0.5, no pay, older; equal to 8 but for its id
    vacancy(8, ("PHP", "Docker"), posted_at=NOW - DAY),
    vacancy(10, ()),  # asks for no known skill
]
PHP_DEVELOPER = person("Yudi Contoh", ("PHP", "Laravel", "MySQL"), region="Kota Denpasar")


def test_ranking_by_strength_then_pay_then_newest_then_id():
    matcher = AlumniMatcher(top=10).fit([PHP_DEVELOPER], RANKED)
    assert [match.vacancy.id for match in matcher.matches_] == [1, 2, 3, 6, 7, 8, 9]
    assert [match.rank for match in matcher.matches_] == [1, 2, 3, 4, 5, 6, 7]
    assert [match.strength for match in matcher.matches_] == [1.0, 0.75, 0.5, 0.5, 0.5, 0.5, 0.5]


def test_the_skills_had_and_the_skills_a_vacancy_adds():
    first, second, third = AlumniMatcher(top=3).fit([PHP_DEVELOPER], RANKED).matches_
    assert (first.skills_had, first.skills_added) == (("Laravel", "PHP"), ())
    assert (second.skills_had, second.skills_added) == (("Laravel", "MySQL", "PHP"), ("Docker",))
    assert (third.skills_had, third.skills_added) == (("PHP",), ("Docker",))


def test_top_and_min_match():
    assert [m.vacancy.id for m in AlumniMatcher().fit([PHP_DEVELOPER], RANKED).matches_] == [1, 2, 3, 6, 7]
    assert [m.vacancy.id for m in AlumniMatcher(top=2).fit([PHP_DEVELOPER], RANKED).matches_] == [1, 2]
    assert [m.vacancy.id for m in AlumniMatcher(min_match=0.75).fit([PHP_DEVELOPER], RANKED).matches_] == [1, 2]
    weaker = AlumniMatcher(top=10, min_match=0.3).fit([PHP_DEVELOPER], RANKED).matches_
    assert [m.vacancy.id for m in weaker] == [1, 2, 3, 6, 7, 8, 9, 4]
    assert AlumniMatcher(min_match=1).fit([PHP_DEVELOPER], RANKED).matches_[0].vacancy.id == 1


def test_hourly_and_project_pay_rank_with_unknown_pay_after_salaries():
    offers = [
        vacancy(1, ("PHP",), posted_at=NOW - DAY, **HOURLY_AUD),  # Rp 240.350 an hour: not a month's pay
        vacancy(2, ("PHP",), posted_at=NOW - 3 * DAY, **monthly(3_000_000)),  # the only salary, the oldest
        vacancy(3, ("PHP",), posted_at=NOW - 2 * DAY, pay_kind="project", pay_min=20_000_000, pay_max=20_000_000,
                pay_currency="IDR", pay_period="project", pay_idr_min=20_000_000, pay_idr_max=20_000_000),
        vacancy(4, ("PHP",)),  # unknown pay, the newest
    ]  # fmt: skip
    assert [match.vacancy.id for match in AlumniMatcher().fit([PHP_DEVELOPER], offers).matches_] == [2, 4, 1, 3]


def test_an_infinite_salary_ranks_with_unknown_pay_as_it_is_shown():
    offers = [
        vacancy(1, ("PHP",), posted_at=NOW - DAY, **monthly(math.inf)),  # shown as pay not stated
        vacancy(2, ("PHP",), posted_at=NOW - 3 * DAY, **monthly(3_000_000)),
        vacancy(3, ("PHP",), posted_at=NOW - 2 * DAY, **monthly(math.nan)),
    ]
    assert [match.vacancy.id for match in AlumniMatcher().fit([PHP_DEVELOPER], offers).matches_] == [2, 1, 3]


def test_track_skills_count_in_the_strength():
    front_office = vacancy(1, ("Front Office Operations", "Hotel Reservation", "English", "Excel"))
    own = person("Zaki Contoh", ("English",), region="Kota Denpasar")
    with_track = replace(
        own, track="Perhotelan", track_skills=frozenset({"Front Office Operations", "Hotel Reservation"})
    )
    assert AlumniMatcher().fit([own], [front_office]).matches_ == []
    [match] = AlumniMatcher().fit([with_track], [front_office]).matches_
    assert match.strength == 0.75 and match.skills_added == ("Excel",)


def test_matches_come_person_by_person_in_the_order_given():
    people = [
        person("Ani Contoh", ("Excel",), row=2, region="Kota Denpasar"),
        person("Beni Contoh", ("PHP",), row=3, region="Kota Denpasar"),
        person("Cici Contoh", ("Excel", "PHP"), row=4, region="Kota Denpasar"),
    ]
    matcher = AlumniMatcher().fit(people, [vacancy(1, ("PHP",)), vacancy(2, ("Excel",), **monthly(5_000_000))])
    assert matched(matcher) == [
        ("Ani Contoh", 1, 2),
        ("Beni Contoh", 1, 1),
        ("Cici Contoh", 1, 2),
        ("Cici Contoh", 2, 1),
    ]
    assert matcher.unmatched_ == []


@pytest.mark.parametrize("parameters", [{"top": 0}, {"min_match": -0.1}, {"min_match": 1.5}])
def test_bad_parameters_are_refused(parameters):
    with pytest.raises(ValueError):
        AlumniMatcher(**parameters).fit([], [])


# Outputs ---------------------------------------------------------------------------------------------------------

CLOSES = datetime(2026, 12, 1, 16, 59, tzinfo=timezone.utc)
DEVELOPER = person(
    "Yudi Contoh",
    ("PHP", "Laravel", "MySQL"),
    track="Web",
    region="Kota Denpasar",
    open_to_remote=True,
    contact="+62-000-0000-0099",
)
NOBODYS = person("Dewi Contoh", ("Canva",), row=3, region="Kota Denpasar", contact="contoh-98@example.invalid")
OFFERS = [
    vacancy(
        1,
        ("PHP", "Laravel", "MySQL", "Docker"),
        title="Backend Developer",
        company="PT Contoh Digital",
        valid_through=CLOSES,
        **monthly(4_250_000),
    ),
    vacancy(
        2,
        ("PHP", "Laravel"),
        title='=HYPERLINK("https://evil.example.test")',
        company=None,
        source="projects",
        url="https://projects.example.test/p/2",
        remote=True,
        location="Indonesia",
        pay_kind="project",
        pay_min=3_000_000,
        pay_max=5_000_000,
        pay_currency="IDR",
        pay_period="project",
        pay_idr_min=3_000_000,
        pay_idr_max=5_000_000,
    ),
]


def fitted() -> AlumniMatcher:
    return AlumniMatcher().fit([DEVELOPER, NOBODYS], OFFERS)


def test_the_csv_holds_one_row_per_person_and_match_with_contacts(tmp_path):
    path = tmp_path / "matches.csv"
    write_matches_csv(fitted().matches_, path)
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        rows = list(reader)
    assert rows == [
        {
            "name": "Yudi Contoh",
            "contact": "'+62-000-0000-0099",  # the alumni file's cells too: "+62-0-0-99" would be a sum
            "track": "Web",
            "region": "Kota Denpasar",
            "rank": "1",
            "match": "1.0",
            "title": '\'=HYPERLINK("https://evil.example.test")',  # text to a spreadsheet, not a formula
            "company": "",
            "platform": "projects",
            "url": "https://projects.example.test/p/2",
            "pay_kind": "project",
            "pay_min": "3000000",
            "pay_max": "5000000",
            "pay_currency": "IDR",
            "pay_period": "project",
            "pay_idr_min": "3000000",
            "pay_idr_max": "5000000",
            "pay_idr_per": "project",
            "location": "Indonesia",
            "remote": "yes",
            "closes": "",
            "skills_had": "Laravel; PHP",
            "skills_added": "",
        },
        {
            "name": "Yudi Contoh",
            "contact": "'+62-000-0000-0099",  # the alumni file's cells too: "+62-0-0-99" would be a sum
            "track": "Web",
            "region": "Kota Denpasar",
            "rank": "2",
            "match": "0.75",
            "title": "Backend Developer",
            "company": "PT Contoh Digital",
            "platform": "kalibrr",
            "url": "https://kalibrr.example.test/jobs/1",
            "pay_kind": "salaried",
            "pay_min": "4250000",
            "pay_max": "4250000",
            "pay_currency": "IDR",
            "pay_period": "month",
            "pay_idr_min": "4250000",
            "pay_idr_max": "4250000",
            "pay_idr_per": "month",
            "location": "Kota Denpasar, Bali",
            "remote": "no",
            "closes": "2026-12-01",
            "skills_had": "Laravel; MySQL; PHP",
            "skills_added": "Docker",
        },
    ]


def test_the_markdown_has_a_section_per_person_and_no_contacts():
    text = matches_markdown([DEVELOPER, NOBODYS], fitted().matches_, since=NOW)
    assert "+62-000-0000-0099" not in text and "example.invalid" not in text
    assert text.startswith("# Lowongan yang cocok\n\n> Catatan: daftar ini sengaja tidak memuat kontak")
    assert "Lowongan yang pertama terlihat sejak 20 Nov 2026." in text
    section = text[text.index("## Yudi Contoh (Web)") :]
    assert section.splitlines()[:11] == [
        "## Yudi Contoh (Web)",
        "",
        '1. [=HYPERLINK("https\\[:\\]//evil\\[.\\]example\\[.\\]test")](<https://projects.example.test/p/2>)',
        "   - Proyek (harga tetap): Rp 3.000.000 – Rp 5.000.000 per proyek · remote · projects.example.test · cocok 100%",
        "   - Sudah dikuasai: Laravel, PHP",
        "   - Perlu dipelajari: tidak ada",
        "2. [Backend Developer](<https://kalibrr.example.test/jobs/1>) — PT Contoh Digital",
        "   - Gaji: Rp 4.250.000 sebulan · Kota Denpasar, Bali · Kalibrr · cocok 75% · tutup 1 Des 2026",
        "   - Sudah dikuasai: Laravel, MySQL, PHP",
        "   - Perlu dipelajari: Docker",
        "",
    ]
    assert text.endswith("## Dewi Contoh\n\nBelum ada lowongan yang cocok.\n")


def test_english_labels():
    text = matches_markdown([DEVELOPER, NOBODYS], fitted().matches_, lang="en")
    assert text.startswith("# Matching vacancies\n\n> Note: this list deliberately holds no contacts")
    assert "Salary: Rp 4.250.000 a month · Kota Denpasar, Bali · Kalibrr · 75% match · closes 1 Dec 2026" in text
    assert "Fixed-price project: Rp 3.000.000 – Rp 5.000.000 per project · remote" in text
    assert "   - Already has: Laravel, MySQL, PHP\n   - To learn: Docker" in text
    assert "To learn: nothing" in text
    assert "No matching vacancy yet." in text
    assert "Sudah dikuasai" not in text
    with pytest.raises(ValueError, match="lang"):
        matches_markdown([], [], lang="jv")


def test_an_hourly_match_keeps_the_hour_in_the_csv_and_the_markdown(tmp_path):
    hourly = vacancy(5, ("PHP", "Laravel"), remote=True, location="Worldwide", **HOURLY_AUD)
    matches = AlumniMatcher().fit([DEVELOPER], [hourly]).matches_
    path = tmp_path / "matches.csv"
    write_matches_csv(matches, path)
    with path.open(encoding="utf-8", newline="") as file:
        [row] = csv.DictReader(file)
    assert (row["pay_kind"], row["pay_idr_min"], row["pay_idr_max"], row["pay_idr_per"]) == (
        "hourly", "125400", "240350", "hour",
    )  # fmt: skip
    indonesian = matches_markdown([DEVELOPER], matches)
    assert "   - Per jam: AUD 12–23 per jam ≈ Rp 125–240 rb per jam · remote · Kalibrr · cocok 100%" in indonesian
    english = matches_markdown([DEVELOPER], matches, lang="en")
    assert "   - Hourly: AUD 12–23 an hour ≈ Rp 125–240 rb an hour · remote · Kalibrr · 100% match" in english
    assert "bulan" not in indonesian and "month" not in english


def test_the_markdown_escapes_scraped_text_and_links_only_http_urls():
    hostile = vacancy(
        1,
        ("PHP",),
        title="<script>alert(1)</script> [x](javascript:alert(1))",
        company="*PT* _Contoh_ & #1 | Jaya",
        url="https://kalibrr.example.test/jobs/1?a=(b)&c=<d>",
    )
    unlinked = vacancy(2, ("PHP",), title="- Admin", url="javascript:alert(document.cookie)")
    text = matches_markdown([DEVELOPER], AlumniMatcher().fit([DEVELOPER], [hostile, unlinked]).matches_)
    without_link_targets = re.sub(r"\]\(<[^>]*>\)", "]", text)
    assert "<" not in without_link_targets and ">" not in without_link_targets.replace("> Catatan", "")
    assert not re.search(r"(?<!\\)\]\(javascript", text) and "document.cookie" not in text
    assert (
        "1. [&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1))]"
        "(<https://kalibrr.example.test/jobs/1?a=(b)&c=%3Cd%3E>) — \\*PT\\* \\_Contoh\\_ &amp; #1 | Jaya"
    ) in text
    assert "\n2. \\- Admin — CV Contoh Jaya\n" in text


def test_the_csv_keeps_the_alumni_files_own_cells_from_being_formulas(tmp_path):
    typed = person("=HYPERLINK(\"https://evil.example.test\")", ("PHP",), track="@Web", region=" -Kota Denpasar",
                   open_to_remote=True, contact="+62-000-0000-0097")  # fmt: skip
    path = tmp_path / "matches.csv"
    write_matches_csv(AlumniMatcher().fit([typed], [OFFERS[1]]).matches_, path)  # remote: within their reach
    with path.open(encoding="utf-8", newline="") as file:
        [row] = list(csv.DictReader(file))
    assert (row["name"], row["contact"], row["track"], row["region"]) == (
        "'=HYPERLINK(\"https://evil.example.test\")",
        "'+62-000-0000-0097",
        "'@Web",
        "' -Kota Denpasar",
    )


def test_the_csv_and_markdown_remove_bidirectional_and_invisible_characters(tmp_path):
    offer = replace(OFFERS[0], title="Admin\u202egpj.exe\ufffe", company="PT\u2066 Contoh\x00")
    someone = replace(DEVELOPER, name="Yudi\u202e Contoh", contact="\u202e+62-000-0000-0099")
    matches = AlumniMatcher().fit([someone], [offer]).matches_
    path = tmp_path / "matches.csv"
    write_matches_csv(matches, path)
    with path.open(encoding="utf-8", newline="") as file:
        [row] = list(csv.DictReader(file))
    assert (row["name"], row["contact"], row["title"], row["company"]) == (
        "Yudi Contoh",
        "'+62-000-0000-0099",  # a formula once the override is gone: escaped after removing it
        "Admingpj.exe",
        "PT Contoh ",
    )
    markdown = matches_markdown([someone], matches)
    assert "## Yudi Contoh (Web)" in markdown and "[Admingpj.exe](<" in markdown and "— PT Contoh\n" in markdown


@pytest.mark.parametrize("figure", [math.inf, math.nan])
def test_run_alumni_with_infinite_pay_writes_it_as_not_stated(engine, tmp_path, monkeypatch, figure):
    infinite = vacancy(1, ("PHP", "Laravel"), title="Backend Developer", **HOURLY_AUD | {"pay_max": figure,
                       "pay_idr_max": figure})  # fmt: skip
    monkeypatch.setattr("analysis.alumni.load_vacancies", lambda *arguments, **options: [infinite])
    alumni = write(tmp_path, HEADER + "Dian Contoh,,PHP; Laravel,Kota Denpasar,ya,contoh-01@example.invalid\n")
    csv_path, markdown_path = tmp_path / "out.csv", tmp_path / "out.md"
    run_alumni(engine, alumni, since=NOW - 30 * DAY, csv_path=csv_path, markdown_path=markdown_path)
    with csv_path.open(encoding="utf-8", newline="") as file:
        [row] = list(csv.DictReader(file))
    assert (row["pay_min"], row["pay_max"], row["pay_idr_min"], row["pay_idr_max"]) == ("12", "", "125400", "")
    markdown = markdown_path.read_text(encoding="utf-8")
    assert "Gaji: tidak disebut" in markdown and "inf" not in markdown and "nan" not in markdown


# The command, on a real database ---------------------------------------------------------------------------------


def store_market(engine) -> datetime:
    """Six postings stored as a crawl stores them (skills and pay derived); returns the time they were stored."""
    now = datetime.now(timezone.utc)
    deriver = Deriver().fit()
    with engine.begin() as connection:
        sync_skills(connection, deriver.taxonomy_)
        run_id = connection.execute(
            insert(models.CrawlRun).values(spider="test", arguments={}, started_at=now).returning(models.CrawlRun.id)
        ).scalar_one()

    def posting(source_id: str, title: str, skills: list[str], **fields) -> Posting:
        source = fields.pop("source", "kalibrr")
        return deriver.derive(
            Posting(
                source=source,
                source_id=source_id,
                url=f"https://{source}.example.test/{source_id}",
                title=title,
                skills=skills,
                posted_at=fields.pop("posted_at", now - timedelta(days=2)),
                **fields,
            )
        )

    idr_month = {"pay_currency": "IDR", "pay_period": "month"}
    postings = [
        posting(
            "1", "Perbaikan website Laravel", ["PHP", "Laravel", "MySQL"], source="projects", remote=True,
            location="Indonesia", pay_min=3_000_000, pay_max=5_000_000, pay_currency="IDR", pay_period="project",
        ),
        posting(
            "2", "Landing page WordPress", ["WordPress", "Elementor"], source="projects", remote=True,
            location="Indonesia",
        ),
        posting(
            "3", "Staf Front Office", ["Front Office Operations", "English", "Hotel Reservation"],
            company="Hotel Contoh Asri", location="Kabupaten Badung, Bali", pay_min=4_000_000, pay_max=4_500_000,
            valid_through=now + timedelta(days=10), **idr_month,
        ),
        posting(
            "4", "Desainer Grafis", ["CorelDRAW", "Adobe Photoshop", "Adobe Illustrator"],
            company="CV Cetak Contoh", location="Kota Denpasar, Bali", pay_min=3_500_000, pay_max=3_500_000,
            **idr_month,
        ),
        # Posted long ago, new only to pasarkerja: left out by posted_since.
        posting(
            "5", "Admin Data Entry", ["Excel", "Data Entry", "Typing"], location="Kabupaten Sleman, DI Yogyakarta",
            posted_at=now - timedelta(days=90),
        ),
        # Closed yesterday.
        posting(
            "6", "Staf Administrasi", ["Excel", "Data Entry"], location="Kabupaten Sleman, DI Yogyakarta",
            valid_through=now - timedelta(days=1),
        ),
    ]  # fmt: skip
    assert PostingWriter(engine, run_id).write(postings, []) == (6, 0, 0)
    return now


def test_run_alumni_on_a_stored_market(engine, tmp_path):
    stored_at = store_market(engine)
    since = stored_at - timedelta(days=30)
    alumni = write(
        tmp_path,
        HEADER + "Dian Contoh,,PHP; Laravel; MySQL,Kabupaten Sleman,ya,contoh-01@example.invalid\n"
        "Made Contoh,,Front Office; Englsh; Hotel Reservation,Kabupaten Badung,tidak,+62-000-0000-0002\n"
        "Yoga Contoh,,Excel; Data Entry; Typing,Kabupaten Sleman,tidak,contoh-03@example.invalid\n",
    )
    csv_path, markdown_path = tmp_path / "out.csv", tmp_path / "out.md"
    summary = run_alumni(engine, alumni, since=since, csv_path=csv_path, markdown_path=markdown_path)
    assert summary.splitlines() == [
        "alumni.csv: 3 people read",
        f"4 vacancies first seen since {since.date().isoformat()}",
        "2 of 3 people with a match: 2 matches (at most 5 each, match at least 50%)",
        f"Written: {csv_path}, {markdown_path}",
        "",
        "1 problem:",
        'alumni.csv row 3, column skills: unknown skill "Englsh"; closest: English, English Teaching, Welding',
    ]
    with csv_path.open(encoding="utf-8", newline="") as file:
        rows = [
            (row["name"], row["contact"], row["title"], row["match"], row["skills_added"])
            for row in csv.DictReader(file)
        ]
    assert rows == [
        ("Dian Contoh", "contoh-01@example.invalid", "Perbaikan website Laravel", "1.0", ""),
        ("Made Contoh", "'+62-000-0000-0002", "Staf Front Office", "0.667", "English"),
    ]
    markdown = markdown_path.read_text(encoding="utf-8")
    assert "example.invalid" not in markdown and "+62" not in markdown
    assert "## Yoga Contoh\n\nBelum ada lowongan yang cocok." in markdown
    assert "[Perbaikan website Laravel](<https://projects.example.test/1>)" in markdown


def test_the_example_file_end_to_end(engine, tmp_path):
    since = store_market(engine) - timedelta(days=30)
    csv_path, markdown_path = tmp_path / "matches.csv", tmp_path / "matches.md"
    summary = run_alumni(
        engine, EXAMPLE, curriculum_path=LKP, since=since, csv_path=csv_path, markdown_path=markdown_path, lang="en"
    )
    assert summary.startswith("example-alumni.csv: 15 people read\nTrack skills from LKP Terampil Mandiri (contoh)\n")
    # The two rows wrong on purpose (docs/alumni.md), and nothing else.
    assert summary.endswith(
        "\n2 problems:\n"
        'example-alumni.csv row 9, column skills: unknown skill "Excell"; closest: Excel, Vercel, VBA\n'
        'example-alumni.csv row 13, column open_to_remote: "kadang-kadang" is not ya or tidak (yes or no); '
        "counted as tidak"
    )
    with csv_path.open(encoding="utf-8", newline="") as file:
        best = {(row["name"], row["title"]) for row in csv.DictReader(file) if row["rank"] == "1"}
    assert best == {
        ("Made Wirasana", "Staf Front Office"),  # Badung, on site
        ("Komang Sri Wahyuni", "Staf Front Office"),  # her Perhotelan track teaches front office
        ("Luh Putu Juliantari", "Staf Front Office"),
        ("Ketut Adi Pranata", "Desainer Grafis"),  # Denpasar
        ("Gede Surya Permana", "Desainer Grafis"),  # Badung reaches Denpasar through Bali
        ("Dian Puspitasari", "Perbaikan website Laravel"),  # Sleman, remote
        ("Ratna Wulandari", "Landing page WordPress"),  # no region: remote only
    }
    markdown = markdown_path.read_text(encoding="utf-8")
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines()[1:]:
        contact = line.rsplit(",", 1)[1]
        assert contact and contact not in markdown
    assert "## Ratna Wulandari\n\n1. [Landing page WordPress](<https://projects.example.test/2>)" in markdown


def test_the_example_and_the_template_share_the_header_and_use_taxonomy_skills():
    header = TEMPLATE.read_text(encoding="utf-8")
    assert header == HEADER
    assert EXAMPLE.read_text(encoding="utf-8").startswith(header)
    taxonomy = load_taxonomy()
    reading = read_alumni(EXAMPLE, taxonomy=taxonomy)
    assert len(reading.people) == 15 and len(reading.problems) == 2
    assert {person.region for person in reading.people} == {
        "Kota Denpasar", "Kabupaten Badung", "Kabupaten Sleman", "Kota Yogyakarta", None,
    }  # fmt: skip
    assert all(
        person.contact.endswith("@example.invalid") or person.contact.startswith("+62-000-")
        for person in reading.people
    )


def test_a_bad_curriculum_or_an_unwritable_output_is_an_alumni_error(engine, tmp_path):
    alumni = write(tmp_path, f"{HEADER}Dian Contoh,,PHP,,ya,\n")
    broken = write(tmp_path, "name: x\n", name="broken.yaml")
    with pytest.raises(AlumniError, match=r"broken\.yaml: missing \"region\""):
        run_alumni(engine, alumni, curriculum_path=broken, since=NOW)
    with pytest.raises(AlumniError, match=r"cannot write the file"):
        run_alumni(engine, alumni, since=NOW, csv_path=tmp_path / "no-such-folder" / "out.csv")
