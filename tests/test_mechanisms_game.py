"""Resources' income, objectives and scores, end conditions, outcome tiers and the end of a game."""

from __future__ import annotations

from typing import Any

import pytest

from engine.core.commands import (
    AddNote,
    AdjustVariable,
    Command,
    EndExercise,
    InjectShock,
    Resolve,
    SubmitOrders,
)
from engine.core.events import Cause, GameEnded, NoteAdded, ResourceChanged, TurnOpened
from engine.core.refusals import CommandRefused
from engine.core.step import step
from tests.helpers import action, doc, kinds, of_type, resource, shock, started, turn, value, variable

# -- resources ---------------------------------------------------------------------------------------


def test_income_arrives_from_turn_two_and_is_clamped_at_the_maximum() -> None:
    capital = {"id": "capital", "label": "Capital", "initial": 3, "max": 5, "perTurn": 1}
    roles = [{"id": "seoul", "name": "Seoul", "budget": 2, "resources": [capital]}, {"id": "tokyo", "name": "Tokyo", "budget": 2}]
    game, state, opening = started(doc(roles=roles, turns={"count": 5}))
    assert of_type(opening, ResourceChanged) == []
    stocks = [resource(game, state, "seoul", "capital")]
    incomes = []
    for _ in range(3):
        state, events = turn(game, state)
        stocks.append(resource(game, state, "seoul", "capital"))
        incomes.append(of_type(events, ResourceChanged))
    assert stocks == [3, 4, 5, 5]
    income = Cause("income")
    assert incomes == [
        [ResourceChanged("seoul", "capital", 3, 4, 1, income)],
        [ResourceChanged("seoul", "capital", 4, 5, 1, income)],
        [ResourceChanged("seoul", "capital", 5, 5, 1, income)],
    ]


def test_negative_income_stops_at_the_minimum() -> None:
    fuel = {"id": "fuel", "label": "Fuel", "initial": 2, "min": 1, "max": 5, "perTurn": -1}
    roles = [{"id": "seoul", "name": "Seoul", "budget": 2}, {"id": "tokyo", "name": "Tokyo", "budget": 2, "resources": [fuel]}]
    game, state, _ = started(doc(roles=roles))
    state, _ = turn(game, state)
    state, _ = turn(game, state)
    assert resource(game, state, "tokyo", "fuel") == 1


# -- objectives --------------------------------------------------------------------------------------


def objectives_doc(initial: int, checks: dict[str, str], **parts: Any) -> dict[str, Any]:
    """Seoul's objectives: one per check kind, each 'trust at least 60'; actions up/down by 10."""
    objectives = [
        {"id": name, "description": name, "condition": {"var": "trust", "atLeast": 60}, "check": check}
        for name, check in checks.items()
    ]
    roles = [
        {"id": "seoul", "name": "Seoul", "budget": 2, "objectives": objectives},
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ]
    actions = [action("up", effects=[{"add": {"trust": 10}}]), action("down", effects=[{"add": {"trust": -10}}])]
    return doc(roles=roles, actions=actions, variables=[variable("trust", initial, label="Trust")], **parts)


def final_objectives(initial: int, moves: list[str]) -> dict[str, bool]:
    checks = {"at-end": "end", "at-some-point": "ever", "throughout": "always"}
    game, state, _ = started(objectives_doc(initial, checks, turns={"count": len(moves)}))
    events: list[Any] = []
    for move in moves:
        state, events = turn(game, state, {"seoul": [move] if move else []})
    [ended] = of_type(events, GameEnded)
    return {objective: met for _, objective, met in ended.objectives}


def test_end_objective_is_judged_when_the_game_ends() -> None:
    assert final_objectives(50, ["up", "down"])["at-end"] is False
    assert final_objectives(50, ["", "up"])["at-end"] is True


def test_ever_objective_counts_if_it_held_after_any_resolution() -> None:
    assert final_objectives(50, ["up", "down"])["at-some-point"] is True
    assert final_objectives(50, ["", ""])["at-some-point"] is False


