"""The report's charts (analysis/report/charts.py): well-formed SVG, escaped labels, and what each chart draws."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ElementTree
from html import escape

import numpy as np
import pandas as pd
import pytest

from analysis.formats import (
    format_count,
    format_decimal,
    format_percent,
    format_points,
    format_rupiah,
    format_rupiah_short,
)
from analysis.language import language
from analysis.report.charts import (
    NEUTRAL_COLOUR,
    PALETTE,
    bar_chart,
    cluster_colours,
    heatmap,
    line_chart,
    scatter_map,
)
from analysis.report.pay_chart import pay_distribution

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = (SCRIPT, ATTRIBUTE)
DRAWN = ("rect", "path", "circle", "line")


def hostile_charts() -> dict[str, str]:
    """One chart of every kind, with hostile strings as every label and title."""
    dates = pd.date_range("2026-01-05", periods=6, freq="W-MON")
    return {
        "bar": bar_chart([SCRIPT, ATTRIBUTE], [10, 4], title=SCRIPT, value_label=ATTRIBUTE, category_label=SCRIPT),
        "line": line_chart(
            dates,
            {SCRIPT: [0.1, 0.2, 0.3, 0.2, 0.1, 0.2], ATTRIBUTE: [0.3] * 6},
            title=ATTRIBUTE,
            y_label=SCRIPT,
            x_label=ATTRIBUTE,
            reference=0.25,
            reference_label=SCRIPT,
            highlight=SCRIPT,
        ),
        "scatter": scatter_map([0, 1, 5, 6], [0, 1, 5, 6], [0, 0, 1, 1], {0: SCRIPT, 1: ATTRIBUTE}, title=SCRIPT),
        "heatmap": heatmap(
            [SCRIPT, ATTRIBUTE],
            [ATTRIBUTE, SCRIPT],
            [[0.1, 0.9], [np.nan, 0.5]],
            title=SCRIPT,
            row_label=ATTRIBUTE,
            column_label=SCRIPT,
        ),
        "pay": pay_distribution(
            [(SCRIPT, [4e6, 5e6, 6e6, 7e6, 8e6]), (ATTRIBUTE, [3e6])],
            title=ATTRIBUTE,
            value_label=SCRIPT,
            references=[(SCRIPT, 2.5e6)],
        ),
    }


def parse(svg: str) -> ElementTree.Element:
    """The chart as XML: inline SVG must be well-formed for the browser to draw it as the report shows it."""
    return ElementTree.fromstring(svg)


def texts(root: ElementTree.Element) -> list[str]:
    """The visible text of every <text> element, without its tooltip."""
    shown = []
    for element in root.iter("text"):
        tooltip = element.find("title")
        shown.append((element.text or "") + ((tooltip.tail or "") if tooltip is not None else ""))
    return shown


@pytest.mark.parametrize("kind", ["bar", "line", "scatter", "heatmap", "pay"])
def test_every_chart_is_labelled_svg_with_escaped_text(kind):
    svg = hostile_charts()[kind]
    for hostile in HOSTILE:
        assert hostile not in svg
        assert escape(hostile) in svg
    root = parse(svg)
    assert root.tag == "svg" and root.get("class") == "chart" and root.get("data-chart") == kind
    assert root.get("role") == "img" and root.get("aria-label") in HOSTILE
    assert root[0].tag == "title" and root[0].text == root.get("aria-label")
    # The hostile strings are text of the chart, not elements or attributes.
    assert not [element for element in root.iter() if element.tag in ("script", "img", "foreignObject")]
    assert not [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    written = "".join(root.itertext())
    assert SCRIPT in written and ATTRIBUTE in written
    assert sum(1 for element in root.iter() if element.tag in DRAWN) > 0


@pytest.mark.parametrize("kind", ["bar", "line", "scatter", "heatmap", "pay"])
def test_charts_with_several_series_have_a_legend_and_every_chart_axis_titles(kind):
    root = parse(hostile_charts()[kind])
    legend = [group for group in root.iter("g") if group.get("class") == "legend"]
    assert bool(legend) == (kind in ("line", "scatter", "pay"))
    bold = [element for element in root.iter("text") if element.get("font-weight") == "600"]
    assert len(bold) >= (1 if kind == "bar" else 2)


def test_empty_charts_say_so():
    assert "Tidak ada data untuk digambar" in bar_chart([], [], title="t", value_label="v")
    with language("en"):
        assert "No data to draw" in bar_chart([], [], title="t", value_label="v")
    assert 'data-chart="line"' in line_chart([], {}, title="t", y_label="y")
    assert 'data-chart="scatter"' in scatter_map([], [], [], {}, title="t")
    assert 'data-chart="heatmap"' in heatmap([], [], [], title="t", row_label="r", column_label="c")
    assert 'data-chart="pay"' in pay_distribution([], title="t")


def test_axes_of_counts_have_whole_ticks():
    root = parse(bar_chart(["Python", "Excel"], [3, 1], title="t", value_label="Postings"))
    ticks = [text for text in texts(root) if text.replace(".", "").isdigit()]
    assert ticks[:4] == ["0", "1", "2", "3"]


def test_bar_chart_draws_one_bar_per_skill_longest_for_the_most():
    root = parse(bar_chart(["Python", "Excel", "Figma"], [30, 60, 15], title="Skills", value_label="Postings"))
    bars = [element for element in root.iter("rect") if element.find("title") is not None]
    assert [bar.find("title").text for bar in bars] == ["Python: 30", "Excel: 60", "Figma: 15"]
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[1] > widths[0] > widths[2]
    assert math.isclose(widths[0] / widths[2], 2, rel_tol=0.01)


def test_long_labels_are_shortened_on_the_chart_and_whole_in_the_tooltip():
    label = "Pemrograman web dengan PHP, Laravel dan MySQL untuk usaha kecil"
    root = parse(bar_chart([label], [5], title="t", value_label="v"))
    shown = next(element for element in root.iter("text") if element.find("title") is not None)
    assert shown.find("title").text == label
    assert "".join(shown.itertext()).endswith("…") and len(shown.find("title").tail) <= 32


def test_line_chart_breaks_lines_at_missing_values_and_marks_the_reference():
    dates = pd.date_range("2026-01-01", periods=5, freq="D")
    svg = line_chart(
        dates,
        {"total": [100, 104, np.nan, 98, 110], "software": [40, 41, 42, 43, 44]},
        title="Index",
        y_label="Points",
        format_y=format_count,
        y_from_zero=False,
        reference=100,
        reference_label="100 = base",
        highlight="total",
    )
    root = parse(svg)
    paths = {group.find("title").text: group.find("path") for group in root.iter("g") if group.get("class") == "series"}
    assert paths["total"].get("d").count("M") == 2  # two pieces around the missing day
    assert paths["software"].get("d").count("M") == 1
    assert paths["total"].get("stroke-width") == "3" and paths["software"].get("stroke-width") == "2"
    assert "100 = base" in texts(root)
    assert len([line for line in root.iter("line") if line.get("stroke-dasharray") == "3 3"]) == 1
    assert "1 Jan 2026" in texts(root)


def test_line_series_differ_in_colour_and_dash():
    dates = pd.date_range("2026-01-01", periods=3, freq="MS")
    root = parse(line_chart(dates, {f"skill {n}": [0.1, 0.2, 0.3] for n in range(6)}, title="t", y_label="y"))
    paths = [group.find("path") for group in root.iter("g") if group.get("class") == "series"]
    styles = {(path.get("stroke"), path.get("stroke-dasharray")) for path in paths}
    assert len(styles) == 6 and {path.get("stroke") for path in paths} <= set(PALETTE)


def test_scatter_map_samples_points_but_names_every_cluster_at_its_centre():
    rng = np.random.default_rng(0)
    clusters = np.r_[np.zeros(9_999, dtype=int), 1]  # cluster 1: a single posting, likely sampled out
    x, y = rng.normal(size=10_000), rng.normal(size=10_000)
    x[-1], y[-1] = 50.0, 50.0
    svg = scatter_map(x, y, clusters, {0: "Web", 1: "Rare"}, title="Map", max_points=500)
    root = parse(svg)
    points = [circle for group in root.iter("g") if group.get("fill-opacity") for circle in group.iter("circle")]
    assert len(points) == 500
    assert {"Web", "Rare"} <= set(texts(root))
    assert len(svg) < 60_000
    assert scatter_map(x, y, clusters, {0: "Web"}, title="Map", max_points=500) == scatter_map(
        x, y, clusters, {0: "Web"}, title="Map", max_points=500
    )  # seeded: the same page every time


def test_cluster_colours_are_stable_and_no_cluster_is_grey():
    colours = cluster_colours([2, 0, -1, 1, 0])
    assert colours == {-1: NEUTRAL_COLOUR, 0: PALETTE[0], 1: PALETTE[1], 2: PALETTE[2]}
    root = parse(scatter_map([0, 1, 2, 3], [0, 1, 2, 3], [2, 0, -1, 1], {}, title="t"))
    fills = {group.get("fill") for group in root.iter("g") if group.get("fill-opacity")}
    assert fills == set(colours.values())


def test_heatmap_writes_each_value_in_its_cell():
    root = parse(
        heatmap(
            ["Pondok", "LKP"],
            ["Web", "Design", "Office"],
            [[0.05, 0.5, 1.0], [0.0, np.nan, 0.25]],
            title="Coverage",
            row_label="Curriculum",
            column_label="Cluster",
        )
    )
    shown = texts(root)
    for value in ("5%", "50%", "100%", "0%", "–", "25%"):
        assert value in shown
    cells = [rect for rect in root.iter("rect") if rect.find("title") is not None]
    assert len(cells) == 6
    white = [text for text in root.iter("text") if text.get("fill") == "#ffffff"]
    assert ["".join(text.itertext()) for text in white] == ["100%"]  # dark cell, light ink


def test_pay_distribution_has_rupiah_axis_boxes_and_dots_for_few_values():
    root = parse(
        pay_distribution(
            [("Web", [4e6, 5e6, 6e6, 7e6, 9e6, 12e6]), ("Design", [3.5e6, 4.5e6]), ("Office", [])], title="Pay"
        )
    )
    shown = texts(root)
    assert {"Rp 0", "Rp 5 jt", "Rp 10 jt"} <= set(shown)
    assert "bayaran tidak disebut" in shown and "2 dengan bayaran" in shown
    assert len([rect for rect in root.iter("rect") if rect.get("fill-opacity")]) == 1  # one box: Web
    assert len([circle for circle in root.iter("circle")]) == 2  # Design's two values
    assert "Rp 6,5 jt" in shown  # Web's median


def test_pay_distribution_draws_reference_lines_and_names_them_in_the_legend():
    root = parse(
        pay_distribution(
            [("Web", [4e6, 5e6, 6e6, 7e6, 9e6]), ("Data", [4e6, 5e6, 6e6, 7e6, 90e6])],
            title="Pay",
            references=[("UMK Kabupaten Sleman 2026", 2_624_387), ("no figure", np.nan), ("far out", 15e6)],
        )
    )
    lines = [group for group in root.iter("g") if group.get("class") == "reference"]
    assert len(lines) == 2  # the one without a value is left out
    assert [line.find("title").text for line in lines] == [
        "UMK Kabupaten Sleman 2026: Rp 2.624.000",
        "far out: Rp 15.000.000",
    ]
    shown = texts(root)
    assert "UMK Kabupaten Sleman 2026: Rp 2,62 jt" in shown
    assert "Rp 15 jt" in shown  # the axis reaches the farthest line...
    assert "Rp 40 jt" not in shown  # ...not Data's long whisker, which ends in an arrowhead
    assert len([shape for shape in root.iter("polygon") if shape.get("class") == "beyond-axis"]) == 1


@pytest.mark.parametrize(
    ("formatter", "value", "expected"),
    [
        (format_count, 1_234_567, "1.234.567"),
        (format_count, np.nan, "–"),
        (format_percent, 0.5, "50%"),
        (format_percent, 0.045, "4,5%"),
        (format_percent, 0.0004, "<0,1%"),
        (format_percent, 0.0, "0%"),
        (format_percent, None, "–"),
        (format_points, 0.032, "+3,2 pts"),
        (format_points, -0.1, "−10,0 pts"),
        (format_rupiah, 4_500_000, "Rp 4.500.000"),
        (format_rupiah, 4_537_412.5, "Rp 4.537.000"),
        (format_rupiah, pd.NA, "–"),
        (format_rupiah_short, 4_500_000, "Rp 4,5 jt"),
        (format_rupiah_short, 5_000_000, "Rp 5 jt"),
        (format_rupiah_short, 750_000, "Rp 750 rb"),
        (format_rupiah_short, 1_200_000_000, "Rp 1,2 M"),
        (format_rupiah_short, 0, "Rp 0"),
        (format_rupiah_short, 1_260_000, "Rp 1,3 jt"),
        (format_decimal, 97.5, "97,5"),
        (format_decimal, 100.0, "100"),
    ],
)
def test_numbers_are_written_the_indonesian_way(formatter, value, expected):
    assert formatter(value) == expected
