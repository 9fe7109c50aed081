"""analysis/untrusted.py, and every output pasarkerja writes from untrusted text: whatever a job site, an alumni file
or a survey file holds, each output stays valid for its format and inert (no formula, no markup, no link but the
vacancy's own, no hidden reordering, no NaN or Infinity).

The property test feeds each hostile string through every digest format, the alumni CSV and Markdown, and the
report's CSV data files. Every vacancy, person and figure here is invented.
"""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import timedelta
from html.parser import HTMLParser
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pytest

from analysis.alumni import AlumniMatcher, Person, matches_markdown, write_matches_csv
from analysis.digest import Digest, DigestEntry
from analysis.digest_formats import FORMATS, render
from analysis.formats import (
    format_count,
    format_decimal,
    format_percent,
    format_points,
    format_rupiah,
    format_rupiah_short,
)
from analysis.report import write_report
from analysis.untrusted import (
    clean,
    finite_number,
    json_document,
    markdown_link,
    markdown_text,
    quoted_url,
    spreadsheet_cell,
    strip_unsafe_characters,
    whatsapp_text,
)
from tests.test_digest import NOW, vacancy
from tests.test_report import report_content

BIDI_CONTROLS = [chr(code) for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
XML_INVALID = ["\ufffe", "\uffff", "\x00", "\x1b", "\ud800", "\udfff"]
FORMULA = '=HYPERLINK("https://evil.example.test","click")'
MARKS = "*bold* _it_ ~s~ `c`"
BARE_URL = "see https://evil.example.test now"
SCRIPT = "<script>alert(1)</script>"
HOSTILE = [
    *(f"{character}Admin{character} gudang" for character in BIDI_CONTROLS + XML_INVALID),
    FORMULA,
    "\u202e" + FORMULA,  # a formula behind a character that is removed is still a formula
    "  @SUM(1+1)",
    "-2+3",
    "\tTab",
    MARKS,
    BARE_URL,
    "Apply at www.evil.example.test",
    SCRIPT,
    "# Heading\n> quote\n- item",
]
UNSAFE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def assert_safe_characters(text: str) -> None:
    """No bidirectional control, XML-invalid code point or control character; writable as UTF-8."""
    assert not UNSAFE.search(text), repr(UNSAFE.search(text).group())
    text.encode("utf-8")


def refuse_constant(name: str):
    raise AssertionError(f"JSON holds {name}")


def assert_inert_markdown(text: str) -> None:
    """No HTML, no formatting from scraped text, and no web address a viewer would link by itself."""
    assert "<script" not in text and "://evil" not in text and "www.evil" not in text
    for mark in ("*bold*", "_it_", "~s~", "`c`"):
        assert mark not in text


def assert_inert_whatsapp(text: str) -> None:
    """No formatting from scraped text, no web address WhatsApp would link, no line a scraped text starts (where "> "
    quotes and "- " makes a list)."""
    assert "://evil" not in text and "www.evil" not in text
    for mark in ("*bold*", "_it_", "~s~", "`c`"):
        assert mark not in text
    assert not re.search(r"^(?:> |- )", text, re.MULTILINE)


def hostile_digest(hostile: str) -> Digest:
    """Every text of a digest is `hostile`: its names, the track, and a vacancy's title, company, place and pay label;
    a second vacancy is on a site named by its host, which holds `hostile` when that is one character."""
    shown = vacancy(
        1,
        ("PHP", "Laravel"),
        title=hostile,
        company=hostile,
        location=hostile,
        pay_text=hostile,
        pay_kind="salaried", pay_min=4e6, pay_max=6e6, pay_currency="IDR", pay_period="month",
        pay_idr_min=4e6, pay_idr_max=6e6,
    )  # fmt: skip
    site = vacancy(2, ("PHP",), title=hostile, source="jobposting", remote=True,
                   url=f"https://lowongan{hostile if len(hostile) == 1 else ''}.example.test/job/2")  # fmt: skip
    entries = (DigestEntry(shown, hostile, 1.0, ("Laravel", "PHP")), DigestEntry(site, hostile, 1.0, ("PHP",)))
    return Digest(hostile, hostile, NOW, NOW - timedelta(days=7), None, ((hostile, entries),))


class Links(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attributes):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attributes if name == "href"]


