"""Replay and verification of a journal: the game told turn by turn, and proof that it replays.

A journal is re-run command by command (`Session.replay`), which checks every line against
what the engine does (`engine.journal.verify`). This module turns the result into what people read — a header, then
per turn the shocks, each team's orders, every event with its cause, the notes, and what was
taken back — and into JSON for scripts. It builds text and data only; the CLI prints them.
"""

from __future__ import annotations

import textwrap
from typing import Any

import attrs

from engine.core import events as ev
from engine.core.commands import Redo, Undo
from engine.core.model import Scenario
from engine.core.nouns import counted
from engine.core.view import View
from engine.journal.codes import JournalError
from engine.journal.reader import JournalContents, open_journal
from engine.journal.session import Session
from engine.journal.turns import Happening, TurnStory, turns
from engine.journal.verify import ReplayProblem
from engine.load.diagnostics import Diagnostic
from engine.prose.events import earlier_turn, ending_text, event_text, note_about
from engine.prose.notes import note_label
from engine.prose.turns import turn_heading

WIDTH = 100
"""Where the narrative of shocks is wrapped in the text form."""

# -- replaying -------------------------------------------------------------------------------------


@attrs.frozen
class CutOff:
    """A last line cut off by a crash: never a complete command, so never replayed or verified."""

    line: int
    size: int

    def message(self) -> str:
        return (
            f"line {self.line} was cut off (the session stopped while writing it); its {self.size} bytes are "
            "not a complete command and were not replayed (resuming the session drops it)"
        )


@attrs.frozen
class Replayed:
    """A journal re-run as far as it replays, and the first line that does not, if any."""

    contents: JournalContents
    session: Session
    problem: ReplayProblem | None

    @property
    def cut_off(self) -> CutOff | None:
        return cut_off(self.contents)

    def problem_diagnostic(self) -> Diagnostic | None:
        """The problem in the compiler-style form the CLI prints."""
        if self.problem is None:
            return None
        return Diagnostic(self.contents.path, self.problem.line, 1, "", self.problem.code, self.problem.message)


def complete_lines(contents: JournalContents) -> int:
    """How many complete lines the journal holds, the header included (damaged ones too)."""
    return 1 + len(contents.lines) + len(contents.problems)


def cut_off(contents: JournalContents) -> CutOff | None:
    """The line a crash cut off, if any."""
    if not contents.dropped_tail:
        return None
    return CutOff(complete_lines(contents) + 1, len(contents.dropped_tail))


def replay_journal(contents: JournalContents) -> Replayed:
    """Re-run a journal; JournalError when even its header cannot be used."""
    session, problems = Session.replay(contents)
    return Replayed(contents, session, problems[0] if problems else None)


@attrs.frozen
class Verification:
    """Whether every complete line of a journal replays to what it recorded."""

    path: str
    lines: int
    problem: ReplayProblem | None
    cut_off: CutOff | None
    digest: str | None
    """The digest of the final state, when the journal verified."""
    header_covered: bool = True
    """False for a journal in format 1 (an earlier whitecell's), whose header no digest covers."""

    @property
    def verified(self) -> bool:
        return self.problem is None

    def to_json(self) -> dict[str, Any]:
        problem = self.problem
        return {
            "verified": self.verified,
            "lines": self.lines,
            "problem": None if problem is None else {"line": problem.line, "code": problem.code, "message": problem.message},
            "cutOff": None if self.cut_off is None else {"line": self.cut_off.line, "bytes": self.cut_off.size},
            "digest": self.digest,
            "headerCovered": self.header_covered,
        }

    def text(self) -> str:
        """One line for a person: what verified, or which line did not and why."""
        if self.problem is None:
            commands = self.lines - 1
            verified = (
                f"{self.path}: verified: the header and {counted(commands, 'command')} "
                f"replay exactly (final digest {self.digest})\n"
            )
            if self.header_covered:
                return verified
            return verified + (
                f"{self.path}:1: note: written by an earlier whitecell (journal format 1), so no digest covers the "
                f"header's settings, times or fork record; `whitecell fork {self.path} --line {self.lines}` copies the "
                "game into a new journal whose header is covered\n"
            )
        return f"{self.path}:{self.problem.line}: not verified: {self.problem.message}\n"


