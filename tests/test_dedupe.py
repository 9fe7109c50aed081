"""pipelines.dedupe: one vacancy counted once, on constructed pairs; then the writer and the command on real databases.

Every text here is invented for these tests.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from crawlers.items import Posting
from pipelines.db import models
from pipelines.db.duplicates import relink_all
from pipelines.db.engine import make_engine
from pipelines.db.writer import PostingWriter
from pipelines.dedupe import (
    NO_EMPLOYER,
    Candidate,
    DedupeSettings,
    description_signature,
    employer_key,
    find_repeats,
    places_agree,
    similarity,
    title_key,
    vacancy_key,
)
from tests.conftest import PROJECT_DIR, rows, run_crawl
from tests.test_cli import pasarkerja

SETTINGS = DedupeSettings()
NOW = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)

ADMIN_TEXT = (
    "Koperasi Sumber Rejeki membuka kesempatan bagi lulusan SMK untuk bergabung sebagai staf administrasi di kantor "
    "cabang. Tugas utama meliputi input data penjualan harian ke Microsoft Excel, menyusun laporan mingguan, "
    "mengarsipkan dokumen, dan membantu kasir saat ramai. Kami mencari pribadi yang teliti, jujur, dan mau belajar. "
    "Jam kerja Senin sampai Sabtu pukul delapan sampai empat sore, dengan BPJS Kesehatan dan Ketenagakerjaan."
)
# The same advertisement as another board shows it: its own opening line and a different closing one.
ADMIN_TEXT_ELSEWHERE = (
    "Lowongan terbaru! Koperasi Sumber Rejeki membuka kesempatan bagi lulusan SMK untuk bergabung sebagai staf "
    "administrasi di kantor cabang. Tugas utama meliputi input data penjualan harian ke Microsoft Excel, menyusun "
    "laporan mingguan, mengarsipkan dokumen, dan membantu kasir saat ramai. Kami mencari pribadi yang teliti, jujur, "
    "dan mau belajar. Jam kerja Senin sampai Sabtu pukul delapan sampai empat sore, dengan BPJS Kesehatan dan "
    "Ketenagakerjaan. Kirim lamaran lewat tombol di bawah."
)
# Another role of the same employer: its boilerplate is shared, its duties are not.
DRIVER_TEXT = (
    "Koperasi Sumber Rejeki membuka kesempatan bagi lulusan SMK untuk bergabung sebagai pengemudi pengantar barang. "
    "Tugas utama meliputi mengantar pesanan anggota ke toko dan rumah, merawat mobil boks, mencatat rute dan bahan "
    "bakar, serta memuat barang di gudang. Wajib memiliki SIM B1 dan mengenal jalan di kota. Jam kerja Senin sampai "
    "Sabtu pukul delapan sampai empat sore, dengan BPJS Kesehatan dan Ketenagakerjaan."
)
LOGO_TEXT = (
    "I need a simple modern logo for my small bakery called Roti Pagi. The logo should work on paper bags, a shop "
    "sign and Instagram. Please send two or three first ideas within three days, then we refine one together. "
    "Deliver vector files and PNG files in colour and in black and white."
)
OTHER_LOGO_TEXT = (
    "Looking for a designer to create a logo for a motorbike repair workshop in Medan. Bold letters, a wrench or a "
    "gear, red and black. I will need the source file, a version for stickers and one for the workshop banner. "
    "Budget is fixed, one revision round included."
)


def test_the_rules_import_neither_scrapy_nor_sqlalchemy():
    """Dedupe keys, content hashes and health checks are domain code: usable, and testable, without either."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, pipelines.dedupe, pipelines.content_hash, pipelines.monitor; print(*sys.modules)"],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert not [name for name in loaded if name.split(".")[0] in ("scrapy", "sqlalchemy")]


def candidate(id: int, title: str, company: str | None, description: str | None, **fields) -> Candidate:
    location = fields.pop("location", "Kabupaten Sleman, DI Yogyakarta")
    first_seen = fields.pop("first_seen_at", NOW + timedelta(hours=id))
    return Candidate(
        id=id,
        vacancy_key=vacancy_key(title, company, location),
        location=location,
        country=fields.pop("country", "ID"),
        first_seen_at=first_seen,
        last_seen_at=fields.pop("last_seen_at", first_seen),
        description=description,
    )


# Keys -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("PT. Maju Jaya Abadi Tbk", "maju jaya abadi"),
        ("Maju Jaya Abadi", "maju jaya abadi"),
        ("CV Karya Mandiri", "karya mandiri"),
        ("Acme Digital Pte. Ltd.", "acme digital"),
        ("Koperasi Sumber Rejeki", "sumber rejeki"),
        (None, NO_EMPLOYER),
        ("PT", NO_EMPLOYER),
    ],
)
def test_employer_key_drops_legal_forms_and_punctuation(written, expected):
    assert employer_key(written) == expected


