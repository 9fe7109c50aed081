"""Reading the CSV files coordinators keep in a spreadsheet (a survey, an alumni list).

One reader for both, so they take the same files: UTF-8 with or without the byte-order mark Excel writes, ``,`` or
``;`` between values (a spreadsheet set up for Indonesia writes ``;``, its decimal mark being the comma), and a clear
answer for a workbook saved as .xlsx instead of CSV, and for a file far larger than any survey or alumni list or a
value far longer than any cell a person types (a wrong file, or a quote left open).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.input_files import MB, read_text

# A survey or an alumni list of 50,000 people is about 5 MB; the row cap keeps a file of empty lines small in memory.
MAX_CSV_BYTES = 8 * MB
MAX_CSV_ROWS = 100_000
# A name, a region or a list of skills; a longer value is the wrong file, or a quote left open.
MAX_VALUE_CHARS = 10_000


def read_records(path: Path, error: type[Exception]) -> list[list[str]]:
    """Every line of the file as a CSV record, blank and ``#`` comment lines included, so that a record's index + 1
    is its row as a spreadsheet numbers it. Raises ``error`` with a one-line message when the file cannot be read."""
    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise error(f"{path}: this is a spreadsheet workbook; save it as CSV UTF-8 (File › Save As) and use that")
    text = read_text(path, error, MAX_CSV_BYTES, "CSV UTF-8")
    header = next((line for line in io.StringIO(text) if line.strip() and not line.lstrip().startswith("#")), "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if any(len(value) > MAX_VALUE_CHARS for value in record):
                raise error(
                    f"{path}: row {len(records) + 1}: a value longer than {MAX_VALUE_CHARS:,} characters: is this the "
                    'right file, or is a quote (") left open?'
                )
            records.append(record)
            if len(records) > MAX_CSV_ROWS:
                raise error(f"{path}: more than {MAX_CSV_ROWS:,} rows: is this the right file?")
    except csv.Error as exc:
        raise error(f"{path}: row {len(records) + 1}: cannot read the file as CSV: {exc}") from None
    return records
