"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script.

It reads well in a browser and prints well (A4, a page break before each major section).
Scenario files and journals are untrusted, so their text reaches the page only as arguments of
the kit's `Html` templates, which escape it once; only the templates themselves are markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.documents.kit.html import Html, Text, html_blocks, html_page, html_section, html_table
from engine.documents.kit.text import blocks
from engine.documents.report import phrases as say
from engine.documents.report.actor_moves import actor_moves_html
from engine.documents.report.evaluation_render import evaluation_section, section_title
from engine.documents.report.free_moves import free_moves_html
from engine.documents.report.model import ChangeLine, KeyMoment, LogLine, Report, Series, SessionRecord, TurnReport, direction
from engine.documents.report.svg import line_chart
from engine.documents.report.written_injects import written_injects_html
from engine.prose.values import signed

STYLES = ("report.css",)

SECTIONS = (
    ("overview", "Overview"),
    ("objectives", "Objectives met and missed"),
    ("key-moments", "Key moments"),
    ("variables", "Variables over time"),
    ("notes", "Strengths and areas for improvement"),
    ("evaluation", "Evaluation of the exercise objectives"),
    ("timeline", "Timeline"),
    ("free-moves", "Free-form moves"),
    ("written-injects", "Injects written at the table"),
    ("actor-moves", "Moves of the white cell's actors"),
    ("improvement-plan", "Improvement plan"),
    ("session-record", "Session record"),
    ("briefing", "Appendix: the scenario briefing"),
    ("team-briefings", "Appendix: the teams' private briefings"),
)

WHITE_CELL_SECTIONS = frozenset({"notes", "improvement-plan", "session-record"})
"""The sections only the white cell's report has (an edition leaves them out)."""

MET = Html('<span class="badge met">✓ Met</span>')
MISSED = Html('<span class="badge missed">✗ Missed</span>')
NO_REASON = Html('<span class="muted">no reason given</span>')


def _change_class(direction: str) -> str:
    return {"good": "good", "bad": "bad"}.get(direction, "chg")


def _span(text: str, css: str) -> Text:
    return Html('<span class="{}">{}</span>').format(css, text) if css else text


def _items(texts: Iterable[Text]) -> Html:
    """List items, one for each text."""
    return Html().join(Html("<li>{}</li>").format(text) for text in texts)


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    overview = report.overview
    version = Html(", version {}").format(overview.version) if overview.version else ""
    seed = Html("; seed {}").format(overview.seed) if overview.seed is not None else ""
    footer = Html("Written by whitecell {} from the journal of a session created {}. Scenario <code>{}</code>{}{}.")
    page = html_page(
        title=f"After-action report: {overview.title}",
        generator=overview.reporter,
        styles=STYLES,
        cover=_cover(report),
        contents=[(anchor, section_title(report.evaluation, anchor, name)) for anchor, name in SECTIONS if _has(report, anchor)],
        main=[
            _overview(report),
            _objectives(report),
            _key_moments(report),
            _variables(report),
            _notes(report) if report.edition is None else Html(),
            evaluation_section(report.evaluation),
            _timeline(report),
            _section("free-moves", free_moves_html(report.free_moves)) if report.free_moves else Html(),
            _section("written-injects", written_injects_html(report.written_injects)) if report.written_injects else Html(),
            _section("actor-moves", actor_moves_html(report.actor_moves)) if report.actor_moves else Html(),
            _plan(report) if report.record is not None else Html(),
            _record(report.record) if report.record is not None else Html(),
            _briefing(report),
            _team_briefings(report),
        ],
        footer=footer.format(overview.reporter, say.created_text(overview.created), overview.scenario_id, version, seed),
    )
    return str(page)


def _has(report: Report, anchor: str) -> bool:
    if anchor in WHITE_CELL_SECTIONS:
        return report.edition is None
    if anchor == "briefing":
        return bool(report.briefing.strip())
    if anchor == "free-moves":
        return bool(report.free_moves)
    if anchor == "evaluation":
        return bool(report.evaluation)
    if anchor in ("written-injects", "actor-moves"):
        return bool(report.written_injects if anchor == "written-injects" else report.actor_moves)
    return anchor != "team-briefings" or bool(report.team_briefings)


