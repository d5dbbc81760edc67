"""Golden values: the same scenario, seed and commands give the same bytes on any machine and in
every version that reads journal format 1. If one of these fails, a change altered the dice, the
turn cycle or the digest's encoding: old journals would no longer verify. That needs a new
journal format, not a new constant here."""

from __future__ import annotations

import contextlib
import hashlib
import json

from engine.core.commands import Resolve, SubmitOrders
from engine.core.dice import derive_seed, key_hash, roll, seed_hash
from engine.core.refusals import CommandRefused
from engine.core.state import state_digest
from engine.journal.session import Session
from tests.test_session import scenario


def test_the_dice_are_fixed_functions() -> None:
    assert key_hash("trigger:storm") == 2308206277473271693
    assert seed_hash(42) == 976500841069440538
    assert round(roll(seed_hash(42), 3, key_hash("trigger:storm")), 12) == 0.300759296999
    assert derive_seed(1, "game", 0) == 9156581044668030317


def _fixed_game() -> Session:
    session = Session.new(scenario(), 2026)
    plan = {"seoul": ("talks", "summit"), "tokyo": ("drill", "summit")}
    while not session.state.ended:
        for role, choices in plan.items():
            with contextlib.suppress(CommandRefused):
                session.apply(SubmitOrders(role, (choices[session.state.turn % 2],)))
        session.apply(Resolve())
    return session


def test_a_fixed_game_ends_in_a_fixed_state() -> None:
    session = _fixed_game()
    assert state_digest(session.game, session.state) == "0a5f542c57a72f921e385e681825ad6dbe6bc44c541aeac7c08ef7994edaec2d"
    events = "\n".join(json.dumps(event.to_json(), sort_keys=True) for event in session.events())
    assert hashlib.sha256(events.encode()).hexdigest() == "2ec457aed7d7171380fca6c155d694784ca6d4ef4ad6e56a3d77658dea37df74"
