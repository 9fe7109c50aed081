"""What the store tells of a database error: one line, and whether the record or the database is to blame."""

from __future__ import annotations

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from pipelines.db.models import storable_text


def describe(error: BaseException) -> str:
    """One short line naming ``error``: the database's (or driver's) own message, never the SQL or its parameters,
    which would carry whole postings into logs."""
    cause = error.orig if isinstance(error, StatementError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    message = f"{type(cause).__name__}: {lines[0] if lines else ''}".rstrip(": ")
    return storable_text(message if len(message) <= 300 else message[:299] + "…")


def refuses_this_record(error: BaseException) -> bool:
    """Whether ``error`` is about the record written (a value the database or its driver cannot take), not about the
    database as a whole (unreachable, full, read-only, no rights), which refuses every record alike."""
    if isinstance(error, DataError | IntegrityError):
        return True
    if isinstance(error, DBAPIError):
        return False
    if isinstance(error, StatementError):  # a value SQLAlchemy could not convert for the driver
        error = error.orig
    return isinstance(error, TypeError | ValueError | OverflowError | RecursionError)


class WriteFailed(Exception):
    """The database refuses writes as a whole; the message is one line saying why, from the database."""

    def __init__(self, message: str, postings_written: int = 0):
        super().__init__(message, postings_written)  # both in args: the exception crosses processes pickled
        self.message, self.postings_written = message, postings_written

    def __str__(self) -> str:
        return self.message