@pytest.mark.parametrize(
    ("title", "location", "company", "expected"),
    [
        ("Staff Administrasi", None, None, "staff administrasi"),
        ("DIBUTUHKAN SEGERA Staff Administrasi (Urgent)", None, None, "staff administrasi"),
        ("[Hiring] Staff Administrasi", None, None, "staff administrasi"),
        ("Staff Administrasi - Sleman", "Kabupaten Sleman, DI Yogyakarta", None, "staff administrasi"),
        ("Staff Administrasi di Kota Yogyakarta", "Yogyakarta", None, "staff administrasi"),
        ("Staff Administrasi | Koperasi Sumber Rejeki", None, "Koperasi Sumber Rejeki", "staff administrasi"),
        # A trailer that is neither the place nor the employer is part of the job's name.
        ("Backend Developer - Golang", "Jakarta", None, "backend developer golang"),
        ("Développeur Web", None, None, "developpeur web"),
    ],
)
def test_title_key_keeps_the_job_and_drops_asides_advertising_and_trailing_place(title, location, company, expected):
    assert title_key(title, location, company) == expected


def test_vacancy_key_joins_employer_and_job():
    assert vacancy_key("Staff Admin - Sleman", "PT Maju", "Sleman") == "maju | staff admin"
    assert vacancy_key("Logo for my bakery", None, None) == f"{NO_EMPLOYER} | logo for my bakery"


# Signatures and places --------------------------------------------------------------------------------------


def test_signatures_estimate_how_alike_two_texts_are():
    admin = description_signature(ADMIN_TEXT)
    assert len(admin) == 64 * 4
    assert similarity(admin, description_signature(ADMIN_TEXT)) == 1.0
    assert similarity(admin, description_signature(ADMIN_TEXT_ELSEWHERE)) >= 0.7
    assert similarity(admin, description_signature(DRIVER_TEXT)) < 0.4
    assert similarity(description_signature(LOGO_TEXT), description_signature(OTHER_LOGO_TEXT)) < 0.1


def test_a_short_description_has_no_signature():
    assert description_signature("Staf admin, lulusan SMK, Sleman.") is None
    assert description_signature(None) is None


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        (("Kabupaten Sleman, DI Yogyakarta", "ID"), ("Sleman", "ID"), True),
        (("Jakarta Selatan", "ID"), ("DKI Jakarta", None), True),
        (("Jakarta Selatan", "ID"), ("Kota Surabaya, Jawa Timur", "ID"), False),
        ((None, "ID"), ("Surabaya", "ID"), True),
        (("Remote", None), ("Kota Bandung", "ID"), True),
        (("Singapore", "SG"), ("Singapore", "ID"), False),
    ],
)
def test_places_agree_unless_they_name_different_places(first, second, agree):
    assert places_agree(*first, *second) is agree


# Pairs ------------------------------------------------------------------------------------------------------


