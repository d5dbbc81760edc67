"""Small line charts as inline SVG: one per variable, its bands shaded, the turns along the bottom.

Plain SVG with presentation attributes and no script or external reference, so a chart shows
the same in a browser, in print, and saved on its own as an .svg file. Labels and titles come
from the scenario, so the chart is built from the kit's `Html` templates, which escape them.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.documents.kit.html import Html
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


def line_chart(series: Series, labels: Sequence[str], *, title: str, highlight: int | None = None) -> Html:
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
        Html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" '
            'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" font-size="9">'
        ).format(WIDTH, HEIGHT),
        Html("<title>{}</title>").format(title),
        Html('<rect x="{}" y="{}" width="{}" height="{}" fill="#f7f8fa"/>').format(LEFT, TOP, plot_w, plot_h),
    ]
    ticks = {low, high}
    for band in series.bands:
        top = y(band.high + 1) if band.high < high else y(high)
        bottom = y(band.low)
        parts.append(
            Html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>').format(
                LEFT, _n(top), plot_w, _n(bottom - top), BAND_FILL[band.tone]
            )
        )
        if band.low > low:
            parts.append(
                Html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ffffff" stroke-width="1"/>').format(
                    LEFT, _n(bottom), LEFT + plot_w, _n(bottom)
                )
            )
            ticks.add(band.low)
        if bottom - top >= 9:
            name = band.label if len(band.label) <= BAND_LABEL else band.label[: BAND_LABEL - 1] + "…"
            parts.append(
                Html('<text x="{}" y="{}" font-size="8" fill="{}">{}</text>').format(
                    LEFT + plot_w + 4, _n((top + bottom) / 2 + 3), BAND_TEXT[band.tone], name
                )
            )
    # y ticks: bounds and band starts, skipping any too close to one already drawn
    drawn: list[float] = []
    for tick in sorted(ticks, key=lambda value: (value not in (low, high), value)):
        position = y(tick)
        if any(abs(position - other) < 9 for other in drawn):
            continue
        drawn.append(position)
        parts.append(
            Html('<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>').format(LEFT - 4, _n(position + 3), AXIS, tick)
        )
    parts.append(
        Html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.8"/>').format(
            LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h, AXIS
        )
    )
    # x labels: every point when they fit, else every few
    every = max(1, -(-count // 14))
    for index, label in enumerate(labels):
        if index % every and index != count - 1:
            continue
        # the first label ("start") reaches left, under the axis's numbers, clear of the next one
        anchor = "end" if index == 0 and count > 1 else "middle"
        parts.append(
            Html('<text x="{}" y="{}" text-anchor="{}" fill="{}">{}</text>').format(
                _n(x(index) + (4 if anchor == "end" else 0)), HEIGHT - 6, anchor, AXIS, label
            )
        )
    points = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in enumerate(series.values))
    parts.append(
        Html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
        ).format(points, LINE)
    )
    if highlight is not None and 0 < highlight < count:
        a, b = highlight - 1, highlight
        parts.append(
            Html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3" stroke-linecap="round"/>').format(
                _n(x(a)), _n(y(series.values[a])), _n(x(b)), _n(y(series.values[b])), HIGHLIGHT
            )
        )
    for index, value in enumerate(series.values):
        colour = HIGHLIGHT if highlight is not None and index == highlight else LINE
        parts.append(Html('<circle cx="{}" cy="{}" r="2.2" fill="{}"/>').format(_n(x(index)), _n(y(value)), colour))
    end = series.values[-1]
    label_y = y(end) - 5 if y(end) - 5 > TOP + 8 else y(end) + 12
    parts.append(
        Html('<text x="{}" y="{}" text-anchor="end" font-weight="bold" fill="{}">{}</text>').format(
            _n(x(count - 1)), _n(label_y), LINE, series.shown(end)
        )
    )
    parts.append(Html("</svg>"))
    return Html().join(parts)
