"""The teams' orders as the console holds them before they are submitted.

Ticking an action changes a draft, not the game: the journal, the log and the replay timeline get
one entry per team per turn, the orders as submitted (Enter in the team's panel, or every draft
still open when the turn is resolved). A draft is kept beside the journal as it changes
(`tui.draft_file`), so a crash mid-entry loses nothing, and it is dropped as soon as it is
journaled, or when the team's orders change under it (a seat submits, an undo, a new turn).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from engine.core.commands import SubmitOrders
from engine.core.nouns import counted
from engine.journal.session import Session
from tui.draft_file import read_drafts, remove_drafts, write_drafts


@attrs.frozen
class Draft:
    """A team's actions as ticked, and its orders in the journal when the draft began."""

    actions: tuple[str, ...]
    base: tuple[str, ...] | None


def journaled(session: Session, role: str) -> tuple[str, ...] | None:
    """A team's orders in effect this turn, as action ids (None: none entered)."""
    orders = session.state.orders[session.game.role_index[role]]
    return None if orders is None else tuple(session.game.action_ids[a] for a in orders)


def _same(first: tuple[str, ...] | None, second: tuple[str, ...] | None) -> bool:
    """Orders are a set: ticked in another order they are the same orders."""
    return (first is None) == (second is None) and sorted(first or ()) == sorted(second or ())


class Drafts:
    """Every team's draft for the current turn, kept on disk beside the journal while any is open."""

    def __init__(self, journal: Path | None) -> None:
        self.journal = journal
        self.turn: int | None = None
        self.by_role: dict[str, Draft] = {}
        self.problem: str | None = None
        """Why the drafts could not be kept on disk, the last time that failed (None once it works)."""

    def get(self, role: str) -> tuple[str, ...] | None:
        draft = self.by_role.get(role)
        return None if draft is None else draft.actions

    def set(self, session: Session, role: str, actions: tuple[str, ...]) -> None:
        """The team's draft is now ``actions``; back to its journaled orders (or to nothing entered), it is no draft."""
        self.sync(session)
        base = self.by_role[role].base if role in self.by_role else journaled(session, role)
        if _same(actions, base) or (base is None and not actions):
            self.by_role.pop(role, None)
        else:
            self.by_role[role] = Draft(actions, base)
            self.turn = session.state.turn
        self._save()

    def sync(self, session: Session) -> None:
        """Drop the drafts the session has moved past: another turn, the game over, or orders changed under them."""
        kept = {
            role: draft
            for role, draft in self.by_role.items()
            if not session.state.ended and self.turn == session.state.turn and _same(journaled(session, role), draft.base)
        }
        if kept != self.by_role:
            self.by_role = kept
            self._save()

    def pending(self, session: Session) -> list[SubmitOrders]:
        """The orders to journal for every open draft, in the scenario's order of roles."""
        self.sync(session)
        return [
            SubmitOrders(role.id, self.by_role[role.id].actions) for role in session.scenario.roles if role.id in self.by_role
        ]

    def _save(self) -> None:
        if self.journal is None:
            return
        try:
            if self.by_role and self.turn is not None:
                data = {role: {"actions": list(draft.actions), "base": draft.base} for role, draft in self.by_role.items()}
                write_drafts(self.journal, self.turn, data)
            else:
                remove_drafts(self.journal)
            self.problem = None
        except OSError as error:
            self.problem = f"The draft of orders could not be kept beside the journal ({error.strerror or error})."

    @classmethod
    def restore(cls, session: Session) -> tuple[Drafts, str | None]:
        """The drafts kept beside the session's journal that still fit it, and what to tell the facilitator."""
        drafts = cls(session.path)
        if session.path is None:
            return drafts, None
        try:
            kept = read_drafts(session.path)
        except OSError:
            kept = None
        if kept is None or kept[0] != session.state.turn or session.state.ended:
            drafts._save()  # none, or of another turn: nothing to keep
            return drafts, None
        drafts.turn = kept[0]
        for role in session.scenario.roles:
            draft = _checked(session, role.id, kept[1].get(role.id))
            if draft is not None:
                drafts.by_role[role.id] = draft
        drafts._save()
        if not drafts.by_role:
            return drafts, None
        told = ", ".join(
            f"{role.name} ({counted(len(drafts.by_role[role.id].actions), 'action')})"
            for role in session.scenario.roles
            if role.id in drafts.by_role
        )
        return drafts, f"Orders being entered when the console stopped are back as drafts, not yet submitted: {told}."


def _checked(session: Session, role: str, entry: Any) -> Draft | None:
    """A draft read from disk, if it is one for this role that still fits the journal (else None)."""
    if not isinstance(entry, dict):
        return None
    actions, base = entry.get("actions"), entry.get("base")
    known = session.game.action_index
    if not isinstance(actions, list) or not all(isinstance(action, str) and action in known for action in actions):
        return None
    if base is not None and not (isinstance(base, list) and all(isinstance(action, str) for action in base)):
        return None
    draft = Draft(tuple(dict.fromkeys(actions)), None if base is None else tuple(base))
    if not _same(journaled(session, role), draft.base):
        return None  # the team's orders changed after the draft was made: the journal wins
    return draft