def _first_problem(error: JournalError) -> ReplayProblem:
    first = error.diagnostics[0]
    return ReplayProblem(first.line, first.code, first.message)


def verify_journal(path: str) -> Verification:
    """Re-run every command of a journal and compare digests, turns and events line by line.

    An unreadable file or a bad header is a problem at line 1, like any other line's.
    """
    try:
        contents = open_journal(path)
    except JournalError as error:
        return Verification(path, 0, _first_problem(error), None, None)
    try:
        replayed = replay_journal(contents)
    except JournalError as error:
        return Verification(path, complete_lines(contents), _first_problem(error), cut_off(contents), None)
    digest = replayed.session.digest() if replayed.problem is None else None
    covered = replayed.session.header_digest is not None
    return Verification(path, complete_lines(contents), replayed.problem, replayed.cut_off, digest, covered)


def _first_paragraph(text: str) -> str:
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            return " ".join(paragraph.split())
    return ""


def _players(session: Session) -> list[tuple[str, str, str | None]]:
    """(role id, role name, bot name or None for a team) for each role."""
    bots = dict(session.settings.bots)
    return [(role.id, role.name, bots.get(role.id)) for role in session.scenario.roles]


def _text_field(header: dict[str, Any], key: str) -> str | None:
    value = header.get(key)
    return value if isinstance(value, str) else None


def _ending(session: Session) -> ev.GameEnded | None:
    ended = [event for event in session.events() if isinstance(event, ev.GameEnded)]
    return ended[-1] if ended else None


def _orders_text(scenario: Scenario, role: str, actions: tuple[str, ...] | None) -> str:
    if actions is None:
        name = scenario.role(role).name
        return f"{name} gave no orders"
    return event_text(scenario, ev.OrdersSubmitted(role, actions))


def _header_lines(replayed: Replayed) -> list[str]:
    session = replayed.session
    scenario = session.scenario
    header = replayed.contents.header
    version = f", version {scenario.version}" if scenario.version else ""
    lines = [f"{scenario.title} ({scenario.id}{version})", f"Journal: {replayed.contents.path}"]
    created = _text_field(header, "created") or "an unknown time"
    engine = _text_field(header, "engine") or "an unknown version"
    lines.append(f"Seed {session.seed}; created {created} with whitecell {engine}")
    fork = header.get("forkedFrom")
    if isinstance(fork, dict):
        lines.append(f"Forked from {fork.get('journal')} at line {fork.get('line')}")
    players = "; ".join(f"{name}: {'bot (' + bot + ')' if bot else 'team'}" for _, name, bot in _players(session))
    lines.append(f"Played by: {players}")
    if session.settings.timer_minutes is not None:
        lines.append(f"Decision timer: {session.settings.timer_minutes} minutes")
    records = session.records
    undoes = sum(isinstance(record.command, Undo | Redo) for record in records)
    lines.append(
        f"{counted(len(records), 'command')} replayed"
        + (f", {undoes} of them undo or redo" if undoes else "")
        + f"; {len(session.history)} in effect"
    )
    return lines