def test_ever_objective_ignores_the_state_before_the_first_resolution() -> None:
    assert final_objectives(60, ["down", ""])["at-some-point"] is False


def test_always_objective_needs_every_resolution() -> None:
    assert final_objectives(60, ["", ""])["throughout"] is True
    assert final_objectives(60, ["down", "up"])["throughout"] is False
    assert final_objectives(50, ["up", ""])["throughout"] is True  # held after both resolutions
    assert final_objectives(50, ["", "up"])["throughout"] is False


def test_game_ended_lists_scores_as_sums_of_weights_met_and_every_objective() -> None:
    seoul_objectives = [
        {"id": "a", "description": "a", "condition": {"var": "trust", "atLeast": 50}, "weight": 2},
        {"id": "b", "description": "b", "condition": {"var": "trust", "atLeast": 50}, "weight": 5},
        {"id": "c", "description": "c", "condition": {"var": "trust", "atLeast": 90}, "weight": 7},
    ]
    tokyo_objectives = [{"id": "d", "description": "d", "condition": {"var": "trust", "atMost": 10}}]
    roles = [
        {"id": "seoul", "name": "Seoul", "budget": 2, "objectives": seoul_objectives},
        {"id": "tokyo", "name": "Tokyo", "budget": 2, "objectives": tokyo_objectives},
    ]
    game, state, _ = started(doc(roles=roles, turns={"count": 1}))
    state, events = turn(game, state)
    assert of_type(events, GameEnded) == [
        GameEnded(
            "done",
            "final-turn",
            (("seoul", 7), ("tokyo", 0)),
            (("seoul", "a", True), ("seoul", "b", True), ("seoul", "c", False), ("tokyo", "d", False)),
        )
    ]


# -- ending the game ---------------------------------------------------------------------------------


def test_the_game_ends_after_its_last_turn() -> None:
    game, state, _ = started(doc(turns={"count": 2}))
    state, events = turn(game, state)
    assert not state.ended
    state, events = turn(game, state)
    assert state.ended
    assert state.turn == 2
    assert (state.outcome, state.end_reason) == ("done", "final-turn")
    assert kinds(events)[-1] == "game-ended"
    assert of_type(events, TurnOpened) == []


def test_end_condition_with_an_outcome_ends_the_game_after_the_resolution() -> None:
    ends = [{"id": "collapse", "when": {"var": "trust", "atMost": 20}, "outcome": "disaster"}]
    outcomes = [
        {"id": "disaster", "title": "Disaster", "when": {"var": "trust", "atLeast": 1000}},
        {"id": "done", "title": "Done"},
    ]
    drop = action("drop", effects=[{"add": {"trust": -30}}])
    game, state, _ = started(doc(actions=[drop], endConditions=ends, outcomes=outcomes))
    state, events = turn(game, state, {"seoul": ["drop"]})
    assert state.ended
    assert state.turn == 1
    assert (state.outcome, state.end_reason) == ("disaster", "collapse")
    assert of_type(events, GameEnded) == [GameEnded("disaster", "collapse", (("seoul", 0), ("tokyo", 0)), ())]
    assert of_type(events, TurnOpened) == []


def test_end_condition_without_an_outcome_lets_the_tiers_decide() -> None:
    ends = [{"id": "collapse", "when": {"var": "trust", "atMost": 20}}]
    outcomes = [
        {"id": "good", "title": "Good", "when": {"var": "trust", "atLeast": 60}},
        {"id": "bad", "title": "Bad", "when": {"var": "trust", "atMost": 30}},
        {"id": "done", "title": "Done"},
    ]
    drop = action("drop", effects=[{"add": {"trust": -30}}])
    game, state, _ = started(doc(actions=[drop], endConditions=ends, outcomes=outcomes))
    state, _ = turn(game, state, {"seoul": ["drop"]})
    assert (state.outcome, state.end_reason) == ("bad", "collapse")


