"""The report in Bahasa Indonesia, the language its readers read first and the one it is written in by default.

These tests write the hostile content of tests/test_report.py outside any `language` block, so in Indonesian, and
check each translated section (found by its ``id``): its heading and texts are Indonesian, and no English word of the
old texts is left, once every text that comes from the content (scraped skills, cluster names, captions, file
names: they stay as they were written) is taken out. tests/test_report.py reads the English page.

A section translated later adds its Indonesian heading to `HEADINGS`; the checks then cover it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.language import language
from analysis.report import ReportContent, write_report
from analysis.report.charts import bar_chart, line_chart, scatter_map
from analysis.report.pay_chart import pay_distribution
from tests.test_report import SCRIPT, Page, report_content

# The sections checked, by id, with their Indonesian headings (also their entries in the contents).
HEADINGS = {
    "demand": "Keterampilan yang banyak diminta",
    "trends": "Tren",
    "index": "Indeks jenis pekerjaan",
    "clusters": "Jenis pekerjaan (klaster)",
    "compared": "Perbandingan kurikulum",
    "about": "Tentang data",
}
# Sections that open with a "how to read this" box.
EXPLAINED = ("demand", "trends", "index", "clusters", "compared")
# Words of the English texts, which none of the Indonesian ones uses (matched as whole words, in any case).
ENGLISH = (
    "how to read", "posting", "postings", "skill", "skills", "share", "cluster", "clusters", "rising", "falling",
    "index", "period", "periods", "earlier", "later", "change", "salary", "pay", "coverage", "curriculum", "curricula",
    "job site", "sources", "generated", "map", "day", "base", "points", "families", "typical", "occupation",
    "no data", "percentile", "whiskers", "the", "and", "of", "to", "for", "with", "is", "are", "each", "per month",
)  # fmt: skip
ENGLISH_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in ENGLISH) + r")\b", re.IGNORECASE)
# Names the Indonesian texts keep as they are.
PROPER_NAMES = ("Online Labour Index", "Kässi & Lehdonvirta")
# The data files' and their folder's names.
FILE_NAMES = re.compile(r"[\w-]+\.(?:csv|parquet)\b|\blaporan_data\b")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


class Texts(HTMLParser):
    """The texts of a piece of HTML as a reader gets them (character references resolved), one per text node:
    the page's words, the charts' words and their tooltips."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_data(self, data):
        if data.strip():
            self.texts.append(" ".join(data.split()))


def section(html: str, anchor: str) -> str:
    """The HTML of the section with id `anchor`."""
    found = re.search(rf'<section id="{re.escape(anchor)}">(.*?)</section>', html, re.DOTALL)
    assert found, f"no section {anchor}"
    return found.group(1)


def content_texts(value: object) -> Iterator[str]:
    """Every text of `value` (a ReportContent and everything in it: fields, table cells, column and index names),
    whole, with its white space made single, and paragraph by paragraph. Identifiers ("share", "salaried",
    "software_development") are the report's to translate, not texts it shows as they are, and are left out."""
    if isinstance(value, str):
        if IDENTIFIER.fullmatch(value):
            return
        yield value
        yield " ".join(value.split())
        yield from (" ".join(part.split()) for part in re.split(r"\n\s*\n", value))
    elif isinstance(value, pd.DataFrame):
        yield from content_texts(list(value.columns))
        yield from content_texts(list(value.index))
        for column in value.columns:
            yield from content_texts(value[column].tolist())
    elif isinstance(value, pd.Series):
        yield from content_texts(list(value.index))
        yield from content_texts(value.tolist())
    elif isinstance(value, list | tuple):
        for item in value:
            yield from content_texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from content_texts(getattr(value, name))


def english_leftovers(html: str, content: ReportContent) -> list[str]:
    """The texts of `html` that still have an English word once the content's own texts are taken out."""
    values = sorted({text for text in content_texts(content) if text.strip()}, key=len, reverse=True)
    leftovers = []
    for text in Texts(html).texts:
        if text.endswith("…") and any(value.startswith(text[:-1]) for value in values):
            continue  # a scraped name shortened on a chart
        for value in (*values, *PROPER_NAMES):
            text = text.replace(value, " ")
        text = FILE_NAMES.sub(" ", text)
        if ENGLISH_WORDS.search(text):
            leftovers.append(text)
    return leftovers