def _section(anchor: str, body: Text, *, major: bool = True) -> Html:
    return html_section(anchor, dict(SECTIONS)[anchor], body, major=major)


def _cover(report: Report) -> Html:
    overview = report.overview
    out = [Html("<header>"), Html('<p class="kicker">After-action report</p>'), Html("<h1>{}</h1>").format(overview.title)]
    if overview.summary:
        out.append(Html('<p class="summary">{}</p>').format(overview.summary))
    if report.edition is not None:
        out.append(Html('<p class="notice"><strong>{}.</strong> {}</p>').format(report.edition.title, report.edition.text))
    out += [Html('<p class="notice"><strong>Note:</strong> {}</p>').format(notice) for notice in report.notices]
    if overview.outcome is not None:
        outcome = overview.outcome
        description = Html("<p>{}</p>").format(outcome.description) if outcome.description else ""
        out.append(
            Html(
                '<div class="outcome tone-{}"><p class="kicker">Outcome</p><p class="title">{}</p><p class="muted">{}</p>{}</div>'
            ).format(outcome.tone, outcome.title, outcome.reason, description)
        )
    else:
        out.append(
            Html(
                '<div class="outcome tone-neutral"><p class="kicker">Outcome</p><p class="title">Not decided</p>'
                '<p class="muted">The game had not ended: {}.</p></div>'
            ).format(say.played_text(overview))
        )
    out.append(Html("</header>"))
    return Html("\n").join(out)


def _overview(report: Report) -> Html:
    overview = report.overview
    version = Html(", version {}").format(overview.version) if overview.version else ""
    scenario = Html('{} <span class="muted">(<code>{}</code>{})</span>').format(overview.title, overview.scenario_id, version)
    facts: list[tuple[str, Text]] = [("Scenario", scenario)]
    if overview.author:
        facts.append(("Author", overview.author))
    facts += [
        (
            "Exercise date",
            Html('{} <span class="muted">(when the journal was created)</span>').format(say.created_text(overview.created)),
        ),
    ]
    if overview.seed is not None:
        facts.append(("Seed", str(overview.seed)))
    facts += [("Played", say.played_text(overview))]
    if overview.timer_minutes:
        facts.append(("Decision timer", say.plural(overview.timer_minutes, "minute")))
    if overview.forked_from:
        facts.append(("Forked from", overview.forked_from))
    facts.append(("Journal written by", f"whitecell {overview.engine}"))
    body = [
        Html('<dl class="facts">'),
        *(Html("<dt>{}</dt><dd>{}</dd>").format(name, value) for name, value in facts),
        Html("</dl>"),
        Html("<h3>Teams</h3>"),
        html_table(
            [("Team", ""), ("Played by", ""), ("Score", "num"), ("Objectives met", "num")],
            [
                (Html("<strong>{}</strong>").format(team.name), team.played_by, say.score_text(team), say.met_text(team))
                for team in overview.teams
            ],
        ),
    ]
    return _section("overview", Html("\n").join(body), major=False)


def _objectives(report: Report) -> Html:
    body = []
    if not report.overview.ended:
        body.append(Html('<p class="muted">The game had not ended: objectives judged at the end are shown as things stood.</p>'))
    for role in report.objectives:
        share = 100 * role.score // role.max_score if role.max_score else 0
        body.append(Html('<h3>{} <span class="muted">· {}</span></h3>').format(role.name, say.points_text(role)))
        body.append(Html('<div class="meter" role="presentation"><span style="width: {}%"></span></div>').format(share))
        if not role.objectives:
            body.append(Html('<p class="muted">{}</p>').format(say.no_objectives_text(role)))
            continue
        body.append(
            html_table(
                [("Result", "nowrap"), ("Objective", ""), ("Judged", "nowrap"), ("Weight", "num")],
                [(MET if item.met else MISSED, item.description, item.check, str(item.weight)) for item in role.objectives],
            )
        )
    return _section("objectives", Html("\n").join(body))


