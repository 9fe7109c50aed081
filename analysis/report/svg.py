"""The building blocks of the report's charts (analysis/report/charts.py): SVG elements, axes and legends.

Every text goes through ``html.escape`` here, so a chart never writes a label or title unescaped. The few words a
chart writes by itself are in the current language (analysis/language.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from analysis.language import say

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
FONT_SIZE = 12
# Average width of a character in font sizes, to lay out labels without measuring them.
CHAR_WIDTH = 0.58
LEGEND_CHARS = 30
AXIS_COLOUR = "#555555"
GRID_COLOUR = "#e3e3e3"


def shorten(name: object, limit: int) -> str:
    words = " ".join(str(name).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def text_width(words: str, size: float = FONT_SIZE) -> float:
    return len(words) * size * CHAR_WIDTH


def coord(value: float) -> str:
    """A coordinate, short: one decimal, no trailing zero."""
    return f"{value:.1f}".removesuffix(".0")


def chart(kind: str, width: float, height: float, title: str, body: str) -> str:
    """The root ``<svg class="chart" data-chart="KIND">`` around `body`, titled for screen readers."""
    label = escape(title)
    return (
        f'<svg class="chart" data-chart="{kind}" viewBox="0 0 {coord(width)} {coord(height)}" width="{coord(width)}" '
        f'height="{coord(height)}" role="img" aria-label="{label}" font-family="{FONT}" font-size="{FONT_SIZE}">'
        f"<title>{label}</title>{body}</svg>"
    )


def text(x: float, y: float, words: str, *, anchor: str = "start", tooltip: str | None = None, extra: str = "") -> str:
    """A text element; `tooltip`, when given, is shown on hover (the whole of a shortened label)."""
    hint = f"<title>{escape(tooltip)}</title>" if tooltip is not None and tooltip != words else ""
    return f'<text x="{coord(x)}" y="{coord(y)}" text-anchor="{anchor}"{extra}>{hint}{escape(words)}</text>'


def label(x: float, y: float, name: object, limit: int, *, anchor: str = "start", extra: str = "") -> str:
    """`name` shortened to `limit` characters, whole in its tooltip."""
    full = " ".join(str(name).split())
    return text(x, y, shorten(full, limit), anchor=anchor, tooltip=full, extra=extra)


def line(x1: float, y1: float, x2: float, y2: float, colour: str, extra: str = "") -> str:
    return f'<line x1="{coord(x1)}" y1="{coord(y1)}" x2="{coord(x2)}" y2="{coord(y2)}" stroke="{colour}"{extra}/>'


def beyond_axis(x: float, y: float) -> str:
    """An arrowhead at the end of an axis: the value goes on past it."""
    points = f"{coord(x - 8)},{coord(y - 5)} {coord(x)},{coord(y)} {coord(x - 8)},{coord(y + 5)}"
    return f'<polygon class="beyond-axis" points="{points}" fill="{AXIS_COLOUR}"/>'


def no_data(kind: str, width: float, title: str, message: str | None = None) -> str:
    """An empty chart that says so: `message`, or that there is no data to draw."""
    message = say("Tidak ada data untuk digambar", "No data to draw") if message is None else message
    return chart(kind, width, 60, title, text(width / 2, 34, message, anchor="middle", extra=f' fill="{AXIS_COLOUR}"'))


def nice_ticks(low: float, high: float, count: int = 5, *, whole: bool = False) -> list[float]:
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
class LegendEntry:
    label: str
    colour: str
    shape: str = "line"  # line, dot or box
    dash: str = ""
    thick: bool = False


def legend(
    entries: Sequence[LegendEntry], left: float, top: float, width: float, limit: int = LEGEND_CHARS
) -> tuple[str, float]:
    """Legend entries flowing in rows from (left, top) within `width`, labels shortened to `limit` characters:
    (SVG, height used)."""
    parts, x, y, row_height = ['<g class="legend">'], left, top, 20
    for entry in entries:
        shown = shorten(entry.label, limit)
        entry_width = 30 + text_width(shown) + 18
        if x > left and x + entry_width > left + width:
            x, y = left, y + row_height
        middle = y + row_height / 2
        if entry.shape == "line":
            dash = f' stroke-dasharray="{entry.dash}"' if entry.dash else ""
            parts.append(
                line(x, middle, x + 24, middle, entry.colour, f' stroke-width="{3 if entry.thick else 2}"{dash}')
            )
        elif entry.shape == "dot":
            parts.append(f'<circle cx="{coord(x + 12)}" cy="{coord(middle)}" r="5" fill="{entry.colour}"/>')
        else:
            parts.append(
                f'<rect x="{coord(x + 4)}" y="{coord(middle - 6)}" width="16" height="12" fill="{entry.colour}"/>'
            )
        parts.append(text(x + 30, middle + 4, shown, tooltip=entry.label))
        x += entry_width
    parts.append("</g>")
    return "".join(parts), (y - top + row_height if entries else 0)


def x_axis(
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
        parts.append(line(x, top, x, bottom, GRID_COLOUR))
        parts.append(text(x, bottom + 16, format_tick(tick), anchor="middle", extra=f' fill="{AXIS_COLOUR}"'))
    return "".join(parts)


def y_axis(
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
        parts.append(line(left, y, right, y, GRID_COLOUR))
        parts.append(text(left - 6, y + 4, format_tick(tick), anchor="end", extra=f' fill="{AXIS_COLOUR}"'))
    return "".join(parts)


def axis_title(x: float, y: float, title: str, *, vertical: bool = False) -> str:
    rotate = f' transform="rotate(-90 {coord(x)} {coord(y)})"' if vertical else ""
    return text(x, y, title, anchor="middle", extra=f' font-weight="600" fill="{AXIS_COLOUR}"{rotate}')