# Every output, every hostile string ----------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_digest_format_stays_valid_and_inert(fmt, hostile):
    for lang in ("id", "en"):
        text = render(hostile_digest(hostile), fmt, lang)
        assert_safe_characters(text)
        if fmt == "rss":
            feed = ElementTree.fromstring(text.encode("utf-8"))  # expat: strict XML 1.0
            links = [item.findtext("link") for item in feed.iter("item")]
            assert links == ["https://www.kalibrr.com/c/contoh/jobs/1/lowongan", links[1]]
            assert links[1].startswith("https://lowongan") and links[1].endswith(".example.test/job/2")
        elif fmt == "json":
            data = json.loads(text, parse_constant=refuse_constant)
            assert data["tracks"][0]["entries"][0]["title"] == strip_unsafe_characters(hostile)
        elif fmt == "html":
            page = Links(text)
            assert "script" not in page.tags
            assert page.hrefs[0] == "https://www.kalibrr.com/c/contoh/jobs/1/lowongan" and len(page.hrefs) == 2
        elif fmt == "markdown":
            assert_inert_markdown(text)
            assert "(<https://www.kalibrr.com/c/contoh/jobs/1/lowongan>)" in text  # its own link stays a link
        else:
            assert_inert_whatsapp(text)
            assert "\nhttps://www.kalibrr.com/c/contoh/jobs/1/lowongan" in text


def hostile_matches(hostile: str):
    """A person whose every cell is `hostile` matched with a remote vacancy whose every text is."""
    person = Person(row=2, name=hostile, skills=("PHP",), track=hostile, region=hostile, open_to_remote=True,
                    contact=hostile)  # fmt: skip
    offer = vacancy(1, ("PHP",), title=hostile, company=hostile, location=hostile, pay_text=hostile, remote=True,
                    country=None, url="https://kalibrr.example.test/jobs/1")  # fmt: skip
    return person, AlumniMatcher().fit([person], [offer]).matches_


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_alumni_csv_never_holds_a_formula_nor_an_unsafe_character(tmp_path, hostile):
    _, matches = hostile_matches(hostile)
    assert matches
    path = tmp_path / "matches.csv"
    write_matches_csv(matches, path)
    text = path.read_text(encoding="utf-8")
    assert_safe_characters(text)
    with path.open(encoding="utf-8", newline="") as file:
        [header, *rows] = list(csv.reader(file))
    for row in rows:
        for column, cell in zip(header, row, strict=True):
            assert not cell.lstrip(" ").startswith(FORMULA_START), (column, cell)
    row = dict(zip(header, rows[0], strict=True))
    for column in ("name", "contact", "track", "region", "title", "company", "location"):
        assert row[column].removeprefix("'") == strip_unsafe_characters(hostile), column


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_alumni_markdown_stays_inert(hostile):
    person, matches = hostile_matches(hostile)
    for lang in ("id", "en"):
        text = matches_markdown([person], matches, lang=lang)
        assert_safe_characters(text)
        assert_inert_markdown(text)
        assert "(<https://kalibrr.example.test/jobs/1>)" in text


# Parquet files hold text as UTF-8, which a lone surrogate is not: the report's tables never hold one (skill, cluster
# and curriculum names come from the taxonomy and the community's files, read as UTF-8).
REPORT_HOSTILE = [hostile for hostile in HOSTILE if not re.search("[\ud800-\udfff]", hostile)]


def test_the_reports_csv_files_never_hold_a_formula_and_parquet_keeps_the_values(tmp_path):
    content = report_content()
    skills = REPORT_HOSTILE
    content.top_skills = pd.DataFrame(
        {"skill": skills, "postings": range(len(skills), 0, -1), "share": [0.5] * len(skills)}
    )
    content.skill_trends = content.skill_trends.rename(columns={"Python": FORMULA})
    recommendations = content.curricula[0].recommendations
    recommendations["reason"] = [FORMULA, "-" + MARKS]
    page = tmp_path / "laporan.html"
    write_report(page, content)
    folder = tmp_path / "laporan_data"
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert_safe_characters(text)
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.reader(file):
                for cell in row:
                    # A negative number is a number, not a formula: only text cells are escaped.
                    if not re.fullmatch(r"-\d+(?:\.\d+)?(?:e[+-]?\d+)?", cell):
                        assert not cell.lstrip(" ").startswith(FORMULA_START), (path.name, cell)
    top = pd.read_csv(folder / "top_skills.csv")
    assert list(top["skill"]) == [spreadsheet_cell(skill) for skill in skills]
    assert list(pd.read_parquet(folder / "top_skills.parquet")["skill"]) == skills  # Parquet: values as they are
    assert f"'{FORMULA}" in pd.read_csv(folder / "skill_trends.csv").columns
    assert FORMULA in pd.read_parquet(folder / "skill_trends.parquet").columns
    reasons = pd.read_csv(next(folder.glob("curriculum_1_*_recommendations.csv")))["reason"]
    assert list(reasons) == [f"'{FORMULA}", f"'-{MARKS}"]


# Non-finite figures --------------------------------------------------------------------------------------------

NON_FINITE = [math.inf, -math.inf, math.nan]


