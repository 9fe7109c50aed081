"""Employment-type words of the platforms, in English, Indonesian and German, to the Posting's types."""

from __future__ import annotations

from collections.abc import Iterable

# Keys are lower-cased with "-" and "_" read as spaces; seniority words are left out.
EMPLOYMENT_WORDS = {
    "full time": "full_time", "fulltime": "full_time", "vollzeit": "full_time",
    "part time": "part_time", "parttime": "part_time", "teilzeit": "part_time", "minijob": "part_time",
    # A Werkstudent is a student employed part time alongside their studies.
    "werkstudent": "part_time", "working student": "part_time",
    "internship": "internship", "intern": "internship", "praktikum": "internship",
    "contract": "contract", "contractor": "contract", "contractual": "contract", "contract/temp": "contract",
    "freelance": "freelance", "freelancer": "freelance", "freiberuflich": "freelance", "project based": "freelance",
    "temporary": "temporary", "befristet": "temporary", "casual/vacation": "temporary",
    # Indonesian, as Indonesian boards write them.
    "penuh waktu": "full_time", "purna waktu": "full_time", "karyawan tetap": "full_time", "tetap": "full_time",
    "paruh waktu": "part_time", "kontrak": "contract", "magang": "internship",
    "lepas": "freelance", "pekerja lepas": "freelance", "harian": "temporary", "sementara": "temporary",
}


def employment_type(words: Iterable[str | None] | str | None) -> str | None:
    """The type named by the first of ``words`` that names one (``Full-Time`` -> ``full_time``), else None."""
    if words is None or isinstance(words, str):
        words = [words]
    for word in words:
        if word:
            kind = EMPLOYMENT_WORDS.get(word.strip().lower().replace("-", " ").replace("_", " "))
            if kind:
                return kind
    return None
