"""A condition with the turn known (`at_turn`) holds exactly when the condition does at that turn."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from engine.core import model as m
from engine.core.rules import compile_scenario
from engine.core.step import start
from engine.core.turn_bound import at_turn
from engine.core.view import View
from engine.load.catalog import resolve_scenario
from engine.playout import Plan

GAME = compile_scenario(resolve_scenario(None))
BOUNDS = st.one_of(st.none(), st.integers(0, 14))
COMPARISONS = st.builds(m.Comparison, at_least=BOUNDS, at_most=BOUNDS, above=BOUNDS, below=BOUNDS, equals=BOUNDS)
LEAVES = st.one_of(
    st.builds(m.TurnTest, COMPARISONS),
    st.builds(m.VarTest, st.sampled_from(GAME.var_ids), st.builds(m.Comparison, at_least=st.integers(0, 100))),
    st.builds(m.ChoseTest, st.sampled_from(GAME.role_ids), st.none(), st.sampled_from(("diplomacy", "contentious"))),
)
CONDITIONS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds(m.AllOf, st.lists(inner, min_size=1, max_size=3).map(tuple)),
        st.builds(m.AnyOf, st.lists(inner, min_size=1, max_size=3).map(tuple)),
        st.builds(m.Not, inner),
    ),
    max_leaves=8,
)


@given(CONDITIONS, st.integers(1, 12), st.integers(0, 2**64 - 1), st.lists(st.integers(0, len(GAME.action_ids) - 1), max_size=6))
def test_a_condition_at_a_turn_holds_when_the_condition_does(cond: m.Condition, turn: int, seed: int, chosen: list[int]) -> None:
    state = attrs.evolve(start(GAME, seed)[0], turn=turn, last_orders=(tuple(sorted(set(chosen))), (), (), (), ()))
    facts = View(GAME, state)
    bound = at_turn(cond, turn)
    expected = GAME.predicate(cond)(facts)
    assert (bound if isinstance(bound, bool) else GAME.predicate(bound)(facts)) == expected


@given(CONDITIONS)
def test_a_condition_without_a_turn_test_is_left_as_it_is(cond: m.Condition) -> None:
    if "TurnTest" not in repr(cond):
        assert at_turn(cond, 5) is cond


def test_the_defaults_turn_bound_requirements() -> None:
    """seoul-dokdo-drill is open on turns 6 and 12 only; us-mend-fences from turn 3, while trust is low."""
    requires = {action.id: action.requires for action in GAME.scenario.actions if action.requires is not None}
    assert at_turn(requires["seoul-dokdo-drill"], 5) is False
    assert at_turn(requires["seoul-dokdo-drill"], 6) is True
    mend = requires["us-mend-fences"]
    assert at_turn(mend, 2) is False
    assert isinstance(at_turn(mend, 3), m.VarTest)


def test_a_playouts_triggers_leave_out_a_condition_the_turn_rules_out() -> None:
    """The default's shrine offering may happen in its window only on turns 4 and 10."""
    plan = Plan(GAME)
    shrine = GAME.shock_index["shrine-offering"]
    turns = [turn for turn, triggers in enumerate(plan.triggers_at) if any(trigger[0] == shrine for trigger in triggers)]
    assert turns == [4, 10]
