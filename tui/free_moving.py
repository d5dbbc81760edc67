"""Free-form moves at the console (`m`): the argument, the roll, then the effects on success.

The dialogs are in `tui.screens.free_move`; this module opens them on the session as it stands,
applies what they return and says how the roll went. A move that succeeded and still awaits its
effects (the dialog closed, or the session resumed between the two) is taken up again by `m`. A
move a team's seat proposed is journaled (so it outlives a crash and goes with an undo), said as it
comes, and `m` opens on it (its roll journaled ``by: "seat"``, which takes the proposal up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from engine.audience.visibility import ROOM, WHITE_CELL, sees_proposal, sees_variable
from engine.core import events as ev
from engine.core.commands import ProposeFreeMove, SettleFreeMove
from engine.core.free_moves import proposals_waiting
from engine.core.state import AWAITING_EFFECTS
from engine.prose.free_moves import result_text
from engine.seats.messages import Proposal
from tui.screens.free_move import ArgumentScreen, EffectsScreen, Target

if TYPE_CHECKING:
    from engine.journal.session import Session
    from tui.app import WhitecellApp


def awaiting_effects(session: Session) -> str | None:
    """The role whose free-form move succeeded this turn and awaits its effects, if any."""
    state = session.state
    mark = next((m for m in state.free_moves if m.turn == state.turn and m.stage == AWAITING_EFFECTS), None)
    return None if mark is None else session.game.role_ids[mark.role]


def _last_roll(session: Session, role: str) -> ev.FreeMoveRolled | None:
    rolls = [event for event in session.events() if isinstance(event, ev.FreeMoveRolled) and event.role == role]
    return rolls[-1] if rolls else None


def _heading(session: Session, rolled: ev.FreeMoveRolled | None, role: str) -> str:
    name = session.scenario.role(role).name
    if rolled is None:
        return f"{name}'s free-form move"
    return f"{name}: {rolled.action}; {result_text(rolled.roll, rolled.chance, rolled.succeeded)}"


def proposal_of(session: Session, role: str) -> Proposal | None:
    """The free-form move a team's seat proposed this turn and the white cell has not rolled for, if any."""
    waiting = proposals_waiting(session.game, session.state)
    return next((Proposal(action, reasons) for proposer, action, reasons in waiting if proposer == role), None)


def seat_proposal(app: WhitecellApp) -> tuple[str, Proposal] | None:
    """The first free-form move a team's seat proposed this turn, if the console may show it now (with
    choices hidden the room is looking, and a proposal is its team's and the white cell's: visibility)."""
    session = app.session
    if session is None:
        return None
    reader = ROOM if app.masked else WHITE_CELL
    shown = [
        (role, Proposal(action, reasons))
        for role, action, reasons in proposals_waiting(session.game, session.state)
        if sees_proposal(reader, role)
    ]
    return shown[0] if shown else None


def tell_proposal(app: WhitecellApp, role: str) -> None:
    """Say on the console that a team's seat proposed a free-form move: its words when the console may show
    them, else only that one waits."""
    session = app.session
    if session is None:
        return
    proposal = proposal_of(session, role)
    if proposal is not None:
        if sees_proposal(ROOM if app.masked else WHITE_CELL, role):
            name = session.scenario.role(role).name
            words = f"{name} proposes a free-form move from its seat: {proposal.action}. m argues it."
        else:
            words = "A team proposes a free-form move from its seat (h shows it)."
        app.notify(words, title="Free-form move", timeout=10)
    app.refresh_screens()


def ask_free_move(app: WhitecellApp) -> None:
    """Open the argument dialog, or the effects of a move that awaits them; say so when the scenario allows none."""
    session = app.session
    if session is None or session.state.ended:
        return
    limits = session.scenario.free_moves
    if not limits.allowed:
        app.notify("This scenario does not allow free-form moves.", severity="warning", timeout=5)
        return
    waiting = awaiting_effects(session)
    if waiting is not None:
        _ask_effects(app, session, waiting, _last_roll(session, waiting))
        return
    teams = [(role.id, role.name) for role in session.scenario.roles]
    proposed = seat_proposal(app)

    def argued(result: object) -> None:
        if not isinstance(result, ProposeFreeMove) or app.session is None:
            return
        from_seat = proposed is not None and result.role == proposed[0]
        events = app.submit(attrs.evolve(result, by="seat") if from_seat else result)
        rolled = next((event for event in events or () if isinstance(event, ev.FreeMoveRolled)), None)
        if rolled is None:
            return
        if rolled.succeeded:
            _ask_effects(app, app.session, rolled.role, rolled)
        else:
            app.notify(_heading(app.session, rolled, rolled.role) + ". Nothing changes.", title="Free-form move", timeout=10)

    app.push_screen(ArgumentScreen(teams, limits.largest_effect, proposed), argued)


def _ask_effects(app: WhitecellApp, session: Session, role: str, rolled: ev.FreeMoveRolled | None) -> None:
    """The effects dialog on the variables the console may show now: with choices hidden (`h`),
    only those the room sees, since the room is looking at the console."""
    state, scenario = session.state, session.scenario
    reader = ROOM if app.masked else WHITE_CELL
    targets = [
        Target(var.id, var.label, state.values[i], var.min, var.max)
        for i, var in enumerate(scenario.variables)
        if sees_variable(reader, var)
    ]

    def settled(result: object) -> None:
        if isinstance(result, SettleFreeMove) and app.submit(result) is not None:
            app.notify("The move's effects are applied.", title="Free-form move", timeout=4)
            app.sync_end_screen()
        elif result is None:
            app.notify("The move awaits its effects: m comes back to them.", title="Free-form move", timeout=6)

    heading = _heading(session, rolled, role)
    app.push_screen(EffectsScreen(role, heading, targets, scenario.free_moves.largest_effect), settled)
