"""After-action reports of whole games: everything that happened appears in both formats.

A few bundled-scenario games are played by bots with a facilitator's interventions (notes of
every tag, an inject, an adjustment, undo and redo), journaled, replayed and reported; the
tests then look for every turn, shock, decision, note and override reason in the Markdown and
in the HTML, and check that the HTML parses and that the same journal gives the same bytes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from engine.bots.registry import make_bot
from engine.core import events as ev
from engine.core.commands import AddNote, AdjustVariable, InjectShock, Redo, Resolve, SubmitOrders, Undo
from engine.core.refusals import CommandRefused
from engine.core.view import View
from engine.documents.report import Report, build_report, render_html, render_markdown
from engine.documents.report.markdown import SPARKS
from engine.documents.report.model import ChangeLine
from engine.journal.format import Settings
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.prose.events import cause_text, event_text
from engine.prose.turns import turn_heading

SCRIPT_NOTE = "The white cell saw <script>alert('x')</script> & more."
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}


@attrs.frozen
class Played:
    """A journaled game, replayed from its file, with what the facilitator did along the way."""

    path: Path
    session: Session
    notes: tuple[str, ...]
    reasons: tuple[str, ...]
    undone_orders: tuple[int, str, tuple[str, ...]]
    """(turn, role, actions) of orders that were undone (and replaced)."""
    injected: str
    report: Report
    markdown: str
    html: str


def _play(tmp: Path, name: str, seed: int, seoul: str, tokyo: str) -> Played:
    scenario = resolve_scenario(name)
    path = tmp / f"{name}.jsonl"
    bots = {"seoul": seoul, "tokyo": tokyo} | {role.id: "random" for role in scenario.roles if role.is_actor}
    settings = Settings(bots=tuple(bots.items()))
    session = Session.new(scenario, seed, path, settings=settings, clock=lambda: "2026-05-04T10:30:00Z")
    policies = {role: make_bot(bot) for role, bot in bots.items()}
    notes = [
        f"Strength noted in {name}: the teams consulted early.",
        f"Improvement for {name}: brief the press | before acting.",
        f"Observation in {name}: *quiet* month [see log].",
        f"Lesson from {name}: hotlines matter.",
        SCRIPT_NOTE,
    ]
    tags = ("strength", "improvement", "observation", "lesson", "observation")
    reasons = [f"white cell ruling on {name}: the teams' statement landed badly"]
    undone: tuple[int, str, tuple[str, ...]] = (0, "", ())
    injected = ""
    variable = scenario.variables[0]
    while not session.state.ended:
        turn = session.state.turn
        for role in session.game.role_ids:
            session.apply(SubmitOrders(role, policies[role].choose(View(session.game, session.state), role)))
        if turn == 1:
            for tag, text in zip(tags, notes, strict=True):
                session.apply(AddNote(tag, text))  # type: ignore[arg-type]
        if turn == 2:
            # orders submitted, undone and replaced: the undone ones are not part of the story
            current = session.state.orders[session.game.role_index["tokyo"]] or ()
            chosen = {session.game.action_ids[a] for a in current}
            available = [
                action.id
                for action in scenario.actions
                if "tokyo" in action.roles and not action.joint and action.id not in chosen
            ]
            for action in available:
                try:
                    session.apply(SubmitOrders("tokyo", (action,)))
                except CommandRefused:
                    continue
                undone = (turn, "tokyo", (action,))
                session.apply(Undo())
                break
            session.apply(AdjustVariable(variable.id, (variable.min + variable.max) // 2, reasons[0]))
            session.apply(Undo())
            session.apply(Redo())
        if turn == 3 and not session.state.ended:
            dormant = next(shock for s, shock in enumerate(scenario.shocks) if not session.state.remaining[s])
            session.apply(InjectShock(dormant.id, f"testing the teams with {dormant.id}"))
            injected = dormant.title
            if not session.state.ended:
                for role in session.game.role_ids:
                    session.apply(SubmitOrders(role, policies[role].choose(View(session.game, session.state), role)))
        if not session.state.ended:
            session.apply(Resolve())
    session.apply(AddNote("lesson", f"Hotwash for {name}: keep the pace."))
    notes.append(f"Hotwash for {name}: keep the pace.")
    session.close()
    replayed, problems = Session.replay(open_journal(path))
    assert problems == []
    report = build_report(replayed)
    return Played(
        path, replayed, tuple(notes), tuple(reasons), undone, injected, report, render_markdown(report), render_html(report)
    )


GAMES = (
    ("seoul-tokyo-2026", 7, "greedy", "random"),
    ("missile-crisis", 3, "random", "random"),
    ("history-flare-up", 11, "random", "greedy"),
)


@pytest.fixture(scope="module", params=GAMES, ids=[game[0] for game in GAMES])
def played(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Played:
    name, seed, seoul, tokyo = request.param
    return _play(tmp_path_factory.mktemp(name), name, seed, seoul, tokyo)


class _Checker(HTMLParser):
    """Checks that every tag is closed in order, and gathers the text (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'} at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html_text(html: str) -> str:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return " ".join("".join(checker.text).split())


def _md_text(markdown: str) -> str:
    """The Markdown with its escapes undone and spaces collapsed: what a reader sees."""
    return " ".join(re.sub(r"\\([\\`*_\[\]<>|~&#=+.)-])", r"\1", markdown).split())


def _fired(session: Session) -> list[str]:
    return [session.scenario.shock(event.shock).title for event in session.events() if isinstance(event, ev.ShockFired)]


def _decisions(session: Session) -> list[str]:
    labels = []
    for applied in session.history:
        if isinstance(applied.command, Resolve):
            for orders in applied.before.orders:
                labels += [session.scenario.actions[a].label for a in orders or ()]
    return labels


def test_every_turn_shock_decision_note_and_reason_appears_in_both_formats(played: Played) -> None:
    session = played.session
    html = _html_text(played.html)
    markdown = _md_text(played.markdown)
    turns = [turn_heading(session.scenario.turns, turn) for turn in range(1, session.state.turn + 1)]
    expected = turns + _fired(session) + _decisions(session) + list(played.notes) + list(played.reasons)
    assert _fired(session) and _decisions(session)
    for text in expected:
        assert text in markdown, text
        assert text in html, text
    assert [turn.heading for turn in played.report.turns] == turns


def test_every_change_appears_with_its_cause(played: Played) -> None:
    session = played.session
    changes = [event for event in session.events() if isinstance(event, ev.Changed | ev.ResourceChanged)]
    lines = [entry for turn in played.report.turns for entry in turn.log if isinstance(entry, ChangeLine)]
    assert sum(len(line.changes) for line in lines) == len(changes)
    html = _html_text(played.html)
    markdown = _md_text(played.markdown)
    for event in changes:
        cause = cause_text(session.scenario, event.cause).rstrip(".")
        cause = cause[:1].upper() + cause[1:]
        change = event_text(session.scenario, event).split(": ")[0]
        assert f"{cause}: " in markdown and f"{cause}: " in html
        assert change in markdown and change in html


def test_undone_commands_are_not_part_of_the_story(played: Played) -> None:
    turn, role, actions = played.undone_orders
    assert turn == 2
    report_turn = played.report.turns[turn - 1]
    decision = next(item for item in report_turn.decisions if item.role == role)
    labels = [played.session.scenario.action(action).label for action in actions]
    assert not set(labels) & set(decision.actions)
    # in the rendered decisions of that turn
    section = played.markdown.split(f"### {report_turn.heading}")[1].split("\n### ")[0]
    line = next(line for line in section.splitlines() if line.startswith(f"- **{decision.name}**"))
    assert not any(label in line for label in labels)
    article = played.html.split(f'id="turn-{turn}"')[1].split("</article>")[0]
    table = article.split('<table class="decisions">')[1].split("</table>")[0]
    row = next(row for row in table.split("<tr>") if f">{decision.name}<" in row)
    assert not any(label in row for label in labels)
    # the undo of the adjustment was redone, so it is in effect: one override
    record = played.report.record
    assert record is not None
    assert len(record.overrides) == 1
    assert record.undos == 2 and record.redos == 1
    assert record.taken_back == 1


def test_the_session_record_lists_overrides_and_injects(played: Played) -> None:
    record = played.report.record
    assert record is not None
    assert [item.reason for item in record.overrides] == list(played.reasons)
    if played.injected:
        assert [item.shock for item in record.injections] == [played.injected]
        assert played.injected in _md_text(played.markdown.split("## Session record")[1])
        section = played.html.split('id="session-record"')[1].split("</section>")[0]
        assert html.escape(played.injected) in section


def test_text_from_notes_is_escaped(played: Played) -> None:
    assert "<script>" not in played.html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more." in played.html
    assert "<script>" not in played.markdown.replace("\\<script\\>", "")
    assert "\\<script\\>" in played.markdown
    # a | in a note does not break the improvement-plan table: every row has six cells
    plan = played.markdown.split("## Improvement plan")[1].split("\n## ")[0]
    rows = [line for line in plan.splitlines() if line.startswith("| ")]
    assert len(rows) == 3  # header, alignment, one improvement
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7


def test_the_html_is_one_self_contained_file(played: Played) -> None:
    html = played.html
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["'](?!#)""", html), "only in-page links"
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html and "break-before: page" in html


def test_each_variable_has_a_chart_and_a_sparkline(played: Played) -> None:
    report = played.report
    svgs = re.findall(r"<svg.*?</svg>", played.html, flags=re.S)
    assert len(svgs) == len(report.series)
    for svg, series in zip(svgs, report.series, strict=True):
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text and title.text.startswith(series.label)
        assert root.findall("{http://www.w3.org/2000/svg}polyline")
        assert len(root.findall("{http://www.w3.org/2000/svg}circle")) == len(series.values)
    table = played.markdown.split("## Variables over time")[1].split("\n## ")[0]
    for series in report.series:
        row = next(line for line in table.splitlines() if line.startswith(f"| **{series.label}**"))
        spark = row.split(" | ")[2]
        assert len(spark) == len(series.values) and set(spark) <= set(SPARKS)
    assert len(report.point_labels) == len(report.turns) + 1


def test_the_series_end_where_the_game_ended(played: Played) -> None:
    session = played.session
    assert tuple(series.end for series in played.report.series) == session.state.values
    assert tuple(series.start for series in played.report.series) == tuple(var.initial for var in session.scenario.variables)


def test_facilitator_only_variables_are_included_and_marked(played: Played) -> None:
    hidden = [var for var in played.session.scenario.variables if var.visibility == "facilitator"]
    assert hidden
    for var in hidden:
        series = next(series for series in played.report.series if series.id == var.id)
        assert series.facilitator_only
        chart = played.html.split(f'id="var-{var.id}"')[1].split("</figure>")[0]
        assert "facilitator only during play" in chart
    row = next(line for line in played.markdown.splitlines() if line.startswith(f"| **{hidden[0].label}**"))
    assert "| facilitator only |" in row


def test_objectives_and_scores_match_the_end_of_the_game(played: Played) -> None:
    ended = next(event for event in played.session.events() if isinstance(event, ev.GameEnded))
    scores = {team.id: team.score for team in played.report.overview.teams}
    assert scores == dict(ended.scores)
    met = {
        (role.role, objective.description): objective.met for role in played.report.objectives for objective in role.objectives
    }
    scenario = played.session.scenario
    for role_id, objective_id, flag in ended.objectives:
        description = next(o.description for o in scenario.role(role_id).objectives if o.id == objective_id)
        assert met[(role_id, description)] == flag
    outcome = played.report.overview.outcome
    assert outcome is not None and outcome.title in played.markdown and outcome.title in played.html


def test_the_same_journal_gives_the_same_bytes(played: Played) -> None:
    again, _ = Session.replay(open_journal(played.path))
    report = build_report(again)
    assert render_markdown(report) == played.markdown
    assert render_html(report) == played.html
    assert "2026-05-04" in played.markdown or "4 May 2026" in played.markdown


def test_a_live_session_reports_as_its_replayed_journal(tmp_path: Path) -> None:
    scenario = resolve_scenario("missile-crisis")
    live = Session.new(scenario, 5, tmp_path / "live.jsonl", clock=lambda: "2026-01-02T03:04:05Z")
    policy = make_bot("random")
    while not live.state.ended:
        for role in live.game.role_ids:
            live.apply(SubmitOrders(role, policy.choose(View(live.game, live.state), role)))
        live.apply(Resolve())
    live.close()
    replayed, _ = Session.replay(open_journal(tmp_path / "live.jsonl"))
    assert render_html(build_report(live)) == render_html(build_report(replayed))
    assert render_markdown(build_report(live)) == render_markdown(build_report(replayed))
