"""Actions and orders: availability and its reasons, budgets, resources, joint actions, the
order in which a turn resolves, and the availability list shown to players."""

from __future__ import annotations

from typing import Any

import pytest

from engine.core.availability import ActionOption, action_options
from engine.core.commands import AdjustVariable, InjectShock, Resolve, SubmitOrders
from engine.core.events import ActionResolved, Cause, Changed, Narrated, OrdersSubmitted, OrdersWithdrawn, ResourceChanged
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.rules import Game
from engine.core.state import State
from engine.core.step import step
from engine.core.view import View
from tests.helpers import action, doc, kinds, of_type, resource, shock, started, turn, value


def refusal(game: Game, state: State, role: str, actions: list[str]) -> str:
    """The reason the orders are refused (fails if they are accepted)."""
    with pytest.raises(CommandRefused) as refused:
        step(game, state, SubmitOrders(role, tuple(actions)))
    return refused.value.reason


def options(game: Game, state: State, role: str = "seoul") -> dict[str, ActionOption]:
    return {option.action: option for option in action_options(View(game, state), role)}


def capital_roles(initial: int = 3, per_turn: int = 0, high: int = 10) -> list[dict[str, Any]]:
    capital: dict[str, Any] = {"id": "capital", "label": "Capital", "initial": initial, "max": high}
    if per_turn:
        capital["perTurn"] = per_turn
    return [
        {"id": "seoul", "name": "Seoul", "budget": 2, "resources": [capital]},
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ]


# -- budget ------------------------------------------------------------------------------------------


def test_orders_within_the_budget_are_accepted() -> None:
    actions = [action("a"), action("b"), action("free", cost=0)]
    game, state, _ = started(doc(actions=actions))
    state, events = step(game, state, SubmitOrders("seoul", ("b", "free", "a")))
    assert events == (OrdersSubmitted("seoul", ("a", "b", "free")),)
    assert state.orders[game.role_index["seoul"]] == (0, 1, 2)


def test_orders_over_the_budget_are_refused_with_the_reason() -> None:
    game, state, _ = started(doc(actions=[action("a"), action("b", cost=2)]))
    reason = refusal(game, state, "seoul", ["a", "b"])
    assert reason == "Seoul's orders are refused: the orders cost 3 action points; Seoul's budget is 2"


def test_an_action_costing_more_than_the_budget_is_unavailable() -> None:
    game, state, _ = started(doc(actions=[action("big", cost=3)]))
    assert options(game, state)["big"].reason == "costs 3 action points; the budget is 2"
    assert "costs 3 action points; the budget is 2" in refusal(game, state, "seoul", ["big"])


def test_resubmitted_orders_replace_the_earlier_ones() -> None:
    actions = [action("up", effects=[{"add": {"trust": 1}}]), action("down", effects=[{"add": {"trust": -1}}])]
    game, state, _ = started(doc(actions=actions))
    state, _ = step(game, state, SubmitOrders("seoul", ("up",)))
    state, _ = turn(game, state, {"seoul": ["down"]})
    assert value(game, state) == 49


# -- spend -------------------------------------------------------------------------------------------


def test_spend_is_paid_at_resolution() -> None:
    game, state, _ = started(doc(roles=capital_roles(3), actions=[action("buy", spend={"capital": 2})]))
    state, _ = step(game, state, SubmitOrders("seoul", ("buy",)))
    assert resource(game, state, "seoul", "capital") == 3
    state, events = step(game, state, Resolve())
    assert resource(game, state, "seoul", "capital") == 1
    assert of_type(events, ResourceChanged) == [ResourceChanged("seoul", "capital", 3, 1, -2, Cause("cost", "buy", "seoul"))]


def test_spend_beyond_the_stock_makes_the_action_unavailable() -> None:
    game, state, _ = started(doc(roles=capital_roles(1), actions=[action("buy", spend={"capital": 2})]))
    assert options(game, state)["buy"].reason == "needs 2 Capital (has 1)"
    reason = refusal(game, state, "seoul", ["buy"])
    assert reason.startswith("Seoul's orders are refused: Action buy is not available: needs 2 Capital (has 1)")


def test_spend_is_refused_when_the_orders_together_need_more_than_the_stock() -> None:
    actions = [action("buy", spend={"capital": 2}), action("sell", spend={"capital": 2})]
    game, state, _ = started(doc(roles=capital_roles(3), actions=actions))
    assert options(game, state)["buy"].available
    assert refusal(game, state, "seoul", ["buy", "sell"]) == "Seoul's orders are refused: the orders spend 4 Capital; Seoul has 3"


