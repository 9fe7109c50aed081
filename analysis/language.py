"""The language a reader reads: Bahasa Indonesia by default, English on request.

Staff of the communities read Indonesian first, so everything written for them exists in both languages. A text
stands beside its translation where it is used, Indonesian first: ``say("Ringkasan", "Summary")``. Which one is
written, and how numbers are written (analysis/formats.py: "3.098" and "12,5%" in Indonesian, "3,098" and "12.5%" in
English), follow the language of the block being written:

    with language("en"):
        write the report

Outside any block the language is Indonesian. The language is a context variable, so a report written in one
thread does not change another's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pipelines.skills.taxonomy import OCCUPATION_NAMES

LANGUAGES = ("id", "en")
MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip
MONTHS_SHORT = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_current: ContextVar[str] = ContextVar("language", default="id")


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Write in `lang` ("id" or "en") inside the block."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def current_language() -> str:
    return _current.get()


def say(indonesian: str, english: str) -> str:
    """The text in the current language."""
    return indonesian if _current.get() == "id" else english


def month_name(month: int) -> str:
    """The month (1 to 12) in the current language: "Desember", "December"."""
    return MONTHS[_current.get()][month - 1]


def occupation_name(occupation: str) -> str:
    """An occupation class as readers see it, in the current language ("Software development"); an unknown
    value as it is."""
    names = OCCUPATION_NAMES.get(occupation)
    return say(*names) if names else occupation
