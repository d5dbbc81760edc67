"""Building the report model from a session: the story of the commands in effect, turn by turn.

Events are gathered between one turn's opening and the next, every sentence about the game is
taken from `engine.prose.events`, and objectives are judged by the engine's own `Work`, so the
report can never disagree with the log or the scores the teams saw. Every piece is asked of
`engine.audience.visibility` for the report's reader: the white cell's report shows everything,
the room's edition the public record, a team's edition what that team saw as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, assert_never

import attrs

from engine.audience.visibility import (
    WHITE_CELL,
    Audience,
    cause_without_secrets,
    event_shown,
    sees_decision,
    sees_guidance,
    sees_notes,
    sees_reasons,
    sees_variable,
    without_secrets,
)
from engine.core import commands as cmd
from engine.core import events as ev
from engine.core.model import Scenario
from engine.core.rules import Game
from engine.core.state import State
from engine.documents.report import summaries
from engine.documents.report.actor_moves import actor_moves
from engine.documents.report.curves import key_moments, variable_series
from engine.documents.report.evaluation import evaluations
from engine.documents.report.free_moves import free_move_entries
from engine.documents.report.model import (
    Change,
    ChangeLine,
    Decision,
    ExpectedAction,
    LogEntry,
    LogLine,
    NetChange,
    Note,
    NoteTag,
    PlanRow,
    Report,
    ShockCard,
    Taker,
    TurnReport,
    direction,
)
from engine.documents.report.written_injects import written_inject_entries
from engine.journal.turns import turns
from engine.prose.events import cause_text, earlier_turn, event_text, redacted_event_text
from engine.prose.turns import turn_heading, turn_name

if TYPE_CHECKING:
    from engine.journal.session import Session


def build_report(session: Session, *, notices: Iterable[str] = (), audience: Audience = WHITE_CELL) -> Report:
    """The report of a session's commands in effect, as ``audience`` may read it (by default the
    white cell's, which shows everything). ``notices`` are shown at the top (e.g. a replay problem
    that stopped the journal early)."""
    return _Builder(session, audience).build(tuple(notices))


@attrs.define
class _Segment:
    """The events of one turn while they are being gathered."""

    turn: int
    events: list[tuple[ev.Event, cmd.Command | None]] = attrs.Factory(list)


class _Builder:
    def __init__(self, session: Session, audience: Audience) -> None:
        self.session = session
        self.audience = audience
        self.scenario: Scenario = session.scenario
        self.game: Game = session.game
        self.variables = {var.id: var for var in self.scenario.variables}
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

    def label(self, var_id: str) -> str:
        variable = self.variables.get(var_id)
        return variable.label if variable else var_id

    def value(self, var_id: str, value: int) -> str:
        """A variable's value as people read it (a named state by name)."""
        variable = self.variables.get(var_id)
        return variable.shown(value) if variable else str(value)

    def reason(self, reason: str) -> str:
        """The facilitator's reason, as a tail of a sentence, for a reader who may read it."""
        return _reason(reason) if sees_reasons(self.audience) else ""

    # -- the story ----------------------------------------------------------------------------

    def segments(self) -> Iterator[_Segment]:
        """The events of the commands in effect, turn by turn."""
        for story in turns(self.session):
            if story.happenings:
                yield _Segment(story.turn, [(item.event, item.command) for item in story.happenings])

    def build(self, notices: tuple[str, ...]) -> Report:
        scenario = self.scenario
        audience = self.audience
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
                    cause = cause_without_secrets(scenario, audience, event.cause)
                    causes[cause] = causes.get(cause, 0) + event.after - event.before
            turn = self.turn_report(segment, points[-1], values)
            turns.append(turn)
            notes.extend(turn.notes)
            points.append(dict(values))
            contributions.append(per_var)
        # A note about an earlier turn is told with that turn.
        turns = [attrs.evolve(turn, notes=tuple(note for note in notes if note.turn == turn.number)) for turn in turns]

        series = tuple(
            variable_series(scenario, var, [point[var.id] for point in points])
            for var in scenario.variables
            if sees_variable(audience, var)
        )
        labels = ("start", *(str(turn.number) for turn in turns))
        names = ("the start", *(turn.name for turn in turns))
        objectives = summaries.objectives(self.game, self.final, audience)
        return Report(
            overview=summaries.overview(self.session, objectives, len(turns), audience),
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
            record=summaries.record(self.session, notes, audience),
            edition=summaries.edition(self.session, audience),
            team_briefings=summaries.team_briefings(self.session, audience),
            free_moves=free_move_entries(self.session, audience),
            evaluation=evaluations(self.session, audience),
            written_injects=written_inject_entries(self.session, audience),
            actor_moves=actor_moves(scenario, turns),
        )

    def turn_report(self, segment: _Segment, before: dict[str, int], after: dict[str, int]) -> TurnReport:
        scenario = self.scenario
        audience = self.audience
        number = segment.turn
        shocks: list[ShockCard] = []
        joint: list[str] = []
        facilitator: list[str] = []
        log: list[LogEntry] = []
        notes: list[Note] = []
        ending: str | None = None
        ended = False
        for event, command in segment.events:
            shown = event_shown(scenario, audience, event, resolved=number in self.resolved)
            if shown == "hidden":
                continue
            told = without_secrets(scenario, audience, event)
            match told:
                case ev.ShockFired():
                    shocks.append(self.shock_card(told, number))
                    if told.cause.kind == "facilitator":
                        facilitator.append(f"Injected {scenario.shock(told.shock).title}" + self.reason(told.cause.detail))
                case ev.Changed() | ev.ResourceChanged():
                    change = self.change(told)
                    cause = cause_text(scenario, told.cause)
                    last = log[-1] if log else None
                    if isinstance(last, ChangeLine) and last.cause == cause:
                        log[-1] = attrs.evolve(last, changes=(*last.changes, change))
                    else:
                        log.append(ChangeLine(cause, (change,), told.cause.kind == "facilitator"))
                    if isinstance(told, ev.Changed) and isinstance(command, cmd.AdjustVariable):
                        facilitator.append(
                            f"Set {self.label(told.var)} to {self.value(told.var, told.after)}"
                            f" (was {self.value(told.var, told.before)})" + self.reason(command.reason)
                        )
                    if isinstance(told, ev.ResourceChanged) and isinstance(command, cmd.AdjustResource):
                        facilitator.append(
                            f"Set {self.resource_label(told.role, told.resource)} to {told.after} (was {told.before})"
                            + self.reason(command.reason)
                        )
                case ev.ActionResolved():
                    if told.result != "done":
                        joint.append(event_text(scenario, told))
                case ev.NoteAdded():
                    if sees_notes(audience):
                        about = _about(command, number)
                        notes.append(Note(_note_tag(told.tag), told.text, about, self.turn_name(about), ended))
                case ev.GameEnded():
                    ending = event_text(scenario, told)
                    ended = True
                    if isinstance(command, cmd.EndExercise):
                        facilitator.append("Ended the exercise" + self.reason(command.reason))
                case ev.PointsChanged():
                    text = event_text(scenario, told) if shown == "shown" else redacted_event_text(scenario, told)
                    log.append(LogLine(told.kind, text))
                    if isinstance(command, cmd.AdjustPoints):
                        facilitator.append(
                            f"Set {scenario.role(told.role).name}'s action points for this {scenario.turns.word} to {told.after}"
                            f" (was {told.before})" + self.reason(command.reason)
                        )
                case ev.TurnOpened() | ev.OrdersSubmitted():
                    pass  # the turn's heading and its decisions say these
                case (
                    ev.ShockEnded()
                    | ev.ShockArmed()
                    | ev.ShockScheduled()
                    | ev.ShockSkipped()
                    | ev.ShockHeld()
                    | ev.OrdersWithdrawn()
                    | ev.OrdersReturned()
                    | ev.Rolled()
                    | ev.Narrated()
                    | ev.InjectWritten()
                    | ev.Undone()
                    | ev.Redone()
                    | ev.FreeMoveRolled()
                    | ev.FreeMoveProposed()
                ):
                    text = event_text(scenario, told) if shown == "shown" else redacted_event_text(scenario, told)
                    log.append(LogLine(told.kind, text))
                case _:
                    assert_never(told)
        net = tuple(
            NetChange(
                var.label, before[var.id], after[var.id], direction(var.polarity, after[var.id] - before[var.id]), var.states
            )
            for var in scenario.variables
            if before[var.id] != after[var.id] and sees_variable(audience, var)
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

    def resource_label(self, role_id: str, resource_id: str) -> str:
        """A team's resource as an adjustment names it: "Seoul's Political capital"."""
        role = self.scenario.role(role_id)
        resource = next((res for res in role.resources if res.id == resource_id), None)
        return f"{role.name}'s {resource.label if resource else resource_id}"

    def change(self, event: ev.Changed | ev.ResourceChanged) -> Change:
        """The change as the log words it, without its cause (the line names the cause once)."""
        full = event_text(self.scenario, event)
        text = full.removesuffix(": " + cause_text(self.scenario, event.cause))
        delta = event.after - event.before
        variable = self.variables.get(event.var) if isinstance(event, ev.Changed) else None
        return Change(text, delta, direction(variable.polarity if variable else None, delta))

    def shock_card(self, event: ev.ShockFired, turn: int) -> ShockCard:
        """A shock as it fired, with the white cell's guidance for a reader who may see it."""
        shock = self.scenario.shock(event.shock)
        guided = sees_guidance(self.audience)
        s = self.game.shock_index[event.shock]
        span: list[int] = []
        later = turn
        while later in self.active and self.active[later][s] > 0:
            span.append(later)
            later += 1
        expected = []
        for action_id in shock.expected_actions if guided else ():
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
            expected_response=shock.expected_response if guided else "",
            expected_actions=tuple(expected),
        )

    def decisions(self, turn: int) -> tuple[Decision, ...]:
        """Each team's final orders: those resolved, or those waiting when the session stopped
        (another team's are only said to be entered, to a reader who may not see them)."""
        orders = self.resolved.get(turn)
        resolved = orders is not None
        if orders is None:
            if turn != self.final.turn or self.final.ended:
                return ()
            orders = self.final.orders
            if all(item is None for item in orders):
                return ()
        decisions = []
        for role, chosen in zip(self.scenario.roles, orders, strict=True):
            hidden = chosen is not None and not sees_decision(self.scenario, self.audience, role.id, resolved=resolved)
            labels = () if hidden else tuple(self.scenario.actions[a].label for a in chosen or ())
            played = summaries.played_by(self.session, role.id)
            decisions.append(Decision(role.id, role.name, played, labels, chosen is not None, hidden))
        return tuple(decisions)


def _note_tag(tag: str) -> NoteTag:
    """A note's tag as the typed value (the engine accepts no other; unknown ones read as observations)."""
    return next((known for known in cmd.NOTE_TAGS if known == tag), "observation")


def _reason(reason: str) -> str:
    reason = reason.strip()
    return f": {reason}" if reason else ""


def _about(command: object, written: int) -> int:
    """The turn a note is about: the earlier turn it names, else the turn it was written in."""
    earlier = earlier_turn(command, written)
    return written if earlier is None else earlier