def write(content: ReportContent, folder: Path) -> str:
    page = folder / "laporan.html"
    write_report(page, content)
    return page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def indonesian(tmp_path_factory) -> str:
    """The page of `report_content`, written in the default language."""
    return write(report_content(), tmp_path_factory.mktemp("indonesian"))


# The page


def test_the_page_says_it_is_in_indonesian(indonesian):
    assert '<html lang="id">' in indonesian


def test_every_checked_section_is_on_the_page_with_its_indonesian_heading_in_the_contents(indonesian):
    ids = [attributes.get("id") for _, attributes in Page(indonesian).elements]
    assert set(HEADINGS) <= set(ids)
    contents = re.search(r"<nav[^>]*>(.*?)</nav>", indonesian, re.DOTALL).group(1)
    for anchor, heading in HEADINGS.items():
        assert f'<a href="#{anchor}">{heading}</a>' in contents
        assert f"<h2>{heading}</h2>" in section(indonesian, anchor)


# The sections


@pytest.mark.parametrize("anchor", HEADINGS)
def test_a_section_has_no_english_left(indonesian, anchor):
    assert english_leftovers(section(indonesian, anchor), report_content()) == []


@pytest.mark.parametrize("anchor", EXPLAINED)
def test_a_section_opens_with_how_to_read_it_in_indonesian(indonesian, anchor):
    assert '<div class="how"><strong>Cara membaca.</strong>' in section(indonesian, anchor)


def test_the_sections_say_what_they_show_in_indonesian(indonesian):
    expected = {
        "demand": ("panjangnya menunjukkan berapa lowongan yang memintanya", "<th", "Keterampilan", "Bagian lowongan"),
        "trends": ("Perubahannya dalam poin persentase", "Naik: lebih banyak diminta pada", "Lowongan, awal"),
        "index": ("hari dasar", "Poin indeks", "Cara indeks dihitung", "Semua pekerjaan"),
        "clusters": ("Rumpun keterampilan", "Keterampilan khas", "Median gaji sebulan", "Pengembangan perangkat lunak"),
        "compared": ("Satu baris untuk setiap kurikulum", "Cakupan, semua lowongan", "Kurikulum"),
        "about": ("Lowongan yang dibaca:", "Situs lowongan", "Bagaimana angka-angka ini dibuat", "Berkas data"),
    }
    for anchor, texts in expected.items():
        for text in texts:
            assert text in section(indonesian, anchor), (anchor, text)


def test_empty_tables_and_missing_data_are_said_in_indonesian(tmp_path):
    content = report_content()
    content.posting_count = 0
    content.sources = pd.Series(dtype="int64")
    for name in ("top_skills", "rising", "falling", "clusters", "cluster_map", "pay_by_cluster"):
        setattr(content, name, getattr(content, name).head(0))
    content.skill_trends = content.skill_trends.iloc[:0, :0]
    content.occupation_index, content.index_note, content.comparison = None, None, None
    content.skill_families, content.curricula = [], []
    html = write(content, tmp_path)
    for anchor, text in (
        ("demand", "Tidak ada lowongan di pilihan ini yang menyebut keterampilan yang dikenal taksonomi."),
        ("trends", "Lowongan yang bertanggal terlalu sedikit untuk menggambar tren."),
        ("trends", "Tidak ada keterampilan yang naik di antara kedua periode."),
        ("trends", "Tidak ada keterampilan yang turun di antara kedua periode."),
        ("index", "Lowongan yang bertanggal terlalu sedikit untuk membuat indeks."),
        ("clusters", "Lowongan yang menyebut keterampilan terlalu sedikit untuk membentuk klaster."),
        ("clusters", "Tidak ada keterampilan yang cukup sering diminta bersamaan untuk membentuk rumpun."),
        ("about", "Tidak ada lowongan."),
    ):
        assert text in section(html, anchor), text
    for anchor in HEADINGS.keys() - {"compared"}:  # one curriculum or none: nothing is compared
        assert english_leftovers(section(html, anchor), content) == [], anchor