def test_end_conditions_are_tried_in_list_order() -> None:
    ends = [
        {"id": "first", "when": {"var": "trust", "atMost": 50}, "outcome": "one"},
        {"id": "second", "when": {"var": "trust", "atMost": 50}, "outcome": "two"},
    ]
    outcomes = [
        {"id": "one", "title": "One", "when": {"turn": {"atLeast": 100}}},
        {"id": "two", "title": "Two", "when": {"turn": {"atLeast": 100}}},
        {"id": "done", "title": "Done"},
    ]
    _, state, _ = started(doc(endConditions=ends, outcomes=outcomes))
    assert (state.outcome, state.end_reason) == ("one", "first")


def test_an_end_condition_that_holds_at_an_opening_ends_the_game_before_planning() -> None:
    crash = shock("crash", trigger={"atTurn": 2}, effects=[{"set": {"trust": 0}}])
    ends = [{"id": "collapse", "when": {"var": "trust", "atMost": 0}}]
    game, state, _ = started(doc(shocks=[crash], endConditions=ends, actions=[action("talk")]))
    state, events = turn(game, state)
    assert kinds(events) == ["turn-opened", "shock-fired", "changed", "game-ended"]
    assert state.ended
    assert state.turn == 2
    assert state.resolutions == 1
    with pytest.raises(CommandRefused) as refused:
        step(game, state, SubmitOrders("seoul", ("talk",)))
    assert refused.value.reason == "the game has ended (done); only notes can be added"


def test_an_end_condition_that_holds_at_the_start_ends_the_game_at_once() -> None:
    ends = [{"id": "doomed", "when": {"turn": {"equals": 1}}}]
    _, state, events = started(doc(endConditions=ends))
    assert state.ended
    assert state.end_reason == "doomed"
    assert kinds(events) == ["turn-opened", "game-ended"]


def test_an_end_condition_beats_the_final_turn_as_the_reason() -> None:
    ends = [{"id": "collapse", "when": {"var": "trust", "atMost": 49}}]
    rules = [{"id": "fall", "when": {"turn": {"equals": 2}}, "effects": [{"add": {"trust": -1}}]}]
    game, state, _ = started(doc(turns={"count": 2}, endConditions=ends, rules=rules))
    state, _ = turn(game, state)
    assert not state.ended
    state, _ = turn(game, state)
    assert (state.ended, state.end_reason) == (True, "collapse")


def test_outcome_tiers_are_tried_first_match_first() -> None:
    outcomes = [
        {"id": "fair", "title": "Fair", "when": {"var": "trust", "atLeast": 40}},
        {"id": "good", "title": "Good", "when": {"var": "trust", "atLeast": 50}},
        {"id": "poor", "title": "Poor"},
    ]
    for initial, expected in ((50, "fair"), (45, "fair"), (30, "poor")):
        game, state, _ = started(doc(turns={"count": 1}, outcomes=outcomes, variables=[variable("trust", initial)]))
        state, events = turn(game, state)
        assert state.outcome == expected
        assert of_type(events, GameEnded)[0].outcome == expected


AFTER_THE_END: list[Command] = [
    SubmitOrders("seoul", ()),
    Resolve(),
    InjectShock("storm", "late"),
    AdjustVariable("trust", 10, "late"),
    EndExercise("again"),
]


@pytest.mark.parametrize("command", AFTER_THE_END, ids=lambda c: c.kind)
def test_after_the_end_every_command_but_a_note_is_refused(command: Command) -> None:
    game, state, _ = started(doc(turns={"count": 1}, shocks=[shock("storm")]))
    state, _ = turn(game, state)
    assert state.ended
    with pytest.raises(CommandRefused) as refused:
        step(game, state, command)
    assert refused.value.reason == "the game has ended (done); only notes can be added"
    noted, events = step(game, state, AddNote("lesson", "Debrief went well"))
    assert noted == state
    assert events == (NoteAdded("lesson", "Debrief went well"),)
    assert value(game, noted) == 50