def _turn_lines(scenario: Scenario, story: TurnStory) -> list[str]:
    lines = ["", turn_heading(scenario.turns, story.turn)]
    shocks = story.of_kind(ev.ShockFired)
    if shocks:
        lines.append("  Shocks")
        for _, fired in shocks:
            lines.append(f"    {event_text(scenario, fired)}")
            narrative = _first_paragraph(scenario.shock(fired.shock).narrative)
            lines.extend(textwrap.wrap(narrative, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6))
    if story.resolved or any(actions is not None for _, actions in story.orders):
        lines.append("  Orders" if story.resolved else "  Orders (not resolved)")
        lines.extend(f"    {_orders_text(scenario, role, actions)}" for role, actions in story.orders)
    happened = [item for item in story.happenings if not isinstance(item.event, ev.TurnOpened | ev.NoteAdded)]
    if happened:
        lines.append("  What happened")
        lines.extend(f"    {event_text(scenario, item.event)}" for item in happened)
    notes = [item for item in story.happenings if isinstance(item.event, ev.NoteAdded)]
    if notes:
        lines.append("  Facilitator notes")
        lines.extend(f"    {_note_line(scenario, item)}" for item in notes)
    if story.taken_back:
        lines.append("  Taken back (not in effect unless redone)")
        for item in story.taken_back:
            target = item.event.line if isinstance(item.event, ev.Undone | ev.Redone) else None
            lines.append(f"    ~ line {item.line}: {event_text(scenario, item.event)} (the command of line {target})")
    return lines


def _note_line(scenario: Scenario, item: Happening) -> str:
    """A note under the turn it was written in: "[lesson] text", or "[lesson] on February 2026,
    written in May 2026: text" when it is about an earlier turn."""
    assert isinstance(item.event, ev.NoteAdded)
    about = earlier_turn(item.command, item.turn)
    where = "" if about is None else f"{note_about(scenario, about, item.turn)}: "
    label = note_label(scenario, item.event.tag, item.event.objective, item.event.rating)
    return f"[{label}] {where}{item.event.text}"


def _note_json(item: Happening) -> dict[str, Any]:
    """A note in --json: its line, tag and text, and "about" (the earlier turn it is about) when it has one."""
    assert isinstance(item.event, ev.NoteAdded)
    about = earlier_turn(item.command, item.turn)
    found: dict[str, Any] = {"line": item.line, "tag": item.event.tag, "text": item.event.text}
    if item.event.objective is not None:
        found["objective"] = item.event.objective
    if item.event.rating is not None:
        found["rating"] = item.event.rating
    return found if about is None else {**found, "about": about}


def _objective_results(scenario: Scenario, session: Session, ending: ev.GameEnded | None) -> list[tuple[str, str, str, bool]]:
    """(role id, objective id, description, met) for every objective."""
    if ending is not None:
        met = {(role, objective): flag for role, objective, flag in ending.objectives}
    else:
        view = View(session.game, session.state)
        met = {
            (role.id, objective.id): flag
            for r, role in enumerate(scenario.roles)
            for objective, flag in zip(role.objectives, view.objectives_met_at(r), strict=True)
        }
    return [
        (role.id, objective.id, objective.description, met.get((role.id, objective.id), False))
        for role in scenario.roles
        for objective in role.objectives
    ]


def _scores(session: Session, ending: ev.GameEnded | None) -> dict[str, int]:
    if ending is not None:
        return dict(ending.scores)
    view = View(session.game, session.state)
    return {role: view.score_at(r) for r, role in enumerate(session.game.role_ids)}


def _outcome_lines(session: Session) -> list[str]:
    scenario = session.scenario
    state = session.state
    ending = _ending(session)
    lines = ["", "Outcome"]
    if ending is not None:
        lines.append(f"  {event_text(scenario, ending)}")
        described = scenario.outcome(ending.outcome).description
        if described:
            lines.append(f"  {_first_paragraph(described)}")
    else:
        lines.append(f"  Not finished: the record stops in {turn_heading(scenario.turns, state.turn)}")
    scores = _scores(session, ending)
    lines.append(
        "  Scores" + ("" if ending else " so far") + ": " + ", ".join(f"{scenario.role(r).name} {s}" for r, s in scores.items())
    )
    results = _objective_results(scenario, session, ending)
    if results:
        lines.append("  Objectives" + ("" if ending else " as things stand"))
        for role_id, _, description, met in results:
            lines.append(f"    {'met    ' if met else 'not met'}  {scenario.role(role_id).name}: {description}")
    lines.append("  Final values" if ending else "  Values now")
    for variable, value in zip(scenario.variables, state.values, strict=True):
        band = variable.band_at(value)
        lines.append(f"    {variable.label}: {value}" + (f" ({band.label})" if band else ""))
    return lines


