"""The team's orders as this seat holds them: a draft it edits, then submitted, sent back, resolved.

Pure (no widget, no link), so every rule is tested directly. The server keeps the team's draft too
and shares it with the team's other seats, but a seat that has edited its draft this turn keeps
its own: the server's copy may be a step behind what was typed, and a draft survives a lost
connection only because the seat sends its own again once it is back.
"""

from __future__ import annotations

from typing import Literal

import attrs

from tui.seat.link import Status
from tui.seat.model import Picture

Phase = Literal["drafting", "submitting", "submitted", "ended"]


@attrs.define
class Orders:
    """The draft and where it stands."""

    turn: int | None = None
    actions: tuple[str, ...] = ()
    phase: Phase = "drafting"
    note: str | None = None
    """The white cell's note when it sent the orders back; shown until the team submits again."""
    edited: bool = False
    """This seat changed the draft this turn (the server's copy no longer replaces it)."""
    resend: bool = False
    """The connection came back: the draft is to be sent again with the next state."""

    def on_state(self, picture: Picture, draft: tuple[str, ...], status: Status) -> bool:
        """Take in the server's view of the team's orders; True when this seat's draft must be sent again."""
        resend, self.resend = self.resend, False
        if picture.ended:
            self.phase = "ended"
            return False
        if self.turn != picture.turn:
            self.turn, self.note, self.edited = picture.turn, None, False
            self.actions, self.phase = self._server(picture, draft, status), status
            return False
        if status == "submitted":
            self.actions, self.phase, self.note = self._server(picture, draft, status), "submitted", None
            return False
        if self.phase == "submitting":
            return False  # the answer to the submission is on its way
        if self.phase != "drafting":
            self.phase, self.edited = "drafting", False
        if not self.edited:
            self.actions = draft
            return False
        return resend and self.actions != draft

    @staticmethod
    def _server(picture: Picture, draft: tuple[str, ...], status: Status) -> tuple[str, ...]:
        return picture.orders if status == "submitted" and picture.orders is not None else draft

    def toggle(self, picture: Picture | None, action: str) -> str | None:
        """Add or take out an action; None when done, else why not (the draft is unchanged)."""
        if picture is None:
            return "Nothing to order yet: waiting for the white cell's server."
        if self.phase == "ended":
            return "The game has ended."
        if self.phase in ("submitting", "submitted"):
            return "Your orders are in: wait for the white cell to resolve the turn or send them back."
        if action in self.actions:
            self.actions = tuple(chosen for chosen in self.actions if chosen != action)
            self.edited = True
            return None
        option = picture.action(action)
        if option is None:
            return "That action is not offered."
        if not option.available:
            return f"{option.label} is not available: {option.reason or 'no reason given'}"
        left = self.left(picture)
        if left is not None and option.cost > left:
            return f"{option.label} costs {points(option.cost)}; {left} left."
        self.actions = (*self.actions, action)
        self.edited = True
        return None

    def left(self, picture: Picture) -> int | None:
        """Points left in the budget, when the server sends the budget."""
        return None if picture.budget is None else picture.budget - picture.cost(self.actions)

    def submit(self) -> str | None:
        """Begin submitting the draft; None when it may be sent, else why not."""
        if self.turn is None:
            return "Nothing to submit yet."
        if self.phase == "ended":
            return "The game has ended."
        if self.phase != "drafting":
            return "Your orders are already in."
        self.phase = "submitting"
        return None

    def on_submitted(self, turn: int, actions: tuple[str, ...]) -> None:
        if turn == self.turn and self.phase != "ended":
            self.actions, self.phase, self.note = actions, "submitted", None

    def on_returned(self, turn: int, actions: tuple[str, ...], note: str) -> None:
        if self.phase != "ended":
            self.turn, self.actions, self.phase, self.note, self.edited = turn, actions, "drafting", note, False

    def on_refused(self) -> None:
        """The server refused what was sent: a submission in flight is a draft again."""
        if self.phase == "submitting":
            self.phase = "drafting"

    def on_connection(self, up: bool) -> None:
        """Down: a submission in flight may be lost, so the seat drafts again until the server says.
        Up again: send the draft with the next state."""
        if not up:
            self.on_refused()
        elif self.edited:
            self.resend = True


def points(count: int) -> str:
    """A number of action points in words: "1 point", "3 points"."""
    return f"{count} point" if count == 1 else f"{count} points"
