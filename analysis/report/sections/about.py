"""About the data: which postings, from which sites, how the numbers are made, and the data files."""

from __future__ import annotations

from html import escape

from analysis.earnings import median_definition
from analysis.formats import format_count, format_percent, format_rupiah, format_rupiah_short
from analysis.language import say
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, invented_warning, table, when
from analysis.report.sections.occupation_index import index_heading


def method_notes() -> tuple[str, ...]:
    """How the numbers are made, a sentence or two each, in the current language."""
    return (
        say(
            "Setiap lowongan dihitung sekali, pada hari lowongan itu dipasang (atau, bila situs lowongan tidak "
            "menyebutkannya, pada hari lowongan itu pertama kali terlihat).",
            "Each posting is counted once, on the day it was posted (or, when the job site does not say, the day it "
            "was first seen).",
        ),
        say(
            "Keterampilan dicari di judul, tag, dan teks setiap lowongan dengan sebuah daftar keterampilan beserta "
            "nama-nama lainnya (dalam bahasa Inggris dan Indonesia); keterampilan yang tidak ada di daftar itu tidak "
            "dihitung.",
            "Skills are found in each posting's title, tags and text with a list of skills and their other names "
            "(in English and Indonesian); a skill the list does not know is not counted.",
        ),
        say(
            "Bagian dihitung dari lowongan di laporan ini, atau dari lowongan satu periode; cakupan tidak menghitung "
            "lowongan yang tidak menyebut satu pun keterampilan yang dikenal, karena lowongan itu tidak memberi tahu "
            "apa yang perlu diajarkan.",
            "Shares are out of the postings in this report, or in a period; coverage leaves out postings that name "
            "no known skill, because they say nothing about what to teach.",
        ),
        " ".join(
            (
                say(
                    "Bayaran ada tiga jenis yang tidak pernah dicampur: gaji (bayaran sebulan; upah harian dihitung 21 "
                    "hari kerja, PP 36/2021), upah per jam (satu jam) dan anggaran proyek harga tetap (satu proyek), "
                    "masing-masing dalam rupiah yang dikonversi dari mata uang platformnya.",
                    "Pay comes in three kinds, never mixed: salaries (a month's pay; a day rate is 21 working days, PP "
                    "36/2021), hourly rates (an hour) and fixed-price project budgets (a project), each in rupiah "
                    "converted from the platform's currency.",
                ),
                median_definition(),
                say(
                    "Banyak lowongan tidak menyebut bayarannya, jadi angka bayaran dihitung dari lebih sedikit "
                    "lowongan daripada angka lainnya.",
                    "Many postings do not state pay, so pay figures rest on fewer postings than the rest.",
                ),
            )
        ),
        _numbers_note(),
    )


def _numbers_note() -> str:
    """How numbers are written in the current language, with examples written the way the report writes them."""
    thousands, percent = format_count(1234), format_percent(0.045)
    short, full = format_rupiah_short(4_500_000), format_rupiah(4_500_000)
    return say(
        f"Angka ditulis dengan cara Indonesia: titik memisahkan ribuan dan koma menandai desimal. {thousands} adalah "
        f"seribu dua ratus tiga puluh empat, {percent} adalah empat setengah persen, dan \u201c{short}\u201d "
        f"adalah {full} (rb: ribu, jt: juta, M: miliar).",
        f"Numbers are written the English way: a comma separates thousands and a point marks decimals. {thousands} "
        f"is one thousand two hundred and thirty-four, {percent} is four and a half percent, and \u201c{short}\u201d "
        f"is {full} (k: thousand, m: million, bn: a thousand million).",
    )


def about_section(content: ReportContent, data: DataFolder) -> Section:
    sources = content.sources.rename_axis("source").reset_index(name="postings")
    folder = f"<code>{escape(data.path.name)}</code>"
    body = [
        invented_warning(content.caption),
        f"<p><strong>{say('Lowongan yang dibaca:', 'Which postings:')}</strong> {escape(content.caption)}</p>",
        f"<h3>{say('Sumber', 'Sources')}</h3>",
        table(
            sources,
            [
                Column("source", say("Situs lowongan", "Job site")),
                Column("postings", say("Lowongan", "Postings"), format_count, True),
            ],
            empty=say("Tidak ada lowongan.", "No postings."),
        ),
        data.add("sources", sources),
        f"<h3>{say('Bagaimana angka-angka ini dibuat', 'How the numbers are made')}</h3>",
        "<ul>" + "".join(f"<li>{escape(note)}</li>" for note in method_notes()) + "</ul>",
        "<p>"
        + say(
            f'Cara indeks dihitung dijelaskan di bagian <a href="#index">{escape(index_heading())}</a>.',
            f'How the occupation index is computed is told under <a href="#index">{escape(index_heading())}</a>.',
        )
        + "</p>",
        f"<h3>{say('Berkas data', 'The data files')}</h3>",
        "<p>"
        + say(
            f"Folder {folder} di samping halaman ini memuat data di balik setiap grafik dan tabel, sebagai CSV (bisa "
            "dibuka dengan program spreadsheet) dan Parquet (untuk analis data). Simpan folder itu tetap di samping "
            "halaman ini agar tautannya berfungsi.",
            f"The folder {folder} next to this page holds the data behind every chart and table, as CSV (opens in a "
            "spreadsheet) and Parquet (for analysts). Keep it next to this page for the links to work.",
        )
        + "</p>",
        f'<p class="generated">{say("Dibuat", "Generated")} {escape(when(content.generated_at))}.</p>',
    ]
    return Section("about", say("Tentang data", "About the data"), "".join(body))
