"""Reading the CSV files coordinators keep in a spreadsheet (a survey, an alumni list).

One reader for both, so they take the same files: UTF-8 with or without the byte-order mark Excel writes, ``,`` or
``;`` between values (a spreadsheet set up for Indonesia writes ``;``, its decimal mark being the comma), and a clear
answer for a workbook saved as .xlsx instead of CSV.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_records(path: Path, error: type[Exception]) -> list[list[str]]:
    """Every line of the file as a CSV record, blank and ``#`` comment lines included, so that a record's index + 1
    is its row as a spreadsheet numbers it. Raises ``error`` with a one-line message when the file cannot be read."""
    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise error(f"{path}: this is a spreadsheet workbook; save it as CSV UTF-8 (File › Save As) and use that")
    try:
        text = path.read_text(encoding="utf-8-sig")  # utf-8-sig drops the mark Excel puts at the start
    except UnicodeDecodeError:
        raise error(f"{path}: cannot read the file: it is not UTF-8 text; save it as CSV UTF-8") from None
    except OSError as exc:
        raise error(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    header = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise error(f"{path}: cannot read the file as CSV: {exc}") from exc
