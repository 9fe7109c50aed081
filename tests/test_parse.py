"""crawlers.parse: dates, money and text as platforms write them."""

from datetime import datetime, timezone

import pytest

from crawlers.parse.dates import from_epoch, from_iso, from_rfc822
from crawlers.parse.employment import employment_type
from crawlers.parse.money import Pay, amount, parse_pay_text, read_number
from crawlers.parse.numbers import BadNumber, finite_number, whole_number
from crawlers.parse.places import country_code, country_of
from crawlers.parse.text import fix_mojibake, html_to_text, unescape, unescape_markup

UTC = timezone.utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1733260504, datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)),
        (1733260504000, datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)),  # milliseconds
        ("1733260504", datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)),
        (None, None),
        (0, None),
    ],
)
def test_from_epoch(value, expected):
    assert from_epoch(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-03T21:15:04+00:00", datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)),
        ("2024-12-03T21:15:04Z", datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)),
        ("2026-07-26T20:49:11", datetime(2026, 7, 26, 20, 49, 11, tzinfo=UTC)),  # no zone: UTC
        ("2024-01-05 10:00:00", datetime(2024, 1, 5, 10, tzinfo=UTC)),
        ("2024-12-04T04:15:04+07:00", datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)),
        ("", None),
    ],
)
def test_from_iso(value, expected):
    assert from_iso(value) == expected


def test_from_rfc822():
    assert from_rfc822("Tue, 03 Dec 2024 21:15:04 +0000") == datetime(2024, 12, 3, 21, 15, 4, tzinfo=UTC)
    with pytest.raises(ValueError):
        from_rfc822("yesterday")
    with pytest.raises(ValueError):
        from_iso("03/12/2024")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$18 - $22/hr", Pay(18, 22, "USD", "hour")),
        ("$31,2k- $52k", Pay(31200, 52000, "USD", "year")),
        ("OTE $25k - $35k", Pay(25000, 35000, "USD", "year")),
        ("$12K", Pay(12000, 12000, "USD", "year")),
        ("€50,000 – €60,000 per year", Pay(50000, 60000, "EUR", "year")),
        ("£400 per day", Pay(400, 400, "GBP", "day")),
        ("CA$90k", Pay(90000, 90000, "CAD", "year")),
        ("USD 3,000 monthly", Pay(3000, 3000, "USD", "month")),
        ("$25", Pay(25, 25, "USD", None)),  # a small figure without a period stays without one
        ("Competitive", Pay()),
        ("", Pay()),
        (None, Pay()),
    ],
)
def test_parse_pay_text(text, expected):
    assert parse_pay_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,500,000", 1500000), ("4.000.000", 4000000), ("31,2", 31.2), ("5.5", 5.5), ("700", 700)],
)
def test_read_number(text, expected):
    assert read_number(text) == expected


def test_html_to_text_keeps_blocks_and_drops_images():
    markup = '<p>Hello&nbsp;<b>world</b></p><ul><li>PHP</li><li>CSS</li></ul><img src="https://t.example/pixel.gif">'
    assert html_to_text(markup) == "Hello world\nPHP\nCSS"
    assert html_to_text("no tags &amp; entities") == "no tags & entities"
    assert html_to_text(None) is None


def test_unescape_and_mojibake():
    assert unescape("  CI&amp;T ") == "CI&T"
    assert fix_mojibake("itâ\x80\x99s") == "it\u2019s"
    assert fix_mojibake("Caf\u00e9 ok") == "Caf\u00e9 ok"  # already right: unchanged


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("Indonesia", "ID"),
        ("Jakarta, Indonesia", "ID"),
        ("Philadelphia, Pennsylvania, United States", "US"),
        ("USA only", "US"),
        ("UK Only", "GB"),
        ("LATAM,  Canada,  USA", None),
        ("Anywhere in the World", None),
        ("USA, Canada", None),
        ("US or UK", None),
        ("Europe, UK", None),
        ("Southeast Asia", None),
        ("Worldwide", None),
        ("Toronto", None),
        ("", None),
        (None, None),
    ],
)
def test_country_only_when_one_country_is_meant(location, country):
    assert country_of(location) == country


