"""The data behind the report: the ``<stem>_data`` folder next to the page, each table as CSV and Parquet."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from analysis.untrusted import spreadsheet_cell


class DataFolder:
    """The ``<stem>_data`` folder next to the page: each table as CSV and Parquet, and the page's links to them.

    The Parquet file keeps every value as it is, for analysts. The CSV file opens in a spreadsheet, so its text cells
    and column names (skills, cluster and curriculum names, survey answers: scraped or typed by someone) go through
    ``analysis.untrusted.spreadsheet_cell``: none is ever read as a formula."""

    def __init__(self, page: Path):
        self.path = page.with_name(f"{page.stem}_data")
        self.href = quote(self.path.name)
        self.written: list[Path] = []

    def add(self, name: str, frame: pd.DataFrame) -> str:
        """Write `frame` (its index is not written) as name.csv and name.parquet; return the links to them."""
        self.path.mkdir(exist_ok=True)
        frame = frame.copy()
        frame.columns = [str(column) for column in frame.columns]
        csv_path, parquet_path = self.path / f"{name}.csv", self.path / f"{name}.parquet"
        if csv_path in self.written:
            raise ValueError(f"two tables of the report are both named {name!r}")
        _for_spreadsheets(frame).to_csv(csv_path, index=False)
        frame.to_parquet(parquet_path, index=False, engine="pyarrow")
        self.written += [csv_path, parquet_path]
        links = " · ".join(
            f'<a href="{escape(self.href)}/{quote(path.name)}">{escape(path.name)}</a>'
            for path in (csv_path, parquet_path)
        )
        return f'<p class="data-links">Data: {links}</p>'

    def remove_stale(self) -> None:
        """Remove CSV and Parquet files an earlier report left in the folder, so it holds only this report's data."""
        if not self.path.is_dir():
            return
        for path in [*self.path.glob("*.csv"), *self.path.glob("*.parquet")]:
            if path not in self.written:
                path.unlink()


def _for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names are ``spreadsheet_cell``s; numbers and dates unchanged."""
    shown = frame.copy()
    for position in range(shown.shape[1]):
        column = shown.iloc[:, position]
        # Text sits in object, string and categorical columns; the others hold numbers, dates and booleans.
        if pd.api.types.is_object_dtype(column.dtype) or isinstance(column.dtype, pd.StringDtype | pd.CategoricalDtype):
            shown.isetitem(position, column.astype(object).map(spreadsheet_cell))
    shown.columns = [spreadsheet_cell(name) for name in shown.columns]
    return shown
