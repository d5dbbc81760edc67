"""Every effect form, each applied by a one-action scenario and checked value by value."""

from __future__ import annotations

from typing import Any

import pytest

from engine.core.events import (
    ActionResolved,
    Cause,
    Changed,
    Event,
    Narrated,
    ResourceChanged,
    Rolled,
    ShockArmed,
    ShockEnded,
    ShockFired,
    ShockScheduled,
)
from engine.core.rules import Game
from engine.core.state import State
from engine.core.step import start
from tests.helpers import (
    action,
    active,
    doc,
    find_seed,
    fires,
    game_of,
    of_type,
    resource,
    shock,
    started,
    turn,
    value,
    variable,
)

GO = Cause("action", "go", "seoul")


def go(effects: list[Any], seed: int = 1, **parts: Any) -> tuple[Game, State, list[Event]]:
    """Seoul takes action 'go' (with these effects) in turn 1; the state after and the events."""
    parts.setdefault("actions", [action("go", effects=effects)])
    game, state, _ = started(doc(**parts), seed)
    state, events = turn(game, state, {"seoul": ["go"]})
    return game, state, events


# -- add and set -----------------------------------------------------------------------------------


def test_add_changes_each_variable_in_order_with_the_action_as_cause() -> None:
    variables = [variable("trust", 50), variable("stability", 10)]
    game, state, events = go([{"add": {"trust": 5, "stability": -2}}], variables=variables)
    assert value(game, state, "trust") == 55
    assert value(game, state, "stability") == 8
    assert of_type(events, Changed) == [
        Changed("trust", 50, 55, 5, GO),
        Changed("stability", 10, 8, -2, GO),
    ]
    assert of_type(events, ActionResolved) == [ActionResolved("go", ("seoul",), "done")]


def test_set_sets_the_value_and_records_the_requested_change() -> None:
    game, state, events = go([{"set": {"trust": 20}}])
    assert value(game, state) == 20
    assert of_type(events, Changed) == [Changed("trust", 50, 20, -30, GO)]


def test_add_is_clamped_to_the_maximum_keeping_the_requested_change() -> None:
    game, state, events = go([{"add": {"trust": 80}}])
    assert value(game, state) == 100
    assert of_type(events, Changed) == [Changed("trust", 50, 100, 80, GO)]


def test_add_is_clamped_to_the_minimum_keeping_the_requested_change() -> None:
    game, state, events = go([{"add": {"trust": -80}}])
    assert value(game, state) == 0
    assert of_type(events, Changed) == [Changed("trust", 50, 0, -80, GO)]


def test_add_at_the_bound_records_the_request_with_no_change() -> None:
    game, state, events = go([{"add": {"trust": 5}}], variables=[variable("trust", 100, label="Trust")])
    assert value(game, state) == 100
    assert of_type(events, Changed) == [Changed("trust", 100, 100, 5, GO)]


def test_set_beyond_the_bounds_is_clamped() -> None:
    game, state, events = go([{"set": {"trust": 150}}])
    assert value(game, state) == 100
    assert of_type(events, Changed) == [Changed("trust", 50, 100, 100, GO)]
    game, state, events = go([{"set": {"trust": -7}}])
    assert value(game, state) == 0
    assert of_type(events, Changed) == [Changed("trust", 50, 0, -57, GO)]


def test_a_later_effect_sees_the_clamped_value() -> None:
    game, state, events = go([{"add": {"trust": 80}}, {"add": {"trust": -10}}])
    assert value(game, state) == 90
    assert [(e.before, e.after) for e in of_type(events, Changed)] == [(50, 100), (100, 90)]


# -- drift -------------------------------------------------------------------------------------------


def test_drift_moves_up_by_its_step() -> None:
    game, state, events = go([{"drift": {"var": "trust", "toward": 60, "by": 4}}])
    assert value(game, state) == 54
    assert of_type(events, Changed) == [Changed("trust", 50, 54, 4, GO)]


def test_drift_moves_down_by_its_step() -> None:
    game, state, events = go([{"drift": {"var": "trust", "toward": 40, "by": 4}}])
    assert value(game, state) == 46
    assert of_type(events, Changed) == [Changed("trust", 50, 46, -4, GO)]


def test_drift_stops_at_its_target() -> None:
    game, state, events = go([{"drift": {"var": "trust", "toward": 52, "by": 5}}])
    assert value(game, state) == 52
    assert of_type(events, Changed) == [Changed("trust", 50, 52, 2, GO)]
    game, state, events = go([{"drift": {"var": "trust", "toward": 47, "by": 5}}])
    assert value(game, state) == 47
    assert of_type(events, Changed) == [Changed("trust", 50, 47, -3, GO)]


