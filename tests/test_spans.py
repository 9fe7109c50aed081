"""The one grammar of time spans (analysis/spans.py), as the schedule and the command line use it."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from analysis.spans import SpanError, format_span, parse_span, span_grammar
from tests.conftest import PROJECT_DIR


@pytest.mark.parametrize(
    ("written", "span"),
    [
        ("30m", timedelta(minutes=30)),
        ("6h", timedelta(hours=6)),
        ("1d", timedelta(days=1)),
        ("0d", timedelta(0)),
        ("12w", timedelta(days=84)),
        (" 3 D ", timedelta(days=3)),
        ("1 h", timedelta(hours=1)),
        ("36h", timedelta(days=1, hours=12)),
    ],
)
def test_a_number_and_a_unit(written, span):
    assert parse_span(written) == span


@pytest.mark.parametrize("written", ["", "d", "30", "1.5d", "-1d", "30s", "1y", "30 days", "d30", "1h30m", "３d"])
def test_anything_else_is_a_one_line_error_saying_how_to_write_a_span(written):
    with pytest.raises(SpanError) as refused:
        parse_span(written)
    assert str(refused.value) == (
        f"{written!r} is not a span: write a whole number of minutes, hours, days or weeks, such as 30m, 6h, 30d or 12w"
    )
    assert not refused.value.out_of_range


def test_a_place_takes_only_the_units_that_make_sense_there():
    assert parse_span("4w", "dw") == timedelta(weeks=4)
    with pytest.raises(SpanError, match=r"^'30m' is not a span: write a whole number of days or weeks, such as 30d or"):
        parse_span("30m", "dw")


@pytest.mark.parametrize(
    ("written", "shortest", "message"),
    [
        ("0d", timedelta(days=1), "'0d' is too short: write a span of at least 1d"),
        ("0m", timedelta(minutes=1), "'0m' is too short: write a span of at least 1m"),
        ("12h", timedelta(days=2), "'12h' is too short: write a span of at least 2d"),
    ],
)
def test_a_span_shorter_than_a_place_takes_says_the_shortest(written, shortest, message):
    with pytest.raises(SpanError) as refused:
        parse_span(written, shortest=shortest)
    assert str(refused.value) == message and refused.value.out_of_range
    assert parse_span(written, shortest=parse_span(written)) == parse_span(written)


@pytest.mark.parametrize("written", ["5201w", "36401d", "99999999999999999999w"])
def test_a_span_over_a_century_is_an_error_too(written):
    assert parse_span("5200w") == parse_span("36400d") == timedelta(weeks=5200)
    with pytest.raises(SpanError) as refused:
        parse_span(written)
    assert str(refused.value) == f"{written!r} is too long: write a span of at most 5200w"
    assert refused.value.out_of_range


def test_a_value_that_is_not_text_is_refused_like_bad_text():
    with pytest.raises(SpanError, match=r"^60 is not a span"):
        parse_span(60)  # such as ``every: 60`` in a YAML file


@pytest.mark.parametrize(
    ("span", "written"),
    [(timedelta(minutes=90), "90m"), (timedelta(hours=6), "6h"), (timedelta(days=2), "2d"), (timedelta(days=14), "2w")],
)
def test_format_span_writes_what_parse_span_reads(span, written):
    assert format_span(span) == written
    assert parse_span(written) == span


def test_the_grammar_in_words():
    assert span_grammar("d") == "a whole number of days, such as 30d"
    assert span_grammar("hd") == "a whole number of hours or days, such as 6h or 30d"


def test_the_schedule_reads_spans_without_loading_the_analyses_or_scrapy():
    # crawlers/schedule.py and analysis/data.py share this module; neither may pull the other's heavy parts in.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, crawlers.schedule; print(' '.join(sorted(sys.modules)))"],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split()  # fmt: skip
    assert "analysis.spans" in loaded
    assert not {"pandas", "numpy", "scrapy", "sqlalchemy", "sklearn"} & set(loaded)