def _swing(moment: KeyMoment) -> Text:
    return _span(say.swing_text(moment), _change_class(moment.direction))


def _key_moments(report: Report) -> Html:
    if not report.key_moments:
        return _section("key-moments", Html('<p class="muted">No variable moved during the game.</p>'))
    rows = []
    for moment in report.key_moments:
        causes = _items(say.contribution_text(item) for item in moment.causes)
        if moment.others:
            causes += Html('<li class="muted">{}</li>').format(say.others_text(moment.others))
        rows.append(
            (
                Html('<a href="#var-{}">{}</a>').format(moment.variable, moment.label),
                Html('<a href="#turn-{}">{}</a>').format(moment.turn, moment.turn_name),
                Html("<strong>{}</strong>").format(_swing(moment)),
                Html('<ul class="plain">{}</ul>').format(causes),
            )
        )
    intro = Html(
        '<p class="muted">The largest single-turn swing of each variable, largest first, with the causes that moved it most.</p>'
    )
    table = html_table([("Variable", ""), ("When", "nowrap"), ("Swing", "nowrap"), ("Main causes", "")], rows)
    return _section("key-moments", intro + table)


def _chart(report: Report, series: Series) -> Html:
    highlight = next((moment.point for moment in report.key_moments if moment.variable == series.id), None)
    change = series.end - series.start
    band = series.band_at(series.end)
    moved = "" if series.states else f" ({signed(change)})"  # a state's position is no amount
    title = (
        f"{series.label}: {series.shown(series.start)} at the start, {series.shown(series.end)} at the end{moved}"
        + (f", in the {band.label} band" if band else "")
        + f"; lowest {series.shown(min(series.values))}, highest {series.shown(max(series.values))}."
    )
    badge: Text = ""
    if series.facilitator_only:
        badge = Html('<span class="badge facilitator">facilitator only during play</span>')
    elif series.visibility != "everyone":
        badge = Html('<span class="badge">{} during play</span>').format(series.visibility)
    delta = _span(f"{series.shown(series.end)}{moved}", _change_class(direction(series.polarity, change)))
    ends = Html('<span class="muted"> · ends {}</span>').format(band.label) if band else ""
    caption = Html('<figcaption><strong>{}</strong> {}<br><span class="muted">{} → </span>{}{}</figcaption>').format(
        series.label, badge, series.shown(series.start), delta, ends
    )
    desc = Html('<p class="desc">{}</p>').format(series.description) if series.description else ""
    chart = line_chart(series, report.point_labels, title=title, highlight=highlight)
    return Html('<figure class="chart" id="var-{}">{}{}{}</figure>').format(series.id, caption, chart, desc)


def _variables(report: Report) -> Html:
    label = report.overview.turns.word
    intro = Html(
        '<p class="muted">Each variable at the start and at the end of every {}, on its full scale with its '
        "bands shaded. The orange segment marks its largest single-turn swing. Variables marked "
        "<em>facilitator only</em> were hidden from the teams during play.</p>"
    ).format(label)
    charts = Html('<div class="charts">{}</div>').format(Html().join(_chart(report, series) for series in report.series))
    head = [("Variable", ""), *((point, "num") for point in report.point_labels), ("End band", "")]
    rows = []
    for series in report.series:
        band = series.band_at(series.end)
        rows.append((series.label, *(series.shown(value) for value in series.values), band.label if band else ""))
    values = Html("<h3>Values by {}</h3>").format(label) + html_table(head, rows, css="values")
    return _section("variables", intro + charts + values)


