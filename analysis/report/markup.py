"""The HTML pieces the sections share: tables, notes, "how to read this" boxes, figures, and text made safe.

Every text that can come from scraped postings or user files passes through ``html.escape`` here or in the section
that writes it; a function whose result is HTML says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

import pandas as pd

from analysis.formats import format_count, is_missing
from analysis.language import month_name, occupation_name, say

# Tables show this many rows; the data files have them all.
TABLE_ROWS = 10
# A caption with one of these words describes invented postings; the report then says so, twice.
INVENTED_DATA = re.compile(r"\b(sample|demo|invented|made[- ]up|synthetic|contoh|rekaan|sintetis)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """One section of the page: its id, its heading (also its entry in the contents) and its body."""

    anchor: str
    heading: str
    body: str
    """HTML, escaped already."""


def plain(value: object) -> str:
    """A cell as text: lists joined with commas, missing values as a dash, runs of white space as one space."""
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value)
    return "–" if is_missing(value) else " ".join(str(value).split())


@dataclass(frozen=True)
class Column:
    """A table column: the frame's column `key`, its heading, and how a value is written."""

    key: str
    heading: str
    format: Callable[[object], str] = plain
    numeric: bool = False
    markup: bool = False
    """`format` returns HTML (escaped by itself) rather than text."""


def occupation_label(value: object) -> str:
    """An occupation class as readers see it, in the current language; ``total`` is all of them."""
    if str(value) == "total":
        return say("Semua pekerjaan", "All occupations")
    return occupation_name(str(value)) if isinstance(value, str) else plain(value)


def paragraphs(text: str | None) -> str:
    """`text` (paragraphs separated by blank lines) as escaped <p> elements."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    return "".join(f"<p>{escape(' '.join(block.split()))}</p>" for block in blocks)


def how(*sentences: str) -> str:
    """The 'how to read this' box under a heading; the sentences are the report's own text, with escaped values."""
    return f'<div class="how"><strong>{say("Cara membaca.", "How to read this.")}</strong> {" ".join(sentences)}</div>'


def note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def invented_warning(caption: str) -> str:
    """The warning that the postings are invented, when `caption` says so; else nothing."""
    warning = say(
        "Lowongan ini adalah data contoh rekaan, dibuat untuk menunjukkan rupa laporan. "
        "Jangan memakai angka-angka ini untuk mengambil keputusan.",
        "These postings are invented sample data, made up to show what the report looks like. "
        "Do not use these numbers for decisions.",
    )
    return f'<p class="warning">{escape(warning)}</p>' if INVENTED_DATA.search(caption) else ""


def slug(text: str) -> str:
    """A file-name part from a user's name: ASCII letters, digits and hyphens, at most 40 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")


def when(moment: datetime) -> str:
    """A moment as readers write it: "5 Desember 2026, 08.30 UTC", "5 December 2026, 08:30 UTC"."""
    zone = moment.strftime("%Z")
    month = month_name(moment.month)
    clock = say(f"{moment:%H.%M}", f"{moment:%H:%M}")
    return f"{moment.day} {month} {moment.year}, {clock}" + (f" {zone}" if zone else "")


def table(frame: pd.DataFrame, columns: Sequence[Column], *, empty: str) -> str:
    """`frame` as an HTML table of `columns`, its first `TABLE_ROWS` rows and a note saying where the others are, or
    the note `empty` when it has no rows."""
    if frame.empty:
        return note(empty)
    shown = frame.head(TABLE_ROWS)
    head = "".join(f'<th scope="col"{_numeric(column)}>{escape(column.heading)}</th>' for column in columns)
    rows = []
    for record in shown[[column.key for column in columns]].itertuples(index=False, name=None):
        cells = "".join(
            f"<td{_numeric(column)}>{column.format(value) if column.markup else escape(column.format(value))}</td>"
            for column, value in zip(columns, record, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    more = ""
    if len(shown) < len(frame):
        more = note(
            say(
                f"{len(shown)} baris pertama dari {format_count(len(frame))}; berkas data di samping halaman ini "
                "memuat semuanya.",
                f"Showing the first {len(shown)} of {format_count(len(frame))} rows; the data files beside this page "
                "have them all.",
            )
        )
    html_table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="table-wrap">{html_table}</div>{more}'


def _numeric(column: Column) -> str:
    return ' class="num"' if column.numeric else ""


def figure(svg: str) -> str:
    return f'<figure class="chart-wrap">{svg}</figure>'