def test_drift_at_its_target_changes_nothing_and_records_nothing() -> None:
    game, state, events = go([{"drift": {"var": "trust", "toward": 50, "by": 5}}])
    assert value(game, state) == 50
    assert of_type(events, Changed) == []


def test_drift_repeated_by_a_rule_converges_and_stays() -> None:
    rules = [{"id": "calm", "effects": [{"drift": {"var": "trust", "toward": 56, "by": 4}}]}]
    game, state, _ = started(doc(rules=rules, turns={"count": 4}))
    seen = []
    for _ in range(3):
        state, events = turn(game, state)
        seen.append((value(game, state), len(of_type(events, Changed))))
    assert seen == [(54, 1), (56, 1), (56, 0)]


# -- gain --------------------------------------------------------------------------------------------


def _capital_roles(initial: int = 3, low: int = 0, high: int = 10) -> list[dict[str, Any]]:
    capital = {"id": "capital", "label": "Capital", "initial": initial, "min": low, "max": high}
    return [
        {"id": "seoul", "name": "Seoul", "budget": 2, "resources": [capital]},
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ]


def test_gain_changes_the_resource_with_its_cause() -> None:
    effects = [{"gain": {"role": "seoul", "resource": "capital", "amount": 4}}]
    game, state, events = go(effects, roles=_capital_roles())
    assert resource(game, state, "seoul", "capital") == 7
    assert of_type(events, ResourceChanged) == [ResourceChanged("seoul", "capital", 3, 7, 4, GO)]


def test_gain_is_clamped_to_the_resource_bounds() -> None:
    up = [{"gain": {"role": "seoul", "resource": "capital", "amount": 20}}]
    game, state, events = go(up, roles=_capital_roles())
    assert resource(game, state, "seoul", "capital") == 10
    assert of_type(events, ResourceChanged) == [ResourceChanged("seoul", "capital", 3, 10, 20, GO)]
    down = [{"gain": {"role": "seoul", "resource": "capital", "amount": -9}}]
    game, state, events = go(down, roles=_capital_roles(low=-2))
    assert resource(game, state, "seoul", "capital") == -2
    assert of_type(events, ResourceChanged) == [ResourceChanged("seoul", "capital", 3, -2, -9, GO)]


# -- chance ------------------------------------------------------------------------------------------

TALKS = {"chance": 0.5, "label": "Talks", "then": [{"add": {"trust": 10}}], "else": [{"add": {"trust": -10}}]}


def _talks_result(seed: int) -> str:
    _, _, events = go([TALKS], seed)
    return of_type(events, Rolled)[0].result


def test_chance_success_applies_then_with_the_branch_in_the_cause() -> None:
    seed = find_seed(lambda s: _talks_result(s) == "success")
    game, state, events = go([TALKS], seed)
    assert value(game, state) == 60
    assert of_type(events, Rolled) == [Rolled("Talks", "success", GO)]
    assert of_type(events, Changed) == [Changed("trust", 50, 60, 10, GO.with_detail("Talks: success"))]
    assert of_type(events, Changed)[0].cause.detail == "Talks: success"


def test_chance_failure_applies_else_with_the_branch_in_the_cause() -> None:
    seed = find_seed(lambda s: _talks_result(s) == "failure")
    game, state, events = go([TALKS], seed)
    assert value(game, state) == 40
    assert of_type(events, Rolled) == [Rolled("Talks", "failure", GO)]
    assert of_type(events, Changed) == [Changed("trust", 50, 40, -10, Cause("action", "go", "seoul", "Talks: failure"))]


def test_chance_failure_without_else_does_nothing() -> None:
    effect = {"chance": 0.5, "label": "Talks", "then": [{"add": {"trust": 10}}]}
    seed = find_seed(lambda s: of_type(go([effect], s)[2], Rolled)[0].result == "failure")
    game, state, events = go([effect], seed)
    assert value(game, state) == 50
    assert of_type(events, Changed) == []


def test_chance_one_always_succeeds_and_zero_always_fails() -> None:
    always = {"chance": 1, "then": [{"add": {"trust": 1}}], "else": [{"add": {"trust": -1}}]}
    never = {"chance": 0, "then": [{"add": {"trust": 1}}], "else": [{"add": {"trust": -1}}]}
    sure, hopeless = game_of(doc(actions=[action("go", effects=[always])])), game_of(doc(actions=[action("go", effects=[never])]))
    for seed in range(1, 30):
        state, _ = turn(sure, _reseeded(sure, seed), {"seoul": ["go"]})
        assert value(sure, state) == 51
        state, _ = turn(hopeless, _reseeded(hopeless, seed), {"seoul": ["go"]})
        assert value(hopeless, state) == 49


