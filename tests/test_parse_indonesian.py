"""Indonesian pay, dates, employment types and work places, in every form seen on the boards."""

from datetime import datetime, timezone

import pytest

from crawlers.parse.employment import employment_type
from crawlers.parse.indonesian import is_remote, parse_date, work_place
from crawlers.parse.money import Pay, parse_pay_text, pay_text_disagrees

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 4.000.000 – Rp 5.700.000 per month", Pay(4_000_000, 5_700_000, "IDR", "month")),
        ("Rp.3 – 4 Juta", Pay(3_000_000, 4_000_000, "IDR", None)),
        ("Rp1,5 jt", Pay(1_500_000, 1_500_000, "IDR", None)),
        ("IDR 5.5M", Pay(5_500_000, 5_500_000, "IDR", None)),
        ("Rp 250rb", Pay(250_000, 250_000, "IDR", None)),
        ("Rp 250 ribu per hari", Pay(250_000, 250_000, "IDR", "day")),
        ("Rp 1,500,000 - 1,700,000", Pay(1_500_000, 1_700_000, "IDR", None)),
        ("Rp 900.000 - 1,5 juta per bulan", Pay(900_000, 1_500_000, "IDR", "month")),
        ("Rp 75.000 per jam", Pay(75_000, 75_000, "IDR", "hour")),
        ("Rp 75.000/jam", Pay(75_000, 75_000, "IDR", "hour")),
        ("Rp 5.000.000 per proyek", Pay(5_000_000, 5_000_000, "IDR", "project")),
        ("Rp 3.500.000 - Rp 4.000.000 / bulan", Pay(3_500_000, 4_000_000, "IDR", "month")),
        ("Rp 60 juta per tahun", Pay(60_000_000, 60_000_000, "IDR", "year")),
        ("Gaji kompetitif", Pay()),
    ],
)
def test_rupiah_pay_text(text, expected):
    assert parse_pay_text(text) == expected


def test_pay_text_disagreement():
    assert pay_text_disagrees("Rp 3 – 4 Juta", 3_000_000, 5_000_000)
    assert not pay_text_disagrees("Rp 3 – 4 Juta", 3_000_000, 4_000_000)
    assert not pay_text_disagrees("Rp 4 Juta", 4_000_000, None)
    assert not pay_text_disagrees("Gaji kompetitif", 3_000_000, 4_000_000)  # a label without figures
    assert not pay_text_disagrees("Rp 3 – 4 Juta", None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/11/2021 18:48:19 WIB", datetime(2021, 11, 4, 11, 48, 19, tzinfo=UTC)),
        ("04/11/2021 18:48:19 WITA", datetime(2021, 11, 4, 10, 48, 19, tzinfo=UTC)),
        ("04/11/2021 18:48:19 WIT", datetime(2021, 11, 4, 9, 48, 19, tzinfo=UTC)),
        ("12 Nov 2025", datetime(2025, 11, 11, 17, tzinfo=UTC)),  # midnight in Jakarta
        ("12 Desember 2025", datetime(2025, 12, 11, 17, tzinfo=UTC)),
        ("1 Agustus 2025 09.30", datetime(2025, 8, 1, 2, 30, tzinfo=UTC)),
        ("5 Mei 2026, 14:00 WITA", datetime(2026, 5, 5, 6, tzinfo=UTC)),
        ("2 hari yang lalu", datetime(2026, 11, 21, 12, tzinfo=UTC)),
        ("3 jam yang lalu", datetime(2026, 11, 23, 9, tzinfo=UTC)),
        ("seminggu yang lalu", datetime(2026, 11, 16, 12, tzinfo=UTC)),
        ("kemarin", datetime(2026, 11, 22, 12, tzinfo=UTC)),
        ("Hari ini", NOW),
        ("3 days ago", datetime(2026, 11, 20, 12, tzinfo=UTC)),
        ("", None),
    ],
)
def test_indonesian_dates(text, expected):
    assert parse_date(text, NOW) == expected


@pytest.mark.parametrize("text", ["besok lusa", "12 Foo 2025", "2021-11-04"])
def test_unreadable_dates_raise(text):
    with pytest.raises(ValueError):
        parse_date(text, NOW)


@pytest.mark.parametrize(
    "text", ["01/01/0001 03:00 WIB", "1 Januari 0001", "99999999999 hari yang lalu", "9999999999 bulan yang lalu"]
)
def test_dates_before_the_year_1_raise_value_error_not_overflow(text):
    with pytest.raises(ValueError, match="out of range"):
        parse_date(text, NOW)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Penuh waktu", "full_time"), ("Kontrak", "contract"), ("Magang", "internship"), ("Paruh waktu", "part_time"), ("Lepas", "freelance")],
)
def test_indonesian_employment_types(word, expected):
    assert employment_type(word) == expected


@pytest.mark.parametrize(
    ("word", "place", "remote"),
    [("Dikantor", "onsite", False), ("Di kantor", "onsite", False), ("Remote", "remote", True), ("Kerja dari rumah", "remote", True), ("Hybrid", "hybrid", False), ("Bandung", None, None)],
)
def test_work_places(word, place, remote):
    assert (work_place(word), is_remote(word)) == (place, remote)
