"""Reading a community's survey file (docs/survey.md): one member a row, every value checked.

Coordinators fill the file in by hand, so one bad value must not stop the analysis: each becomes a one-line problem
naming the row (numbered as a spreadsheet numbers it, every line counted) and the column, that row is left out, and
the good rows are analysed. Only a file that cannot be read, or that lacks a required column, raises `SurveyError`.
A column that looks like names or contact details is never read: member rows hold income, and nothing may name them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.spreadsheet import read_records
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy, normalise

# Every survey column, in the template's order (examples/survey/template.csv).
COLUMNS = (
    "member_id",
    "monthly_income_idr",
    "household_size",
    "region",
    "main_platform",
    "skills",
    "months_experience",
    "employment_status",
    "household_income_idr",
    "age",
    "gender",
    "track",
)
# household_size is optional: a member may not know, or a community may not ask. Without it there is no income
# per household member, and the output says how such members were treated (ResilienceIndicators).
OPTIONAL_COLUMNS = ("household_size", "household_income_idr", "age", "gender", "track")
REQUIRED_COLUMNS = tuple(column for column in COLUMNS if column not in OPTIONAL_COLUMNS)
EMPLOYMENT_STATUSES = ("employed", "freelance", "self_employed", "student", "unemployed")
# Words in a column name that say it holds names or contact details ("nama", "no_hp", "e-mail"): the survey needs
# none, so such a column is never read.
PERSONAL_COLUMN = re.compile(
    r"(?:^|_)(?:name|nama|phone|telp|telepon|hp|wa|whatsapp|e-?mail|address|alamat|nik|ktp|contact|kontak)(?:_|$)"
)
EMAIL = re.compile(r"\S+@\S+\.\S+")
PHONE = re.compile(r"\+?[\d ()-]{9,}")
# Whole rupiah, optionally after "Rp", with or without thousands separators: 3500000, 3.500.000, 3,500,000.
AMOUNT = re.compile(r"(?:rp\.?\s*)?(\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)", re.IGNORECASE)
AGE_RANGE = (10, 100)


class SurveyError(ValueError):
    """A survey that cannot be analysed at all; the message is one line naming the file.

    `problems` holds the row problems when every row had one, so that a caller can show them all.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class SurveyReading:
    """The good rows of a survey file, typed, and one message per problem found.

    `members` has one row per usable member, in file order, with the survey's columns typed (incomes, household
    size, months and age as integers, missing optional values, household size included, as <NA>; `skills` as a
    tuple of names, taxonomy skills by their canonical name) and three more: `row` (its row number in the file),
    `household_income_used_idr` (household_income_idr where given, otherwise the member's own income) and
    `income_per_member_idr` (that divided by household_size; NaN when the size is not known).
    """

    path: Path
    members: pd.DataFrame
    problems: list[str]
    rows_read: int
    """Member rows in the file, usable or not (blank and comment lines are not member rows)."""
    rows_left_out: int


class _Invalid(ValueError):
    """One bad value; the message is what follows "column X: " in the problem line."""


def read_survey(path: str | Path, taxonomy: Taxonomy | None = None) -> SurveyReading:
    """Read the survey CSV file `path` (docs/survey.md); skills resolve against `taxonomy` (default: the bundled one).

    Blank lines and lines starting with ``#`` are skipped. Raises `SurveyError` when the file cannot be read or
    lacks a required column; every other problem is a message in `problems`, and its row is left out.
    """
    path = Path(path)
    taxonomy = taxonomy or load_taxonomy()
    records = read_records(path, SurveyError)
    header_at = next((i for i, record in enumerate(records) if not _skipped(record)), None)
    if header_at is None:
        raise SurveyError(f"{path}: the file is empty; its first line must name the columns, as in the template")
    columns = [normalise(name).replace(" ", "_") for name in records[header_at]]
    _check_header(path, columns)

    name = path.name
    problems = [
        f"{name} row {header_at + 1}, column {column}: {_unknown_column(column)}"
        for column in columns
        if column and column not in COLUMNS
    ]
    members: list[dict[str, Any]] = []
    first_row_of: dict[str, int] = {}
    rows_read = 0
    for index in range(header_at + 1, len(records)):
        record, row = records[index], index + 1
        if _skipped(record):
            continue
        rows_read += 1
        if len(record) > len(columns):
            problems.append(
                f"{name} row {row}: {len(record)} values but the header names {len(columns)} columns; put a value "
                'holding a comma in double quotes ("HTML, CSS"), or separate skills with ";"'
            )
            continue
        # A row may stop early when its last columns are empty, as a hand-written file often does.
        values = dict(zip(columns, [*record, *[""] * (len(columns) - len(record))], strict=True))
        member, row_problems = _member(values, taxonomy)
        member_id = member.get("member_id")
        if member_id in first_row_of:
            row_problems.insert(0, ("member_id", f'"{member_id}" is already used on row {first_row_of[member_id]}'))
        elif member_id is not None:
            first_row_of[member_id] = row
        problems += [f"{name} row {row}, column {column}: {message}" for column, message in row_problems]
        if not row_problems:
            members.append({"row": row, **member})
    return SurveyReading(
        path=path,
        members=_typed(members),
        problems=problems,
        rows_read=rows_read,
        rows_left_out=rows_read - len(members),
    )


