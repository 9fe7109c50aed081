"""Charts for the HTML report, as inline SVG strings returned by small pure functions.

The report is one file a coordinator can e-mail, open offline and print, so its charts are plain SVG drawn here:
no JavaScript library, nothing fetched, sharp at any zoom and on paper.

Every chart is a root ``<svg class="chart" data-chart="KIND">`` (KIND is ``bar``, ``line``, ``scatter``, ``heatmap``
or ``pay``; the report's tests find charts by these), with a ``<title>`` and an ``aria-label`` for screen readers,
labelled axes, and a legend where there are several series. Every text that can come from scraped postings or user
files (skill, cluster and curriculum names) goes through ``html.escape``; a long label is shortened on the chart and
kept whole in its tooltip (a ``<title>`` child).

Colours are Okabe and Ito's colour-blind-safe set, then Paul Tol's muted set for charts with many series; lines
differ in dash pattern as well, so that a grey print still tells them apart. Clusters keep one colour in every chart
(`cluster_colours`).

Numbers are written the Indonesian way, as the readers write them: "1.234" postings, "12,5%", "Rp 4.500.000" and, where
space is short, "Rp 4,5 jt" (juta, a million; "rb" is ribu, a thousand; "M" is miliar, a thousand million).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd

from analysis.formats import format_count, format_percent, format_rupiah, format_rupiah_short, is_missing

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
# Reference lines across a chart (a minimum wage, a poverty line), dashed so that no cluster's box is mistaken for one.
REFERENCE_COLOURS = ("#D55E00", "#332288", "#117733", "#882255")
# ColorBrewer Blues, light to dark: a sequential scale that colour-blind readers and grey prints keep in order.
HEAT_STOPS = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
FONT_SIZE = 12
# Average width of a character in font sizes, to lay out labels without measuring them.
CHAR_WIDTH = 0.58
LABEL_CHARS = 32
LEGEND_CHARS = 30
AXIS_COLOUR = "#555555"
GRID_COLOUR = "#e3e3e3"


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


# Building blocks


def _shorten(label: object, limit: int) -> str:
    text = " ".join(str(label).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def _f(value: float) -> str:
    """A coordinate, short: one decimal, no trailing zero."""
    return f"{value:.1f}".removesuffix(".0")


def _svg(kind: str, width: float, height: float, title: str, body: str) -> str:
    label = escape(title)
    return (
        f'<svg class="chart" data-chart="{kind}" viewBox="0 0 {_f(width)} {_f(height)}" width="{_f(width)}" '
        f'height="{_f(height)}" role="img" aria-label="{label}" font-family="{FONT}" font-size="{FONT_SIZE}">'
        f"<title>{label}</title>{body}</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", tooltip: str | None = None, extra: str = "") -> str:
    """A text element; `tooltip`, when given, is shown on hover (the whole of a shortened label)."""
    hint = f"<title>{escape(tooltip)}</title>" if tooltip is not None and tooltip != text else ""
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{extra}>{hint}{escape(text)}</text>'


def _label(x: float, y: float, label: object, limit: int, *, anchor: str = "start", extra: str = "") -> str:
    full = " ".join(str(label).split())
    return _text(x, y, _shorten(full, limit), anchor=anchor, tooltip=full, extra=extra)


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, extra: str = "") -> str:
    return f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{colour}"{extra}/>'


def _beyond_axis(x: float, y: float) -> str:
    """An arrowhead at the end of an axis: the value goes on past it."""
    points = f"{_f(x - 8)},{_f(y - 5)} {_f(x)},{_f(y)} {_f(x - 8)},{_f(y + 5)}"
    return f'<polygon class="beyond-axis" points="{points}" fill="{AXIS_COLOUR}"/>'


def _no_data(kind: str, width: float, title: str, message: str = "No data to draw") -> str:
    return _svg(kind, width, 60, title, _text(width / 2, 34, message, anchor="middle", extra=f' fill="{AXIS_COLOUR}"'))


def _nice_ticks(low: float, high: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """Round tick values from at or below `low` to at or above `high`, about `count` steps apart;
    `whole`: whole numbers only (counts)."""
    if not high > low:
        high = low + (abs(low) or 1)
    raw_step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    multiples = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in multiples if m * magnitude >= raw_step * 0.999)
    step = max(step, 1) if whole else step
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


@dataclass(frozen=True)
class _LegendEntry:
    label: str
    colour: str
    shape: str = "line"  # line, dot or box
    dash: str = ""
    thick: bool = False


def _legend(
    entries: Sequence[_LegendEntry], left: float, top: float, width: float, limit: int = LEGEND_CHARS
) -> tuple[str, float]:
    """Legend entries flowing in rows from (left, top) within `width`, labels shortened to `limit` characters:
    (SVG, height used)."""
    parts, x, y, row_height = ['<g class="legend">'], left, top, 20
    for entry in entries:
        shown = _shorten(entry.label, limit)
        entry_width = 30 + _text_width(shown) + 18
        if x > left and x + entry_width > left + width:
            x, y = left, y + row_height
        middle = y + row_height / 2
        if entry.shape == "line":
            dash = f' stroke-dasharray="{entry.dash}"' if entry.dash else ""
            parts.append(
                _line(x, middle, x + 24, middle, entry.colour, f' stroke-width="{3 if entry.thick else 2}"{dash}')
            )
        elif entry.shape == "dot":
            parts.append(f'<circle cx="{_f(x + 12)}" cy="{_f(middle)}" r="5" fill="{entry.colour}"/>')
        else:
            parts.append(f'<rect x="{_f(x + 4)}" y="{_f(middle - 6)}" width="16" height="12" fill="{entry.colour}"/>')
        parts.append(_text(x + 30, middle + 4, shown, tooltip=entry.label))
        x += entry_width
    parts.append("</g>")
    return "".join(parts), (y - top + row_height if entries else 0)


def _x_axis(
    ticks: Sequence[float],
    scale: Callable[[float], float],
    top: float,
    bottom: float,
    format_tick: Callable[[float], str],
) -> str:
    """Vertical grid lines at `ticks` from top to bottom, their labels under the bottom."""
    parts = []
    for tick in ticks:
        x = scale(tick)
        parts.append(_line(x, top, x, bottom, GRID_COLOUR))
        parts.append(_text(x, bottom + 16, format_tick(tick), anchor="middle", extra=f' fill="{AXIS_COLOUR}"'))
    return "".join(parts)


def _y_axis(
    ticks: Sequence[float],
    scale: Callable[[float], float],
    left: float,
    right: float,
    format_tick: Callable[[float], str],
) -> str:
    """Horizontal grid lines at `ticks` from left to right, their labels left of the left."""
    parts = []
    for tick in ticks:
        y = scale(tick)
        parts.append(_line(left, y, right, y, GRID_COLOUR))
        parts.append(_text(left - 6, y + 4, format_tick(tick), anchor="end", extra=f' fill="{AXIS_COLOUR}"'))
    return "".join(parts)


def _axis_title(x: float, y: float, text: str, *, vertical: bool = False) -> str:
    rotate = f' transform="rotate(-90 {_f(x)} {_f(y)})"' if vertical else ""
    return _text(x, y, text, anchor="middle", extra=f' font-weight="600" fill="{AXIS_COLOUR}"{rotate}')


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
        return _no_data("bar", width, title)
    values = [0.0 if is_missing(value) else float(value) for value in values]
    shown = [_shorten(label, LABEL_CHARS) for label in labels]
    left = min(max(_text_width(text) for text in shown), 250) + 16
    top, band, right = 26, 24, 80
    plot_width = width - left - right
    bottom = top + band * len(labels)
    height = bottom + 52
    ticks = _nice_ticks(0, max(values) or 1, whole=all(value.is_integer() for value in values))
    scale_max = ticks[-1]

    def x_of(value: float) -> float:
        return left + plot_width * value / scale_max

    parts = [_x_axis(ticks, x_of, top - 4, bottom, format_value)]
    if category_label:
        parts.append(
            _text(left - 8, top - 10, category_label, anchor="end", extra=f' font-weight="600" fill="{AXIS_COLOUR}"')
        )
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * band
        bar_width = x_of(value) - left
        tooltip = escape(f"{' '.join(str(label).split())}: {format_value(value)}")
        parts.append(
            f'<rect x="{_f(left)}" y="{_f(y + 4)}" width="{_f(max(bar_width, 0.5))}" height="{band - 8}" '
            f'fill="{PALETTE[0]}"><title>{tooltip}</title></rect>'
        )
        parts.append(_label(left - 8, y + band / 2 + 4, label, LABEL_CHARS, anchor="end"))
        parts.append(_text(left + bar_width + 6, y + band / 2 + 4, format_value(value)))
    parts.append(_line(left, top - 4, left, bottom, AXIS_COLOUR))
    parts.append(_axis_title(left + plot_width / 2, bottom + 40, value_label))
    return _svg("bar", width, height, title, "".join(parts))


def _day(moment: object) -> int:
    return pd.Timestamp(moment).toordinal()


def _date_label(moment: object) -> str:
    stamp = pd.Timestamp(moment)
    return f"{stamp.day} {stamp:%b %Y}"


def line_chart(
    dates: Sequence[object],
    series: Mapping[str, Sequence[float]],
    *,
    title: str,
    y_label: str,
    x_label: str = "Period starting",
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
    """
    if not len(dates) or not series:
        return _no_data("line", width, title)
    left, right, top = 70, 24, 14
    plot_width = width - left - right
    bottom = top + plot_height
    days = [_day(moment) for moment in dates]
    first_day, last_day = min(days), max(days)
    found = [float(v) for values in series.values() for v in values if not is_missing(v)]
    low = min([*found, *([reference] if reference is not None else [])], default=0.0)
    high = max([*found, *([reference] if reference is not None else [])], default=1.0)
    ticks = _nice_ticks(0.0 if y_from_zero else low, high if high > 0 or not y_from_zero else 1.0)

    def x_of(day: float) -> float:
        return (
            left + plot_width / 2
            if last_day == first_day
            else left + plot_width * (day - first_day) / (last_day - first_day)
        )

    def y_of(value: float) -> float:
        return bottom - plot_height * (value - ticks[0]) / (ticks[-1] - ticks[0])

    parts = [_y_axis(ticks, y_of, left, left + plot_width, format_y)]
    # Date labels about every 90 pixels, on the periods themselves.
    every = max(1, math.ceil(len(days) / max(1, int(plot_width // 90))))
    for position in range(0, len(days), every):
        x = x_of(days[position])
        parts.append(_line(x, bottom, x, bottom + 4, AXIS_COLOUR))
        parts.append(
            _text(x, bottom + 18, _date_label(dates[position]), anchor="middle", extra=f' fill="{AXIS_COLOUR}"')
        )
    parts.append(_line(left, bottom, left + plot_width, bottom, AXIS_COLOUR))
    parts.append(_line(left, top, left, bottom, AXIS_COLOUR))
    if reference is not None:
        y = y_of(reference)
        parts.append(
            _line(left, y, left + plot_width, y, HIGHLIGHT_COLOUR, ' stroke-width="1.5" stroke-dasharray="3 3"')
        )
        if reference_label:
            parts.append(
                _text(left + plot_width - 4, y - 5, reference_label, anchor="end", extra=f' fill="{HIGHLIGHT_COLOUR}"')
            )

    entries = []
    with_markers = len(days) <= 40
    for index, (name, values) in enumerate(series.items()):
        if name == highlight:
            colour, dash, stroke_width = HIGHLIGHT_COLOUR, "", 3
        else:
            colour, dash, stroke_width = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)], 2
        entries.append(_LegendEntry(str(name), colour, "line", dash, name == highlight))
        commands, pen_down, markers = [], False, []
        for day, value in zip(days, values, strict=True):
            if is_missing(value):
                pen_down = False
                continue
            x, y = x_of(day), y_of(float(value))
            commands.append(f"{'L' if pen_down else 'M'}{_f(x)} {_f(y)}")
            pen_down = True
            if with_markers:
                markers.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.5"/>')
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<g class="series" fill="{colour}"><title>{escape(str(name))}</title>'
            f'<path d="{" ".join(commands)}" fill="none" stroke="{colour}" stroke-width="{stroke_width}" '
            f'stroke-linejoin="round"{dash_attribute}/>{"".join(markers)}</g>'
        )
    parts.append(_axis_title(18, top + plot_height / 2, y_label, vertical=True))
    parts.append(_axis_title(left + plot_width / 2, bottom + 40, x_label))
    legend, legend_height = _legend(entries, left, bottom + 52, plot_width)
    parts.append(legend)
    return _svg("line", width, bottom + 58 + legend_height, title, "".join(parts))


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
        return _no_data("scatter", width, title)
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
        f'<rect x="{_f(left)}" y="{_f(top)}" width="{_f(plot_width)}" height="{_f(plot_height)}" fill="none" '
        f'stroke="{GRID_COLOUR}"/>'
    ]
    for group in order:
        members = drawn[groups[drawn] == group]
        if not len(members):
            continue
        circles = "".join(f'<circle cx="{_f(to_x(xs[i]))}" cy="{_f(to_y(ys[i]))}" r="2.6"/>' for i in members)
        name = names.get(group, str(group))
        parts.append(f'<g fill="{colours[group]}" fill-opacity="0.6"><title>{escape(str(name))}</title>{circles}</g>')

    placed: list[tuple[float, float, float, float]] = []
    for group in order:
        if colours[group] == NEUTRAL_COLOUR:
            continue
        shown = _shorten(names.get(group, str(group)), 26)
        half_width, x = _text_width(shown, 12) / 2 + 2, to_x(float(xs[groups == group].mean()))
        x = min(max(x, left + half_width), left + plot_width - half_width)
        y = to_y(float(ys[groups == group].mean()))
        # Move a name down, then up, until it overlaps no name placed before it.
        for shift in (0, 16, -16, 32, -32, 48, -48, 64, -64):
            box = (x - half_width, y + shift - 12, x + half_width, y + shift + 4)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        parts.append(
            _label(
                x,
                box[3] - 4,
                names.get(group, str(group)),
                26,
                anchor="middle",
                extra=' font-weight="700" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke"',
            )
        )
    parts.append(_axis_title(left + plot_width / 2, bottom + 20, "Map across (postings with similar skills lie close)"))
    parts.append(_axis_title(margin + 6, top + plot_height / 2, "Map up and down", vertical=True))
    entries = [_LegendEntry(str(names.get(group, group)), colours[group], "dot") for group in colours]
    legend, legend_height = _legend(entries, left, bottom + 32, plot_width)
    parts.append(legend)
    return _svg("scatter", width, bottom + 38 + legend_height, title, "".join(parts))


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
        return _no_data("heatmap", 760, title)
    cell_height = 32
    row_shown = [_shorten(label, LABEL_CHARS) for label in row_labels]
    left = min(max(_text_width(text) for text in row_shown), 250) + 40
    column_shown = [_shorten(label, 24) for label in column_labels]
    # Column labels slant up at 40 degrees; their height is what the longest one needs.
    header = max(_text_width(text) for text in column_shown) * math.sin(math.radians(40)) + 40
    grid_width = cell_width * len(column_labels)
    width = max(left + grid_width + 90, 360)
    top = header
    bottom = top + cell_height * len(row_labels)
    parts = [_axis_title(left + grid_width / 2, 16, column_label)]
    for column, label in enumerate(column_labels):
        x, y = left + (column + 0.5) * cell_width, top - 8
        parts.append(_label(x, y, label, 24, extra=f' transform="rotate(-40 {_f(x)} {_f(y)})"'))
    for row, label in enumerate(row_labels):
        y = top + row * cell_height
        parts.append(_label(left - 8, y + cell_height / 2 + 4, label, LABEL_CHARS, anchor="end"))
        for column, value in enumerate(values[row]):
            x = left + column * cell_width
            missing = is_missing(value)
            fill = "#eeeeee" if missing else _heat_colour(float(value))
            ink = "#ffffff" if not missing and float(value) > 0.55 else "#111111"
            tooltip = escape(
                f"{' '.join(str(label).split())}, {' '.join(str(column_labels[column]).split())}: {format_value(value)}"
            )
            parts.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(cell_width)}" height="{cell_height}" fill="{fill}" '
                f'stroke="#ffffff" stroke-width="2"><title>{tooltip}</title></rect>'
            )
            parts.append(
                _text(
                    x + cell_width / 2,
                    y + cell_height / 2 + 4,
                    format_value(value),
                    anchor="middle",
                    extra=f' fill="{ink}"',
                )
            )
    parts.append(_axis_title(14, top + (bottom - top) / 2, row_label, vertical=True))
    # Key: the scale from 0% to 100%.
    key_left, key_top, key_width = left, bottom + 18, min(grid_width, 240)
    steps = 20
    for step in range(steps):
        parts.append(
            f'<rect x="{_f(key_left + key_width * step / steps)}" y="{_f(key_top)}" '
            f'width="{_f(key_width / steps + 0.5)}" '
            f'height="10" fill="{_heat_colour((step + 0.5) / steps)}"/>'
        )
    parts.append(_text(key_left, key_top + 24, format_value(0.0), extra=f' fill="{AXIS_COLOUR}"'))
    parts.append(
        _text(key_left + key_width, key_top + 24, format_value(1.0), anchor="end", extra=f' fill="{AXIS_COLOUR}"')
    )
    return _svg("heatmap", width, key_top + 34, title, "".join(parts))


