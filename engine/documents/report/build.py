"""Building the report model from a session: the story of the commands in effect, turn by turn.

Events are gathered between one turn's opening and the next, every sentence about the game is
taken from `engine.prose.events`, and objectives are judged by the engine's own `Work`, so the
report can never disagree with the log or the scores the teams saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, assert_never

import attrs

from engine.core import commands as cmd
from engine.core import events as ev
from engine.core.model import Scenario
from engine.core.rules import Game
from engine.core.state import State
from engine.core.view import View
from engine.documents.report.curves import key_moments, variable_series
from engine.documents.report.model import (
    Change,
    ChangeLine,
    Decision,
    ExpectedAction,
    Injection,
    LogEntry,
    LogLine,
    NetChange,
    Note,
    NoteTag,
    ObjectiveResult,
    OutcomeSummary,
    Override,
    Overview,
    PlanRow,
    Report,
    RoleObjectives,
    SessionRecord,
    ShockCard,
    Taker,
    Team,
    TurnReport,
    direction,
)
from engine.journal.turns import turns
from engine.prose.events import cause_text, ending_text, event_text
from engine.prose.turns import turn_heading, turn_name
from engine.version import __version__

if TYPE_CHECKING:
    from engine.journal.session import Session


def build_report(session: Session, *, notices: Iterable[str] = ()) -> Report:
    """The report of a session's commands in effect. ``notices`` are shown at the top (e.g. a
    replay problem that stopped the journal early)."""
    return _Builder(session).build(tuple(notices))


def _text(value: Any, default: str = "") -> str:
    """Header fields are untrusted JSON: only text is shown."""
    return value if isinstance(value, str) else default


@attrs.define
class _Segment:
    """The events of one turn while they are being gathered."""

    turn: int
    events: list[tuple[ev.Event, cmd.Command | None]] = attrs.Factory(list)


class _Builder:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.scenario: Scenario = session.scenario
        self.game: Game = session.game
        self.variables = {var.id: var for var in self.scenario.variables}
        self.bots = dict(session.settings.bots)
        self.final: State = session.state
        # per resolved turn: the orders resolved, and the shocks active while they were
        self.resolved: dict[int, tuple[tuple[int, ...] | None, ...]] = {}
        self.active: dict[int, tuple[int, ...]] = {}
        for applied in session.history:
            if isinstance(applied.command, cmd.Resolve):
                self.resolved[applied.before.turn] = applied.before.orders
                self.active[applied.before.turn] = applied.before.remaining

    # -- words --------------------------------------------------------------------------------

    def turn_name(self, turn: int) -> str:
        return turn_name(self.scenario.turns, turn)

    def played_by(self, role: str) -> str:
        bot = self.bots.get(role)
        return f"{bot} bot" if bot else "players"

    def label(self, var_id: str) -> str:
        variable = self.variables.get(var_id)
        return variable.label if variable else var_id

    # -- the story ----------------------------------------------------------------------------

    def segments(self) -> Iterator[_Segment]:
        """The events of the commands in effect, turn by turn."""
        for story in turns(self.session):
            if story.happenings:
                yield _Segment(story.turn, [(item.event, item.command) for item in story.happenings])

    def build(self, notices: tuple[str, ...]) -> Report:
        scenario = self.scenario
        values = {var.id: var.initial for var in scenario.variables}
        points: list[dict[str, int]] = [dict(values)]
        turns: list[TurnReport] = []
        contributions: list[dict[str, dict[ev.Cause, int]]] = [{}]
        notes: list[Note] = []
        for segment in self.segments():
            per_var: dict[str, dict[ev.Cause, int]] = {}
            for event, _ in segment.events:
                if isinstance(event, ev.Changed):
                    values[event.var] = event.after
                    causes = per_var.setdefault(event.var, {})
                    causes[event.cause] = causes.get(event.cause, 0) + event.after - event.before
            turn = self.turn_report(segment, points[-1], values)
            turns.append(turn)
            notes.extend(turn.notes)
            points.append(dict(values))
            contributions.append(per_var)

        series = tuple(variable_series(scenario, var, [point[var.id] for point in points]) for var in scenario.variables)
        labels = ("start", *(str(turn.number) for turn in turns))
        names = ("the start", *(turn.name for turn in turns))
        objectives = self.objectives()
        return Report(
            overview=self.overview(objectives, len(turns)),
            briefing=scenario.briefing,
            notices=notices,
            point_labels=labels,
            point_names=names,
            series=series,
            key_moments=key_moments(scenario, series, turns, contributions),
            objectives=objectives,
            turns=tuple(turns),
            notes=tuple(notes),
            plan=tuple(
                PlanRow(k, note.text, note.turn_name)
                for k, note in enumerate((note for note in notes if note.tag == "improvement"), start=1)
            ),
            record=self.record(notes),
        )

    def turn_report(self, segment: _Segment, before: dict[str, int], after: dict[str, int]) -> TurnReport:
        scenario = self.scenario
        number = segment.turn
        shocks: list[ShockCard] = []
        joint: list[str] = []
        facilitator: list[str] = []
        log: list[LogEntry] = []
        notes: list[Note] = []
        ending: str | None = None
        ended = False
        for event, command in segment.events:
            match event:
                case ev.ShockFired():
                    shocks.append(self.shock_card(event, number))
                    if event.cause.kind == "facilitator":
                        facilitator.append(f"Injected {scenario.shock(event.shock).title}" + _reason(event.cause.detail))
                case ev.Changed() | ev.ResourceChanged():
                    change = self.change(event)
                    cause = cause_text(scenario, event.cause)
                    last = log[-1] if log else None
                    if isinstance(last, ChangeLine) and last.cause == cause:
                        log[-1] = attrs.evolve(last, changes=(*last.changes, change))
                    else:
                        log.append(ChangeLine(cause, (change,), event.cause.kind == "facilitator"))
                    if isinstance(event, ev.Changed) and isinstance(command, cmd.AdjustVariable):
                        facilitator.append(
                            f"Set {self.label(event.var)} to {event.after} (was {event.before})" + _reason(command.reason)
                        )
                case ev.ActionResolved():
                    if event.result != "done":
                        joint.append(event_text(scenario, event))
                case ev.NoteAdded():
                    notes.append(Note(_note_tag(event.tag), event.text, number, self.turn_name(number), ended))
                case ev.GameEnded():
                    ending = event_text(scenario, event)
                    ended = True
                    if isinstance(command, cmd.EndExercise):
                        facilitator.append("Ended the exercise" + _reason(command.reason))
                case ev.TurnOpened() | ev.OrdersSubmitted():
                    pass  # the turn's heading and its decisions say these
                case (
                    ev.ShockEnded()
                    | ev.ShockArmed()
                    | ev.ShockScheduled()
                    | ev.ShockSkipped()
                    | ev.OrdersWithdrawn()
                    | ev.OrdersReturned()
                    | ev.Rolled()
                    | ev.Narrated()
                    | ev.Undone()
                    | ev.Redone()
                ):
                    log.append(LogLine(event.kind, event_text(scenario, event)))
                case _:
                    assert_never(event)
        net = tuple(
            NetChange(var.label, before[var.id], after[var.id], direction(var.polarity, after[var.id] - before[var.id]))
            for var in scenario.variables
            if before[var.id] != after[var.id]
        )
        return TurnReport(
            number=number,
            heading=turn_heading(scenario.turns, number),
            name=self.turn_name(number),
            shocks=tuple(shocks),
            decisions=self.decisions(number),
            resolved=number in self.resolved,
            joint=tuple(joint),
            facilitator=tuple(facilitator),
            log=tuple(log),
            notes=tuple(notes),
            net=net,
            ending=ending,
        )

    def change(self, event: ev.Changed | ev.ResourceChanged) -> Change:
        """The change as the log words it, without its cause (the line names the cause once)."""
        full = event_text(self.scenario, event)
        text = full.removesuffix(": " + cause_text(self.scenario, event.cause))
        delta = event.after - event.before
        variable = self.variables.get(event.var) if isinstance(event, ev.Changed) else None
        return Change(text, delta, direction(variable.polarity if variable else None, delta))

    def shock_card(self, event: ev.ShockFired, turn: int) -> ShockCard:
        shock = self.scenario.shock(event.shock)
        s = self.game.shock_index[event.shock]
        span: list[int] = []
        later = turn
        while later in self.active and self.active[later][s] > 0:
            span.append(later)
            later += 1
        expected = []
        for action_id in shock.expected_actions:
            a = self.game.action_index.get(action_id)
            label = self.scenario.action(action_id).label if a is not None else action_id
            takers = []
            if a is not None:
                for t in span:
                    for r, orders in enumerate(self.resolved[t]):
                        if orders and a in orders:
                            takers.append(Taker(self.scenario.roles[r].name, self.turn_name(t)))
            expected.append(ExpectedAction(label, tuple(takers)))
        why = None if event.cause.kind == "trigger" else cause_text(self.scenario, event.cause)
        return ShockCard(
            id=shock.id,
            title=shock.title,
            category=shock.category,
            narrative=shock.narrative,
            source=shock.source,
            why=why,
            injected=event.cause.kind == "facilitator",
            expected_response=shock.expected_response,
            expected_actions=tuple(expected),
        )

    def decisions(self, turn: int) -> tuple[Decision, ...]:
        """Each team's final orders: those resolved, or those waiting when the session stopped."""
        orders = self.resolved.get(turn)
        if orders is None:
            if turn != self.final.turn or self.final.ended:
                return ()
            orders = self.final.orders
            if all(item is None for item in orders):
                return ()
        return tuple(
            Decision(
                role.id,
                role.name,
                self.played_by(role.id),
                tuple(self.scenario.actions[a].label for a in chosen or ()),
                chosen is not None,
            )
            for role, chosen in zip(self.scenario.roles, orders, strict=True)
        )

    # -- summaries ----------------------------------------------------------------------------

    def objectives(self) -> tuple[RoleObjectives, ...]:
        view = View(self.game, self.final)
        label = self.scenario.turns.label.lower()
        checks = {"end": "at the end", "ever": "at some point", "always": f"after every {label}"}
        result = []
        for r, role in enumerate(self.scenario.roles):
            met = view.objectives_met_at(r)
            result.append(
                RoleObjectives(
                    role.id,
                    role.name,
                    view.score_at(r),
                    sum(objective.weight for objective in role.objectives),
                    tuple(
                        ObjectiveResult(
                            objective.description, checks.get(objective.check, objective.check), objective.weight, flag
                        )
                        for objective, flag in zip(role.objectives, met, strict=True)
                    ),
                )
            )
        return tuple(result)

    def overview(self, objectives: tuple[RoleObjectives, ...], turns_played: int) -> Overview:
        scenario = self.scenario
        header = self.session.header
        final = self.final
        outcome = None
        if final.ended and final.outcome is not None:
            found = scenario.outcome(final.outcome)
            outcome = OutcomeSummary(
                found.id, found.title, found.description, found.tone, ending_text(scenario, final.end_reason or "")
            )
        teams = tuple(
            Team(
                role.role,
                role.name,
                self.played_by(role.role),
                role.score,
                role.max_score,
                sum(1 for objective in role.objectives if objective.met),
                len(role.objectives),
            )
            for role in objectives
        )
        fork = header.get("forkedFrom")
        forked = None
        if isinstance(fork, dict):
            forked = f"{_text(fork.get('journal'), 'another journal')}, line {fork.get('line')}"
        timer = self.session.settings.timer_minutes
        return Overview(
            scenario_id=scenario.id,
            title=scenario.title,
            version=scenario.version,
            author=scenario.author,
            summary=scenario.summary,
            created=_text(header.get("created"), "not recorded"),
            engine=_text(header.get("engine"), "unknown"),
            reporter=__version__,
            seed=self.session.seed,
            turn_label=scenario.turns.label,
            turns_played=turns_played,
            turn_count=scenario.turns.count,
            ended=final.ended,
            outcome=outcome,
            teams=teams,
            timer_minutes=timer if isinstance(timer, int) else None,
            forked_from=forked,
        )

    def record(self, notes: list[Note]) -> SessionRecord:
        records = self.session.records
        undos = sum(1 for record in records if isinstance(record.command, cmd.Undo))
        redos = sum(1 for record in records if isinstance(record.command, cmd.Redo))
        history = self.session.history
        overrides = []
        injections = []
        ended_by = None
        for applied in history:
            command = applied.command
            turn = applied.before.turn
            if isinstance(command, cmd.AdjustVariable):
                i = self.game.var_index[command.var]
                overrides.append(
                    Override(
                        turn,
                        self.turn_name(turn),
                        self.label(command.var),
                        applied.before.values[i],
                        applied.after.values[i],
                        command.reason.strip(),
                    )
                )
            elif isinstance(command, cmd.InjectShock):
                injections.append(Injection(turn, self.turn_name(turn), self.scenario.shock(command.shock).title, command.reason))
            elif isinstance(command, cmd.EndExercise):
                ended_by = command.reason.strip()
        tags = tuple((tag, sum(1 for note in notes if note.tag == tag)) for tag in cmd.NOTE_TAGS)
        return SessionRecord(
            journaled=len(records),
            in_effect=len(history),
            undos=undos,
            redos=redos,
            taken_back=len(records) - undos - redos - len(history),
            overrides=tuple(overrides),
            injections=tuple(injections),
            ended_by_facilitator=ended_by,
            notes_by_tag=tags,
        )


def _note_tag(tag: str) -> NoteTag:
    """A note's tag as the typed value (the engine accepts no other; unknown ones read as observations)."""
    return next((known for known in cmd.NOTE_TAGS if known == tag), "observation")


def _reason(reason: str) -> str:
    reason = reason.strip()
    return f": {reason}" if reason else ""