def test_chance_without_label_is_named_by_its_probability() -> None:
    effect = {"chance": 0.3, "then": [{"add": {"trust": 1}}], "else": [{"add": {"trust": -1}}]}
    _, _, events = go([effect])
    rolled = of_type(events, Rolled)
    assert len(rolled) == 1
    assert rolled[0].label == "30% chance"
    assert of_type(events, Changed)[0].cause.detail == f"30% chance: {rolled[0].result}"


def test_chance_frequency_roughly_follows_the_probability() -> None:
    game, _, _ = started(doc(actions=[action("go", effects=[{"chance": 0.3, "then": [{"add": {"trust": 1}}]}])]))
    successes = 0
    runs = 400
    for seed in range(runs):
        state, _ = turn(game, _reseeded(game, seed), {"seoul": ["go"]})
        successes += value(game, state) == 51
    assert 0.2 < successes / runs < 0.4


def _reseeded(game: Game, seed: int) -> State:
    return start(game, seed)[0]


# -- pick --------------------------------------------------------------------------------------------

PICK = {
    "pick": [
        {"weight": 3, "label": "Calm", "effects": [{"add": {"trust": 1}}]},
        {"weight": 1, "label": "Storm", "effects": [{"add": {"trust": -1}}]},
    ]
}


def _picked(seed: int) -> str:
    return of_type(go([PICK], seed)[2], Rolled)[0].result


@pytest.mark.parametrize(("wanted", "delta"), [("Calm", 1), ("Storm", -1)])
def test_pick_applies_the_picked_option_with_its_label_in_the_cause(wanted: str, delta: int) -> None:
    seed = find_seed(lambda s: _picked(s) == wanted)
    game, state, events = go([PICK], seed)
    assert of_type(events, Rolled) == [Rolled("pick", wanted, GO)]
    assert value(game, state) == 50 + delta
    assert of_type(events, Changed) == [Changed("trust", 50, 50 + delta, delta, GO.with_detail(wanted))]


def test_pick_with_a_single_option_always_chooses_it() -> None:
    single = {"pick": [{"weight": 1, "label": "Only", "effects": [{"add": {"trust": 2}}]}]}
    game = game_of(doc(actions=[action("go", effects=[single])]))
    for seed in range(1, 40):
        state, events = turn(game, _reseeded(game, seed), {"seoul": ["go"]})
        assert value(game, state) == 52
        assert of_type(events, Rolled) == [Rolled("pick", "Only", GO)]


def test_pick_frequencies_roughly_follow_the_weights() -> None:
    game, _, _ = started(doc(actions=[action("go", effects=[PICK])]))
    calm = 0
    runs = 400
    for seed in range(runs):
        state, _ = turn(game, _reseeded(game, seed), {"seoul": ["go"]})
        calm += value(game, state) == 51
    assert 0.65 < calm / runs < 0.85


# -- if ----------------------------------------------------------------------------------------------

IF = {"if": {"var": "trust", "atLeast": 50}, "then": [{"add": {"trust": 5}}], "else": [{"add": {"trust": -5}}]}


def test_if_applies_then_when_the_condition_holds() -> None:
    game, state, events = go([IF], variables=[variable("trust", 50)])
    assert value(game, state) == 55
    assert of_type(events, Changed) == [Changed("trust", 50, 55, 5, GO)]


def test_if_applies_else_when_the_condition_does_not_hold() -> None:
    game, state, events = go([IF], variables=[variable("trust", 49)])
    assert value(game, state) == 44
    assert of_type(events, Changed) == [Changed("trust", 49, 44, -5, GO)]


def test_if_without_else_does_nothing_when_false() -> None:
    game, state, events = go([{"if": {"var": "trust", "above": 50}, "then": [{"add": {"trust": 5}}]}])
    assert value(game, state) == 50
    assert of_type(events, Changed) == []


def test_if_sees_changes_made_by_earlier_effects() -> None:
    game, state, _ = go([{"add": {"trust": 10}}, {"if": {"var": "trust", "equals": 60}, "then": [{"set": {"trust": 0}}]}])
    assert value(game, state) == 0


# -- schedule ----------------------------------------------------------------------------------------


def test_schedule_fires_the_shock_after_that_many_turns_with_the_scheduling_cause() -> None:
    shocks = [shock("retaliation", effects=[{"add": {"trust": -7}}])]
    actions = [action("provoke", effects=[{"schedule": {"shock": "retaliation", "after": 2}}])]
    game, state, _ = started(doc(shocks=shocks, actions=actions, turns={"count": 5}))
    state, events = turn(game, state, {"seoul": ["provoke"]})
    provoke = Cause("action", "provoke", "seoul")
    assert of_type(events, ShockScheduled) == [ShockScheduled("retaliation", 3, provoke)]
    assert state.turn == 2
    assert fires(game, state, "retaliation") == 0
    state, events = turn(game, state)
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("retaliation", provoke)]
    assert fires(game, state, "retaliation") == 1
    assert value(game, state) == 43
    assert of_type(events, Changed) == [Changed("trust", 50, 43, -7, Cause("shock", "retaliation"))]