def test_too_little_data_to_compare_is_said_in_indonesian(tmp_path):
    content = report_content()
    content.changes_note = f"lowongan hanya mencakup 16 hari {SCRIPT}"
    trends = section(write(content, tmp_path), "trends")
    assert "<h3>Naik dan turun</h3>" in trends
    assert "Data terlalu sedikit untuk mengatakan apa yang naik atau turun: lowongan hanya mencakup 16 hari" in trends
    assert english_leftovers(trends, content) == []


def test_the_about_section_says_how_numbers_are_written_in_each_language(indonesian, tmp_path):
    about = section(indonesian, "about")
    assert "Angka ditulis dengan cara Indonesia" in about
    assert "1.234 adalah seribu dua ratus tiga puluh empat, 4,5% adalah" in about and "Rp 4,5 jt" in about
    with language("en"):
        english = section(write(report_content(), tmp_path), "about")
    assert "Numbers are written the English way" in english and "the Indonesian way" not in english
    assert "1,234 is one thousand two hundred and thirty-four, 4.5% is" in english and "Rp 4.5 m" in english


# Numbers


def test_numbers_in_the_sections_are_written_the_indonesian_way(indonesian):
    assert '<td class="num">8,8%</td>' in section(indonesian, "demand")  # a share
    assert '<td class="num">+25,0 pts</td>' in section(indonesian, "trends")  # a change of share
    assert '<td class="num">Rp 8.000.000</td>' in section(indonesian, "clusters")  # a median salary


# The words the charts write by themselves


def test_charts_write_their_own_words_in_the_current_language():
    def chart_texts() -> str:
        days = pd.date_range("2026-07-27", periods=3, freq="W-MON")
        return " | ".join(
            [
                *Texts(bar_chart([], [], title="t", value_label="v")).texts,
                *Texts(line_chart(days, {"a": [0.1, 0.2, 0.3]}, title="t", y_label="y")).texts,
                *Texts(scatter_map([0, 1], [0, 1], [0, 1], {0: "a", 1: "b"}, title="t")).texts,
                *Texts(pay_distribution([("a", [1e6, 2e6, 3e6, 4e6, 5e6]), ("b", [1e6]), ("c", [])], title="t")).texts,
            ]
        )

    indonesian = chart_texts()
    for words in ("Tidak ada data untuk digambar", "Awal periode", "3 Agu 2026", "Peta mendatar", "Peta tegak",
                  "Bayaran per bulan (rupiah)", "separuh tengah bayaran", "persentil ke-10 sampai ke-90",
                  "5 dengan bayaran", "bayaran tidak disebut", "1 nilai bayaran"):  # fmt: skip
        assert words in indonesian
    assert not ENGLISH_WORDS.search(indonesian.replace("Median", "")), indonesian
    with language("en"):
        english = chart_texts()
    for words in ("No data to draw", "Period starting", "3 Aug 2026", "Map across", "Pay per month (rupiah)",
                  "whiskers: 10th to 90th percentile", "5 with pay", "no pay stated", "1 pay values"):  # fmt: skip
        assert words in english


def test_the_messages_a_report_shows_for_thin_data_are_in_indonesian():
    from analysis.data import PostingSet
    from analysis.demand import recent_periods
    from analysis.index import OccupationIndex

    postings = PostingSet.from_records(
        {"posted_on": date(2026, 1, day), "oli_occupation": "sales_marketing", "source": "glints"} for day in (1, 9)
    )
    with pytest.raises(ValueError) as index_note:
        OccupationIndex().fit(postings)
    with pytest.raises(ValueError) as changes_note:
        recent_periods(postings)
    for message in (str(index_note.value), str(changes_note.value)):
        assert message.startswith("lowongan hanya mencakup 9 hari (2026-01-01 sampai 2026-01-09)")
        assert not ENGLISH_WORDS.search(message), message


def test_hostile_values_stay_escaped_in_indonesian(indonesian):
    assert SCRIPT not in indonesian and escape(SCRIPT) in indonesian
