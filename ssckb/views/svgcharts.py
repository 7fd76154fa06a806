"""Static SVG bar charts made at build time: no script, no network, readable by screen readers.

Each chart has a <title> and a <desc> (referenced by ``aria-labelledby``) and a
tooltip on every bar; the caller gives every word in the language being rendered (titles, series, categories,
value labels), and the tooltip's sentence is the catalog's; the page puts the chart's data table beside it
(:func:`chart_with_table`). Coordinates are printed with one decimal, so the
same data always gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from ..i18n import _
from .common import esc

FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12"'
CHAR_WIDTH = 7.2  # generous width of a 12px character, to size label columns
GRID = "#c8c8c8"


@dataclass(frozen=True)
class Series:
    """One stacked part of every bar: e.g. IFAD's contribution."""

    key: str
    label: str
    color: str


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Round axis ticks from 0 to at least ``maximum``: 0, 250k, 500k..."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if step >= raw:
            break
    steps = math.ceil(maximum / step - 1e-9)
    return [i * step for i in range(steps + 1)]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend(series: list[Series], x: float, y: float) -> list[str]:
    parts = []
    for item in series:
        parts.append(f'<rect x="{_n(x)}" y="{_n(y - 10)}" width="12" height="12" fill="{esc(item.color)}"/>')
        parts.append(f'<text x="{_n(x + 16)}" y="{_n(y)}" fill="currentColor">{esc(item.label)}</text>')
        x += 16 + len(item.label) * CHAR_WIDTH + 18
    return parts


def _stacked(category: str, series: list[Series], row: list[float], value_text: Callable,
             box: Callable[[float, float], tuple]) -> list[str]:
    """The parts of one stacked bar; ``box(start, end)`` places the part from ``start`` to ``end`` as (x, y, w, h)."""
    parts = []
    start = 0.0
    for item, value in zip(series, row):
        if value <= 0:
            continue
        x, y, w, h = box(start, start + value)
        tooltip = _("%(category)s: %(series)s %(value)s") % {"category": category, "series": item.label,
                                                             "value": value_text(value)}
        parts.append(f'<rect class="ssc-bar ssc-bar--{esc(item.key)}" x="{_n(x)}" y="{_n(y)}" '
                     f'width="{_n(w)}" height="{_n(h)}" fill="{esc(item.color)}">'
                     f'<title>{esc(tooltip)}</title></rect>')
        start += value
    return parts


def bar_chart(chart_id: str, title: str, description: str, categories: list[str], series: list[Series],
              values: list[list[float]], *, horizontal: bool = True, value_text: Callable = str,
              width: int = 520) -> str:
    """A stacked bar chart as one <svg> element.

    ``values[i][j]`` is the value of series ``j`` for category ``i``; ``value_text`` formats
    values for axis ticks, bar-end labels and tooltips.
    """
    totals = [sum(row) for row in values]
    ticks = nice_ticks(max(totals, default=0))
    top_value = ticks[-1]
    legend_height = 26 if len(series) > 1 else 6
    parts: list[str] = []
    if horizontal:
        label_chars = min(24, max((len(c) for c in categories), default=4))
        label_width = label_chars * CHAR_WIDTH + 10
        value_width = 62
        left, right = label_width, width - value_width
        bar, gap = 18, 8
        top = legend_height + 6
        height = top + len(categories) * (bar + gap) + 24

        def x_of(value):
            return left + (right - left) * (value / top_value)

        for tick in ticks:
            x = x_of(tick)
            parts.append(f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(height - 20)}" '
                         f'stroke="{GRID}" stroke-width="1"/>')
            parts.append(f'<text x="{_n(x)}" y="{_n(height - 6)}" text-anchor="middle" fill="currentColor">'
                         f'{esc(value_text(tick))}</text>')
        for index, (category, row) in enumerate(zip(categories, values)):
            y = top + index * (bar + gap)
            parts.append(f'<text x="{_n(left - 8)}" y="{_n(y + bar - 5)}" text-anchor="end" fill="currentColor">'
                         f'<title>{esc(category)}</title>{esc(_truncate(category, label_chars))}</text>')
            parts += _stacked(category, series, row, value_text,
                              lambda start, end: (x_of(start), y, max(x_of(end) - x_of(start), 0.5), bar))
            parts.append(f'<text x="{_n(x_of(sum(row)) + 4)}" y="{_n(y + bar - 5)}" fill="currentColor">'
                         f'{esc(value_text(sum(row)))}</text>')
    else:
        height = 280
        left = max(len(value_text(t)) for t in ticks) * CHAR_WIDTH + 18
        right = width - 8
        top, bottom = legend_height + 14, height - 26
        slot = (right - left) / max(len(categories), 1)
        bar = min(slot * 0.7, 48)
        label_every = max(1, math.ceil(max((len(c) for c in categories), default=1) * CHAR_WIDTH / (slot * 0.9)))

        def y_of(value):
            return bottom - (bottom - top) * (value / top_value)

        for tick in ticks:
            y = y_of(tick)
            parts.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" '
                         f'stroke="{GRID}" stroke-width="1"/>')
            parts.append(f'<text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end" fill="currentColor">'
                         f'{esc(value_text(tick))}</text>')
        for index, (category, row) in enumerate(zip(categories, values)):
            x = left + index * slot + (slot - bar) / 2
            if index % label_every == 0:
                parts.append(f'<text x="{_n(x + bar / 2)}" y="{_n(height - 8)}" text-anchor="middle" '
                             f'fill="currentColor">{esc(category)}</text>')
            parts += _stacked(category, series, row, value_text,
                              lambda start, end: (x, y_of(end), bar, max(y_of(start) - y_of(end), 0.5)))
            if len(categories) <= 16 and sum(row) > 0:
                parts.append(f'<text x="{_n(x + bar / 2)}" y="{_n(y_of(sum(row)) - 4)}" text-anchor="middle" '
                             f'fill="currentColor">{esc(value_text(sum(row)))}</text>')
    if len(series) > 1:
        parts = _legend(series, 8 if not horizontal else left, 16) + parts
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="ssc-chart__svg" id="{esc(chart_id)}" '
            f'viewBox="0 0 {width} {_n(height)}" width="{width}" height="{_n(height)}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" {FONT}>'
            f'<title id="{title_id}">{esc(title)}</title><desc id="{desc_id}">{esc(description)}</desc>')
    return "\n".join([head] + parts + ["</svg>"])


def chart_with_table(svg: str, table_markdown: str, note: str = "") -> str:
    """Markdown: the chart and its data table side by side (stacked on narrow screens and in print)."""
    # The chart's text is for the eyes (the table says the same): kept out of the search index.
    lines = ['<div class="ssc-chart-pair" markdown>', '<figure class="ssc-chart" data-search-exclude>', svg,
             "</figure>", '<div class="ssc-chart-table" markdown>', "", table_markdown.rstrip("\n"), ""]
    if note:
        lines += [note, ""]
    lines += ["</div>", "</div>", ""]
    return "\n".join(lines)