def test_schedule_defaults_to_the_next_turn() -> None:
    shocks = [shock("retaliation", effects=[{"add": {"trust": -7}}])]
    actions = [action("provoke", effects=[{"schedule": {"shock": "retaliation"}}])]
    game, state, _ = started(doc(shocks=shocks, actions=actions))
    state, events = turn(game, state, {"seoul": ["provoke"]})
    assert state.turn == 2
    assert of_type(events, ShockScheduled)[0].turn == 2
    assert of_type(events, ShockFired) == [ShockFired("retaliation", Cause("action", "provoke", "seoul"))]
    assert value(game, state) == 43


# -- enable and disable ------------------------------------------------------------------------------


def test_enable_arms_a_disabled_trigger() -> None:
    shocks = [shock("boycott", enabled=False, trigger={"from": 1}, effects=[{"add": {"trust": -5}}])]
    actions = [action("arm", effects=[{"enable": "boycott"}])]
    game, state, _ = started(doc(shocks=shocks, actions=actions))
    assert fires(game, state, "boycott") == 0
    state, _ = turn(game, state)
    assert fires(game, state, "boycott") == 0
    state, events = turn(game, state, {"seoul": ["arm"]})
    assert of_type(events, ShockArmed) == [ShockArmed("boycott", True, Cause("action", "arm", "seoul"))]
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("boycott", Cause("trigger", "boycott"))]
    assert value(game, state) == 45


def test_enable_of_an_armed_shock_records_nothing() -> None:
    shocks = [shock("boycott", trigger={"atTurn": 4})]
    _, state, events = go([{"enable": "boycott"}], shocks=shocks)
    assert of_type(events, ShockArmed) == []
    assert state.armed == (True,)


def test_disable_disarms_a_trigger() -> None:
    shocks = [shock("boycott", trigger={"atTurn": 2}, effects=[{"add": {"trust": -5}}])]
    game, state, events = go([{"disable": "boycott"}], shocks=shocks)
    assert of_type(events, ShockArmed) == [ShockArmed("boycott", False, GO)]
    assert state.turn == 2
    assert of_type(events, ShockFired) == []
    assert fires(game, state, "boycott") == 0
    assert value(game, state) == 50


# -- endShock ----------------------------------------------------------------------------------------


def test_end_shock_ends_it_without_its_expiry_effects() -> None:
    blockade = shock(
        "blockade",
        trigger={"atTurn": 1},
        duration=3,
        ongoing=[{"add": {"trust": -1}}],
        onExpire=[{"add": {"trust": 30}}],
    )
    actions = [action("lift", effects=[{"endShock": "blockade"}])]
    game, state, _ = started(doc(shocks=[blockade], actions=actions, turns={"count": 5}))
    assert active(game, state, "blockade")
    state, events = turn(game, state, {"seoul": ["lift"]})
    # the ongoing effect applied before the action ended the shock
    assert value(game, state) == 49
    assert of_type(events, ShockEnded) == [ShockEnded("blockade", False, Cause("action", "lift", "seoul"))]
    assert not active(game, state, "blockade")
    for _ in range(3):
        state, events = turn(game, state)
        assert of_type(events, ShockEnded) == []
    assert value(game, state) == 49


def test_end_shock_of_an_inactive_shock_records_nothing() -> None:
    game, state, events = go([{"endShock": "blockade"}], shocks=[shock("blockade")])
    assert of_type(events, ShockEnded) == []
    assert not active(game, state, "blockade")


# -- say ---------------------------------------------------------------------------------------------


def test_say_narrates_with_its_cause_and_changes_nothing() -> None:
    game, state, events = go([{"say": "The talks end without a statement."}])
    assert of_type(events, Narrated) == [Narrated("The talks end without a statement.", GO)]
    assert value(game, state) == 50


def test_nested_effects_carry_every_branch_in_the_cause() -> None:
    nested = {
        "chance": 1,
        "label": "Outer",
        "then": [{"pick": [{"weight": 1, "label": "Inner", "effects": [{"say": "deep"}]}]}],
    }
    _, _, events = go([nested])
    assert of_type(events, Narrated) == [Narrated("deep", Cause("action", "go", "seoul", "Outer: success / Inner"))]
