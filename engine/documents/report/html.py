"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script.

It reads well in a browser and prints well (A4, a page break before each major section).
Every piece of text is escaped with `html.escape`: scenario files and journals are untrusted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from engine.documents.kit.text import Block, BulletList, Heading, Paragraph, Span, blocks
from engine.documents.report import phrases as say
from engine.documents.report.model import ChangeLine, KeyMoment, LogLine, Report, Series, TurnReport, direction
from engine.documents.report.svg import line_chart
from engine.prose.events import signed

STYLE = """
:root {
  --ink: #1d2433; --muted: #5b6573; --rule: #d9dee5; --paper: #ffffff; --wash: #f5f7fa; --accent: #1d4f7c;
  --good: #136c36; --good-bg: #e8f5ec; --warning: #8a5a00; --warning-bg: #fdf3dc;
  --critical: #a2281d; --critical-bg: #fceae8; --neutral: #3b4556; --neutral-bg: #eef1f5;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page { max-width: 64rem; margin: 0 auto; padding: 2.5rem 2.5rem 4rem; background: var(--paper); }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.2rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.25rem; }
h3 { font-size: 1.15rem; }
h4 { font-size: 1rem; margin: 0.2em 0 0.3em; }
p { margin: 0.5em 0; }
a { color: var(--accent); }
.kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.8rem; color: var(--muted); margin: 0; }
.summary { font-size: 1.1rem; color: var(--muted); max-width: 48rem; }
.muted { color: var(--muted); }
.small { font-size: 0.85rem; }
.notice { border-left: 4px solid var(--warning); background: var(--warning-bg); padding: 0.6rem 0.9rem; margin: 1rem 0; }
.outcome { border-left: 6px solid; padding: 0.8rem 1.1rem; margin: 1.2rem 0; border-radius: 0 6px 6px 0; }
.outcome .title { font-size: 1.3rem; font-weight: 700; }
.tone-good { border-color: var(--good); background: var(--good-bg); }
.tone-warning { border-color: var(--warning); background: var(--warning-bg); }
.tone-critical { border-color: var(--critical); background: var(--critical-bg); }
.tone-neutral { border-color: var(--neutral); background: var(--neutral-bg); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.2rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.55rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
.values td, .values th { padding: 0.25rem 0.35rem; font-size: 0.82rem; }
.badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 999px; font-size: 0.75rem; font-weight: 600;
  background: var(--neutral-bg); color: var(--neutral); white-space: nowrap; }
.badge.met { background: var(--good-bg); color: var(--good); }
.badge.missed { background: var(--critical-bg); color: var(--critical); }
.badge.facilitator { background: #efe7fb; color: #553a8c; }
.badge.category { background: #e4edf7; color: var(--accent); text-transform: uppercase; letter-spacing: 0.05em; }
.meter { height: 0.45rem; background: var(--neutral-bg); border-radius: 999px; overflow: hidden; margin: 0.2rem 0 0.6rem; }
.meter span { display: block; height: 100%; background: var(--accent); }
.good { color: var(--good); }
.bad { color: var(--critical); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 1rem 1.4rem; }
figure.chart { margin: 0; padding: 0.6rem 0.7rem 0.5rem; border: 1px solid var(--rule); border-radius: 6px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { font-size: 0.88rem; margin-bottom: 0.3rem; }
figure.chart figcaption strong { font-size: 0.95rem; }
figure.chart .desc { font-size: 0.78rem; color: var(--muted); margin: 0.25rem 0 0; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 2rem; }
ul.notes { padding-left: 1.1rem; }
ul.notes li { margin: 0.35rem 0; }
.turn-index { display: flex; flex-wrap: wrap; gap: 0.3rem 0.5rem; padding: 0; list-style: none; font-size: 0.88rem; }
.turn-index a { display: inline-block; padding: 0.1rem 0.5rem; border: 1px solid var(--rule); border-radius: 4px;
  text-decoration: none; }
article.turn { border-top: 1px solid var(--rule); padding-top: 0.4rem; margin-top: 1.6rem; }
article.turn > h3 { margin-top: 0.6rem; }
.shock { border: 1px solid var(--rule); border-left: 5px solid var(--accent); border-radius: 0 6px 6px 0;
  padding: 0.6rem 0.9rem; margin: 0.7rem 0; background: #fbfcfd; }
.shock.injected { border-left-color: #6b4fa3; }
.shock .narrative { font-family: Georgia, "Iowan Old Style", "Times New Roman", serif; font-size: 1rem; }
.shock dl { margin: 0.5rem 0 0; font-size: 0.88rem; }
.shock dt { font-weight: 600; color: var(--muted); }
.shock dd { margin: 0 0 0.3rem; }
.label { font-weight: 600; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
  margin: 0.9rem 0 0.3rem; }
table.decisions th { width: 11rem; }
table.decisions .who { display: block; font-weight: 400; font-size: 0.8rem; color: var(--muted); }
ul.orders { margin: 0; padding-left: 1.1rem; }
ul.log, ul.plain { margin: 0.2rem 0; padding-left: 1.1rem; }
ul.joint { margin: 0; padding-left: 1.1rem; }
ul.log { font-size: 0.88rem; }
ul.log li { margin: 0.15rem 0; }
ul.log .cause { font-weight: 600; }
ul.log .good, ul.log .bad, ul.log .chg, .net .good, .net .bad, .net .chg { white-space: nowrap; }
ul.log li.by-facilitator { background: #f4effc; }
ul.log li.narrated { font-style: italic; list-style: none; margin-left: -1.1rem; color: var(--neutral); }
.facilitator-box { background: #f4effc; border-left: 4px solid #6b4fa3; padding: 0.4rem 0.8rem; margin: 0.7rem 0; }
.net { font-size: 0.88rem; }
.ending { font-weight: 700; padding: 0.5rem 0.8rem; border-left: 5px solid; margin: 0.8rem 0; }
table.plan { table-layout: fixed; }
table.plan th:nth-child(1) { width: 2.2rem; }
table.plan th:nth-child(2) { width: 32%; }
table.plan th:nth-child(3) { width: 7.5rem; }
table.plan th:nth-child(5) { width: 12%; }
table.plan th:nth-child(6) { width: 10%; }
table.plan td.fill { border: 1px solid var(--rule); height: 3.2rem; }
.tag { font-weight: 600; }
.briefing { max-width: 46rem; }
.briefing h3 { font-size: 1.1rem; }
footer { margin-top: 3rem; font-size: 0.8rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 0.6rem; }
nav.toc ol { columns: 2; padding-left: 1.2rem; }
@media (max-width: 40rem) { .page { padding: 1.2rem; } dl.facts { grid-template-columns: 1fr; } nav.toc ol { columns: 1; } }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { background: none; font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section.major { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  .shock, figure.chart, tr, .outcome, .facilitator-box, .ending, .meter { break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; gap: 0.6rem 0.8rem; }
  figure.chart { padding: 0.4rem 0.5rem; }
  article.turn > h3 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

SECTIONS = (
    ("overview", "Overview"),
    ("objectives", "Objectives met and missed"),
    ("key-moments", "Key moments"),
    ("variables", "Variables over time"),
    ("notes", "Strengths and areas for improvement"),
    ("timeline", "Timeline"),
    ("improvement-plan", "Improvement plan"),
    ("session-record", "Session record"),
    ("briefing", "Appendix: the scenario briefing"),
)


def e(text: str) -> str:
    """Escape untrusted text for HTML (text and attribute values alike)."""
    return escape(text, quote=True)


def _spans(spans: Sequence[Span]) -> str:
    out = []
    for span in spans:
        if span.style == "bold":
            out.append(f"<strong>{e(span.text)}</strong>")
        elif span.style == "italic":
            out.append(f"<em>{e(span.text)}</em>")
        else:
            out.append(e(span.text))
    return "".join(out)


def html_blocks(items: Iterable[Block], *, shift: int = 0) -> str:
    """Blocks as HTML paragraphs, headings and lists (headings ``shift`` levels deeper, at most level 6)."""
    out = []
    for block in items:
        if isinstance(block, Heading):
            level = min(6, block.level + shift)
            out.append(f"<h{level}>{_spans(block.spans)}</h{level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_spans(block.spans)}</p>")
        elif isinstance(block, BulletList):
            out.append("<ul>" + "".join(f"<li>{_spans(item)}</li>" for item in block.items) + "</ul>")
    return "\n".join(out)


def _change_class(direction: str) -> str:
    return {"good": "good", "bad": "bad"}.get(direction, "chg")


def _span(text: str, css: str) -> str:
    return f'<span class="{css}">{e(text)}</span>' if css else e(text)


def html_table(head: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]], *, css: str = "") -> str:
    """A table; ``head`` holds (escaped title, cell class); cells must already be HTML."""
    classes = [cls for _, cls in head]
    out = [f'<table class="{css}">' if css else "<table>", "<thead><tr>"]
    out += [f'<th class="{cls}">{title}</th>' if cls else f"<th>{title}</th>" for title, cls in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(
            "<tr>"
            + "".join(
                f'<td class="{cls}">{cell}</td>' if cls else f"<td>{cell}</td>" for cell, cls in zip(row, classes, strict=True)
            )
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    overview = report.overview
    return html_page(
        title=f"After-action report: {overview.title}",
        generator=overview.reporter,
        style=STYLE,
        cover=_cover(report),
        contents=[(anchor, title) for anchor, title in SECTIONS if _has(report, anchor)],
        main=[
            _overview(report),
            _objectives(report),
            _key_moments(report),
            _variables(report),
            _notes(report),
            _timeline(report),
            _plan(report),
            _record(report),
            _briefing(report),
        ],
        footer=f"Written by whitecell {e(overview.reporter)} from the journal of a session created "
        f"{e(say.created_text(overview.created))}. Scenario <code>{e(overview.scenario_id)}</code>"
        + (f", version {e(overview.version)}" if overview.version else "")
        + f"; seed {overview.seed}.",
    )


def html_page(
    *, title: str, generator: str, style: str, cover: str, contents: Sequence[tuple[str, str]], main: Sequence[str], footer: str
) -> str:
    """One self-contained page that prints well (the report's and the briefing book's).

    ``contents`` lists (anchor, title) for the table of contents; ``cover``, each part of ``main``
    (an empty one is left out) and ``footer`` must already be HTML.
    """
    toc = "".join(f'<li><a href="#{anchor}">{e(name)}</a></li>' for anchor, name in contents)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="whitecell {e(generator)}">',
        f"<title>{e(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        '<div class="page">',
        cover,
        f'<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{toc}</ol></nav>',
        "<main>",
        *main,
        "</main>",
        f"<footer>{footer}</footer>",
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def html_section(anchor: str, title: str, body: str, *, major: bool = True) -> str:
    """A section the table of contents links to by its anchor."""
    css = ' class="major"' if major else ""
    return f'<section id="{anchor}"{css}>\n<h2>{e(title)}</h2>\n{body}\n</section>'


def _has(report: Report, anchor: str) -> bool:
    return anchor != "briefing" or bool(report.briefing.strip())


def _section(anchor: str, body: str, *, major: bool = True) -> str:
    return html_section(anchor, dict(SECTIONS)[anchor], body, major=major)


def _cover(report: Report) -> str:
    overview = report.overview
    out = ["<header>", '<p class="kicker">After-action report</p>', f"<h1>{e(overview.title)}</h1>"]
    if overview.summary:
        out.append(f'<p class="summary">{e(overview.summary)}</p>')
    out += [f'<p class="notice"><strong>Note:</strong> {e(notice)}</p>' for notice in report.notices]
    if overview.outcome is not None:
        outcome = overview.outcome
        out.append(
            f'<div class="outcome tone-{e(outcome.tone)}"><p class="kicker">Outcome</p>'
            f'<p class="title">{e(outcome.title)}</p><p class="muted">The game ended {e(outcome.reason)}.</p>'
            + (f"<p>{e(outcome.description)}</p>" if outcome.description else "")
            + "</div>"
        )
    else:
        out.append(
            '<div class="outcome tone-neutral"><p class="kicker">Outcome</p><p class="title">Not decided</p>'
            f'<p class="muted">The game had not ended: {e(say.played_text(overview))}.</p></div>'
        )
    out.append("</header>")
    return "\n".join(out)


def _overview(report: Report) -> str:
    overview = report.overview
    scenario = f'{e(overview.title)} <span class="muted">(<code>{e(overview.scenario_id)}</code>'
    scenario += f", version {e(overview.version)})</span>" if overview.version else ")</span>"
    facts = [("Scenario", scenario)]
    if overview.author:
        facts.append(("Author", e(overview.author)))
    facts += [
        ("Exercise date", f'{e(say.created_text(overview.created))} <span class="muted">(when the journal was created)</span>'),
        ("Seed", str(overview.seed)),
        ("Played", e(say.played_text(overview))),
    ]
    if overview.timer_minutes:
        facts.append(("Decision timer", e(say.plural(overview.timer_minutes, "minute"))))
    if overview.forked_from:
        facts.append(("Forked from", e(overview.forked_from)))
    facts.append(("Journal written by", f"whitecell {e(overview.engine)}"))
    body = ['<dl class="facts">', *(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts), "</dl>"]
    body.append("<h3>Teams</h3>")
    body.append(
        html_table(
            [("Team", ""), ("Played by", ""), ("Score", "num"), ("Objectives met", "num")],
            [
                (f"<strong>{e(team.name)}</strong>", e(team.played_by), e(say.score_text(team)), e(say.met_text(team)))
                for team in overview.teams
            ],
        )
    )
    return _section("overview", "\n".join(body), major=False)


def _objectives(report: Report) -> str:
    body = []
    if not report.overview.ended:
        body.append('<p class="muted">The game had not ended: objectives judged at the end are shown as things stood.</p>')
    for role in report.objectives:
        share = 100 * role.score // role.max_score if role.max_score else 0
        body.append(f'<h3>{e(role.name)} <span class="muted">· {role.score} of {role.max_score} points</span></h3>')
        body.append(f'<div class="meter" role="presentation"><span style="width: {share}%"></span></div>')
        if not role.objectives:
            body.append('<p class="muted">This team had no objectives.</p>')
            continue
        body.append(
            html_table(
                [("Result", "nowrap"), ("Objective", ""), ("Judged", "nowrap"), ("Weight", "num")],
                [
                    (
                        '<span class="badge met">✓ Met</span>' if item.met else '<span class="badge missed">✗ Missed</span>',
                        e(item.description),
                        e(item.check),
                        str(item.weight),
                    )
                    for item in role.objectives
                ],
            )
        )
    return _section("objectives", "\n".join(body))


def _swing(moment: KeyMoment) -> str:
    return _span(say.swing_text(moment), _change_class(moment.direction))


def _key_moments(report: Report) -> str:
    if not report.key_moments:
        return _section("key-moments", '<p class="muted">No variable moved during the game.</p>')
    rows = []
    for moment in report.key_moments:
        causes = [f"<li>{_span(say.contribution_text(item), '')}</li>" for item in moment.causes]
        if moment.others:
            causes.append(f'<li class="muted">{e(say.others_text(moment.others))}</li>')
        rows.append(
            (
                f'<a href="#var-{e(moment.variable)}">{e(moment.label)}</a>',
                f'<a href="#turn-{moment.turn}">{e(moment.turn_name)}</a>',
                f"<strong>{_swing(moment)}</strong>",
                '<ul class="plain">' + "".join(causes) + "</ul>",
            )
        )
    intro = (
        '<p class="muted">The largest single-turn swing of each variable, largest first, with the causes that moved it most.</p>'
    )
    table = html_table([("Variable", ""), ("When", "nowrap"), ("Swing", "nowrap"), ("Main causes", "")], rows)
    return _section("key-moments", intro + table)


def _chart(report: Report, series: Series) -> str:
    highlight = next((moment.point for moment in report.key_moments if moment.variable == series.id), None)
    change = series.end - series.start
    band = series.band_at(series.end)
    title = (
        f"{series.label}: {series.start} at the start, {series.end} at the end ({signed(change)})"
        + (f", in the {band.label} band" if band else "")
        + f"; lowest {min(series.values)}, highest {max(series.values)}."
    )
    badge = (
        '<span class="badge facilitator">facilitator only during play</span>'
        if series.facilitator_only
        else (f'<span class="badge">{e(series.visibility)} during play</span>' if series.visibility != "everyone" else "")
    )
    delta_class = _change_class(direction(series.polarity, change))
    caption = (
        f"<figcaption><strong>{e(series.label)}</strong> {badge}<br>"
        f'<span class="muted">{series.start} → </span>{_span(f"{series.end} ({signed(change)})", delta_class)}'
        + (f'<span class="muted"> · ends {e(band.label)}</span>' if band else "")
        + "</figcaption>"
    )
    desc = f'<p class="desc">{e(series.description)}</p>' if series.description else ""
    chart = line_chart(series, report.point_labels, title=title, highlight=highlight)
    return f'<figure class="chart" id="var-{e(series.id)}">{caption}{chart}{desc}</figure>'


def _variables(report: Report) -> str:
    label = report.overview.turn_label
    intro = (
        f'<p class="muted">Each variable at the start and at the end of every {e(label.lower())}, on its full scale with its '
        "bands shaded. The orange segment marks its largest single-turn swing. Variables marked "
        "<em>facilitator only</em> were hidden from the teams during play.</p>"
    )
    charts = '<div class="charts">' + "".join(_chart(report, series) for series in report.series) + "</div>"
    head = [("Variable", ""), *((e(point), "num") for point in report.point_labels), ("End band", "")]
    rows = []
    for series in report.series:
        band = series.band_at(series.end)
        rows.append((e(series.label), *(str(value) for value in series.values), e(band.label) if band else ""))
    values = f"<h3>Values by {e(label.lower())}</h3>" + html_table(head, rows, css="values")
    return _section("variables", intro + charts + values)


def _notes(report: Report) -> str:
    groups = []
    for tag, title in say.TAG_TITLES.items():
        notes = report.notes_tagged(tag)
        if notes:
            items = "".join(
                f'<li>{e(note.text)} <span class="muted small">({e(say.note_when(note))})</span></li>' for note in notes
            )
            groups.append(f'<div><h3>{e(title)}</h3><ul class="notes">{items}</ul></div>')
        else:
            groups.append(f'<div><h3>{e(title)}</h3><p class="muted">{e(say.TAG_EMPTY[tag])}</p></div>')
    return _section("notes", '<div class="columns">' + "".join(groups) + "</div>")


def _timeline(report: Report) -> str:
    index = (
        '<ul class="turn-index">'
        + "".join(f'<li><a href="#turn-{turn.number}">{e(turn.name)}</a></li>' for turn in report.turns)
        + "</ul>"
    )
    return _section("timeline", index + "\n".join(_turn(report, turn) for turn in report.turns))


def _turn(report: Report, turn: TurnReport) -> str:
    out = [f'<article class="turn" id="turn-{turn.number}">', f"<h3>{e(turn.heading)}</h3>"]
    for shock in turn.shocks:
        meta = f'<span class="badge category">{e(shock.category)}</span>'
        if shock.why:
            meta += " " + e(("injected by the " if shock.injected else "set off by ") + shock.why)
        details = []
        if shock.source:
            details.append(f"<dt>Source</dt><dd>{e(shock.source)}</dd>")
        if shock.expected_response:
            details.append(f"<dt>Expected response</dt><dd>{e(shock.expected_response)}</dd>")
        if shock.expected_actions:
            items = "".join(
                f'<li>{e(item.label)} <span class="{"good" if item.taken_by else "muted"}">'
                f"({e(say.expected_status(item))})</span></li>"
                for item in shock.expected_actions
            )
            details.append(f'<dt>Expected actions</dt><dd><ul class="plain">{items}</ul></dd>')
        out.append(
            f'<div class="shock{" injected" if shock.injected else ""}"><p class="small">{meta}</p>'
            f"<h4>{e(shock.title)}</h4>"
            f'<div class="narrative">{html_blocks(blocks(shock.narrative))}</div>'
            + (f"<dl>{''.join(details)}</dl>" if details else "")
            + "</div>"
        )
    if turn.decisions:
        out.append(f'<p class="label">{"Decisions" if turn.resolved else "Orders waiting to be resolved"}</p>')
        rows = []
        for decision in turn.decisions:
            if not decision.submitted:
                orders = '<span class="muted">no orders</span>'
            elif not decision.actions:
                orders = '<span class="muted">no action</span>'
            else:
                orders = '<ul class="orders">' + "".join(f"<li>{e(label)}</li>" for label in decision.actions) + "</ul>"
            who = f'<span class="who">{e(decision.played_by)}</span>'
            rows.append(f'<tr><th scope="row">{e(decision.name)}{who}</th><td>{orders}</td></tr>')
        if turn.joint:
            joint = "".join(f"<li>{e(line)}</li>" for line in turn.joint)
            rows.append(f'<tr><th scope="row">Joint actions</th><td><ul class="joint">{joint}</ul></td></tr>')
        out.append('<table class="decisions"><tbody>' + "".join(rows) + "</tbody></table>")
    elif not turn.resolved:
        out.append('<p class="muted">This turn was not resolved.</p>')
    if turn.facilitator:
        items = "".join(f"<li>{e(line)}</li>" for line in turn.facilitator)
        out.append(f'<div class="facilitator-box"><p class="label">Facilitator</p><ul class="plain">{items}</ul></div>')
    if turn.log:
        out.append('<p class="label">What changed and why</p>')
        lines = []
        for entry in turn.log:
            if isinstance(entry, ChangeLine):
                changes = "; ".join(_span(change.text, _change_class(change.direction)) for change in entry.changes)
                css = ' class="by-facilitator"' if entry.facilitator else ""
                lines.append(f'<li{css}><span class="cause">{e(say.cause_lead(entry.cause))}</span>: {changes}</li>')
            elif isinstance(entry, LogLine) and entry.kind == "narrated":
                lines.append(f'<li class="narrated">{e(entry.text)}</li>')
            else:
                lines.append(f"<li>{e(entry.text)}</li>")
        out.append('<ul class="log">' + "".join(lines) + "</ul>")
    if turn.notes:
        out.append('<p class="label">Notes</p>')
        items = "".join(
            f'<li><span class="tag">{e(say.TAG_NAMES[note.tag].capitalize())}'
            f"{' (after the game ended)' if note.after_end else ''}:</span> {e(note.text)}</li>"
            for note in turn.notes
        )
        out.append(f'<ul class="notes">{items}</ul>')
    if turn.net:
        label = e(report.overview.turn_label.lower())
        chips = " · ".join(_span(item.text, _change_class(item.direction)) for item in turn.net)
        out.append(f'<p class="net"><strong>Net change this {label}:</strong> {chips}</p>')
    if turn.ending:
        tone = report.overview.outcome.tone if report.overview.outcome else "neutral"
        out.append(f'<p class="ending tone-{e(tone)}">{e(turn.ending)}</p>')
    out.append("</article>")
    return "\n".join(out)


def _plan(report: Report) -> str:
    if not report.plan:
        return _section("improvement-plan", '<p class="muted">No areas for improvement were noted, so the plan is empty.</p>')
    intro = (
        '<p class="muted">One row for each area for improvement noted during the exercise. The corrective action, '
        "owner and due date are left blank for the facilitator to fill in.</p>"
    )
    table = html_table(
        [
            ("#", "num"),
            ("Issue (from the notes)", ""),
            ("Noted", ""),
            ("Corrective action", "fill"),
            ("Owner", "fill"),
            ("Due", "fill"),
        ],
        [(str(row.number), e(row.issue), e(row.turn_name), e(row.action), e(row.owner), e(row.due)) for row in report.plan],
        css="plan",
    )
    return _section("improvement-plan", intro + table)


def _record(report: Report) -> str:
    record = report.record
    body = [f"<p>{e(say.record_summary(record))}</p>", f"<p>Notes taken: {e(say.notes_summary(record))}.</p>"]
    if record.ended_by_facilitator is not None:
        body.append(f"<p>The facilitator ended the exercise early: {e(record.ended_by_facilitator)}</p>")
    body.append("<h3>Facilitator overrides</h3>")
    if record.overrides:
        body.append(
            html_table(
                [("When", ""), ("Variable", ""), ("Change", ""), ("Reason", "")],
                [
                    (e(item.turn_name), e(item.variable), e(f"{item.before} → {item.after}"), e(item.reason))
                    for item in record.overrides
                ],
            )
        )
    else:
        body.append('<p class="muted">None: the facilitator did not adjust any variable.</p>')
    body.append("<h3>Injected shocks</h3>")
    if record.injections:
        body.append(
            html_table(
                [("When", ""), ("Shock", ""), ("Reason", "")],
                [
                    (e(item.turn_name), e(item.shock), e(item.reason) or '<span class="muted">no reason given</span>')
                    for item in record.injections
                ],
            )
        )
    else:
        body.append('<p class="muted">None: every shock came from the scenario\'s own triggers and follow-ups.</p>')
    return _section("session-record", "\n".join(body))


def _briefing(report: Report) -> str:
    if not report.briefing.strip():
        return ""
    return _section("briefing", f'<div class="briefing">{html_blocks(blocks(report.briefing), shift=2)}</div>')
