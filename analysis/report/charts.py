"""Charts for the HTML report, as inline SVG strings returned by small pure functions.

The report is one file a coordinator can e-mail, open offline and print, so its charts are plain SVG drawn here:
no JavaScript library, nothing fetched, sharp at any zoom and on paper.

Every chart is a root ``<svg class="chart" data-chart="KIND">`` (KIND is ``bar``, ``line``, ``scatter``, ``heatmap``
or ``pay``; the report's tests find charts by these), with a ``<title>`` and an ``aria-label`` for screen readers,
labelled axes, and a legend where there are several series. Every text that can come from scraped postings or user
files (skill, cluster and curriculum names) goes through ``html.escape``; a long label is shortened on the chart and
kept whole in its tooltip (a ``<title>`` child). The SVG elements, axes and legends are built in
analysis/report/svg.py; the pay chart, with its boxes, dots and reference lines, is in analysis/report/pay_chart.py.

Colours are Okabe and Ito's colour-blind-safe set, then Paul Tol's muted set for charts with many series; lines
differ in dash pattern as well, so that a grey print still tells them apart. Clusters keep one colour in every chart
(`cluster_colours`).

Numbers and the words a chart writes by itself (axis titles, legends, "no data") follow the current language
(analysis/language.py, analysis/formats.py): in Indonesian, the default, "1.234" postings, "12,5%", "Rp 4.500.000" and,
where space is short, "Rp 4,5 jt" (juta, a million; "rb" is ribu, a thousand; "M" is miliar, a thousand million); in
English "1,234", "12.5%" and "Rp 4.5 m". Titles and labels a section passes in are in its language already.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from html import escape

import numpy as np
import pandas as pd

from analysis.formats import format_count, format_percent, is_missing
from analysis.language import MONTHS_SHORT, current_language, say
from analysis.report import svg

PALETTE = (
    "#0072B2",  # Okabe-Ito blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermilion
    "#332288",  # Tol muted indigo
    "#882255",  # wine
    "#999933",  # olive
    "#117733",  # green
    "#AA4499",  # purple
    "#44AA99",  # teal
)
# Postings no cluster took (cluster -1): grey, never a series colour.
NEUTRAL_COLOUR = "#8c8c8c"
# The highlighted series (the index's total), reference lines and medians.
HIGHLIGHT_COLOUR = "#222222"
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 4", "1 3")
# ColorBrewer Blues, light to dark: a sequential scale that colour-blind readers and grey prints keep in order.
HEAT_STOPS = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
# Category labels (skills, clusters, curricula) are shortened to this many characters; their tooltips keep them whole.
LABEL_CHARS = 32


def cluster_colours(clusters: Iterable[Hashable]) -> dict[Hashable, str]:
    """The colour of each cluster id: ids in sorted order take PALETTE in turn; -1 (no cluster) is grey.

    The report gives the same ids to every chart and table, so a cluster has one colour throughout.
    """
    distinct = set(clusters)
    numbered = sorted(cluster for cluster in distinct if isinstance(cluster, int | np.integer))
    named = sorted((cluster for cluster in distinct if not isinstance(cluster, int | np.integer)), key=str)
    colours: dict[Hashable, str] = {cluster: NEUTRAL_COLOUR for cluster in numbered if cluster < 0}
    coloured = [cluster for cluster in numbered if cluster >= 0] + named
    colours.update({cluster: PALETTE[index % len(PALETTE)] for index, cluster in enumerate(coloured)})
    return colours


# Charts


def bar_chart(
    labels: Sequence[object],
    values: Sequence[float],
    *,
    title: str,
    value_label: str,
    category_label: str = "",
    format_value: Callable[[object], str] = format_count,
    width: float = 760,
) -> str:
    """Horizontal bars, one per label, in the order given (skill demand: skills by postings)."""
    if not len(labels):
        return svg.no_data("bar", width, title)
    values = [0.0 if is_missing(value) else float(value) for value in values]
    shown = [svg.shorten(label, LABEL_CHARS) for label in labels]
    left = min(max(svg.text_width(text) for text in shown), 250) + 16
    top, band, right = 26, 24, 80
    plot_width = width - left - right
    bottom = top + band * len(labels)
    height = bottom + 52
    ticks = svg.nice_ticks(0, max(values) or 1, whole=all(value.is_integer() for value in values))
    scale_max = ticks[-1]

    def x_of(value: float) -> float:
        return left + plot_width * value / scale_max

    parts = [svg.x_axis(ticks, x_of, top - 4, bottom, format_value)]
    if category_label:
        parts.append(
            svg.text(
                left - 8, top - 10, category_label, anchor="end", extra=f' font-weight="600" fill="{svg.AXIS_COLOUR}"'
            )
        )
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * band
        bar_width = x_of(value) - left
        tooltip = escape(f"{' '.join(str(label).split())}: {format_value(value)}")
        parts.append(
            f'<rect x="{svg.coord(left)}" y="{svg.coord(y + 4)}" width="{svg.coord(max(bar_width, 0.5))}" '
            f'height="{band - 8}" fill="{PALETTE[0]}"><title>{tooltip}</title></rect>'
        )
        parts.append(svg.label(left - 8, y + band / 2 + 4, label, LABEL_CHARS, anchor="end"))
        parts.append(svg.text(left + bar_width + 6, y + band / 2 + 4, format_value(value)))
    parts.append(svg.line(left, top - 4, left, bottom, svg.AXIS_COLOUR))
    parts.append(svg.axis_title(left + plot_width / 2, bottom + 40, value_label))
    return svg.chart("bar", width, height, title, "".join(parts))


def _day(moment: object) -> int:
    return pd.Timestamp(moment).toordinal()


def _date_label(moment: object) -> str:
    """A day on a date axis: "1 Agu 2026" in Indonesian, "1 Aug 2026" in English."""
    stamp = pd.Timestamp(moment)
    return f"{stamp.day} {MONTHS_SHORT[current_language()][stamp.month - 1]} {stamp.year}"


def line_chart(
    dates: Sequence[object],
    series: Mapping[str, Sequence[float]],
    *,
    title: str,
    y_label: str,
    x_label: str | None = None,
    format_y: Callable[[object], str] = format_percent,
    y_from_zero: bool = True,
    reference: float | None = None,
    reference_label: str = "",
    highlight: str | None = None,
    width: float = 760,
    plot_height: float = 280,
) -> str:
    """One line per series over `dates` (skill shares per period; an index with a reference line at 100).

    A missing value (NaN) breaks its line. `highlight` names a series drawn thick and dark (the index's total).
    `x_label` is "Period starting" (in the current language) unless given.
    """
    if x_label is None:
        x_label = say("Awal periode", "Period starting")
    if not len(dates) or not series:
        return svg.no_data("line", width, title)
    left, right, top = 70, 24, 14
    plot_width = width - left - right
    bottom = top + plot_height
    days = [_day(moment) for moment in dates]
    first_day, last_day = min(days), max(days)
    found = [float(v) for values in series.values() for v in values if not is_missing(v)]
    low = min([*found, *([reference] if reference is not None else [])], default=0.0)
    high = max([*found, *([reference] if reference is not None else [])], default=1.0)
    ticks = svg.nice_ticks(0.0 if y_from_zero else low, high if high > 0 or not y_from_zero else 1.0)

    def x_of(day: float) -> float:
        return (
            left + plot_width / 2
            if last_day == first_day
            else left + plot_width * (day - first_day) / (last_day - first_day)
        )

    def y_of(value: float) -> float:
        return bottom - plot_height * (value - ticks[0]) / (ticks[-1] - ticks[0])

    parts = [
        svg.y_axis(ticks, y_of, left, left + plot_width, format_y),
        _date_axis(dates, [x_of(day) for day in days], bottom, plot_width),
        svg.line(left, bottom, left + plot_width, bottom, svg.AXIS_COLOUR),
        svg.line(left, top, left, bottom, svg.AXIS_COLOUR),
    ]
    if reference is not None:
        y = y_of(reference)
        parts.append(
            svg.line(left, y, left + plot_width, y, HIGHLIGHT_COLOUR, ' stroke-width="1.5" stroke-dasharray="3 3"')
        )
        if reference_label:
            parts.append(
                svg.text(
                    left + plot_width - 4, y - 5, reference_label, anchor="end", extra=f' fill="{HIGHLIGHT_COLOUR}"'
                )
            )
    entries = []
    for index, (name, values) in enumerate(series.items()):
        if name == highlight:
            colour, dash, stroke_width = HIGHLIGHT_COLOUR, "", 3
        else:
            colour, dash, stroke_width = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)], 2
        entries.append(svg.LegendEntry(str(name), colour, "line", dash, name == highlight))
        points = [
            None if is_missing(value) else (x_of(day), y_of(float(value)))
            for day, value in zip(days, values, strict=True)
        ]
        parts.append(_series_line(str(name), points, colour, dash, stroke_width, markers=len(days) <= 40))
    parts.append(svg.axis_title(18, top + plot_height / 2, y_label, vertical=True))
    parts.append(svg.axis_title(left + plot_width / 2, bottom + 40, x_label))
    legend, legend_height = svg.legend(entries, left, bottom + 52, plot_width)
    parts.append(legend)
    return svg.chart("line", width, bottom + 58 + legend_height, title, "".join(parts))


def _date_axis(dates: Sequence[object], xs: Sequence[float], bottom: float, plot_width: float) -> str:
    """Date labels under the bottom at `xs`, about every 90 pixels, on the periods themselves."""
    every = max(1, math.ceil(len(xs) / max(1, int(plot_width // 90))))
    parts = []
    for position in range(0, len(xs), every):
        x = xs[position]
        parts.append(svg.line(x, bottom, x, bottom + 4, svg.AXIS_COLOUR))
        parts.append(
            svg.text(x, bottom + 18, _date_label(dates[position]), anchor="middle", extra=f' fill="{svg.AXIS_COLOUR}"')
        )
    return "".join(parts)


def _series_line(
    name: str,
    points: Sequence[tuple[float, float] | None],
    colour: str,
    dash: str,
    stroke_width: int,
    *,
    markers: bool,
) -> str:
    """One series through `points`, broken where a point is None (a missing value); a dot on each point with
    `markers`."""
    commands, pen_down, dots = [], False, []
    for point in points:
        if point is None:
            pen_down = False
            continue
        x, y = point
        commands.append(f"{'L' if pen_down else 'M'}{svg.coord(x)} {svg.coord(y)}")
        pen_down = True
        if markers:
            dots.append(f'<circle cx="{svg.coord(x)}" cy="{svg.coord(y)}" r="2.5"/>')
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<g class="series" fill="{colour}"><title>{escape(name)}</title>'
        f'<path d="{" ".join(commands)}" fill="none" stroke="{colour}" stroke-width="{stroke_width}" '
        f'stroke-linejoin="round"{dash_attribute}/>{"".join(dots)}</g>'
    )


def scatter_map(
    x: Sequence[float],
    y: Sequence[float],
    clusters: Sequence[Hashable],
    names: Mapping[Hashable, str],
    *,
    title: str,
    max_points: int = 3000,
    seed: int = 0,
    width: float = 760,
    plot_height: float = 460,
) -> str:
    """Points on a 2-D map of postings, coloured by cluster, with each cluster's name at its centre.

    At most `max_points` points are drawn, a seeded random sample, to keep the page small; the centres are those
    of all points, so a cluster left out of the sample still has its name on the map.
    """
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    groups = np.asarray(list(clusters), dtype=object)
    usable = np.isfinite(xs) & np.isfinite(ys)
    xs, ys, groups = xs[usable], ys[usable], groups[usable]
    if not len(xs):
        return svg.no_data("scatter", width, title)
    colours = cluster_colours(groups.tolist())
    margin, top = 16, 12
    plot_width = width - 2 * margin - 24
    left = margin + 24
    bottom = top + plot_height
    # One scale for both axes: distances on the map mean the same across and up.
    span_x, span_y = float(np.ptp(xs)) or 1.0, float(np.ptp(ys)) or 1.0
    scale = min((plot_width - 20) / span_x, (plot_height - 20) / span_y)
    centre_x, centre_y = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2

    def to_x(value: float) -> float:
        return left + plot_width / 2 + (value - centre_x) * scale

    def to_y(value: float) -> float:
        return top + plot_height / 2 - (value - centre_y) * scale

    drawn = np.arange(len(xs))
    if len(xs) > max_points:
        drawn = np.sort(np.random.default_rng(seed).choice(len(xs), size=max_points, replace=False))
    sizes = {group: int((groups == group).sum()) for group in colours}
    # Largest clusters first, so small ones are drawn on top and stay visible.
    order = sorted(colours, key=lambda group: -sizes[group])
    parts = [
        f'<rect x="{svg.coord(left)}" y="{svg.coord(top)}" width="{svg.coord(plot_width)}" '
        f'height="{svg.coord(plot_height)}" fill="none" stroke="{svg.GRID_COLOUR}"/>'
    ]
    for group in order:
        members = drawn[groups[drawn] == group]
        if not len(members):
            continue
        circles = "".join(
            f'<circle cx="{svg.coord(to_x(xs[i]))}" cy="{svg.coord(to_y(ys[i]))}" r="2.6"/>' for i in members
        )
        name = names.get(group, str(group))
        parts.append(f'<g fill="{colours[group]}" fill-opacity="0.6"><title>{escape(str(name))}</title>{circles}</g>')
    centres = {
        group: (to_x(float(xs[groups == group].mean())), to_y(float(ys[groups == group].mean())))
        for group in order
        if colours[group] != NEUTRAL_COLOUR
    }
    parts.append(_cluster_names(centres, names, left, left + plot_width))
    across = say(
        "Peta mendatar (lowongan dengan keterampilan mirip letaknya berdekatan)",
        "Map across (postings with similar skills lie close)",
    )
    parts.append(svg.axis_title(left + plot_width / 2, bottom + 20, across))
    up = say("Peta tegak", "Map up and down")
    parts.append(svg.axis_title(margin + 6, top + plot_height / 2, up, vertical=True))
    entries = [svg.LegendEntry(str(names.get(group, group)), colours[group], "dot") for group in colours]
    legend, legend_height = svg.legend(entries, left, bottom + 32, plot_width)
    parts.append(legend)
    return svg.chart("scatter", width, bottom + 38 + legend_height, title, "".join(parts))


def _cluster_names(
    centres: Mapping[Hashable, tuple[float, float]], names: Mapping[Hashable, str], left: float, right: float
) -> str:
    """Each cluster's name at its centre (x, y on the chart), kept between `left` and `right`."""
    parts = []
    placed: list[tuple[float, float, float, float]] = []
    for group, (x, y) in centres.items():
        shown = svg.shorten(names.get(group, str(group)), 26)
        half_width = svg.text_width(shown, 12) / 2 + 2
        x = min(max(x, left + half_width), right - half_width)
        # Move a name down, then up, until it overlaps no name placed before it.
        for shift in (0, 16, -16, 32, -32, 48, -48, 64, -64):
            box = (x - half_width, y + shift - 12, x + half_width, y + shift + 4)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        parts.append(
            svg.label(
                x,
                box[3] - 4,
                names.get(group, str(group)),
                26,
                anchor="middle",
                extra=' font-weight="700" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke"',
            )
        )
    return "".join(parts)


def _heat_colour(value: float) -> str:
    position = min(max(value, 0.0), 1.0) * (len(HEAT_STOPS) - 1)
    low = min(int(position), len(HEAT_STOPS) - 2)
    fraction = position - low
    start, end = HEAT_STOPS[low], HEAT_STOPS[low + 1]
    channels = (
        round(int(start[i : i + 2], 16) * (1 - fraction) + int(end[i : i + 2], 16) * fraction) for i in (1, 3, 5)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def heatmap(
    row_labels: Sequence[object],
    column_labels: Sequence[object],
    values: Sequence[Sequence[float]],
    *,
    title: str,
    row_label: str,
    column_label: str,
    format_value: Callable[[object], str] = format_percent,
    cell_width: float = 66,
) -> str:
    """A grid of values 0..1, darker for more, each written in its cell (curricula × clusters coverage)."""
    if not len(row_labels) or not len(column_labels):
        return svg.no_data("heatmap", 760, title)
    cell_height = 32
    row_shown = [svg.shorten(label, LABEL_CHARS) for label in row_labels]
    left = min(max(svg.text_width(text) for text in row_shown), 250) + 40
    column_shown = [svg.shorten(label, 24) for label in column_labels]
    # Column labels slant up at 40 degrees; their height is what the longest one needs.
    header = max(svg.text_width(text) for text in column_shown) * math.sin(math.radians(40)) + 40
    grid_width = cell_width * len(column_labels)
    width = max(left + grid_width + 90, 360)
    top = header
    bottom = top + cell_height * len(row_labels)
    parts = [svg.axis_title(left + grid_width / 2, 16, column_label)]
    for column, label in enumerate(column_labels):
        x, y = left + (column + 0.5) * cell_width, top - 8
        parts.append(svg.label(x, y, label, 24, extra=f' transform="rotate(-40 {svg.coord(x)} {svg.coord(y)})"'))
    for row, label in enumerate(row_labels):
        y = top + row * cell_height
        parts.append(svg.label(left - 8, y + cell_height / 2 + 4, label, LABEL_CHARS, anchor="end"))
        for column, value in enumerate(values[row]):
            x = left + column * cell_width
            missing = is_missing(value)
            fill = "#eeeeee" if missing else _heat_colour(float(value))
            ink = "#ffffff" if not missing and float(value) > 0.55 else "#111111"
            tooltip = escape(
                f"{' '.join(str(label).split())}, {' '.join(str(column_labels[column]).split())}: {format_value(value)}"
            )
            parts.append(
                f'<rect x="{svg.coord(x)}" y="{svg.coord(y)}" width="{svg.coord(cell_width)}" height="{cell_height}" '
                f'fill="{fill}" stroke="#ffffff" stroke-width="2"><title>{tooltip}</title></rect>'
            )
            parts.append(
                svg.text(
                    x + cell_width / 2,
                    y + cell_height / 2 + 4,
                    format_value(value),
                    anchor="middle",
                    extra=f' fill="{ink}"',
                )
            )
    parts.append(svg.axis_title(14, top + (bottom - top) / 2, row_label, vertical=True))
    # Key: the scale from 0% to 100%.
    key_left, key_top, key_width = left, bottom + 18, min(grid_width, 240)
    steps = 20
    for step in range(steps):
        parts.append(
            f'<rect x="{svg.coord(key_left + key_width * step / steps)}" y="{svg.coord(key_top)}" '
            f'width="{svg.coord(key_width / steps + 0.5)}" '
            f'height="10" fill="{_heat_colour((step + 0.5) / steps)}"/>'
        )
    parts.append(svg.text(key_left, key_top + 24, format_value(0.0), extra=f' fill="{svg.AXIS_COLOUR}"'))
    parts.append(
        svg.text(
            key_left + key_width, key_top + 24, format_value(1.0), anchor="end", extra=f' fill="{svg.AXIS_COLOUR}"'
        )
    )
    return svg.chart("heatmap", width, key_top + 34, title, "".join(parts))
