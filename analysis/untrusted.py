"""Text and numbers from job sites and people's files, made safe for every output pasarkerja writes.

Titles, company names, places, pay and links come from job sites, and anyone can post a job; alumni and survey files
are typed by hand. Every such value goes through this module before it reaches a reader:

- ``strip_unsafe_characters`` removes what no output may carry: bidirectional controls (a right-to-left override
  shows "gpj.exe" as "exe.jpg"), control characters, and the code points XML forbids (U+FFFE, U+FFFF, lone
  surrogates...), one of which makes a whole RSS feed unreadable. ``clean`` does the same and puts the text on one
  line. Every format below starts from one of the two; HTML then uses ``html.escape``, RSS ElementTree's own escaping.
- ``safe_url`` lets only http(s) addresses become links; ``quoted_url`` writes one so that no character ends it early.
- ``markdown_text`` and ``markdown_link`` keep text from making Markdown or HTML of its own; ``whatsapp_text`` from
  making WhatsApp's bold, italics, strike-through or code. Both write a web address found in the text so that no
  viewer makes a link of it (``https[:]//evil[.]example``): only the vacancy's own link, checked, is ever a link.
- ``spreadsheet_cell`` keeps a CSV cell from being read as a formula (``=HYPERLINK(...)``).
- ``finite_number`` and ``json_document``: an infinite or NaN figure is no figure; it is written as missing, and JSON
  never holds ``Infinity`` or ``NaN`` (which JSON does not have, and strict readers refuse).
"""

from __future__ import annotations

import json
import math
import numbers
import re
from urllib.parse import quote, urlsplit

# Control characters but tab, line feed and carriage return (C0, DEL and C1): written as a space, as they separate.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters removed without a trace: the bidirectional controls (embeddings, overrides, isolates, the
# left-to-right, right-to-left and Arabic letter marks), lone surrogates (which no UTF-8 file can hold), and
# noncharacters, U+FFFE and U+FFFF among them (XML forbids those two; the others are discouraged).
_INVISIBLE_OR_INVALID = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
# What can start emphasis, code, a link or a strike-through inside a line of Markdown.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]~])")
# A "-", "+" or "12." at the start of a line begins a list; a "#" a heading.
_LINE_START = re.compile(r"^(?:[-+#]|\d+\.)")
# WhatsApp's formatting marks (*bold*, _italics_, ~strike~, `code`, ```monospace```). WhatsApp has no escape
# character, so in untrusted text each is written as a character that looks alike and formats nothing.
_WHATSAPP_LOOKALIKES = str.maketrans({"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"})
# A web address written out, which Markdown viewers and WhatsApp turn into a link by themselves: one with a scheme
# ("https://...", "ftp://...") or one starting "www.".
_BARE_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S*|\bwww\.\S+", re.IGNORECASE)
# Characters a linked URL keeps as they are; others (spaces, angle brackets, quotes) would end the link early.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_unsafe_characters(text: object) -> str:
    """``text`` without bidirectional controls, control characters (but tab and line breaks) and the code points XML
    forbids or discourages; a control character becomes a space. Line breaks and spacing stay as they are."""
    return _INVISIBLE_OR_INVALID.sub("", _CONTROL.sub(" ", str(text)))


def clean(text: object) -> str:
    """``text`` on one line, runs of white space as one space, without what ``strip_unsafe_characters`` removes."""
    return " ".join(strip_unsafe_characters(text).split())


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address with a host, else None: nothing else is ever made a link."""
    url = clean(url or "")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def quoted_url(url: str | None) -> str | None:
    """``safe_url(url)`` with the characters that would end a link early (spaces, angle brackets, quotes)
    percent-encoded, for a link written in text (Markdown, WhatsApp); None when it is not a safe URL."""
    target = safe_url(url)
    return None if target is None else quote(target, safe=_URL_SAFE)


def _unlinked(text: str) -> str:
    """``text`` with every web address in it written so that no viewer makes a link of it: "https[:]//evil[.]example",
    "www[.]evil[.]example". A reader still sees what it says."""
    return _BARE_URL.sub(lambda found: found.group().replace("://", "[:]//", 1).replace(".", "[.]"), text)


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown on one line: HTML written as entities, so that no viewer renders it, the
    punctuation that would format escaped with backslashes, and web addresses not links (``_unlinked``)."""
    escaped = _unlinked(clean(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)
    return _LINE_START.sub(lambda start: start.group()[:-1] + "\\" + start.group()[-1], escaped)


def markdown_link(label: object, url: str | None) -> str:
    """``[label](<url>)``, or the label alone when ``url`` is not a safe one; both escaped."""
    target = quoted_url(url)
    if target is None:
        return markdown_text(label)
    return f"[{markdown_text(label)}](<{target}>)"


def whatsapp_text(text: object) -> str:
    """``text`` as WhatsApp shows it literally, on one line: its formatting marks written as look-alikes ("∗bold∗"
    stays plain) and web addresses not links (``_unlinked``)."""
    return _unlinked(clean(text)).translate(_WHATSAPP_LOOKALIKES)


def spreadsheet_cell(value: object) -> object:
    """A CSV cell: text without what ``strip_unsafe_characters`` removes and, when a spreadsheet would read it as a
    formula (it starts with =, +, -, @, a tab or a carriage return, spaces before it not counting), with a ``'`` in
    front so that the spreadsheet shows it as text. Any other value (a number, a date, None) as it is."""
    if not isinstance(value, str):
        return value
    text = strip_unsafe_characters(value)
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def finite_number(value: object) -> float | None:
    """``value`` as a float when it is a finite number; None for None, NaN, infinities, pd.NA and anything else that
    is not a number. Pay, counts and shares use it: an infinite figure is no figure."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def json_document(data: object, indent: int | None = 2) -> str:
    """``data`` as JSON text (UTF-8 characters as they are) of ``json_ready(data)``. ``allow_nan=False`` makes sure:
    JSON has no NaN or Infinity."""
    return json.dumps(json_ready(data), ensure_ascii=False, indent=indent, allow_nan=False)


def json_ready(value: object) -> object:
    """``value`` as plain data for JSON: every string through ``strip_unsafe_characters``, numpy numbers as Python
    ones, every non-finite number and missing value (NaN, infinities, pd.NA) as None."""
    if isinstance(value, str):
        return strip_unsafe_characters(value)
    if isinstance(value, dict):
        return {json_ready(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return finite_number(value)
    return None if type(value).__name__ == "NAType" else value  # pd.NA, without importing pandas here