def _notes(report: Report) -> Html:
    groups = []
    for tag, title in say.TAG_TITLES.items():
        notes = report.notes_tagged(tag)
        if notes:
            items = Html().join(
                Html('<li>{} <span class="muted small">({})</span></li>').format(note.text, say.note_when(note)) for note in notes
            )
            groups.append(Html('<div><h3>{}</h3><ul class="notes">{}</ul></div>').format(title, items))
        else:
            groups.append(Html('<div><h3>{}</h3><p class="muted">{}</p></div>').format(title, say.TAG_EMPTY[tag]))
    return _section("notes", Html('<div class="columns">{}</div>').format(Html().join(groups)))


def _timeline(report: Report) -> Html:
    links = Html().join(Html('<li><a href="#turn-{}">{}</a></li>').format(turn.number, turn.name) for turn in report.turns)
    index = Html('<ul class="turn-index">{}</ul>').format(links)
    return _section("timeline", index + Html("\n").join(_turn(report, turn) for turn in report.turns))


def _turn(report: Report, turn: TurnReport) -> Html:
    out = [Html('<article class="turn" id="turn-{}">').format(turn.number), Html("<h3>{}</h3>").format(turn.heading)]
    for shock in turn.shocks:
        meta = Html('<span class="badge category">{}</span>').format(shock.category)
        if shock.why:
            meta = Html("{} {}").format(meta, ("injected by the " if shock.injected else "set off by ") + shock.why)
        details = []
        if shock.source:
            details.append(Html("<dt>Source</dt><dd>{}</dd>").format(shock.source))
        if shock.expected_response:
            details.append(Html("<dt>Expected response</dt><dd>{}</dd>").format(shock.expected_response))
        if shock.expected_actions:
            items = Html().join(
                Html('<li>{} <span class="{}">({})</span></li>').format(
                    item.label, "good" if item.taken_by else "muted", say.expected_status(item)
                )
                for item in shock.expected_actions
            )
            details.append(Html('<dt>Expected actions</dt><dd><ul class="plain">{}</ul></dd>').format(items))
        out.append(
            Html('<div class="shock{}"><p class="small">{}</p><h4>{}</h4><div class="narrative">{}</div>{}</div>').format(
                " injected" if shock.injected else "",
                meta,
                shock.title,
                html_blocks(blocks(shock.narrative)),
                Html("<dl>{}</dl>").format(Html().join(details)) if details else "",
            )
        )
    if turn.decisions:
        out.append(Html('<p class="label">{}</p>').format("Decisions" if turn.resolved else "Orders waiting to be resolved"))
        rows = []
        for decision in turn.decisions:
            if not decision.submitted:
                orders = Html('<span class="muted">no orders</span>')
            elif decision.hidden:
                orders = Html('<span class="muted">orders entered (hidden)</span>')
            elif not decision.actions:
                orders = Html('<span class="muted">no action</span>')
            else:
                orders = Html('<ul class="orders">{}</ul>').format(_items(decision.actions))
            rows.append(
                Html('<tr><th scope="row">{}<span class="who">{}</span></th><td>{}</td></tr>').format(
                    decision.name, decision.played_by, orders
                )
            )
        if turn.joint:
            rows.append(
                Html('<tr><th scope="row">Joint actions</th><td><ul class="joint">{}</ul></td></tr>').format(_items(turn.joint))
            )
        out.append(Html('<table class="decisions"><tbody>{}</tbody></table>').format(Html().join(rows)))
    elif not turn.resolved:
        out.append(Html('<p class="muted">This turn was not resolved.</p>'))
    if turn.facilitator:
        out.append(
            Html('<div class="facilitator-box"><p class="label">Facilitator</p><ul class="plain">{}</ul></div>').format(
                _items(turn.facilitator)
            )
        )
    if turn.log:
        out.append(Html('<p class="label">What changed and why</p>'))
        out.append(Html('<ul class="log">{}</ul>').format(Html().join(_log_line(entry) for entry in turn.log)))
    if turn.notes:
        out.append(Html('<p class="label">Notes</p>'))
        items = Html().join(
            Html('<li><span class="tag">{}{}:</span> {}</li>').format(
                say.TAG_NAMES[note.tag].capitalize(), " (after the game ended)" if note.after_end else "", note.text
            )
            for note in turn.notes
        )
        out.append(Html('<ul class="notes">{}</ul>').format(items))
    if turn.net:
        chips = Html(" · ").join(_span(item.text, _change_class(item.direction)) for item in turn.net)
        out.append(Html('<p class="net"><strong>Net change this {}:</strong> {}</p>').format(report.overview.turns.word, chips))
    if turn.ending:
        tone = report.overview.outcome.tone if report.overview.outcome else "neutral"
        out.append(Html('<p class="ending tone-{}">{}</p>').format(tone, turn.ending))
    out.append(Html("</article>"))
    return Html("\n").join(out)


