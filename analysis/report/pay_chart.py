"""The pay chart of the HTML report: one box plot of pay per group (each cluster, a month or an hour), with reference
lines such as a minimum wage across them; an inline SVG ``<svg class="chart" data-chart="pay">`` drawn as every chart
of analysis/report/charts.py is (colours, shortened labels, escaping, the current language).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import numpy as np

from analysis.formats import format_count, format_rupiah, format_rupiah_short, is_missing
from analysis.language import say
from analysis.report import svg
from analysis.report.charts import DASHES, HIGHLIGHT_COLOUR, LABEL_CHARS, PALETTE

# Reference lines across a chart (a minimum wage, a poverty line), dashed so that no cluster's box is mistaken for one.
REFERENCE_COLOURS = ("#D55E00", "#332288", "#117733", "#882255")
# Fewer pay values than this in a group are drawn one dot each: quartiles of three numbers mislead.
MIN_BOX_VALUES = 5


def pay_distribution(
    groups: Sequence[tuple[object, Sequence[float]]],
    *,
    title: str,
    value_label: str | None = None,
    colours: Sequence[str] | None = None,
    references: Sequence[tuple[str, float]] = (),
    width: float = 760,
) -> str:
    """One box plot per group (cluster) of monthly pay in rupiah, in the order given.

    The box spans the middle half (25th to 75th percentile), the thick line is the median, the whiskers reach the
    10th and 90th percentiles; a group with fewer than MIN_BOX_VALUES values shows each value as a dot.
    `references` are (label, rupiah) lines drawn across every group, such as a minimum wage, each in its own colour
    and dash pattern and named in the legend; one without a value (NaN) is left out. With references the axis ends a
    little past the highest box or line, so that the lines stay readable: a whisker going on past the axis ends in an
    arrowhead, and a dot past it sits on its end. `value_label` is "Pay per month (rupiah)" (in the current
    language) unless given.
    """
    if value_label is None:
        value_label = say("Bayaran per bulan (rupiah)", "Pay per month (rupiah)")
    if not len(groups):
        return svg.no_data("pay", width, title)
    cleaned = []
    for label, values in groups:
        array = np.asarray([float(v) for v in values if not is_missing(v)], dtype=float)
        cleaned.append((label, array[np.isfinite(array)]))
    shown = [svg.shorten(label, LABEL_CHARS) for label, _ in cleaned]
    left = min(max(svg.text_width(text) for text in shown), 250) + 16
    top, band, right = 24, 40, 86
    plot_width = width - left - right
    bottom = top + band * len(cleaned)
    references = [(label, float(value)) for label, value in references if not is_missing(value)]
    ticks = svg.nice_ticks(0, _pay_axis_reach(cleaned, references) or 1e6, 5)

    def x_of(value: float) -> float:
        return left + plot_width * min(value, ticks[-1]) / ticks[-1]

    parts = [svg.x_axis(ticks, x_of, top, bottom, lambda tick: format_rupiah_short(tick, 2))]
    reference_entries = []
    for number, (label, value) in enumerate(references):
        colour, dash = REFERENCE_COLOURS[number % len(REFERENCE_COLOURS)], DASHES[1 + number % (len(DASHES) - 1)]
        tooltip = escape(f"{label}: {format_rupiah(value)}")
        line = svg.line(
            x_of(value), top - 4, x_of(value), bottom, colour, f' stroke-width="2" stroke-dasharray="{dash}"'
        )
        parts.append(f'<g class="reference"><title>{tooltip}</title>{line}</g>')
        reference_entries.append(svg.LegendEntry(f"{label}: {format_rupiah_short(value, 2)}", colour, "line", dash))
    for row, (label, values) in enumerate(cleaned):
        colour = colours[row] if colours else PALETTE[row % len(PALETTE)]
        middle = top + row * band + band / 2 - 4
        parts.append(_pay_row(label, values, colour, middle, left, left + plot_width, x_of, ticks[-1]))
    parts.append(svg.line(left, top, left, bottom, svg.AXIS_COLOUR))
    parts.append(
        svg.text(left + plot_width + 8, top - 6, "Median", extra=f' font-weight="600" fill="{svg.AXIS_COLOUR}"')
    )
    parts.append(svg.axis_title(left + plot_width / 2, bottom + 40, value_label))
    entries = [
        svg.LegendEntry(
            say("separuh tengah bayaran (persentil ke-25 sampai ke-75)", "middle half of pay (25th–75th percentile)"),
            "#bbbbbb",
            "box",
        ),
        svg.LegendEntry(
            say("median (separuh dibayar lebih, separuh kurang)", "median (half earn more, half less)"),
            HIGHLIGHT_COLOUR,
            "line",
            thick=True,
        ),
        svg.LegendEntry(
            say("garis tipis: persentil ke-10 sampai ke-90", "whiskers: 10th to 90th percentile"),
            svg.AXIS_COLOUR,
            "line",
        ),
        *reference_entries,
    ]
    legend, legend_height = svg.legend(entries, left, bottom + 52, plot_width + right, limit=60)
    parts.append(legend)
    return svg.chart("pay", width, bottom + 58 + legend_height, title, "".join(parts))


def _pay_axis_reach(groups: Sequence[tuple[object, np.ndarray]], references: Sequence[tuple[str, float]]) -> float:
    """How far the pay axis must reach: the highest whisker or dot; with references, a little past the highest box
    or line."""
    if references:
        boxes = [float(np.percentile(values, 75)) for _, values in groups if len(values)]
        return 1.3 * max([*boxes, *(value for _, value in references)])
    highs = [
        float(np.percentile(values, 90)) if len(values) >= MIN_BOX_VALUES else float(values.max())
        for _, values in groups
        if len(values)
    ]
    return max(highs, default=0)


def _pay_row(
    label: object,
    values: np.ndarray,
    colour: str,
    middle: float,
    left: float,
    right: float,
    x_of: Callable[[float], float],
    axis_end: float,
) -> str:
    """One group's row of the pay chart at height `middle`: its name and count left of `left`, its box (or dots)
    and its median right of `right`."""
    parts = [
        svg.label(left - 8, middle + 1, label, LABEL_CHARS, anchor="end"),
        svg.text(
            left - 8,
            middle + 14,
            say(f"{format_count(len(values))} dengan bayaran", f"{format_count(len(values))} with pay"),
            anchor="end",
            extra=f' fill="{svg.AXIS_COLOUR}" font-size="10"',
        ),
    ]
    name = " ".join(str(label).split())
    if not len(values):
        none = say("bayaran tidak disebut", "no pay stated")
        parts.append(svg.text(left + 6, middle + 4, none, extra=f' fill="{svg.AXIS_COLOUR}"'))
        return "".join(parts)
    if len(values) < MIN_BOX_VALUES:
        dots = "".join(f'<circle cx="{svg.coord(x_of(v))}" cy="{svg.coord(middle)}" r="4"/>' for v in sorted(values))
        count = format_count(len(values))
        tooltip = escape(say(f"{name}: {count} nilai bayaran", f"{name}: {count} pay values"))
        parts.append(f'<g fill="{colour}"><title>{tooltip}</title>{dots}</g>')
    else:
        parts.append(_pay_box(name, values, colour, middle, x_of, axis_end))
    parts.append(
        svg.text(right + 8, middle + 4, format_rupiah_short(float(np.median(values))), extra=' font-weight="600"')
    )
    return "".join(parts)


def _pay_box(
    name: str, values: np.ndarray, colour: str, middle: float, x_of: Callable[[float], float], axis_end: float
) -> str:
    """The box plot of `values` at height `middle`; a whisker past `axis_end` ends in an arrowhead."""
    p10, p25, median, p75, p90 = np.percentile(values, [10, 25, 50, 75, 90])
    low, middle_pay, high = format_rupiah(p25), format_rupiah(median), format_rupiah(p75)
    tooltip = escape(
        say(
            f"{name}: median {middle_pay}, separuh tengah {low} sampai {high}",
            f"{name}: median {middle_pay}, middle half {low} to {high}",
        )
    )
    whisker = ' stroke-width="1.5"'
    return (
        f"<g><title>{tooltip}</title>"
        + svg.line(x_of(p10), middle, x_of(p90), middle, svg.AXIS_COLOUR, whisker)
        + svg.line(x_of(p10), middle - 6, x_of(p10), middle + 6, svg.AXIS_COLOUR, whisker)
        + (
            svg.beyond_axis(x_of(p90), middle)
            if p90 > axis_end
            else svg.line(x_of(p90), middle - 6, x_of(p90), middle + 6, svg.AXIS_COLOUR, whisker)
        )
        + f'<rect x="{svg.coord(x_of(p25))}" y="{svg.coord(middle - 10)}" '
        f'width="{svg.coord(max(x_of(p75) - x_of(p25), 1))}" '
        f'height="20" fill="{colour}" fill-opacity="0.75" stroke="{HIGHLIGHT_COLOUR}" stroke-width="1"/>'
        + svg.line(x_of(median), middle - 10, x_of(median), middle + 10, HIGHLIGHT_COLOUR, ' stroke-width="3"')
        + "</g>"
    )
