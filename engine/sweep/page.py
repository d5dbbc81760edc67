"""A sweep as one self-contained HTML page: charts of outcome shares and scores against each setting.

For every varied number there are two charts: the share of games ending in each outcome, and
each role's mean score, against that number's values, averaged over the other numbers'
settings (every setting plays the same number of games, so the average is of equal parts). The
table below has every setting. Plain inline SVG, no script; titles and labels come from the
scenario and are escaped by the document kit's `Html` type.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.core.nouns import counted
from engine.documents.kit.html import Html, html_page, html_section, html_table
from engine.sweep.run import Sweep
from engine.sweep.vary import Number
from engine.version import __version__

WIDTH, HEIGHT = 420, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 10, 34
COLOURS = ("#1d4f7c", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a", "#e67700", "#0b7285", "#5c940d", "#495057", "#a61e4d")
AXIS = "#8a94a3"


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _label(value: Number) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def chart(xs: Sequence[Number], lines: Sequence[tuple[str, Sequence[float]]], *, low: float, high: float, title: str) -> Html:
    """Lines over the varied values (evenly spaced, as the values were asked for), y from low to high."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = high - low or 1.0

    def x(n: int) -> float:
        return LEFT + (plot_w * n / (len(xs) - 1) if len(xs) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / span)

    out = [
        Html('<svg viewBox="0 0 {} {}" role="img" aria-label="{}">').format(WIDTH, HEIGHT, title),
        Html("<title>{}</title>").format(title),
        Html('<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}"/>').format(LEFT, _n(TOP + plot_h), WIDTH - RIGHT, AXIS),
    ]
    for value in (low, (low + high) / 2, high):
        out.append(
            Html('<text x="{}" y="{}" font-size="10" text-anchor="end" fill="{}">{}</text>').format(
                LEFT - 4, _n(y(value) + 3), AXIS, f"{value:g}"
            )
        )
    for n, value in enumerate(xs):
        out.append(
            Html('<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{}</text>').format(
                _n(x(n)), HEIGHT - BOTTOM + 14, AXIS, _label(value)
            )
        )
    for (name, values), colour in zip(lines, _colours(len(lines)), strict=True):
        points = " ".join(f"{_n(x(n))},{_n(y(value))}" for n, value in enumerate(values))
        out.append(
            Html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"><title>{}</title></polyline>').format(
                points, colour, name
            )
        )
        for n, value in enumerate(values):
            out.append(Html('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>').format(_n(x(n)), _n(y(value)), colour))
    out.append(Html("</svg>"))
    return Html("").join(out)


def _colours(count: int) -> list[str]:
    return [COLOURS[n % len(COLOURS)] for n in range(count)]


def _legend(names: Sequence[str]) -> Html:
    items = (
        Html('<span style="color:{}">&#9632;</span> {}').format(colour, name)
        for name, colour in zip(names, _colours(len(names)), strict=True)
    )
    return Html('<p class="desc">{}</p>').format(Html(" &#160; ").join(items))


def _averages(sweep: Sweep, k: int) -> tuple[list[Number], list[list[float]], list[list[float]]]:
    """Per value of the k-th varied number: each outcome's share (%) and each role's mean score, averaged."""
    scenario = sweep.scenario
    values = list(sweep.varies[k].values)
    shares: list[list[float]] = []
    scores: list[list[float]] = []
    for value in values:
        rows = [row for row in sweep.rows if row.setting.values[k] == value]
        if not rows:
            break
        games = sum(row.report.games for row in rows)
        shares.append([100 * sum(row.report.outcomes[o.id] for row in rows) / games for o in scenario.outcomes])
        scores.append([sum(row.report.scores[r.id].mean for row in rows) / len(rows) for r in scenario.roles])
    return values[: len(shares)], shares, scores


def _figure(title: str, svg: Html, legend: Html) -> Html:
    return Html('<figure class="chart"><figcaption><strong>{}</strong></figcaption>{}{}</figure>').format(title, svg, legend)


def sweep_html(sweep: Sweep) -> str:
    """The whole page, as text."""
    scenario = sweep.scenario
    outcomes = [outcome.title for outcome in scenario.outcomes]
    roles = [role.name for role in scenario.roles]
    figures = []
    for k, vary in enumerate(sweep.varies):
        xs, shares, scores = _averages(sweep, k)
        if not xs:
            continue
        lines = [(name, [row[n] for row in shares]) for n, name in enumerate(outcomes)]
        title = f"Outcomes against {vary.path}"
        figures.append(_figure(title, chart(xs, lines, low=0, high=100, title=title + " (% of games)"), _legend(outcomes)))
        score_lines = [(name, [row[n] for row in scores]) for n, name in enumerate(roles)]
        top = max(1.0, *(value for _, values in score_lines for value in values))
        title = f"Mean scores against {vary.path}"
        figures.append(_figure(title, chart(xs, score_lines, low=0, high=top, title=title), _legend(roles)))
    head = [(path, "num") for path in (vary.path for vary in sweep.varies)]
    head += [(f"{title} %", "num") for title in outcomes] + [(f"{name} score", "num") for name in roles] + [("length", "num")]
    rows = [
        [
            *(_label(value) for value in row.setting.values),
            *(f"{100 * row.report.outcomes[o.id] / row.report.games:.1f}" for o in scenario.outcomes),
            *(f"{row.report.scores[r.id].mean:g}" for r in scenario.roles),
            f"{row.report.turns.mean:g}",
        ]
        for row in sweep.rows
    ]
    note = (
        f"{counted(len(sweep.rows), 'setting')} of {counted(sweep.games, 'game')} each, seed {sweep.seed}; "
        + ", ".join(f"{role}: {bot}" for role, bot in sweep.policies.items())
        + ". Each chart averages over the other varied numbers' settings."
    )
    page = html_page(
        title=f"Sweep: {scenario.title}",
        generator=__version__,
        styles=["report.css"],
        cover=Html('<header class="cover"><h1>{}</h1><p>{}</p></header>').format(f"Sweep: {scenario.title}", note),
        contents=[("charts", "Charts"), ("settings", "Every setting")],
        main=[
            html_section("charts", "Charts", Html('<div class="charts">{}</div>').format(Html("\n").join(figures))),
            html_section("settings", "Every setting", html_table(head, rows), major=False),
        ],
        footer=f"whitecell {__version__} sweep of {scenario.id}",
    )
    return str(page)
