"""A game's history turn by turn: the one answer to "which turn does this event belong to".

Events come out of commands as one stream; a turn's opening (`TurnOpened`) starts the next turn.
Replay, the report, the console's log and a team's observation all read the history through
`turns` (or `happenings`), so they cannot disagree about where a turn begins or what was taken
back in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from engine.core import events as ev
from engine.core.commands import Command, Redo, Resolve, Undo
from engine.journal.session import Session

__all__ = ["Happening", "TurnStory", "happenings", "split_at_opening", "turn_starts", "turns"]

E = TypeVar("E")


@attrs.frozen
class Happening:
    """An event, the turn it belongs to, and the command that produced it with its journal line
    (None for both: the game's opening)."""

    line: int | None
    event: ev.Event
    turn: int
    command: Command | None = None


@attrs.frozen
class TurnStory:
    """One turn as it stands in the record."""

    turn: int
    happenings: tuple[Happening, ...]
    """The events of the commands in effect, in order (the turn's opening first)."""
    orders: tuple[tuple[str, tuple[str, ...] | None], ...]
    """Each role's orders as they stood when the turn was resolved (None: no orders given)."""
    resolved: bool
    taken_back: tuple[Happening, ...]
    """Undo and redo of this turn's commands: off the record, but kept so the record is complete."""

    def of_kind(self, kind: type[E]) -> list[tuple[int | None, E]]:
        """(line, event) for the events of one class, in order."""
        return [(item.line, item.event) for item in self.happenings if isinstance(item.event, kind)]


def turn_starts(events: Iterable[ev.Event], first: int = 1) -> list[int]:
    """The turn each event belongs to, for a stream of events from the game's opening on."""
    current = first
    result = []
    for event in events:
        if isinstance(event, ev.TurnOpened):
            current = event.turn
        result.append(current)
    return result


def happenings(session: Session) -> list[Happening]:
    """Every event of the commands in effect, oldest first, with its turn, command and line."""
    sources: list[tuple[int | None, Command | None, Sequence[ev.Event]]] = [(None, None, session.start_events)]
    sources += [(applied.line, applied.command, applied.events) for applied in session.history]
    stream = [(line, command, event) for line, command, events in sources for event in events]
    in_turn = turn_starts((event for _, _, event in stream), session.initial.turn)
    return [Happening(line, event, turn, command) for (line, command, event), turn in zip(stream, in_turn, strict=True)]


def split_at_opening(events: Sequence[ev.Event]) -> tuple[Sequence[ev.Event], Sequence[ev.Event]]:
    """One command's events cut where a new turn opens: those of the turn resolved, then the next turn's."""
    opened = next((index for index, event in enumerate(events) if isinstance(event, ev.TurnOpened)), len(events))
    return events[:opened], events[opened:]


def turns(session: Session) -> list[TurnStory]:
    """The game turn by turn, from the commands in effect and the undo and redo around them."""
    game = session.game
    by_turn: dict[int, list[Happening]] = {}
    for item in happenings(session):
        by_turn.setdefault(item.turn, []).append(item)

    orders: dict[int, tuple[tuple[int, ...] | None, ...]] = {}
    resolved: set[int] = set()
    for state in session.states():
        if not state.ended:
            orders[state.turn] = state.orders
    for applied in session.history:
        if isinstance(applied.command, Resolve):
            resolved.add(applied.before.turn)

    taken_back: dict[int, list[Happening]] = {}
    turn_before = session.initial.turn
    for record in session.records:
        if isinstance(record.command, Undo | Redo):
            # Both belong to the turn in which the command they touch was given.
            turn = record.turn if isinstance(record.command, Undo) else turn_before
            taken_back.setdefault(turn, []).extend(Happening(record.line, event, turn) for event in record.events)
        turn_before = record.turn

    stories = []
    for turn in sorted(set(by_turn) | set(taken_back)):
        standing = orders.get(turn, (None,) * len(game.role_ids))
        role_orders = tuple(
            (role, None if chosen is None else tuple(game.action_ids[a] for a in chosen))
            for role, chosen in zip(game.role_ids, standing, strict=True)
        )
        stories.append(
            TurnStory(turn, tuple(by_turn.get(turn, ())), role_orders, turn in resolved, tuple(taken_back.get(turn, ())))
        )
    return stories