def _log_line(entry: ChangeLine | LogLine) -> Html:
    """One line of what changed and why: the cause and its changes, a narration, or an event."""
    if isinstance(entry, ChangeLine):
        changes = Html("; ").join(_span(change.text, _change_class(change.direction)) for change in entry.changes)
        css = Html(' class="by-facilitator"') if entry.facilitator else ""
        return Html('<li{}><span class="cause">{}</span>: {}</li>').format(css, say.cause_lead(entry.cause), changes)
    if entry.kind == "narrated":
        return Html('<li class="narrated">{}</li>').format(entry.text)
    return Html("<li>{}</li>").format(entry.text)


def _plan(report: Report) -> Html:
    if not report.plan:
        return _section(
            "improvement-plan", Html('<p class="muted">No areas for improvement were noted, so the plan is empty.</p>')
        )
    intro = Html(
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
        [(str(row.number), row.issue, row.turn_name, row.action, row.owner, row.due) for row in report.plan],
        css="plan",
    )
    return _section("improvement-plan", intro + table)


def _record(record: SessionRecord) -> Html:
    body = [
        Html("<p>{}</p>").format(say.record_summary(record)),
        Html("<p>Notes taken: {}.</p>").format(say.notes_summary(record)),
    ]
    if record.ended_by_facilitator is not None:
        body.append(Html("<p>The facilitator ended the exercise early: {}</p>").format(record.ended_by_facilitator))
    body.append(Html("<h3>Facilitator overrides</h3>"))
    if record.overrides:
        body.append(
            html_table(
                [("When", ""), ("Variable", ""), ("Change", ""), ("Reason", "")],
                [(item.turn_name, item.variable, item.moved, item.reason) for item in record.overrides],
            )
        )
    else:
        body.append(Html('<p class="muted">None: the facilitator did not adjust any variable.</p>'))
    body.append(Html("<h3>Injected shocks</h3>"))
    if record.injections:
        body.append(
            html_table(
                [("When", ""), ("Shock", ""), ("Reason", "")],
                [(item.turn_name, item.shock, item.reason or NO_REASON) for item in record.injections],
            )
        )
    else:
        body.append(Html('<p class="muted">None: every shock came from the scenario\'s own triggers and follow-ups.</p>'))
    if record.timing:
        body.append(Html("<h3>Shocks held, released or brought forward</h3>"))
        rows = [(item.turn_name, item.shock, item.what, item.reason) for item in record.timing]
        body.append(html_table([("When", ""), ("Shock", ""), ("What", ""), ("Reason", "")], rows))
    return _section("session-record", Html("\n").join(body))


def _briefing(report: Report) -> Html:
    if not report.briefing.strip():
        return Html()
    return _section("briefing", Html('<div class="briefing">{}</div>').format(html_blocks(blocks(report.briefing), shift=2)))


def _team_briefings(report: Report) -> Html:
    if not report.team_briefings:
        return Html()
    parts = (
        Html('<h3>{}</h3><div class="briefing">{}</div>').format(briefing.name, html_blocks(blocks(briefing.text), shift=3))
        for briefing in report.team_briefings
    )
    return _section("team-briefings", Html("\n").join(parts))