def test_orders_made_invalid_by_an_inject_are_withdrawn_with_the_reason() -> None:
    drain = shock("drain", effects=[{"gain": {"role": "seoul", "resource": "capital", "amount": -3}}])
    actions = [action("buy", spend={"capital": 2}), action("patrol", roles=["tokyo"])]
    game, state, _ = started(doc(roles=capital_roles(3), actions=actions, shocks=[drain]))
    state, _ = step(game, state, SubmitOrders("seoul", ("buy",)))
    state, _ = step(game, state, SubmitOrders("tokyo", ("patrol",)))
    state, events = step(game, state, InjectShock("drain", "test"))
    [withdrawn] = of_type(events, OrdersWithdrawn)
    assert withdrawn.role == "seoul"
    assert withdrawn.reason.startswith("Action buy is not available: needs 2 Capital (has 0)")
    assert state.orders == (None, (game.action_index["patrol"],))
    state, events = step(game, state, Resolve())
    assert [e.action for e in of_type(events, ActionResolved)] == ["patrol"]
    assert state.uses[game.role_index["seoul"]][game.action_index["buy"]] == 0


def test_orders_made_invalid_by_an_adjustment_are_withdrawn() -> None:
    game, state, _ = started(doc(actions=[action("talk", requires={"var": "trust", "atLeast": 50})]))
    state, _ = step(game, state, SubmitOrders("seoul", ("talk",)))
    state, events = step(game, state, AdjustVariable("trust", 55, "still fine"))
    assert of_type(events, OrdersWithdrawn) == []
    assert state.orders[0] == (0,)
    state, events = step(game, state, AdjustVariable("trust", 40, "talks collapse"))
    assert of_type(events, OrdersWithdrawn) == [
        OrdersWithdrawn("seoul", "Action talk is not available: needs Trust at least 50 (now 40)")
    ]
    assert state.orders[0] is None


# -- requires, unlockedBy ----------------------------------------------------------------------------


def test_requires_names_the_variable_and_its_current_value() -> None:
    game, state, _ = started(doc(actions=[action("talk", requires={"var": "trust", "atLeast": 60})]))
    assert options(game, state)["talk"].reason == "needs Trust at least 60 (now 50)"
    assert refusal(game, state, "seoul", ["talk"]) == (
        "Seoul's orders are refused: Action talk is not available: needs Trust at least 60 (now 50)"
    )


def test_requires_becomes_available_when_the_condition_holds() -> None:
    actions = [action("talk", requires={"var": "trust", "atLeast": 60}), action("warm", effects=[{"add": {"trust": 10}}])]
    game, state, _ = started(doc(actions=actions))
    state, _ = turn(game, state, {"seoul": ["warm"]})
    assert options(game, state)["talk"].available
    assert options(game, state)["talk"].reason is None


def test_requires_text_replaces_the_generated_reason() -> None:
    talk = action("talk", requires={"var": "trust", "atLeast": 60}, requiresText="Trust is too low for talks")
    game, state, _ = started(doc(actions=[talk]))
    assert options(game, state)["talk"].reason == "Trust is too low for talks"


def test_requires_with_all_names_only_the_failing_parts() -> None:
    both = {"all": [{"var": "trust", "atLeast": 10}, {"var": "trust", "below": 40}, {"turn": {"atLeast": 3}}]}
    game, state, _ = started(doc(actions=[action("talk", requires=both)]))
    assert options(game, state)["talk"].reason == "needs Trust below 40 (now 50); needs turn number at least 3 (now 1)"


def test_unlocked_by_any_of_several_shocks() -> None:
    shocks = [shock("a", title="Alpha"), shock("b", title="Bravo")]
    game, state, _ = started(doc(shocks=shocks, actions=[action("respond", unlockedBy=["a", "b"])]))
    assert options(game, state)["respond"].reason == "only while Alpha or Bravo is in progress"
    state, _ = step(game, state, InjectShock("b", "test"))
    assert options(game, state)["respond"].available


# -- cooldown and limit ------------------------------------------------------------------------------


