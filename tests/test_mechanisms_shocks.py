"""Shocks: triggers, arming, firing limits, duration, ongoing and expiry effects, follow-ups."""

from __future__ import annotations

from typing import Any

from engine.core.availability import action_options
from engine.core.commands import InjectShock
from engine.core.events import (
    Cause,
    Changed,
    Event,
    ShockArmed,
    ShockEnded,
    ShockFired,
    ShockScheduled,
    ShockSkipped,
    TurnOpened,
)
from engine.core.rules import Game
from engine.core.state import State
from engine.core.step import start, step
from engine.core.view import View
from tests.helpers import (
    action,
    active,
    doc,
    find_seed,
    fires,
    kinds,
    of_type,
    shock,
    started,
    turn,
    value,
)


def fired_turns(document: dict[str, Any], shock_id: str, seed: int = 1) -> list[int]:
    """Play the whole game without orders; the turns in whose opening the shock fired."""
    game, state, events = started(document, seed)
    turns = [1] if any(isinstance(e, ShockFired) and e.shock == shock_id for e in events) else []
    while not state.ended:
        state, produced = turn(game, state)
        if any(isinstance(e, ShockFired) and e.shock == shock_id for e in produced):
            turns.append(state.turn)
    return turns


def play(game: Game, state: State, turns: int) -> tuple[State, list[Event]]:
    """Resolve several turns without orders; all the events."""
    events: list[Event] = []
    for _ in range(turns):
        state, produced = turn(game, state)
        events.extend(produced)
    return state, events


# -- triggers ----------------------------------------------------------------------------------------


def test_at_turn_fires_at_the_opening_of_that_turn_only() -> None:
    document = doc(turns={"count": 5}, shocks=[shock("x", trigger={"atTurn": 3}, maxFires=5, effects=[{"add": {"trust": -4}}])])
    assert fired_turns(document, "x") == [3]
    game, state, _ = started(document)
    state, events = play(game, state, 2)
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("x", Cause("trigger", "x"))]
    assert of_type(events, Changed) == [Changed("trust", 50, 46, -4, Cause("shock", "x"))]
    assert fires(game, state, "x") == 1


def test_at_turn_one_fires_at_the_start() -> None:
    game, state, events = started(doc(shocks=[shock("x", trigger={"atTurn": 1}, effects=[{"add": {"trust": 1}}])]))
    assert kinds(events) == ["turn-opened", "shock-fired", "changed"]
    assert value(game, state) == 51


def test_a_shock_without_a_trigger_never_fires_by_itself() -> None:
    document = doc(turns={"count": 5}, shocks=[shock("x", maxFires=10)])
    assert fired_turns(document, "x") == []


def test_window_fires_only_between_from_and_to() -> None:
    x = shock("x", trigger={"from": 2, "to": 4}, maxFires=10)
    assert fired_turns(doc(turns={"count": 6}, shocks=[x]), "x") == [2, 3, 4]


def test_window_without_to_runs_to_the_last_turn_and_without_from_starts_at_one() -> None:
    late = shock("late", trigger={"from": 4}, maxFires=10)
    early = shock("early", trigger={"to": 2}, maxFires=10)
    document = doc(turns={"count": 5}, shocks=[late, early])
    assert fired_turns(document, "late") == [4, 5]
    assert fired_turns(document, "early") == [1, 2]


def test_trigger_chance_per_turn_frequency_roughly_matches() -> None:
    game, _, _ = started(doc(shocks=[shock("x", trigger={"atTurn": 1, "chance": 0.25})]))
    runs = 600
    hits = sum(fires(game, start(game, seed)[0], "x") for seed in range(runs))
    assert 0.18 < hits / runs < 0.32


def test_trigger_chance_rolls_each_turn_of_the_window() -> None:
    game, _, _ = started(doc(turns={"count": 6}, shocks=[shock("x", trigger={"chance": 0.5}, maxFires=10)]))
    totals = []
    for seed in range(40):
        state = start(game, seed)[0]
        state, _ = play(game, state, 5)
        totals.append(fires(game, state, "x"))
    assert sum(totals) / len(totals) > 1.5
    assert len(set(totals)) > 2  # different seeds see different dice