def _skipped(record: list[str]) -> bool:
    """Blank lines and comment lines hold no member."""
    return not any(value.strip() for value in record) or record[0].lstrip().startswith("#")


def _check_header(path: Path, columns: list[str]) -> None:
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if repeated:
        raise SurveyError(f"{path}: column {repeated[0]} appears twice in the first line; keep one")
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        listed = ", ".join(missing)
        raise SurveyError(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {listed}; the first line must name the columns, "
            "as in examples/survey/template.csv"
        )


def _unknown_column(column: str) -> str:
    if PERSONAL_COLUMN.search(column):
        return "looks like names or contact details, which the survey must not hold; ignored, remove it from the file"
    return "not a survey column (docs/survey.md); ignored"


def _member(values: Mapping[str, str], taxonomy: Taxonomy) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One row's typed values, and (column, message) for each bad one."""
    member: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    readers = {
        "member_id": _member_id,
        "monthly_income_idr": _amount,
        "household_size": lambda text: _optional(text, lambda value: _whole(value, low=1)),
        "region": _text,
        "main_platform": lambda text: _text(text).lower(),
        "skills": lambda text: _skills(text, taxonomy),
        "months_experience": lambda text: _whole(text, low=0),
        "employment_status": _status,
        "household_income_idr": lambda text: _optional(text, _amount),
        "age": lambda text: _optional(text, lambda value: _whole(value, *AGE_RANGE)),
        "gender": lambda text: _optional(text, _text),
        "track": lambda text: _optional(text, _text),
    }
    for column, read in readers.items():
        try:
            member[column] = read(values.get(column, "").strip())
        except _Invalid as exc:
            problems.append((column, str(exc)))
    household, own = member.get("household_income_idr"), member.get("monthly_income_idr")
    if household is not None and own is not None and household < own:
        # The household's income includes the member's own.
        problems.append(("household_income_idr", f'"{household}" is less than the member\'s own income ({own})'))
    return member, problems


def _text(text: str) -> str:
    if not text:
        raise _Invalid("empty; every row needs a value here")
    return " ".join(text.split())


def _optional(text: str, read: Callable[[str], Any]) -> Any:
    return read(text) if text else None


def _member_id(text: str) -> str:
    member_id = _text(text)
    if EMAIL.fullmatch(member_id):
        raise _Invalid(f'"{member_id}" looks like an e-mail address; use a member id such as A01, never contacts')
    if PHONE.fullmatch(member_id) and sum(character.isdigit() for character in member_id) >= 9:
        raise _Invalid(f'"{member_id}" looks like a phone number; use a member id such as A01, never contacts')
    return member_id


def _amount(text: str) -> int:
    if not text:
        raise _Invalid("empty; write the amount in rupiah, 0 for none")
    if text.lstrip().startswith("-"):
        raise _Invalid(f'"{text}" is below zero; write 0 for no income')
    match = AMOUNT.fullmatch(text)
    if not match:
        raise _Invalid(f'"{text}" is not an amount in whole rupiah; write it in full, e.g. 3500000')
    return int(re.sub(r"\D", "", match.group(1)))


def _whole(text: str, low: int, high: int | None = None) -> int:
    if not re.fullmatch(r"\d+", text) or int(text) < low or (high is not None and int(text) > high):
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise _Invalid(f'"{text}" is not a whole number {bounds}')
    return int(text)


def _status(text: str) -> str:
    status = re.sub(r"[\s-]+", "_", text.lower())
    if status not in EMPLOYMENT_STATUSES:
        raise _Invalid(f'"{text}" is not one of {", ".join(EMPLOYMENT_STATUSES)}')
    return status


def _skills(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The skills between semicolons (or commas: no skill name has one), taxonomy skills by canonical name, so that
    "js" and "JavaScript" count as one."""
    names = []
    for term in re.split(r"[;,]", text):
        term = " ".join(term.split())
        if term:
            skill = taxonomy.lookup(term)
            names.append(skill.name if skill else term)
    return tuple(dict.fromkeys(names))


def _typed(members: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(members, columns=["row", *COLUMNS])
    for column in ("row", "monthly_income_idr", "months_experience"):
        frame[column] = frame[column].astype("int64")
    for column in ("household_size", "household_income_idr", "age"):
        frame[column] = frame[column].astype("Int64")
    for column in ("gender", "track"):
        frame[column] = frame[column].astype("string")
    given = frame["household_income_idr"]
    frame["household_income_used_idr"] = given.fillna(frame["monthly_income_idr"]).astype("int64")
    # NaN where the size is unknown: dividing by a guessed size would be an assumption the reader cannot see.
    sizes = frame["household_size"].to_numpy(dtype=float, na_value=np.nan)
    frame["income_per_member_idr"] = frame["household_income_used_idr"].to_numpy(dtype=float) / sizes
    return frame