def replay_text(replayed: Replayed, turn: int | None = None) -> str:
    """The game as text: the header, each turn (or only ``turn``), and the outcome."""
    session = replayed.session
    scenario = session.scenario
    stories = turns(session)
    lines = _header_lines(replayed)
    for story in stories:
        if turn is None or story.turn == turn:
            lines.extend(_turn_lines(scenario, story))
    if turn is None:
        lines.extend(_outcome_lines(session))
    return "\n".join(lines) + "\n"


def turns_covered(replayed: Replayed) -> list[int]:
    """The turns the record holds something for."""
    return [story.turn for story in turns(replayed.session)]


# -- JSON ------------------------------------------------------------------------------------------


def _happening_json(scenario: Scenario, item: Happening) -> dict[str, Any]:
    return {"line": item.line, "event": item.event.to_json(), "text": event_text(scenario, item.event)}


def _turn_json(scenario: Scenario, story: TurnStory) -> dict[str, Any]:
    shocks = []
    for line, fired in story.of_kind(ev.ShockFired):
        shock = scenario.shock(fired.shock)
        shocks.append(
            {
                "line": line,
                "shock": shock.id,
                "title": shock.title,
                "category": shock.category,
                "narrative": _first_paragraph(shock.narrative),
                "text": event_text(scenario, fired),
            }
        )
    notes = [_note_json(item) for item in story.happenings if isinstance(item.event, ev.NoteAdded)]
    return {
        "turn": story.turn,
        "heading": turn_heading(scenario.turns, story.turn),
        "resolved": story.resolved,
        "shocks": shocks,
        "orders": {
            role: {"actions": None if actions is None else list(actions), "text": _orders_text(scenario, role, actions)}
            for role, actions in story.orders
        },
        "events": [_happening_json(scenario, item) for item in story.happenings],
        "notes": notes,
        "takenBack": [_happening_json(scenario, item) for item in story.taken_back],
    }


def _outcome_json(session: Session) -> dict[str, Any]:
    scenario = session.scenario
    ending = _ending(session)
    state = session.state
    return {
        "ended": ending is not None,
        "outcome": ending.outcome if ending else None,
        "title": scenario.outcome(ending.outcome).title if ending else None,
        "reason": ending.reason if ending else None,
        "reasonText": ending_text(scenario, ending.reason) if ending else None,
        "text": event_text(scenario, ending) if ending else None,
        "turn": state.turn,
        "scores": _scores(session, ending),
        "objectives": [
            {"role": role, "objective": objective, "description": description, "met": met}
            for role, objective, description, met in _objective_results(scenario, session, ending)
        ],
        "variables": dict(zip(session.game.var_ids, state.values, strict=True)),
        "digest": session.digest(),
    }


def replay_json(replayed: Replayed, turn: int | None = None) -> dict[str, Any]:
    """The game as one JSON object: the header's facts, the turns (or only ``turn``), the outcome."""
    session = replayed.session
    scenario = session.scenario
    header = replayed.contents.header
    problem = replayed.problem
    dropped = replayed.cut_off
    fork = header.get("forkedFrom")
    return {
        "journal": replayed.contents.path,
        "format": header.get("format"),
        "engine": _text_field(header, "engine"),
        "created": _text_field(header, "created"),
        "scenario": {"id": scenario.id, "title": scenario.title, "version": scenario.version, "digest": scenario.digest},
        "seed": session.seed,
        "roles": [{"role": role, "name": name, "bot": bot} for role, name, bot in _players(session)],
        "timerMinutes": session.settings.timer_minutes,
        "forkedFrom": fork if isinstance(fork, dict) else None,
        "commands": len(session.records),
        "turns": [_turn_json(scenario, story) for story in turns(session) if turn is None or story.turn == turn],
        "outcome": _outcome_json(session),
        "problem": None if problem is None else {"line": problem.line, "code": problem.code, "message": problem.message},
        "cutOff": None if dropped is None else {"line": dropped.line, "bytes": dropped.size},
    }
