"""The three kinds of pay (salaries, hourly rates, project budgets), which the pay section and each curriculum's
earnings show apart, never mixed: their titles, their periods and their charts."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from analysis.formats import format_rupiah
from analysis.language import say
from analysis.report.charts import NEUTRAL_COLOUR
from analysis.report.markup import figure
from analysis.report.pay_chart import pay_distribution
from pipelines.pay import PAY_KINDS


def kind_title(kind: str) -> str:
    """The heading of a kind of pay, with its period, in the current language: "Salaried jobs, a month"."""
    titles = {
        "salaried": say("Pekerjaan bergaji, sebulan", "Salaried jobs, a month"),
        "hourly": say("Pekerjaan dengan upah per jam", "Hourly work, an hour"),
        "project": say("Proyek dengan bayaran tetap, per proyek", "Fixed-price projects"),
    }
    return titles[kind]


def per_word(kind: str) -> str:
    """The period of a kind of pay, in the current language: "sebulan", "per jam", "per proyek"; "a month", "an
    hour", "a project". Hourly and project pay are never a month."""
    words = {
        "salaried": say("sebulan", "a month"),
        "hourly": say("per jam", "an hour"),
        "project": say("per proyek", "a project"),
    }
    return words[kind]


def kinds_in(frame: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """Each kind of pay present in ``frame`` (which has a ``kind`` column) with its rows, in PAY_KINDS order."""
    for kind in PAY_KINDS:
        rows = frame[frame["kind"] == kind] if not frame.empty else frame
        if not rows.empty:
            yield kind, rows


def hourly_rupiah(value: object) -> str:
    return format_rupiah(value, nearest=100)


def pay_boxes(frame: pd.DataFrame, column: str, key: str, colours: dict, **chart) -> str:
    """The pay chart of `column` per `key` group of `frame` (which has a `name` column), best median first;
    `chart` goes to `pay_distribution`."""
    grouped = frame.groupby(key, sort=False)
    order = grouped[column].median().sort_values(ascending=False, kind="stable").index
    names = grouped["name"].first()
    groups = [(names[group], grouped.get_group(group)[column].tolist()) for group in order]
    shown = [colours.get(group, NEUTRAL_COLOUR) for group in order] if colours else None
    return figure(pay_distribution(groups, colours=shown, **chart))
