"""Invariants of the game state, checked after every step by the property tests."""

from __future__ import annotations

from collections.abc import Sequence

from engine.core.events import Changed, Event, ResourceChanged
from engine.core.rules import Game
from engine.core.state import State


def check_state(game: Game, state: State) -> None:
    """Every value within its bounds, and the bookkeeping consistent."""
    for i, value in enumerate(state.values):
        assert game.var_min[i] <= value <= game.var_max[i], (game.var_ids[i], value)
    for r, stocks in enumerate(state.resources):
        for k, stock in enumerate(stocks):
            assert game.resource_min[r][k] <= stock <= game.resource_max[r][k]
    assert 1 <= state.turn <= game.turn_count
    for s, remaining in enumerate(state.remaining):
        assert 0 <= remaining <= game.shock_duration[s]
        if remaining:
            assert state.fires[s] >= 1
    assert all(item.turn > state.turn or state.ended for item in state.scheduled)
    if state.ended:
        assert state.outcome in game.outcome_ids
        assert state.end_reason
        assert all(orders is None for orders in state.orders)
    for r, row in enumerate(state.uses):
        for a, count in enumerate(row):
            if count:
                assert r in game.action_roles[a]
                assert state.last_used[r][a] >= 1
            limit = game.scenario.actions[a].limit
            assert limit is None or count <= limit


def check_changes_explained(game: Game, before: State, after: State, events: Sequence[Event]) -> None:
    """Replaying the recorded changes on the old state gives the new one: every change has a cause."""
    values = list(before.values)
    resources = [list(stocks) for stocks in before.resources]
    for event in events:
        if isinstance(event, Changed):
            i = game.var_index[event.var]
            assert values[i] == event.before, event
            assert event.cause.kind
            values[i] = event.after
        elif isinstance(event, ResourceChanged):
            r = game.role_index[event.role]
            k = game.resource_index[r][event.resource]
            assert resources[r][k] == event.before, event
            assert event.cause.kind
            resources[r][k] = event.after
    assert tuple(values) == after.values
    assert tuple(tuple(stocks) for stocks in resources) == after.resources
