"""A journal as steps, for walking a room through a recorded game (the replay screen).

Step 0 is the opening of the game (the header); step k is the game right after the journal's
command k (line k + 1), undo and redo included: the timeline shows everything the white cell
did, in the order it was done. Each step keeps the commands in effect after it, so that
`session_at` can give the play screen's views (`engine.audience.console`) a read-only session at that step
and a step looks exactly as the live game looked at that moment.

Only the lines that replay are steps: a journal that stops replaying ends at its last good line,
and `Steps.problem` says which line does not replay and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from engine.core import events as ev
from engine.core.commands import SessionCommand
from engine.core.model import Scenario
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.state import State
from engine.journal.format import utc_now
from engine.journal.history import Applied, History, Record
from engine.journal.reader import open_journal
from engine.journal.replay import CutOff, Replayed, replay_journal
from engine.journal.session import Session
from engine.journal.verify import ReplayProblem


class SessionAt(Session):
    """A session fixed at one step of a recorded game: the views read it, and it takes no command."""

    def __init__(self, source: Session, history: tuple[Applied, ...]) -> None:
        at = History(source.game, source.initial, source.start_events, in_effect=history)
        super().__init__(
            at,
            seed=source.seed,
            settings=source.settings,
            writer=None,
            clock=utc_now,
            header=source.header,
            header_digest=source.header_digest,
        )

    def apply(self, command: SessionCommand) -> tuple[ev.Event, ...]:
        raise CommandRefused(reason(RefusalCode.RECORDED_GAME, self.game))


@attrs.frozen
class Step:
    """The game right after one journal line."""

    number: int
    """0 for the opening, k for the journal's command k."""
    record: Record | None
    """The line's command and events (None for the opening)."""
    history: tuple[Applied, ...]
    """The commands in effect after this step."""
    before: State
    """The state at the step before (the opening's own state for step 0)."""

    @property
    def line(self) -> int:
        """The journal line this step ends with (1, the header, for the opening)."""
        return self.number + 1

    @property
    def state(self) -> State:
        return self.history[-1].after if self.history else self.before

    @property
    def issued_in(self) -> int:
        """The turn the command was given in (the turn a resolution closed, not the one it opened)."""
        return self.before.turn


@attrs.frozen
class Delta:
    """How one variable or resource moved between two steps."""

    label: str
    before: int
    after: int
    var: str | None = None
    """The variable that moved, or None for a resource."""
    role: str | None = None
    """The role whose resource moved, or None for a variable."""

    @property
    def change(self) -> int:
        return self.after - self.before


@attrs.frozen
class Steps:
    """Every step of a journal that replays, and what verification found."""

    replayed: Replayed
    steps: tuple[Step, ...]
    fates: Mapping[int, tuple[tuple[str, int], ...]]
    """For a line whose command was later undone or redone: ("undone" or "redone", the line that did it), in order."""

    @property
    def path(self) -> str:
        return self.replayed.contents.path

    @property
    def session(self) -> Session:
        """The whole journal as replayed (to its first bad line): what the report tells."""
        return self.replayed.session

    @property
    def scenario(self) -> Scenario:
        return self.replayed.session.scenario

    @property
    def problem(self) -> ReplayProblem | None:
        return self.replayed.problem

    @property
    def cut_off(self) -> CutOff | None:
        return self.replayed.cut_off

    @property
    def last(self) -> int:
        return len(self.steps) - 1

    def session_at(self, number: int) -> SessionAt:
        """A read-only session at a step, for the views."""
        return SessionAt(self.replayed.session, self.steps[number].history)

    def events_at(self, number: int) -> tuple[ev.Event, ...]:
        """What happened at a step: its line's events, or the opening's."""
        record = self.steps[number].record
        return record.events if record is not None else self.replayed.session.start_events

    def deltas_at(self, number: int) -> list[Delta]:
        """Each variable and resource that differs from the step before, in the scenario's order."""
        step = self.steps[number]
        before, after = step.before, step.state
        scenario = self.scenario
        found = [
            Delta(variable.label, before.values[i], after.values[i], var=variable.id)
            for i, variable in enumerate(scenario.variables)
            if before.values[i] != after.values[i]
        ]
        for r, role in enumerate(scenario.roles):
            for k, resource in enumerate(role.resources):
                if before.resources[r][k] != after.resources[r][k]:
                    found.append(
                        Delta(f"{role.name}'s {resource.label}", before.resources[r][k], after.resources[r][k], role=role.id)
                    )
        return found

    def first_in_turn(self, turn: int) -> int | None:
        """The first step at which the game is in ``turn`` (the step that opened it), or None if it never was."""
        return next((step.number for step in self.steps if step.state.turn == turn), None)

    def fate_text(self, line: int) -> str | None:
        """What became of a line's command later: e.g. "undone at line 10", "undone at line 5, redone at line 6"."""
        fates = self.fates.get(line)
        if not fates:
            return None
        return ", ".join(f"{kind} at line {by}" for kind, by in fates)

    def in_effect_at_end(self, line: int) -> bool:
        """Whether a line's command is among those in effect at the end of the journal."""
        return any(applied.line == line for applied in self.steps[-1].history)


def _fates(records: Iterable[Record]) -> dict[int, tuple[tuple[str, int], ...]]:
    fates: dict[int, list[tuple[str, int]]] = {}
    for record in records:
        for event in record.events:
            if isinstance(event, ev.Undone):
                fates.setdefault(event.line, []).append(("undone", record.line))
            elif isinstance(event, ev.Redone):
                fates.setdefault(event.line, []).append(("redone", record.line))
    return {line: tuple(items) for line, items in fates.items()}


def steps_of(replayed: Replayed) -> Steps:
    """The steps of a replayed journal: its commands applied again, in memory, one by one."""
    source = replayed.session
    cursor = History(source.game, source.initial, source.start_events)
    steps = [Step(0, None, (), source.initial)]
    for number, record in enumerate(source.records, start=1):
        before = cursor.state
        cursor.apply(record.command)  # replayed already, so it applies: the engine is deterministic
        steps.append(Step(number, record, cursor.history, before))
    return Steps(replayed, tuple(steps), _fates(source.records))


def load_steps(path: str | Path) -> Steps:
    """Read and replay a journal into steps; `JournalError` when even its header cannot be used."""
    return steps_of(replay_journal(open_journal(path)))
