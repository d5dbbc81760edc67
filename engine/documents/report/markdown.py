"""The report as GitHub-flavoured Markdown: headings, tables, and sparklines for the variables.

Every piece of text from the scenario or the journal goes through the Markdown kit's escaping,
so a note or a narrative cannot add links, HTML or structure of its own to the document.
"""

from __future__ import annotations

from engine.documents.kit.markdown import escape, markdown_blocks, markdown_table
from engine.documents.kit.text import blocks
from engine.documents.report import phrases as say
from engine.documents.report.actor_moves import actor_moves_markdown
from engine.documents.report.evaluation_render import evaluation_markdown
from engine.documents.report.free_moves import free_moves_markdown
from engine.documents.report.model import ChangeLine, LogLine, Report, Series, SessionRecord, TurnReport
from engine.documents.report.written_injects import written_injects_markdown

SPARKS = "▁▂▃▄▅▆▇█"
RESULT = {True: "✅ met", False: "❌ missed"}


def _quote(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return [f"> {line}" if line else ">" for line in lines]


def sparkline(series: Series) -> str:
    """The values as ▁▂▃▄▅▆▇█, scaled to their own range but never to less than a fifth of the
    variable's range, so that a wobble of one point does not look like a swing."""
    values = series.values
    low, high = min(values), max(values)
    least = max(1, (series.max - series.min) // 5)
    if high - low < least:
        middle = (low + high) / 2
        low_f = max(series.min, middle - least / 2)
        high_f = min(series.max, low_f + least)
        low_f = max(series.min, high_f - least)
    else:
        low_f, high_f = float(low), float(high)
    span = max(1e-9, high_f - low_f)
    top = len(SPARKS) - 1
    return "".join(SPARKS[min(top, max(0, round((value - low_f) / span * top)))] for value in values)


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document."""
    out: list[str] = []
    overview = report.overview
    out += [f"# After-action report: {escape(overview.title)}", ""]
    if overview.summary:
        out += [f"*{escape(overview.summary)}*", ""]
    if report.edition is not None:
        out += [f"> **{escape(report.edition.title)}.** {escape(report.edition.text)}", ""]
    for notice in report.notices:
        out += [f"> **Note:** {escape(notice)}", ""]
    out += _overview(report)
    out += _objectives(report)
    out += _key_moments(report)
    out += _variables(report)
    if report.edition is None:  # an edition has no white-cell sections
        out += _notes(report)
    out += evaluation_markdown(report.evaluation)
    out += ["## Timeline", ""]
    for turn in report.turns:
        out += _turn(report, turn)
    out += free_moves_markdown(report.free_moves)
    out += written_injects_markdown(report.written_injects)
    out += actor_moves_markdown(report.actor_moves)
    if report.record is not None:
        out += _plan(report)
        out += _record(report.record)
    if report.briefing.strip():
        out += ["## Appendix: the scenario briefing", ""]
        out += markdown_blocks(blocks(report.briefing), shift=2)
    if report.team_briefings:
        out += ["## Appendix: the teams' private briefings", ""]
        for briefing in report.team_briefings:
            out += [f"### {escape(briefing.name)}", "", *markdown_blocks(blocks(briefing.text), shift=3)]
    out += [
        "---",
        "",
        f"*Written by whitecell {escape(overview.reporter)} from the journal of a session created "
        f"{escape(say.created_text(overview.created))}.*",
    ]
    return "\n".join(out) + "\n"


def _notes(report: Report) -> list[str]:
    out: list[str] = []
    for tag, title in say.TAG_TITLES.items():
        out += [f"## {title}", ""]
        notes = report.notes_tagged(tag)
        if not notes:
            out += [f"*{say.TAG_EMPTY[tag]}*", ""]
        out += [f"- {escape(note.text)} *({escape(say.note_when(note))})*" for note in notes]
        if notes:
            out.append("")
    return out


def _overview(report: Report) -> list[str]:
    overview = report.overview
    scenario = f"{escape(overview.title)} (`{overview.scenario_id}`"
    scenario += f", version {escape(overview.version)})" if overview.version else ")"
    rows = [("Scenario", scenario)]
    if overview.author:
        rows.append(("Author", escape(overview.author)))
    rows += [
        ("Exercise date", f"{escape(say.created_text(overview.created))} (when the session's journal was created)"),
    ]
    if overview.seed is not None:
        rows.append(("Seed", str(overview.seed)))
    rows += [("Played", escape(say.played_text(overview)))]
    if overview.outcome is not None:
        rows.append(("Outcome", f"**{escape(overview.outcome.title)}**. {escape(overview.outcome.reason)}"))
    else:
        rows.append(("Outcome", "not decided: the game had not ended"))
    if overview.timer_minutes:
        rows.append(("Decision timer", say.plural(overview.timer_minutes, "minute")))
    if overview.forked_from:
        rows.append(("Forked from", escape(overview.forked_from)))
    rows.append(("Journal written by", f"whitecell {escape(overview.engine)}"))
    out = ["## Overview", "", *markdown_table(("", ""), "ll", [(f"**{name}**", value) for name, value in rows])]
    if overview.outcome is not None and overview.outcome.description:
        out += [f"> **{escape(overview.outcome.title)}.** {escape(overview.outcome.description)}", ""]
    out += ["### Teams", ""]
    out += markdown_table(
        ("Team", "Played by", "Score", "Objectives met"),
        "llrr",
        [(escape(team.name), escape(team.played_by), say.score_text(team), say.met_text(team)) for team in overview.teams],
    )
    return out


def _objectives(report: Report) -> list[str]:
    out = ["## Objectives met and missed", ""]
    if not report.overview.ended:
        out += ["*The game had not ended: objectives judged at the end are shown as things stood.*", ""]
    for role in report.objectives:
        out += [f"### {escape(role.name)}: {say.points_text(role)}", ""]
        if not role.objectives:
            out += [f"*{say.no_objectives_text(role)}*", ""]
            continue
        out += markdown_table(
            ("Result", "Objective", "Judged", "Weight"),
            "lllr",
            [(RESULT[item.met], escape(item.description), escape(item.check), str(item.weight)) for item in role.objectives],
        )
    return out


def _key_moments(report: Report) -> list[str]:
    out = ["## Key moments", ""]
    if not report.key_moments:
        return [*out, "*No variable moved during the game.*", ""]
    out += ["The largest single-turn swing of each variable, largest first, with the causes that moved it most.", ""]
    rows = []
    for moment in report.key_moments:
        causes = "; ".join(escape(say.contribution_text(item)) for item in moment.causes)
        if moment.others:
            causes += f"; {say.others_text(moment.others)}"
        rows.append((escape(moment.label), escape(moment.turn_name), say.swing_text(moment), causes))
    return out + markdown_table(("Variable", "When", "Swing", "Main causes"), "llll", rows)


def _variables(report: Report) -> list[str]:
    out = ["## Variables over time", ""]
    out += [
        "Each variable at the start and at the end of every turn. The trend is scaled to the variable's own "
        f'movement; "Seen by" says who could see it during play ({say.variables_scope(report)}).',
        "",
    ]
    header = ("Variable", "Seen by", "Trend", *(escape(label) for label in report.point_labels), "End band")
    align = "llc" + "r" * len(report.point_labels) + "l"
    rows = []
    for series in report.series:
        band = series.band_at(series.end)
        rows.append(
            (
                f"**{escape(series.label)}**",
                escape(series.visibility),
                sparkline(series),
                *(escape(series.shown(value)) for value in series.values),
                escape(band.label) if band else "",
            )
        )
    return out + markdown_table(header, align, rows)


def _turn(report: Report, turn: TurnReport) -> list[str]:
    out = [f"### {escape(turn.heading)}", ""]
    for shock in turn.shocks:
        meta = [escape(shock.category)]
        if shock.why:
            meta.append(("injected by the " if shock.injected else "set off by ") + escape(shock.why))
        out += [f"**Shock: {escape(shock.title)}** · {' · '.join(meta)}", ""]
        body = markdown_blocks(blocks(shock.narrative))
        if shock.source:
            body += [f"*Source:* {escape(shock.source)}", ""]
        if shock.expected_response:
            body += [f"*Expected response:* {escape(shock.expected_response)}", ""]
        if shock.expected_actions:
            body += ["*Expected actions:* " + "; ".join(escape(say.expected_text(item)) for item in shock.expected_actions), ""]
        out += [*_quote(body), ""]
    if turn.decisions:
        out += ["**Decisions**" if turn.resolved else "**Orders waiting to be resolved**", ""]
        for decision in turn.decisions:
            if not decision.submitted:
                orders = "*no orders*"
            elif decision.hidden:
                orders = "*orders entered (hidden)*"
            else:
                orders = " · ".join(escape(label) for label in decision.actions) or "*no action*"
            out.append(f"- **{escape(decision.name)}** ({escape(decision.played_by)}): {orders}")
        out += [f"- {escape(line)}" for line in turn.joint]
        out.append("")
    elif not turn.resolved:
        out += ["*This turn was not resolved.*", ""]
    if turn.facilitator:
        out += ["**Facilitator**", "", *(f"- {escape(line)}" for line in turn.facilitator), ""]
    if turn.log:
        out += ["**What changed and why**", ""]
        for entry in turn.log:
            if isinstance(entry, ChangeLine):
                out.append(
                    f"- {escape(say.cause_lead(entry.cause))}: " + "; ".join(escape(change.text) for change in entry.changes)
                )
            elif isinstance(entry, LogLine) and entry.kind == "narrated":
                out.append(f"- *{escape(entry.text)}*")
            else:
                out.append(f"- {escape(entry.text)}")
        out.append("")
    if turn.notes:
        out += ["**Notes**", ""]
        out += [
            f"- **{say.TAG_NAMES[note.tag].capitalize()}**{' (after the game ended)' if note.after_end else ''}: "
            f"{escape(note.text)}"
            for note in turn.notes
        ]
        out.append("")
    if turn.net:
        out += [
            f"**Net change this {escape(report.overview.turns.word)}:** " + " · ".join(escape(item.text) for item in turn.net),
            "",
        ]
    if turn.ending:
        out += [f"**{escape(turn.ending)}**", ""]
    return out


def _plan(report: Report) -> list[str]:
    out = ["## Improvement plan", ""]
    if not report.plan:
        return [*out, "*No areas for improvement were noted, so the plan is empty.*", ""]
    out += [
        "One row for each area for improvement noted during the exercise. The corrective action, owner and "
        "due date are left for the facilitator to fill in.",
        "",
    ]
    return out + markdown_table(
        ("#", "Issue (from the notes)", "Noted", "Corrective action", "Owner", "Due"),
        "rlllll",
        [
            (str(row.number), escape(row.issue), escape(row.turn_name), escape(row.action), escape(row.owner), escape(row.due))
            for row in report.plan
        ],
    )


def _record(record: SessionRecord) -> list[str]:
    out = ["## Session record", "", escape(say.record_summary(record)), ""]
    out += [f"Notes taken: {escape(say.notes_summary(record))}.", ""]
    if record.ended_by_facilitator is not None:
        out += [f"The facilitator ended the exercise early: {escape(record.ended_by_facilitator)}", ""]
    out += ["### Facilitator overrides", ""]
    if record.overrides:
        out += markdown_table(
            ("When", "Variable", "Change", "Reason"),
            "llll",
            [(escape(item.turn_name), escape(item.variable), item.moved, escape(item.reason)) for item in record.overrides],
        )
    else:
        out += ["*None: the facilitator did not adjust any variable.*", ""]
    out += ["### Injected shocks", ""]
    if record.injections:
        out += markdown_table(
            ("When", "Shock", "Reason"),
            "lll",
            [
                (escape(item.turn_name), escape(item.shock), escape(item.reason) or "*no reason given*")
                for item in record.injections
            ],
        )
    else:
        out += ["*None: every shock came from the scenario's own triggers and follow-ups.*", ""]
    if record.timing:
        out += ["### Shocks held, released or brought forward", ""]
        out += markdown_table(
            ("When", "Shock", "What", "Reason"),
            "llll",
            [(escape(item.turn_name), escape(item.shock), item.what, escape(item.reason)) for item in record.timing],
        )
    return out
