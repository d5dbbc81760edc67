"""Small line charts as inline SVG: one per variable, its bands shaded, the turns along the bottom.

Plain SVG with presentation attributes and no script or external reference, so a chart shows
the same in a browser, in print, and saved on its own as an .svg file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from engine.documents.report.model import Series

WIDTH = 360
HEIGHT = 160
LEFT, RIGHT, TOP, BOTTOM = 26, 62, 8, 20
BAND_LABEL = 12  # longest band label shown in full, in characters

BAND_FILL = {"critical": "#fbe4e2", "warning": "#fdf1d8", "neutral": "#eef1f5", "good": "#e3f3e7"}
BAND_TEXT = {"critical": "#9b2c22", "warning": "#8a5a00", "neutral": "#5b6573", "good": "#23683a"}
LINE = "#1d4f7c"
HIGHLIGHT = "#d9480f"
AXIS = "#8a94a3"


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0 (stable bytes, short files)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def line_chart(series: Series, labels: Sequence[str], *, title: str, highlight: int | None = None) -> str:
    """An SVG chart of a series; ``highlight`` is the index of a point whose incoming segment
    is drawn in the accent colour (the variable's key moment). ``title`` is read by screen
    readers and shown as a tooltip."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    low, high = series.min, series.max
    span = max(1, high - low)
    count = len(series.values)

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (high - value) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" font-size="9">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#f7f8fa"/>',
    ]
    ticks = {low, high}
    for band in series.bands:
        top = y(band.high + 1) if band.high < high else y(high)
        bottom = y(band.low)
        parts.append(
            f'<rect x="{LEFT}" y="{_n(top)}" width="{plot_w}" height="{_n(bottom - top)}" fill="{BAND_FILL[band.tone]}"/>'
        )
        if band.low > low:
            parts.append(
                f'<line x1="{LEFT}" y1="{_n(bottom)}" x2="{LEFT + plot_w}" y2="{_n(bottom)}" stroke="#ffffff" stroke-width="1"/>'
            )
            ticks.add(band.low)
        if bottom - top >= 9:
            name = band.label if len(band.label) <= BAND_LABEL else band.label[: BAND_LABEL - 1] + "…"
            parts.append(
                f'<text x="{LEFT + plot_w + 4}" y="{_n((top + bottom) / 2 + 3)}" font-size="8" '
                f'fill="{BAND_TEXT[band.tone]}">{escape(name)}</text>'
            )
    # y ticks: bounds and band starts, skipping any too close to one already drawn
    drawn: list[float] = []
    for tick in sorted(ticks, key=lambda value: (value not in (low, high), value)):
        position = y(tick)
        if any(abs(position - other) < 9 for other in drawn):
            continue
        drawn.append(position)
        parts.append(f'<text x="{LEFT - 4}" y="{_n(position + 3)}" text-anchor="end" fill="{AXIS}">{tick}</text>')
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="{AXIS}" stroke-width="0.8"/>'
    )
    # x labels: every point when they fit, else every few
    every = max(1, -(-count // 14))
    for index, label in enumerate(labels):
        if index % every and index != count - 1:
            continue
        # the first label ("start") reaches left, under the axis's numbers, clear of the next one
        anchor = "end" if index == 0 and count > 1 else "middle"
        parts.append(
            f'<text x="{_n(x(index) + (4 if anchor == "end" else 0))}" y="{HEIGHT - 6}" text-anchor="{anchor}" '
            f'fill="{AXIS}">{escape(label)}</text>'
        )
    points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(series.values))
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
    )
    if highlight is not None and 0 < highlight < count:
        a, b = highlight - 1, highlight
        parts.append(
            f'<line x1="{_n(x(a))}" y1="{_n(y(series.values[a]))}" x2="{_n(x(b))}" y2="{_n(y(series.values[b]))}" '
            f'stroke="{HIGHLIGHT}" stroke-width="3" stroke-linecap="round"/>'
        )
    for index, value in enumerate(series.values):
        colour = HIGHLIGHT if highlight is not None and index == highlight else LINE
        parts.append(f'<circle cx="{_n(x(index))}" cy="{_n(y(value))}" r="2.2" fill="{colour}"/>')
    end = series.values[-1]
    label_y = y(end) - 5 if y(end) - 5 > TOP + 8 else y(end) + 12
    parts.append(
        f'<text x="{_n(x(count - 1))}" y="{_n(label_y)}" text-anchor="end" font-weight="bold" fill="{LINE}">{end}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