def test_cooldown_two_taken_in_turn_one_is_available_again_in_turn_four() -> None:
    game, state, _ = started(doc(turns={"count": 5}, actions=[action("summit", cooldown=2)]))
    state, _ = turn(game, state, {"seoul": ["summit"]})
    for expected_turn in (2, 3):
        assert state.turn == expected_turn
        assert options(game, state)["summit"].reason == "cooling down: available again in turn 4"
        assert "cooling down" in refusal(game, state, "seoul", ["summit"])
        state, _ = turn(game, state)
    assert state.turn == 4
    assert options(game, state)["summit"].available


def test_cooldown_uses_the_turn_label() -> None:
    game, state, _ = started(doc(turns={"count": 5, "label": "Month"}, actions=[action("summit", cooldown=1)]))
    state, _ = turn(game, state, {"seoul": ["summit"]})
    assert options(game, state)["summit"].reason == "cooling down: available again in month 3"


def test_cooldown_is_per_role() -> None:
    game, state, _ = started(doc(actions=[action("summit", roles=["seoul", "tokyo"], cooldown=2)]))
    state, _ = turn(game, state, {"seoul": ["summit"]})
    assert not options(game, state, "seoul")["summit"].available
    assert options(game, state, "tokyo")["summit"].available


def test_limit_counts_each_role_separately() -> None:
    game, state, _ = started(doc(actions=[action("sanction", roles=["seoul", "tokyo"], limit=2)]))
    state, _ = turn(game, state, {"seoul": ["sanction"]})
    assert options(game, state)["sanction"].available
    state, _ = turn(game, state, {"seoul": ["sanction"]})
    assert options(game, state)["sanction"].reason == "already taken 2 of 2 allowed times"
    assert options(game, state, "tokyo")["sanction"].available
    assert "already taken 2 of 2 allowed times" in refusal(game, state, "seoul", ["sanction"])


def test_an_unmatched_joint_action_counts_as_taken_for_limit_and_cooldown() -> None:
    summit = action("summit", roles=["seoul", "tokyo"], joint=True, limit=1, cooldown=1)
    talks = action("talks", roles=["seoul", "tokyo"], joint=True, cooldown=1)
    game, state, _ = started(doc(actions=[summit, talks]))
    state, _ = turn(game, state, {"seoul": ["summit", "talks"]})
    assert options(game, state)["summit"].reason == "already taken 1 of 1 allowed times"
    assert options(game, state)["talks"].reason == "cooling down: available again in turn 3"
    assert options(game, state, "tokyo")["summit"].available


# -- excludes ----------------------------------------------------------------------------------------


def test_excluded_actions_cannot_be_ordered_together_whichever_declares_it() -> None:
    actions = [action("hawk"), action("dove", excludes=["hawk"]), action("neutral")]
    game, state, _ = started(doc(actions=actions))
    expected = "Seoul's orders are refused: Action hawk and Action dove cannot both be taken in one turn"
    assert refusal(game, state, "seoul", ["hawk", "dove"]) == expected
    assert refusal(game, state, "seoul", ["dove", "hawk"]) == expected
    state, _ = step(game, state, SubmitOrders("seoul", ("dove", "neutral")))
    state, _ = step(game, state, SubmitOrders("seoul", ("hawk", "neutral")))


# -- refused orders ----------------------------------------------------------------------------------


def test_unknown_action_is_refused_with_a_suggestion() -> None:
    game, state, _ = started(doc(actions=[action("summit")]))
    assert (
        refusal(game, state, "seoul", ["sumit"]) == "Seoul's orders are refused: unknown action 'sumit' (did you mean 'summit'?)"
    )


def test_action_of_another_role_is_refused() -> None:
    game, state, _ = started(doc(actions=[action("patrol", roles=["tokyo"])]))
    assert (
        refusal(game, state, "seoul", ["patrol"])
        == "Seoul's orders are refused: Seoul cannot take Action patrol: it is for tokyo"
    )


def test_duplicate_action_is_refused() -> None:
    game, state, _ = started(doc(actions=[action("patrol")]))
    assert refusal(game, state, "seoul", ["patrol", "patrol"]) == "Seoul's orders are refused: Action patrol is ordered twice"


def test_unknown_role_is_refused() -> None:
    game, state, _ = started(doc(actions=[action("patrol")]))
    assert refusal(game, state, "seuol", ["patrol"]) == "unknown role 'seuol' (did you mean 'seoul'?)"


