"""The page: the shell around the sections (contents, header, footer, inline style) and writing it with its data.

The page needs nothing else: the CSS (style.css) and the charts (SVG) are inline, there is no script and no address
outside the page, so it can be e-mailed, opened offline and printed. Every text that can come from scraped postings or
user files is escaped, and a Content-Security-Policy forbids scripts and every fetch, so that a string that got past
the escaping could still neither run nor call out.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib.resources import files
from pathlib import Path

from analysis.language import current_language, say
from analysis.report.content import ReportContent, check_columns
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section, when
from analysis.report.sections import SECTIONS

# No script, nothing fetched: only the inline style may apply. Links to the data files are navigation, not fetches.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
STYLE = files("analysis.report").joinpath("style.css").read_text(encoding="utf-8")


def write_report(out: Path, content: ReportContent) -> list[Path]:
    """Write the report page `out` and its data folder ``<stem>_data/``; return the paths written, page first."""
    check_columns(content)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = DataFolder(out)
    sections = [section for build in SECTIONS if (section := build(content, data)) is not None]
    out.write_text(_page(content, sections), encoding="utf-8")
    data.remove_stale()
    return [out, *data.written]


def _page(content: ReportContent, sections: Sequence[Section]) -> str:
    contents = "".join(f'<li><a href="#{section.anchor}">{escape(section.heading)}</a></li>' for section in sections)
    # The first section (the summary) answers the reader's questions on the first screen; every other one is folded
    # under its heading, opened with a click (no script: <details> does it).
    body = "".join(
        f'<section id="{section.anchor}"><h2>{escape(section.heading)}</h2>{section.body}</section>'
        if position == 0
        else f'<section id="{section.anchor}"><details><summary><h2>{escape(section.heading)}</h2></summary>'
        f"{section.body}</details></section>"
        for position, section in enumerate(sections)
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current_language()}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(content.title)}</title><style>\n{STYLE}</style></head><body>"
        f'<header><h1>{escape(content.title)}</h1><p class="caption">{escape(content.caption)}</p>'
        f'<nav aria-label="{say("Daftar isi", "Contents")}"><ol>{contents}</ol></nav></header>'
        f"<main>{body}</main>"
        f"<footer>{say('Laporan pasarkerja, dibuat', 'pasarkerja report, generated')} "
        f"{escape(when(content.generated_at))}.</footer>"
        "</body></html>\n"
    )