def test_country_code():
    assert [country_code(name) for name in ("Indonesia", "united states", "UK only", "Atlantis", None)] == ["ID", "US", "GB", None, None]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["berufserfahren", "Vollzeit"], "full_time"),
        ("Full-Time", "full_time"),
        ("full_time", "full_time"),
        (["Werkstudent"], "part_time"),
        ("Contractor", "contract"),
        ("Intern", "internship"),
        ([None, "Praktikum"], "internship"),
        (["mid-level"], None),
        ("", None),
        (None, None),
    ],
)
def test_employment_type(words, expected):
    assert employment_type(words) == expected


def test_amount_and_unescape_markup():
    assert [amount(value) for value in (70000, "55000", 0, "", None)] == [70000.0, 55000.0, None, None, None]
    assert unescape_markup("&lt;p&gt;Hallo &amp;amp; mehr&lt;/p&gt;") == "<p>Hallo &amp; mehr</p>"
    assert unescape_markup("<p>already markup &amp; kept</p>") == "<p>already markup &amp; kept</p>"


INFINITY, NAN = float("inf"), float("nan")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12, 12.0), ("4.5", 4.5), (" 7 ", 7.0), (-3, -3.0), (None, None), ("", None), ("  ", None)],
)
def test_finite_number(value, expected):
    assert finite_number(value) == expected


@pytest.mark.parametrize(
    "value", [INFINITY, -INFINITY, NAN, "inf", "NaN", "Infinity", "1e999", "9" * 400, 10**400, True, False]
)
def test_finite_number_refuses_what_no_figure_can_be(value):
    with pytest.raises(BadNumber):
        finite_number(value, "pay figure")


@pytest.mark.parametrize("value", ["nego", [1], {"a": 1}])
def test_finite_number_leaves_non_numbers_to_float(value):
    with pytest.raises((TypeError, ValueError)):
        finite_number(value)


@pytest.mark.parametrize(
    ("value", "expected"), [(12, 12), ("7", 7), (3.0, 3), (0, 0), (None, None), ("", None), (2**31 - 1, 2**31 - 1)]
)
def test_whole_number(value, expected):
    assert whole_number(value) == expected


@pytest.mark.parametrize("value", [2.5, -1, 2**31, 10**12, INFINITY, NAN, True, "1e999"])
def test_whole_number_refuses_what_no_count_can_be(value):
    with pytest.raises(BadNumber):
        whole_number(value, "bid_count")


@pytest.mark.parametrize("value", [INFINITY, NAN, "Infinity", 1.5e308, -1e15, True])
def test_amount_refuses_what_no_pay_can_be(value):
    with pytest.raises(BadNumber):
        amount(value)


@pytest.mark.parametrize("text", ["$" + "9" * 400, "Rp " + "9" * 400 + " per bulan", "$5000000000000k"])
def test_pay_text_with_a_figure_no_pay_can_be_raises(text):
    with pytest.raises(BadNumber):
        parse_pay_text(text)


def test_read_number_refuses_a_figure_beyond_float():
    with pytest.raises(BadNumber):
        read_number("9" * 400)


@pytest.mark.parametrize("value", [1.5e308, -1.5e308, INFINITY, NAN, "1e999", True, 1e20])
def test_from_epoch_refuses_what_no_date_can_be(value):
    with pytest.raises(BadNumber, match="timestamp"):
        from_epoch(value)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+07:00", "9999-12-31T23:00:00-05:00"])
def test_from_iso_past_the_datetime_range_raises_value_error(value):
    with pytest.raises(ValueError, match="out of range"):
        from_iso(value)
