"""A short glossary: the report's terms in plain words, for a reader who is not a data analyst."""

from __future__ import annotations

from html import escape

from analysis.language import say
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section

# (term in Indonesian, its meaning), (term in English, its meaning)
TERMS = (
    (
        (
            "Cakupan",
            "Bagian lowongan yang disiapkan kurikulum: lowongan yang setidaknya separuh keterampilannya "
            "diajarkan. Lowongan yang tidak menyebut keterampilan tidak dihitung.",
        ),
        (
            "Coverage",
            "The share of postings a curriculum prepares for: postings at least half of whose skills it "
            "teaches. Postings that name no skill are not counted.",
        ),
    ),
    (
        (
            "Pasar",
            "Lowongan untuk pekerjaan yang disiapkan kurikulum (targetnya); cakupan dan saran dihitung di "
            "antara lowongan ini.",
        ),
        (
            "Market",
            "The postings for the work a curriculum prepares for (its targets); coverage and advice are "
            "counted among them.",
        ),
    ),
    (
        (
            "Klaster",
            "Sekelompok lowongan yang meminta campuran keterampilan yang mirip: satu jenis pekerjaan, apa "
            "pun judulnya. Namanya menyebut keterampilan yang diminta setidaknya 40% lowongannya; klaster "
            "\u201cCampuran\u201d (Mixed) tidak punya keterampilan seperti itu.",
        ),
        (
            "Cluster",
            "A group of postings asking for a similar mix of skills: one kind of job, whatever its title. "
            "Its name lists the skills at least 40% of its postings ask for; a \u201cMixed\u201d cluster has none.",
        ),
    ),
    (
        ("Bagian", "Persentase: 20% berarti satu dari lima lowongan."),
        ("Share", "A percentage: 20% means one posting in five."),
    ),
    (
        ("Poin persentase (pts)", "Selisih dua persentase: dari 10% ke 15% adalah naik 5 poin."),
        ("Percentage points (pts)", "The difference of two percentages: from 10% to 15% is up 5 points."),
    ),
    (
        (
            "Median",
            "Angka tengah: separuh lowongan membayar lebih, separuh kurang. Tidak terpengaruh satu-dua gaji "
            "yang sangat tinggi.",
        ),
        (
            "Median",
            "The middle figure: half the postings pay more, half less. One or two very high salaries do not move it.",
        ),
    ),
    (
        (
            "UMK",
            "Upah minimum kabupaten/kota: upah bulanan terendah yang sah di daerah itu (UMP provinsi bila tidak "
            "ada UMK).",
        ),
        (
            "UMK",
            "The regency or city minimum wage: the lowest lawful monthly wage there (the province's UMP where "
            "there is no UMK).",
        ),
    ),
    (
        (
            "Indeks",
            "Jumlah lowongan baru per hari, dirata-rata 28 hari, dengan 100 pada hari dasar: 120 berarti "
            "20% lebih banyak lowongan daripada saat itu.",
        ),
        (
            "Index",
            "New postings a day, averaged over 28 days, with 100 on the base day: 120 means 20% more postings "
            "than then.",
        ),
    ),
)


def glossary_section(content: ReportContent, data: DataFolder) -> Section:
    entries = "".join(
        f"<dt>{escape(say(indonesian[0], english[0]))}</dt><dd>{escape(say(indonesian[1], english[1]))}</dd>"
        for indonesian, english in TERMS
    )
    return Section("glossary", say("Istilah", "Glossary"), f'<dl class="glossary">{entries}</dl>')
