"""Every condition form, tested through probe actions whose `requires` is the condition, so each
condition goes through the real loader and is judged exactly where the engine judges it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine.core import model as m
from engine.core.availability import action_options
from engine.core.commands import AdjustVariable, InjectShock
from engine.core.events import Cause, ShockFired
from engine.core.rules import Game, compile_scenario
from engine.core.state import State
from engine.core.step import start, step
from engine.core.view import View
from engine.load.catalog import resolve_scenario
from tests.helpers import action, doc, of_type, shock, started, turn, variable


def with_probes(probes: Mapping[str, Any], **parts: Any) -> dict[str, Any]:
    """A scenario whose Seoul has a free action "probe-NAME" requiring each named condition."""
    actions = list(parts.pop("actions", []))
    actions += [action(f"probe-{name}", cost=0, requires=cond) for name, cond in probes.items()]
    return doc(actions=actions, **parts)


def holding(game: Game, state: State) -> set[str]:
    """The names of the probes whose condition holds now."""
    return {
        option.action.removeprefix("probe-")
        for option in action_options(View(game, state), "seoul")
        if option.action.startswith("probe-") and option.available
    }


def adjust(game: Game, state: State, var: str, to: int) -> State:
    return step(game, state, AdjustVariable(var, to, "test"))[0]


# -- var and inBand ----------------------------------------------------------------------------------


def test_var_comparators() -> None:
    probes = {
        "at-least-50": {"var": "trust", "atLeast": 50},
        "at-least-51": {"var": "trust", "atLeast": 51},
        "at-most-50": {"var": "trust", "atMost": 50},
        "at-most-49": {"var": "trust", "atMost": 49},
        "above-49": {"var": "trust", "above": 49},
        "above-50": {"var": "trust", "above": 50},
        "below-51": {"var": "trust", "below": 51},
        "below-50": {"var": "trust", "below": 50},
        "equals-50": {"var": "trust", "equals": 50},
        "equals-49": {"var": "trust", "equals": 49},
        "in-40-60": {"var": "trust", "atLeast": 40, "below": 60},
        "in-40-49": {"var": "trust", "atLeast": 40, "below": 50},
    }
    game, state, _ = started(with_probes(probes))
    assert holding(game, state) == {"at-least-50", "at-most-50", "above-49", "below-51", "equals-50", "in-40-60"}
    state = adjust(game, state, "trust", 49)
    assert holding(game, state) == {"at-most-50", "at-most-49", "below-51", "below-50", "equals-49", "in-40-60", "in-40-49"}


def test_in_band_runs_from_its_start_to_the_next_band() -> None:
    bands = [{"id": "crisis", "label": "Crisis", "from": 0}, {"id": "tense", "label": "Tense", "from": 40}]
    bands.append({"id": "calm", "label": "Calm", "from": 70})
    probes = {name: {"inBand": {"var": "trust", "band": name}} for name in ("crisis", "tense", "calm")}
    game, state, _ = started(with_probes(probes, variables=[variable("trust", 50, label="Trust", bands=bands)]))
    seen = {}
    for level in (0, 39, 40, 69, 70, 100):
        state = adjust(game, state, "trust", level)
        seen[level] = holding(game, state)
    assert seen == {0: {"crisis"}, 39: {"crisis"}, 40: {"tense"}, 69: {"tense"}, 70: {"calm"}, 100: {"calm"}}


def test_in_band_reason_names_the_band_and_the_value() -> None:
    bands = [{"id": "crisis", "label": "Crisis", "from": 0}, {"id": "calm", "label": "Calm", "from": 70}]
    probes = {"calm": {"inBand": {"var": "trust", "band": "calm"}}}
    game, state, _ = started(with_probes(probes, variables=[variable("trust", 50, label="Trust", bands=bands)]))
    [option] = action_options(View(game, state), "seoul")
    assert option.reason == "needs Trust in the Calm band (now 50, Crisis)"


# -- resource, uses, fired, score, turn, active ------------------------------------------------------


def test_resource_condition() -> None:
    capital = {"id": "capital", "label": "Capital", "initial": 3, "max": 10}
    roles = [{"id": "seoul", "name": "Seoul", "budget": 2, "resources": [capital]}, {"id": "tokyo", "name": "Tokyo", "budget": 2}]
    probes = {
        "below-4": {"resource": "capital", "role": "seoul", "below": 4},
        "at-least-4": {"resource": "capital", "role": "seoul", "atLeast": 4},
        "equals-3": {"resource": "capital", "role": "seoul", "equals": 3},
    }
    game, state, _ = started(with_probes(probes, roles=roles))
    assert holding(game, state) == {"below-4", "equals-3"}
    [reason] = [o.reason for o in action_options(View(game, state), "seoul") if o.action == "probe-at-least-4"]
    assert reason == "needs Seoul's Capital at least 4 (now 3)"


def test_uses_counts_by_role_or_by_everyone() -> None:
    probes = {
        "seoul-once": {"uses": "visit", "role": "seoul", "equals": 1},
        "seoul-twice": {"uses": "visit", "role": "seoul", "equals": 2},
        "anyone-twice": {"uses": "visit", "equals": 2},
        "tokyo-never": {"uses": "visit", "role": "tokyo", "equals": 0},
    }
    game, state, _ = started(with_probes(probes, actions=[action("visit", roles=["seoul", "tokyo"])]))
    assert holding(game, state) == {"tokyo-never"}
    state, _ = turn(game, state, {"seoul": ["visit"]})
    assert holding(game, state) == {"seoul-once", "tokyo-never"}
    state, _ = turn(game, state, {"seoul": ["visit"]})
    assert holding(game, state) == {"seoul-twice", "anyone-twice", "tokyo-never"}


def test_uses_counts_a_joint_action_once_per_role() -> None:
    summit = action("summit", roles=["seoul", "tokyo"], joint=True)
    probes = {"twice": {"uses": "summit", "equals": 2}, "tokyo-once": {"uses": "summit", "role": "tokyo", "equals": 1}}
    game, state, _ = started(with_probes(probes, actions=[summit]))
    state, _ = turn(game, state, {"seoul": ["summit"], "tokyo": ["summit"]})
    assert holding(game, state) == {"twice", "tokyo-once"}


def test_fired_counts_the_fires_of_a_shock() -> None:
    probes = {"never": {"fired": "storm", "equals": 0}, "once": {"fired": "storm", "atLeast": 1}}
    game, state, _ = started(with_probes(probes, shocks=[shock("storm")]))
    assert holding(game, state) == {"never"}
    state, _ = step(game, state, InjectShock("storm", "test"))
    assert holding(game, state) == {"once"}


def test_score_is_the_weight_of_objectives_met_so_far() -> None:
    objectives = [
        {"id": "steady", "description": "d", "condition": {"var": "trust", "atLeast": 50}, "weight": 2},
        {"id": "warm", "description": "d", "condition": {"var": "trust", "atLeast": 90}, "weight": 3},
    ]
    roles = [
        {"id": "seoul", "name": "Seoul", "budget": 2, "objectives": objectives},
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ]
    probes = {
        "two": {"score": "seoul", "equals": 2},
        "five": {"score": "seoul", "equals": 5},
        "tokyo-zero": {"score": "tokyo", "equals": 0},
    }
    game, state, _ = started(with_probes(probes, roles=roles))
    assert holding(game, state) == {"two", "tokyo-zero"}
    state = adjust(game, state, "trust", 95)
    assert holding(game, state) == {"five", "tokyo-zero"}


def test_turn_condition() -> None:
    probes = {"from-two": {"turn": {"atLeast": 2}}, "exactly-one": {"turn": {"equals": 1}}}
    game, state, _ = started(with_probes(probes))
    assert holding(game, state) == {"exactly-one"}
    state, _ = turn(game, state)
    assert holding(game, state) == {"from-two"}


def test_active_condition() -> None:
    game, state, _ = started(with_probes({"storm": {"active": "storm"}}, shocks=[shock("storm", duration=2)]))
    assert holding(game, state) == set()
    state, _ = step(game, state, InjectShock("storm", "test"))
    assert holding(game, state) == {"storm"}


# -- chose -------------------------------------------------------------------------------------------

CHOICES = [
    action("provoke", roles=["seoul", "tokyo"], tags=["hostile"]),
    action("visit", roles=["seoul", "tokyo"], tags=["friendly"]),
]
CHOSE_PROBES = {
    "tokyo-provoke": {"chose": {"role": "tokyo", "action": "provoke"}},
    "seoul-provoke": {"chose": {"role": "seoul", "action": "provoke"}},
    "anyone-provoke": {"chose": {"action": "provoke"}},
    "tokyo-hostile": {"chose": {"role": "tokyo", "tag": "hostile"}},
    "seoul-hostile": {"chose": {"role": "seoul", "tag": "hostile"}},
    "anyone-friendly": {"chose": {"tag": "friendly"}},
}


def test_chose_while_planning_refers_to_the_turn_just_resolved() -> None:
    game, state, _ = started(with_probes(CHOSE_PROBES, actions=CHOICES))
    assert holding(game, state) == set()
    state, _ = turn(game, state, {"tokyo": ["provoke"], "seoul": ["visit"]})
    assert holding(game, state) == {"tokyo-provoke", "anyone-provoke", "tokyo-hostile", "anyone-friendly"}
    state, _ = turn(game, state)
    assert holding(game, state) == set()


def test_chose_at_the_opening_of_a_turn_refers_to_the_turn_just_resolved() -> None:
    retaliation = shock("retaliation", trigger={"when": {"chose": {"role": "tokyo", "tag": "hostile"}}})
    game, state, _ = started(doc(actions=CHOICES, shocks=[retaliation]))
    state, events = turn(game, state, {"seoul": ["provoke"]})
    assert of_type(events, ShockFired) == []
    state, events = turn(game, state, {"tokyo": ["provoke"]})
    assert state.turn == 3
    assert of_type(events, ShockFired) == [ShockFired("retaliation", Cause("trigger", "retaliation"))]


def test_chose_with_an_action_and_a_tag_it_lacks_never_holds() -> None:
    probes = {
        "mismatch": {"chose": {"action": "provoke", "tag": "friendly"}},
        "match": {"chose": {"action": "provoke", "tag": "hostile"}},
    }
    game, state, _ = started(with_probes(probes, actions=CHOICES))
    state, _ = turn(game, state, {"seoul": ["provoke", "visit"]})
    assert holding(game, state) == {"match"}


def test_chose_counts_a_joint_action_for_each_role_that_chose_it_matched_or_not() -> None:
    summit = action("summit", roles=["seoul", "tokyo"], joint=True)
    probes = {
        "seoul": {"chose": {"role": "seoul", "action": "summit"}},
        "tokyo": {"chose": {"role": "tokyo", "action": "summit"}},
    }
    game, state, _ = started(with_probes(probes, actions=[summit]))
    state, _ = turn(game, state, {"seoul": ["summit"]})
    assert holding(game, state) == {"seoul"}
    state, _ = turn(game, state, {"seoul": ["summit"], "tokyo": ["summit"]})
    assert holding(game, state) == {"seoul", "tokyo"}


def test_chose_reason_names_who_and_what() -> None:
    game, state, _ = started(with_probes({"x": {"chose": {"role": "tokyo", "action": "provoke"}}}, actions=CHOICES))
    [reason] = [o.reason for o in action_options(View(game, state), "seoul") if o.action == "probe-x"]
    assert reason == "needs Tokyo chose Action provoke"


# -- all, any, not -----------------------------------------------------------------------------------


def test_all_any_not() -> None:
    high = {"var": "trust", "atLeast": 60}
    low = {"var": "trust", "atMost": 40}
    mid = {"var": "trust", "equals": 50}
    probes = {
        "all-true": {"all": [mid, {"turn": {"equals": 1}}]},
        "all-false": {"all": [mid, high]},
        "any-true": {"any": [high, mid]},
        "any-false": {"any": [high, low]},
        "not-high": {"not": high},
        "not-mid": {"not": mid},
        "nested": {"not": {"any": [high, {"all": [low, mid]}]}},
    }
    game, state, _ = started(with_probes(probes))
    assert holding(game, state) == {"all-true", "any-true", "not-high", "nested"}
    state = adjust(game, state, "trust", 70)
    assert holding(game, state) == {"any-true", "any-false", "not-mid"}


# -- chose, compiled: against its definition ---------------------------------------------------------

DEFAULT = compile_scenario(resolve_scenario(None))


@st.composite
def chose_tests(draw: st.DrawFn) -> m.ChoseTest:
    """A `chose` test of the default scenario: an action, a tag or both, by one role, anyone or roles together."""
    game = DEFAULT
    tags = sorted({tag for tags in game.action_tags for tag in tags})
    action = draw(st.none() | st.sampled_from(game.action_ids))
    tag = draw(st.sampled_from(tags)) if action is None or draw(st.booleans()) else None
    who = draw(st.sampled_from(["role", "anyone", "together"]))
    if who == "together":
        return m.ChoseTest(role=None, action=action, tag=tag, roles=game.role_ids)
    return m.ChoseTest(role=draw(st.sampled_from(game.role_ids)) if who == "role" else None, action=action, tag=tag)


def chose_holds(game: Game, orders: tuple[tuple[int, ...], ...], test: m.ChoseTest) -> bool:
    """The definition: some (or, together, every) role named chose an action that is the one named and carries the tag named."""

    def meets(a: int) -> bool:
        return (test.action is None or game.action_ids[a] == test.action) and (
            test.tag is None or test.tag in game.action_tags[a]
        )

    roles = test.roles or ((test.role,) if test.role is not None else game.role_ids)
    found = [any(meets(a) for a in orders[game.role_index[role]]) for role in roles]
    return all(found) if test.roles else any(found)


@given(st.lists(chose_tests(), min_size=1, max_size=5), st.data())
def test_compiled_chose_tests_and_any_of_them_hold_as_defined(tests: list[m.ChoseTest], data: st.DataObject) -> None:
    game = DEFAULT
    named = {game.action_index[test.action] for test in tests if test.action is not None}
    chosen = []
    for actions in game.role_actions:
        # often the actions the tests name, so that they hold as often as not
        pool = sorted(named.intersection(actions)) or list(actions)
        chosen.append(
            data.draw(st.sets(st.sampled_from(pool), max_size=2)) | data.draw(st.sets(st.sampled_from(actions), max_size=2))
        )
    orders = tuple(tuple(sorted(actions)) for actions in chosen)
    view = View(game, start(game, 1)[0])
    view.set_chosen(orders)
    expected = [chose_holds(game, orders, test) for test in tests]
    assert [game.condition(test)(view) for test in tests] == expected
    assert game.condition(m.AnyOf(tuple(tests)))(view) == any(expected)
    assert game.condition(m.AllOf(tuple(tests)))(view) == all(expected)