def test_trigger_when_fires_at_the_first_opening_where_the_condition_holds() -> None:
    x = shock("x", trigger={"when": {"var": "trust", "atMost": 40}}, effects=[{"say": "crisis"}])
    drop = action("drop", effects=[{"add": {"trust": -10}}])
    game, state, _ = started(doc(shocks=[x], actions=[drop]))
    state, events = turn(game, state)
    assert of_type(events, ShockFired) == []
    state, events = turn(game, state, {"seoul": ["drop"]})
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("x", Cause("trigger", "x"))]


def test_every_part_of_a_trigger_must_hold() -> None:
    x = shock("x", trigger={"atTurn": 2, "chance": 1, "when": {"var": "trust", "above": 50}}, effects=[{"say": "x"}])
    assert fired_turns(doc(shocks=[x]), "x") == []
    holds = doc(shocks=[x], variables=[{"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 51}])
    assert fired_turns(holds, "x") == [2]


def test_guaranteed_fires_in_the_last_turn_of_the_window() -> None:
    x = shock("x", trigger={"from": 1, "to": 3, "chance": 0, "guaranteed": True})
    for seed in (1, 2, 3):
        assert fired_turns(doc(turns={"count": 5}, shocks=[x]), "x", seed) == [3]


def test_guaranteed_needs_its_condition_to_hold() -> None:
    x = shock("x", trigger={"from": 1, "to": 3, "chance": 0, "guaranteed": True, "when": {"var": "trust", "above": 50}})
    assert fired_turns(doc(turns={"count": 5}, shocks=[x]), "x") == []


def test_guaranteed_does_not_force_a_shock_that_fired_in_the_window() -> None:
    x = shock("x", trigger={"from": 1, "to": 3, "chance": 0, "guaranteed": True}, maxFires=2)
    game, state, _ = started(doc(turns={"count": 5}, shocks=[x]))
    state, _ = step(game, state, InjectShock("x", "early"))
    state, events = play(game, state, 2)
    assert state.turn == 3
    assert of_type(events, ShockFired) == []
    assert fires(game, state, "x") == 1


def test_guaranteed_forces_a_shock_that_fired_only_before_the_window() -> None:
    x = shock("x", trigger={"from": 2, "to": 3, "chance": 0, "guaranteed": True}, maxFires=2)
    game, state, _ = started(doc(turns={"count": 5}, shocks=[x]))
    state, _ = step(game, state, InjectShock("x", "early"))
    state, events = play(game, state, 2)
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("x", Cause("trigger", "x"))]
    assert fires(game, state, "x") == 2


def test_disabled_shock_waits_for_a_follow_up_that_enables_it() -> None:
    # the disabled shock is listed first, so it is armed only after its own trigger was checked
    quiet = shock("quiet", enabled=False, trigger={"from": 1}, effects=[{"add": {"trust": -3}}])
    spark = shock("spark", trigger={"atTurn": 2}, followUps=[{"shock": "quiet", "enable": True}])
    game, state, _ = started(doc(turns={"count": 5}, shocks=[quiet, spark]))
    assert fires(game, state, "quiet") == 0
    state, events = turn(game, state)
    assert state.turn == 2
    assert of_type(events, ShockArmed) == [ShockArmed("quiet", True, Cause("shock", "spark"))]
    assert of_type(events, ShockFired) == [ShockFired("spark", Cause("trigger", "spark"))]
    assert of_type(events, ShockScheduled) == []  # enabling does not schedule
    state, events = turn(game, state)
    assert of_type(events, ShockFired) == [ShockFired("quiet", Cause("trigger", "quiet"))]
    assert value(game, state) == 47


def test_shock_armed_earlier_in_the_list_fires_in_the_same_opening() -> None:
    spark = shock("spark", trigger={"atTurn": 2}, followUps=[{"shock": "quiet", "enable": True}])
    quiet = shock("quiet", enabled=False, trigger={"from": 1})
    assert fired_turns(doc(shocks=[spark, quiet]), "quiet") == [2]


def test_disabled_shock_never_fires_by_its_trigger() -> None:
    quiet = shock("quiet", enabled=False, trigger={"from": 1, "chance": 1}, maxFires=10)
    assert fired_turns(doc(shocks=[quiet]), "quiet") == []


def test_max_fires_refires_after_the_duration_and_never_more() -> None:
    x = shock("x", trigger={"from": 1}, duration=2, maxFires=2, effects=[{"add": {"trust": -1}}])
    document = doc(turns={"count": 8}, shocks=[x])
    assert fired_turns(document, "x") == [1, 3]
    game, state, _ = started(document)
    state, _ = play(game, state, 7)
    assert fires(game, state, "x") == 2
    assert value(game, state) == 48


def test_a_shock_does_not_fire_while_it_is_active() -> None:
    x = shock("x", trigger={"from": 1}, duration=3, maxFires=10)
    assert fired_turns(doc(turns={"count": 7}, shocks=[x]), "x") == [1, 4, 7]


def test_scheduled_shock_that_is_active_is_skipped() -> None:
    x = shock("x", trigger={"atTurn": 1}, duration=3, maxFires=5, effects=[{"add": {"trust": -1}}])
    again = action("again", effects=[{"schedule": {"shock": "x", "after": 1}}])
    game, state, _ = started(doc(shocks=[x], actions=[again]))
    state, events = turn(game, state, {"seoul": ["again"]})
    assert of_type(events, ShockSkipped) == [ShockSkipped("x", "it was already in progress")]
    assert of_type(events, ShockFired) == []
    assert fires(game, state, "x") == 1
    assert value(game, state) == 49
    assert state.scheduled == ()


def test_scheduled_shock_that_fired_its_most_times_is_skipped() -> None:
    x = shock("x", trigger={"atTurn": 1}, effects=[{"add": {"trust": -1}}])
    again = action("again", effects=[{"schedule": {"shock": "x", "after": 1}}])
    game, state, _ = started(doc(shocks=[x], actions=[again]))
    state, events = turn(game, state, {"seoul": ["again"]})
    assert of_type(events, ShockSkipped) == [ShockSkipped("x", "it has already happened the most times allowed (1)")]
    assert fires(game, state, "x") == 1
    assert value(game, state) == 49


def test_scheduled_shocks_fire_before_triggered_ones_then_in_list_order() -> None:
    first = shock("first", trigger={"atTurn": 2})
    second = shock("second", trigger={"atTurn": 2})
    planned = shock("planned")
    plan = action("plan", effects=[{"schedule": {"shock": "planned"}}])
    game, state, _ = started(doc(shocks=[first, second, planned], actions=[plan]))
    state, events = turn(game, state, {"seoul": ["plan"]})
    assert [e.shock for e in of_type(events, ShockFired)] == ["planned", "first", "second"]


def test_scheduled_shocks_fire_in_the_order_they_were_scheduled() -> None:
    a, b = shock("a"), shock("b")
    plan = action("plan", effects=[{"schedule": {"shock": "b"}}, {"schedule": {"shock": "a"}}])
    game, state, _ = started(doc(shocks=[a, b], actions=[plan]))
    state, events = turn(game, state, {"seoul": ["plan"]})
    assert [e.shock for e in of_type(events, ShockFired)] == ["b", "a"]


def test_a_scheduled_shock_fires_even_when_its_trigger_is_disarmed() -> None:
    quiet = shock("quiet", enabled=False, trigger={"atTurn": 4})
    plan = action("plan", effects=[{"schedule": {"shock": "quiet"}}])
    game, state, _ = started(doc(shocks=[quiet], actions=[plan]))
    state, events = turn(game, state, {"seoul": ["plan"]})
    assert of_type(events, ShockFired) == [ShockFired("quiet", Cause("action", "plan", "seoul"))]


# -- follow-ups --------------------------------------------------------------------------------------


def test_follow_up_fires_after_its_delay_with_the_parent_as_cause() -> None:
    parent = shock("parent", trigger={"atTurn": 1}, followUps=[{"shock": "child", "after": 2}])
    child = shock("child", effects=[{"add": {"trust": -6}}])
    game, state, opening = started(doc(turns={"count": 5}, shocks=[parent, child]))
    assert of_type(opening, ShockScheduled) == [ShockScheduled("child", 3, Cause("shock", "parent"))]
    state, events = turn(game, state)
    assert of_type(events, ShockFired) == []
    state, events = turn(game, state)
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("child", Cause("shock", "parent"))]
    assert of_type(events, Changed) == [Changed("trust", 50, 44, -6, Cause("shock", "child"))]


def test_follow_up_after_defaults_to_one_turn() -> None:
    parent = shock("parent", trigger={"atTurn": 1}, followUps=[{"shock": "child"}])
    assert fired_turns(doc(shocks=[parent, shock("child")]), "child") == [2]


def _follow_up_scheduled(seed: int) -> bool:
    parent = shock("parent", trigger={"atTurn": 1}, followUps=[{"shock": "child", "chance": 0.5}])
    _, _, events = started(doc(shocks=[parent, shock("child")]), seed)
    return bool(of_type(events, ShockScheduled))


def test_follow_up_with_chance_is_set_in_motion_or_not_by_the_seed() -> None:
    parent = shock("parent", trigger={"atTurn": 1}, followUps=[{"shock": "child", "chance": 0.5}])
    document = doc(shocks=[parent, shock("child")])
    yes = find_seed(_follow_up_scheduled)
    no = find_seed(lambda s: not _follow_up_scheduled(s))
    assert fired_turns(document, "child", yes) == [2]
    assert fired_turns(document, "child", no) == []
    game, _, _ = started(document)
    runs = 400
    hits = sum(bool(start(game, seed)[0].scheduled) for seed in range(runs))
    assert 0.4 < hits / runs < 0.6


# -- duration, ongoing, expiry -----------------------------------------------------------------------


def test_shock_is_active_for_its_duration_counting_the_firing_turn() -> None:
    x = shock("x", trigger={"atTurn": 2}, duration=3)
    game, state, _ = started(doc(turns={"count": 6}, shocks=[x]))
    seen = {}
    while not state.ended:
        seen[state.turn] = active(game, state, "x")
        state, events = turn(game, state)
        if state.turn == 5:
            assert of_type(events, ShockEnded) == [ShockEnded("x", True, Cause("expiry", "x"))]
    assert seen == {1: False, 2: True, 3: True, 4: True, 5: False, 6: False}


def test_ongoing_applies_at_each_resolution_while_active() -> None:
    x = shock("x", trigger={"atTurn": 1}, duration=2, ongoing=[{"add": {"trust": -2}}])
    game, state, _ = started(doc(turns={"count": 4}, shocks=[x]))
    changes = []
    for _ in range(3):
        state, events = turn(game, state)
        changes.append(of_type(events, Changed))
    ongoing = Cause("ongoing", "x")
    assert changes == [[Changed("trust", 50, 48, -2, ongoing)], [Changed("trust", 48, 46, -2, ongoing)], []]


def test_on_expire_applies_at_the_opening_after_the_shock_ends() -> None:
    x = shock("x", trigger={"atTurn": 1}, duration=2, onExpire=[{"add": {"trust": 10}}])
    game, state, _ = started(doc(turns={"count": 4}, shocks=[x]))
    state, events = turn(game, state)
    assert of_type(events, ShockEnded) == []
    assert value(game, state) == 50
    state, events = turn(game, state)
    assert state.turn == 3
    assert kinds(events)[-3:] == ["turn-opened", "shock-ended", "changed"]
    assert events[-3] == TurnOpened(3)
    assert of_type(events, Changed) == [Changed("trust", 50, 60, 10, Cause("expiry", "x"))]
    state, events = turn(game, state)
    assert value(game, state) == 60


def test_expiry_comes_before_income_and_new_shocks_at_an_opening() -> None:
    capital = {"id": "capital", "label": "Capital", "initial": 0, "max": 10, "perTurn": 1}
    roles = [{"id": "seoul", "name": "Seoul", "budget": 2, "resources": [capital]}, {"id": "tokyo", "name": "Tokyo", "budget": 2}]
    old = shock("old", trigger={"atTurn": 1}, onExpire=[{"say": "over"}])
    new = shock("new", trigger={"atTurn": 2})
    game, state, _ = started(doc(roles=roles, shocks=[old, new]))
    state, events = turn(game, state)
    assert kinds(events) == ["turn-opened", "shock-ended", "narrated", "resource-changed", "shock-fired"]


def test_active_condition_and_unlocked_actions_follow_the_duration() -> None:
    x = shock("x", title="Blockade", trigger={"atTurn": 2}, duration=2)
    respond = action("respond", unlockedBy=["x"])
    watch = action("watch", requires={"active": "x"}, requiresText="only during the blockade")
    game, state, _ = started(doc(turns={"count": 5}, shocks=[x], actions=[respond, watch]))
    seen = []
    while not state.ended:
        options = {o.action: o for o in action_options(View(game, state), "seoul")}
        seen.append((state.turn, options["respond"].available, options["watch"].available))
        if not options["respond"].available:
            assert options["respond"].reason == "only while Blockade is in progress"
            assert options["watch"].reason == "only during the blockade"
        state, _ = turn(game, state)
    assert seen == [(1, False, False), (2, True, True), (3, True, True), (4, False, False), (5, False, False)]