def test_every_problem_is_listed() -> None:
    game, state, _ = started(doc(actions=[action("a", cost=2), action("b", roles=["tokyo"])]))
    reason = refusal(game, state, "seoul", ["a", "a", "b", "zzz"])
    assert reason == (
        "Seoul's orders are refused: Action a is ordered twice; Seoul cannot take Action b: it is for tokyo; unknown action 'zzz'"
    )


# -- joint actions -----------------------------------------------------------------------------------

SUMMIT = action(
    "summit", roles=["seoul", "tokyo"], joint=True, effects=[{"add": {"trust": 10}}], unmatched=[{"add": {"trust": -3}}]
)


def test_matched_joint_action_applies_its_effects_once() -> None:
    game, state, _ = started(doc(actions=[SUMMIT]))
    state, events = turn(game, state, {"seoul": ["summit"], "tokyo": ["summit"]})
    assert value(game, state) == 60
    assert of_type(events, ActionResolved) == [ActionResolved("summit", ("seoul", "tokyo"), "matched")]
    assert of_type(events, Changed) == [Changed("trust", 50, 60, 10, Cause("joint", "summit", "seoul+tokyo"))]


def test_unmatched_joint_action_applies_its_unmatched_effects() -> None:
    game, state, _ = started(doc(actions=[SUMMIT]))
    state, events = turn(game, state, {"tokyo": ["summit"]})
    assert value(game, state) == 47
    assert of_type(events, ActionResolved) == [ActionResolved("summit", ("tokyo",), "unmatched")]
    assert of_type(events, Changed) == [Changed("trust", 50, 47, -3, Cause("unmatched", "summit", "tokyo"))]


def test_unmatched_effects_apply_once_per_proposing_role() -> None:
    roles = [{"id": r, "name": r.title(), "budget": 1} for r in ("seoul", "tokyo", "washington")]
    trio = action("trio", roles=["seoul", "tokyo", "washington"], joint=True, unmatched=[{"add": {"trust": -3}}])
    game, state, _ = started(doc(roles=roles, actions=[trio]))
    state, events = turn(game, state, {"washington": ["trio"], "seoul": ["trio"]})
    assert value(game, state) == 44
    assert of_type(events, ActionResolved) == [
        ActionResolved("trio", ("seoul",), "unmatched"),
        ActionResolved("trio", ("washington",), "unmatched"),
    ]
    assert [e.cause for e in of_type(events, Changed)] == [
        Cause("unmatched", "trio", "seoul"),
        Cause("unmatched", "trio", "washington"),
    ]


def test_joint_action_chosen_by_nobody_does_nothing() -> None:
    game, state, _ = started(doc(actions=[SUMMIT]))
    state, events = turn(game, state)
    assert value(game, state) == 50
    assert of_type(events, ActionResolved) == []


# -- order of resolution -----------------------------------------------------------------------------


def test_effects_apply_in_scenario_order_whatever_the_order_typed() -> None:
    actions = [action("reset", effects=[{"set": {"trust": 10}}]), action("nudge", effects=[{"add": {"trust": 5}}])]
    game, state, _ = started(doc(actions=actions))
    state, events = turn(game, state, {"seoul": ["nudge", "reset"]})
    assert value(game, state) == 15
    assert [e.action for e in of_type(events, ActionResolved)] == ["reset", "nudge"]


def test_roles_resolve_in_the_order_of_roles_whatever_the_order_submitted() -> None:
    actions = [
        action("nudge", roles=["tokyo"], effects=[{"add": {"trust": 5}}]),
        action("reset", effects=[{"set": {"trust": 10}}]),
    ]
    game, state, _ = started(doc(actions=actions))
    state, events = turn(game, state, {"tokyo": ["nudge"], "seoul": ["reset"]})
    assert value(game, state) == 15
    assert [e.roles for e in of_type(events, ActionResolved)] == [("seoul",), ("tokyo",)]


