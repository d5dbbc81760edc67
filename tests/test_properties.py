"""Properties of the engine over generated scenarios and generated play."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine.core.availability import action_options
from engine.core.commands import AddNote, AdjustVariable, Command, InjectShock, Resolve, SubmitOrders
from engine.core.refusals import CommandRefused
from engine.core.rules import Game
from engine.core.state import State, state_digest
from engine.core.step import start, step
from engine.core.view import View
from tests.helpers import game_of
from tests.invariants import check_changes_explained, check_state
from tests.strategies import scenario_documents

SEEDS = st.integers(0, 2**64 - 1)


def _draw_command(data: st.DataObject, game: Game, state: State) -> Command:
    kind = data.draw(st.sampled_from(["orders", "orders", "orders", "resolve", "resolve", "inject", "adjust", "note"]))
    if kind == "orders":
        role = data.draw(st.sampled_from(game.role_ids))
        own = [game.action_ids[a] for a in game.role_actions[game.role_index[role]]]
        prefer_available: bool = data.draw(st.booleans())
        if own and prefer_available:
            available = [option.action for option in action_options(View(game, state), role) if option.available]
            pool = available or own
        else:
            pool = own or ["no-such-action"]
        return SubmitOrders(role, tuple(data.draw(st.lists(st.sampled_from(pool), max_size=3))))
    if kind == "inject":
        return InjectShock(data.draw(st.sampled_from(game.shock_ids)), "test")
    if kind == "adjust":
        i = data.draw(st.integers(0, len(game.var_ids) - 1))
        return AdjustVariable(game.var_ids[i], data.draw(st.integers(game.var_min[i] - 1, game.var_max[i] + 1)), "test")
    if kind == "note":
        return AddNote("observation", data.draw(st.text(max_size=10)))
    return Resolve()


@given(scenario_documents(), SEEDS, st.data())
def test_generated_play_keeps_every_invariant(document: dict[str, Any], seed: int, data: st.DataObject) -> None:
    """Bounds hold, step is pure, every change is explained, and replay is identical."""
    game = game_of(document)
    state, _ = start(game, seed)
    check_state(game, state)
    first = state
    played: list[tuple[Command, str]] = []
    for _ in range(40):
        if state.ended:
            break
        command = _draw_command(data, game, state)
        snapshot = copy.deepcopy(state)
        digest = state_digest(game, state)
        try:
            after, events = step(game, state, command)
        except CommandRefused as refusal:
            assert refusal.reason
            assert state == snapshot
            continue
        assert state == snapshot, "step changed its input state"
        assert state_digest(game, state) == digest
        check_state(game, after)
        check_changes_explained(game, state, after, events)
        played.append((command, state_digest(game, after)))
        state = after
    replay = first
    for command, digest in played:
        replay, _ = step(game, replay, command)
        assert state_digest(game, replay) == digest


@given(scenario_documents(), SEEDS, st.data())
def test_available_actions_are_accepted_and_unavailable_refused_with_reason(
    document: dict[str, Any], seed: int, data: st.DataObject
) -> None:
    game = game_of(document)
    state, _ = start(game, seed)
    for _ in range(data.draw(st.integers(0, 4))):
        if state.ended:
            break
        state, _ = step(game, state, Resolve())
    for role in game.role_ids:
        for option in action_options(View(game, state), role):
            command = SubmitOrders(role, (option.action,))
            if option.available:
                step(game, state, command)
            else:
                assert option.reason
                try:
                    step(game, state, command)
                except CommandRefused as refusal:
                    assert option.reason in refusal.reason
                else:
                    raise AssertionError(f"{option.action} was offered as unavailable but accepted")


@given(scenario_documents(), SEEDS)
def test_same_seed_and_commands_give_the_same_game(document: dict[str, Any], seed: int) -> None:
    game = game_of(document)
    runs = []
    for _ in range(2):
        state, events = start(game, seed)
        log = [event.to_json() for event in events]
        while not state.ended:
            state, events = step(game, state, Resolve())
            log.extend(event.to_json() for event in events)
        runs.append((state_digest(game, state), log))
    assert runs[0] == runs[1]


@given(scenario_documents(), SEEDS)
def test_every_generated_game_ends_within_its_turns(document: dict[str, Any], seed: int) -> None:
    game = game_of(document)
    state, _ = start(game, seed)
    resolutions = 0
    while not state.ended:
        state, _ = step(game, state, Resolve())
        resolutions += 1
    assert resolutions <= game.turn_count
    assert state.outcome in game.outcome_ids
