"""The readers of a game (the white cell, the room, one team), named as commands and programs name them.

What each reader may see is decided in `engine.audience.visibility`, which re-exports these.
"""

from __future__ import annotations

from typing import Literal

import attrs

from engine.core import model as m


@attrs.frozen
class Audience:
    """A reader of the game: the white cell, the room, or one team (by role id)."""

    kind: Literal["white-cell", "room", "team"]
    role: str | None = None

    @classmethod
    def team(cls, role: str) -> Audience:
        return cls("team", role)

    @property
    def is_white_cell(self) -> bool:
        return self.kind == "white-cell"

    def __str__(self) -> str:
        return self.kind if self.role is None else f"team {self.role}"


WHITE_CELL = Audience("white-cell")
ROOM = Audience("room")


class UnknownAudience(ValueError):
    """A name that is neither white-cell, room nor one of the scenario's teams."""


def audience_named(scenario: m.Scenario, name: str) -> Audience:
    """The audience a command line or a program names: "white-cell", "room" or a team's role id.

    An actor is refused, as a scenario's audiences and the white cell's injects refuse it: the
    white cell plays it, so what it knows is the white cell's edition, not a reader of its own.
    """
    if name == WHITE_CELL.kind:
        return WHITE_CELL
    if name == ROOM.kind:
        return ROOM
    teams = ", ".join(role.id for role in scenario.teams)
    if any(role.id == name for role in scenario.actors):
        raise UnknownAudience(
            f"{name!r} is an actor the white cell plays, not a reader: its view is the white cell's"
            f" (white-cell); use white-cell, room or a team ({teams})"
        )
    if any(role.id == name for role in scenario.teams):
        return Audience.team(name)
    raise UnknownAudience(f"unknown audience {name!r}: use white-cell, room or a team of this scenario ({teams})")