def test_a_turn_resolves_costs_ongoing_joint_solo_then_rules() -> None:
    roles = capital_roles(5)
    actions = [
        action("late", roles=["tokyo"], effects=[{"say": "tokyo solo"}]),
        action("early", effects=[{"say": "seoul solo"}], spend={"capital": 1}),
        action("meet", roles=["seoul", "tokyo"], joint=True, effects=[{"say": "joint"}]),
    ]
    shocks = [shock("storm", trigger={"atTurn": 1}, ongoing=[{"say": "ongoing"}])]
    rules = [
        {"id": "second-rule", "effects": [{"say": "rule 1"}]},
        {"id": "first-rule", "effects": [{"say": "rule 2"}]},
    ]
    game, state, _ = started(doc(roles=roles, actions=actions, shocks=shocks, rules=rules))
    state, events = turn(game, state, {"tokyo": ["late", "meet"], "seoul": ["meet", "early"]})
    resolution = [e for e in events if e.kind in ("resource-changed", "narrated")]
    assert kinds(resolution)[0] == "resource-changed"
    assert [e.text for e in of_type(resolution, Narrated)] == ["ongoing", "joint", "seoul solo", "tokyo solo", "rule 1", "rule 2"]
    assert [e.cause for e in of_type(resolution, Narrated)] == [
        Cause("ongoing", "storm"),
        Cause("joint", "meet", "seoul+tokyo"),
        Cause("action", "early", "seoul"),
        Cause("action", "late", "tokyo"),
        Cause("rule", "second-rule"),
        Cause("rule", "first-rule"),
    ]


def test_rules_see_the_choices_being_resolved() -> None:
    actions = [action("provoke", roles=["tokyo"])]
    rules = [{"id": "backlash", "when": {"chose": {"role": "tokyo", "action": "provoke"}}, "effects": [{"add": {"trust": -4}}]}]
    game, state, _ = started(doc(actions=actions, rules=rules))
    state, events = turn(game, state, {"tokyo": ["provoke"]})
    assert of_type(events, Changed) == [Changed("trust", 50, 46, -4, Cause("rule", "backlash"))]
    state, events = turn(game, state)
    assert of_type(events, Changed) == []


def test_rules_see_the_changes_of_earlier_rules() -> None:
    rules = [
        {"id": "rise", "effects": [{"add": {"trust": 10}}]},
        {"id": "cap", "when": {"var": "trust", "atLeast": 60}, "effects": [{"set": {"trust": 0}}]},
    ]
    game, state, _ = started(doc(rules=rules))
    state, _ = turn(game, state)
    assert value(game, state) == 0


def test_rules_without_when_apply_every_turn() -> None:
    game, state, _ = started(doc(rules=[{"id": "decay", "effects": [{"add": {"trust": -1}}]}]))
    for _ in range(3):
        state, _ = turn(game, state)
    assert value(game, state) == 47


# -- the availability list ---------------------------------------------------------------------------


def test_action_options_list_every_action_of_the_role_with_reasons() -> None:
    roles = capital_roles(1)
    actions = [
        action("open", tags=["talk"]),
        action("tokyo-only", roles=["tokyo"]),
        action("pricey", cost=3),
        action("costly", spend={"capital": 2}),
        action("gated", requires={"var": "trust", "above": 50}),
        action("crisis", unlockedBy=["storm"]),
        action("summit", roles=["seoul", "tokyo"], joint=True, cost=2),
    ]
    game, state, _ = started(doc(roles=roles, actions=actions, shocks=[shock("storm", title="Storm")]))
    listed = action_options(View(game, state), "seoul")
    assert [o.action for o in listed] == ["open", "pricey", "costly", "gated", "crisis", "summit"]
    assert listed[0] == ActionOption("open", "Action open", 1, (), (), False, None)
    assert listed[-1] == ActionOption("summit", "Action summit", 2, (), (), True, None)
    assert {o.action: o.refusal.code for o in listed if o.refusal is not None} == {
        "pricey": RefusalCode.OVER_BUDGET,
        "costly": RefusalCode.SHORT_OF_RESOURCE,
        "gated": RefusalCode.REQUIREMENT_UNMET,
        "crisis": RefusalCode.LOCKED,
    }
    assert {o.action: o.reason for o in listed if not o.available} == {
        "pricey": "costs 3 action points; the budget is 2",
        "costly": "needs 2 Capital (has 1)",
        "gated": "needs Trust above 50 (now 50)",
        "crisis": "only while Storm is in progress",
    }
    assert all(o.reason is None for o in listed if o.available)
    assert listed[2].spend == (("capital", 2),)
    assert [o.action for o in action_options(View(game, state), "tokyo")] == ["tokyo-only", "summit"]


def test_action_options_after_the_end_are_all_unavailable() -> None:
    game, state, _ = started(doc(turns={"count": 1}, actions=[action("open")]))
    state, _ = turn(game, state)
    assert state.ended
    [option] = action_options(View(game, state), "seoul")
    assert (option.available, option.reason) == (False, "the game has ended")
    assert option.refusal is not None and option.refusal.code is RefusalCode.GAME_ENDED