@pytest.mark.parametrize("figure", NON_FINITE)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("currency", ["IDR", "USD"])
def test_a_non_finite_pay_figure_is_pay_not_stated_in_every_digest_format(fmt, figure, currency):
    shown = vacancy(1, ("PHP",), pay_kind="salaried", pay_min=figure, pay_max=figure, pay_currency=currency,
                    pay_period="month", pay_idr_min=figure, pay_idr_max=figure)  # fmt: skip
    text = render(Digest("n", "c", NOW, NOW, None, (("Web", (DigestEntry(shown, "Web", 1.0, ("PHP",)),)),)), fmt)
    assert not re.search(r"\b(?:inf|nan|Infinity|NaN)\b", text, re.IGNORECASE)
    if fmt == "json":
        [entry] = json.loads(text, parse_constant=refuse_constant)["tracks"][0]["entries"]
        assert (entry["pay"], entry["pay_min"], entry["pay_idr_max"]) == ("Gaji: tidak disebut", None, None)
    else:
        assert "tidak disebut" in text


@pytest.mark.parametrize("figure", [*NON_FINITE, pd.NA, None, "inf", "nan", "not a number"])
@pytest.mark.parametrize(
    "formatter",
    [format_count, format_decimal, format_percent, format_points, format_rupiah, format_rupiah_short],
)
def test_a_formatted_non_finite_figure_is_a_dash(formatter, figure):
    assert formatter(figure) == "–"


# The helpers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("character", BIDI_CONTROLS + ["\ufffe", "\uffff", "\ud800", "\U0001fffe", "\ufdd0"])
def test_invisible_and_xml_invalid_characters_are_removed_without_a_trace(character):
    assert strip_unsafe_characters(f"gpj{character}.exe") == "gpj.exe"
    assert clean(f" Admin {character}gudang ") == "Admin gudang"


def test_control_characters_become_spaces_and_line_breaks_stay_until_clean():
    assert strip_unsafe_characters("a\x00b\x1bc\x85d\te\nf\r\ng") == "a b c d\te\nf\r\ng"
    assert clean("a\x00b\te\nf") == "a b e f"


def test_letters_of_every_script_stay():
    text = "Programmer Web — 東京 · عربي · עברית · Ñandú · 🙂"
    assert strip_unsafe_characters(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("see https://evil.example.test/a.html now", "see https[:]//evil[.]example[.]test/a[.]html now"),
        ("HTTP://EVIL.EXAMPLE", "HTTP[:]//EVIL[.]EXAMPLE"),
        ("www.evil.example.test", "www[.]evil[.]example[.]test"),
        ("ftp://evil.example", "ftp[:]//evil[.]example"),
        ("Node.js, ASP.NET, e.g. Vue.js", "Node.js, ASP.NET, e.g. Vue.js"),  # skills are no addresses
    ],
)
def test_web_addresses_in_text_are_written_so_that_nothing_links_them(text, shown):
    assert whatsapp_text(text) == shown
    assert markdown_text(text) == shown.replace("[", "\\[").replace("]", "\\]")


def test_whatsapp_marks_become_look_alikes_that_format_nothing():
    assert whatsapp_text(MARKS) == "∗bold∗ ˍitˍ ∼s∼ ˋcˋ"
    assert whatsapp_text("```mono```") == "ˋˋˋmonoˋˋˋ"


def test_markdown_link_keeps_its_own_link_and_escapes_the_label():
    assert markdown_link(BARE_URL, "https://x.example/a b") == (
        "[see https\\[:\\]//evil\\[.\\]example\\[.\\]test now](<https://x.example/a%20b>)"
    )
    assert markdown_link("x", "javascript:alert(1)") == "x"
    assert quoted_url("https://x.example/\u202e<b>") == "https://x.example/%3Cb%3E"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+62-000-0000-0099", "'+62-000-0000-0099"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("   =1", "'   =1"),
        ("\u202e=1", "'=1"),
        ("Admin = staff", "Admin = staff"),
        ("", ""),
        (-5, -5),
        (4.5, 4.5),
        (None, None),
    ],
)
def test_a_spreadsheet_cell_is_never_a_formula(cell, written):
    assert spreadsheet_cell(cell) == written


@pytest.mark.parametrize(("value", "number"), [(3, 3.0), (2.5, 2.5), ("4", 4.0), (math.inf, None), (math.nan, None),
                                               (pd.NA, None), (None, None), ("x", None)])  # fmt: skip
def test_finite_number(value, number):
    assert finite_number(value) == number


def test_json_has_no_nan_or_infinity_and_no_unsafe_character():
    data = {"a": math.inf, "b": [math.nan, -math.inf, np.float32("inf"), 1, 2.5, True], "c\u202e": "x\ufffey"}
    text = json_document(data, indent=None)
    assert json.loads(text, parse_constant=refuse_constant) == {"a": None, "b": [None, None, None, 1, 2.5, True],
                                                                "c": "xy"}  # fmt: skip