# Fewer pay values than this in a group are drawn one dot each: quartiles of three numbers mislead.
MIN_BOX_VALUES = 5


def pay_distribution(
    groups: Sequence[tuple[object, Sequence[float]]],
    *,
    title: str,
    value_label: str = "Pay per month (rupiah)",
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
    arrowhead, and a dot past it sits on its end.
    """
    if not len(groups):
        return _no_data("pay", width, title)
    cleaned = []
    for label, values in groups:
        array = np.asarray([float(v) for v in values if not is_missing(v)], dtype=float)
        cleaned.append((label, array[np.isfinite(array)]))
    highs = [
        float(np.percentile(values, 90)) if len(values) >= MIN_BOX_VALUES else float(values.max())
        for _, values in cleaned
        if len(values)
    ]
    shown = [_shorten(label, LABEL_CHARS) for label, _ in cleaned]
    left = min(max(_text_width(text) for text in shown), 250) + 16
    top, band, right = 24, 40, 86
    plot_width = width - left - right
    bottom = top + band * len(cleaned)
    references = [(label, float(value)) for label, value in references if not is_missing(value)]
    if references:
        boxes = [float(np.percentile(values, 75)) for _, values in cleaned if len(values)]
        high = 1.3 * max([*boxes, *(value for _, value in references)])
    else:
        high = max(highs, default=0)
    ticks = _nice_ticks(0, high or 1e6, 5)

    def x_of(value: float) -> float:
        return left + plot_width * min(value, ticks[-1]) / ticks[-1]

    parts = [_x_axis(ticks, x_of, top, bottom, lambda tick: format_rupiah_short(tick, 2))]
    reference_entries = []
    for number, (label, value) in enumerate(references):
        colour, dash = REFERENCE_COLOURS[number % len(REFERENCE_COLOURS)], DASHES[1 + number % (len(DASHES) - 1)]
        tooltip = escape(f"{label}: {format_rupiah(value)}")
        line = _line(x_of(value), top - 4, x_of(value), bottom, colour, f' stroke-width="2" stroke-dasharray="{dash}"')
        parts.append(f'<g class="reference"><title>{tooltip}</title>{line}</g>')
        reference_entries.append(_LegendEntry(f"{label}: {format_rupiah_short(value, 2)}", colour, "line", dash))
    for row, (label, values) in enumerate(cleaned):
        colour = colours[row] if colours else PALETTE[row % len(PALETTE)]
        middle = top + row * band + band / 2 - 4
        parts.append(_label(left - 8, middle + 1, label, LABEL_CHARS, anchor="end"))
        parts.append(
            _text(
                left - 8,
                middle + 14,
                f"{format_count(len(values))} with pay",
                anchor="end",
                extra=f' fill="{AXIS_COLOUR}" font-size="10"',
            )
        )
        name = " ".join(str(label).split())
        if not len(values):
            parts.append(_text(left + 6, middle + 4, "no pay stated", extra=f' fill="{AXIS_COLOUR}"'))
            continue
        if len(values) < MIN_BOX_VALUES:
            dots = "".join(f'<circle cx="{_f(x_of(v))}" cy="{_f(middle)}" r="4"/>' for v in sorted(values))
            parts.append(f'<g fill="{colour}"><title>{escape(name)}: {len(values)} pay values</title>{dots}</g>')
        else:
            p10, p25, median, p75, p90 = np.percentile(values, [10, 25, 50, 75, 90])
            tooltip = escape(
                f"{name}: median {format_rupiah(median)}, middle half {format_rupiah(p25)} to {format_rupiah(p75)}"
            )
            parts.append(
                f"<g><title>{tooltip}</title>"
                + _line(x_of(p10), middle, x_of(p90), middle, AXIS_COLOUR, ' stroke-width="1.5"')
                + _line(x_of(p10), middle - 6, x_of(p10), middle + 6, AXIS_COLOUR, ' stroke-width="1.5"')
                + (
                    _beyond_axis(x_of(p90), middle)
                    if p90 > ticks[-1]
                    else _line(x_of(p90), middle - 6, x_of(p90), middle + 6, AXIS_COLOUR, ' stroke-width="1.5"')
                )
                + f'<rect x="{_f(x_of(p25))}" y="{_f(middle - 10)}" width="{_f(max(x_of(p75) - x_of(p25), 1))}" '
                f'height="20" fill="{colour}" fill-opacity="0.75" stroke="{HIGHLIGHT_COLOUR}" stroke-width="1"/>'
                + _line(x_of(median), middle - 10, x_of(median), middle + 10, HIGHLIGHT_COLOUR, ' stroke-width="3"')
                + "</g>"
            )
        parts.append(
            _text(
                left + plot_width + 8,
                middle + 4,
                format_rupiah_short(float(np.median(values))),
                extra=' font-weight="600"',
            )
        )
    parts.append(_line(left, top, left, bottom, AXIS_COLOUR))
    parts.append(_text(left + plot_width + 8, top - 6, "Median", extra=f' font-weight="600" fill="{AXIS_COLOUR}"'))
    parts.append(_axis_title(left + plot_width / 2, bottom + 40, value_label))
    entries = [
        _LegendEntry("middle half of pay (25th–75th percentile)", "#bbbbbb", "box"),
        _LegendEntry("median (half earn more, half less)", HIGHLIGHT_COLOUR, "line", thick=True),
        _LegendEntry("whiskers: 10th to 90th percentile", AXIS_COLOUR, "line"),
        *reference_entries,
    ]
    legend, legend_height = _legend(entries, left, bottom + 52, plot_width + right, limit=60)
    parts.append(legend)
    return _svg("pay", width, bottom + 58 + legend_height, title, "".join(parts))