def test_the_same_vacancy_on_two_platforms_is_linked_to_the_first_seen():
    first = candidate(1, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    # The other board writes the employer and the title its own way.
    second = candidate(
        2, "Dibutuhkan Staff Administrasi - Sleman", "KOPERASI SUMBER REJEKI", ADMIN_TEXT_ELSEWHERE, location="Sleman"
    )
    [(posting, original, score)] = find_repeats([first, second], [], SETTINGS)
    assert (posting, original) == (2, 1) and score >= 0.7


def test_a_repost_under_a_new_id_is_linked_to_the_original_already_stored():
    original = candidate(1, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    repost = candidate(
        9, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT, first_seen_at=NOW + timedelta(days=20)
    )
    assert find_repeats([repost], [original], SETTINGS) == [(9, 1, 1.0)]


def test_a_freelance_project_reposted_by_its_client_is_linked():
    original = candidate(1, "Logo for my bakery", None, LOGO_TEXT, location=None, country=None)
    repost = candidate(2, "Logo for my bakery", None, LOGO_TEXT, location=None, country=None)
    assert find_repeats([repost], [original], SETTINGS) == [(2, 1, 1.0)]


def test_two_roles_of_one_employer_stay_apart():
    admin = candidate(1, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    driver = candidate(2, "Pengemudi", "Koperasi Sumber Rejeki", DRIVER_TEXT)
    # Even with the admin text pasted under the driver's title, the titles tell them apart.
    lazy_driver = candidate(3, "Pengemudi Pengantar Barang", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    assert find_repeats([admin, driver, lazy_driver], [], SETTINGS) == []


def test_one_title_of_one_employer_in_two_cities_stays_apart():
    sleman = candidate(1, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    surabaya = candidate(2, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT, location="Kota Surabaya")
    assert find_repeats([sleman, surabaya], [], SETTINGS) == []


def test_one_title_with_different_texts_stays_apart():
    first = candidate(1, "Logo design", None, LOGO_TEXT, location=None, country=None)
    second = candidate(2, "Logo design", None, OTHER_LOGO_TEXT, location=None, country=None)
    assert find_repeats([first, second], [], SETTINGS) == []


def test_without_text_an_employer_and_its_title_decide_but_a_nameless_client_does_not():
    first = candidate(1, "Staff Administrasi", "Koperasi Sumber Rejeki", None)
    second = candidate(2, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    assert find_repeats([first, second], [], SETTINGS) == [(2, 1, None)]
    client = candidate(3, "Logo design", None, None, location=None)
    other_client = candidate(4, "Logo design", None, None, location=None)
    assert find_repeats([client, other_client], [], SETTINGS) == []


def test_a_vacancy_seen_last_long_ago_is_hiring_again():
    old = candidate(
        1,
        "Staff Administrasi",
        "Koperasi Sumber Rejeki",
        ADMIN_TEXT,
        first_seen_at=NOW - timedelta(days=120),
        last_seen_at=NOW - timedelta(days=91),
    )
    again = candidate(2, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT, first_seen_at=NOW)
    assert find_repeats([again], [old], SETTINGS) == []
    assert find_repeats([again], [old], DedupeSettings(window_days=120)) == [(2, 1, 1.0)]


def test_a_repost_links_to_the_first_posting_not_to_a_duplicate():
    first = candidate(1, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    second = candidate(2, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    third = candidate(3, "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    assert find_repeats([third, second, first], [], SETTINGS) == [(2, 1, 1.0), (3, 1, 1.0)]


# The writer and the command, on real databases ---------------------------------------------------------------


def new_run(engine, spider: str) -> int:
    with engine.begin() as connection:
        return connection.execute(
            insert(models.CrawlRun).values(spider=spider, arguments={}, started_at=NOW).returning(models.CrawlRun.id)
        ).scalar_one()


def job(source: str, source_id: str, title: str, company: str | None, description: str, **fields) -> Posting:
    return Posting(
        source=source,
        source_id=source_id,
        url=f"https://{source}.example.test/jobs/{source_id}",
        title=title,
        company=company,
        description=description,
        location=fields.pop("location", "Kabupaten Sleman, DI Yogyakarta"),
        country="ID",
        posted_at=NOW,
        raw={"invented": "for tests"},
        **fields,
    )


def links(engine) -> dict[tuple[str, str], tuple[str, str] | None]:
    """{(source, source_id): (source, source_id) of the posting it repeats, or None}."""
    table = models.Posting.__table__
    with engine.connect() as connection:
        rows = connection.execute(select(table.c.id, table.c.source, table.c.source_id, table.c.duplicate_of)).all()
    by_id = {row.id: (row.source, row.source_id) for row in rows}
    return {(row.source, row.source_id): by_id.get(row.duplicate_of) for row in rows}


def write_market(engine) -> None:
    """Three crawls: Kalibrr, then JobStreet with the same vacancy and a look-alike, then a Kalibrr repost."""
    PostingWriter(engine, new_run(engine, "kalibrr")).write(
        [job("kalibrr", "101", "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)], []
    )
    written = PostingWriter(engine, new_run(engine, "jobstreet")).write(
        [
            job("jobstreet", "9001", "Dibutuhkan Staff Administrasi", "KOPERASI SUMBER REJEKI", ADMIN_TEXT_ELSEWHERE),
            job("jobstreet", "9002", "Pengemudi", "Koperasi Sumber Rejeki", DRIVER_TEXT),
        ],
        [],
    )
    assert written == (2, 0, 1)
    seen_again = job("kalibrr", "101", "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    reposted = job("kalibrr", "188", "Staff Administrasi", "Koperasi Sumber Rejeki", ADMIN_TEXT)
    assert PostingWriter(engine, new_run(engine, "kalibrr")).write([seen_again, reposted], []) == (1, 0, 1)


EXPECTED_LINKS = {
    ("kalibrr", "101"): None,
    ("jobstreet", "9001"): ("kalibrr", "101"),
    ("jobstreet", "9002"): None,
    ("kalibrr", "188"): ("kalibrr", "101"),
}


def test_the_writer_links_new_postings_as_it_stores_them(engine):
    write_market(engine)
    assert links(engine) == EXPECTED_LINKS


def test_a_changed_posting_gets_a_new_fingerprint(engine):
    write_market(engine)
    changed = job("jobstreet", "9002", "Pengemudi Mobil Boks", "Koperasi Sumber Rejeki", DRIVER_TEXT)
    assert PostingWriter(engine, new_run(engine, "jobstreet")).write([changed], []) == (0, 1, 0)
    table = models.Posting.__table__
    with engine.connect() as connection:
        key = connection.execute(select(table.c.vacancy_key).where(table.c.source_id == "9002")).scalar_one()
    assert key == "sumber rejeki | pengemudi mobil boks"


def test_the_command_rebuilds_the_same_links_from_scratch(engine):
    write_market(engine)
    table = models.Posting.__table__
    with engine.begin() as connection:  # as a database from before duplicates were linked
        connection.execute(table.update().values(vacancy_key=None, description_minhash=None, duplicate_of=None))
    counted = []
    assert relink_all(engine, SETTINGS, batch_size=2, progress=counted.append) == (4, 2)
    assert counted == [2, 2]
    assert links(engine) == EXPECTED_LINKS
    assert relink_all(engine, SETTINGS) == (4, 2)  # again: the same
    assert links(engine) == EXPECTED_LINKS
    # A stricter threshold keeps the reworded cross-post apart, not the verbatim repost.
    assert relink_all(engine, replace(SETTINGS, similarity=0.99)) == (4, 1)
    assert links(engine)[("jobstreet", "9001")] is None


# Real crawls ------------------------------------------------------------------------------------------------

# The bundled sample has one vacancy on two Indonesian boards: PT Gudang Rempah Sentosa's data-entry clerk in
# Surakarta, as Kalibrr ("Admin Data Entry") and Karirhub ("DIBUTUHKAN ADMIN DATA ENTRY - SURAKARTA") show it.
CROSS_POSTED = {"kalibrr": "301205", "karirhub": "0fb7dd66-99dd-4795-8c4b-e1ae8404933c"}


@pytest.mark.parametrize("order", [("kalibrr", "karirhub"), ("karirhub", "kalibrr")])
def test_a_crawl_links_a_vacancy_another_crawl_stored_and_analysis_counts_it_once(sample_server, sqlite_url, order):
    first, second = order
    run_crawl(first, sample_server.url, sqlite_url)
    result = run_crawl(second, sample_server.url, sqlite_url)
    assert "'pasarkerja/postings/duplicates': 1" in result.stderr
    [(source, original_source)] = rows(
        sqlite_url,
        "SELECT p.source, o.source FROM postings p JOIN postings o ON o.id = p.duplicate_of",
    )
    assert (source, original_source) == (second, first)  # linked to the first one seen
    stored = rows(sqlite_url, "SELECT source_id FROM postings WHERE duplicate_of IS NOT NULL")
    assert [row.source_id for row in stored] == [CROSS_POSTED[second]]

    every = rows(sqlite_url, "SELECT count(*) FROM postings")[0][0]
    demand = pasarkerja("--database-url", sqlite_url, "demand", "--top", "3")
    assert demand.returncode == 0, demand.stderr
    assert demand.stdout.startswith(f"All postings: {every - 1}\n")
    counted = pasarkerja("--database-url", sqlite_url, "demand", "--top", "3", "--with-duplicates")
    assert counted.stdout.startswith(f"All postings, reposts and cross-posts counted: {every}\n")


def test_the_dedupe_command_links_what_was_stored_before(sample_server, sqlite_url):
    for spider in ("kalibrr", "karirhub"):
        run_crawl(spider, sample_server.url, sqlite_url)
    engine = make_engine(sqlite_url)
    with engine.begin() as connection:  # as a database stored before duplicates were linked
        connection.execute(models.Posting.__table__.update().values(duplicate_of=None, vacancy_key=None))
    engine.dispose()
    result = pasarkerja("--database-url", sqlite_url, "dedupe")
    assert result.returncode == 0, result.stderr
    total = rows(sqlite_url, "SELECT count(*) FROM postings")[0][0]
    assert result.stdout.strip() == (
        f"{total} postings: {total - 1} distinct vacancies, 1 posting repeats an earlier one "
        "(similarity at least 0.6, within 90 days)"
    )
    assert rows(sqlite_url, "SELECT count(*) FROM postings WHERE duplicate_of IS NOT NULL")[0][0] == 1
    assert "100%" in result.stderr  # the progress bar ran to the end


def test_the_dedupe_command_refuses_bad_settings_in_one_line(sqlite_url):
    result = pasarkerja("--database-url", sqlite_url, "dedupe", "--window-days", "0")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "pasarkerja dedupe: error: argument --window-days: expected a whole number of at least 1, got '0'"
    )
