"""The bundled scenarios: valid, complete, balanced, neutral, and playable to the end by every bot."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scenarios
from engine.bots.registry import BUILT_IN, make_bot
from engine.bots.simulate import SimulationReport, simulate
from engine.core.commands import Resolve, SubmitOrders
from engine.core.events import Event, GameEnded
from engine.core.model import Scenario
from engine.core.rules import Game, compile_scenario
from engine.core.step import start, step
from engine.core.view import View
from engine.load.catalog import bundled, resolve_scenario
from tests.invariants import check_changes_explained, check_state

NAMES = [item.name for item in bundled()]
SMALL = [name for name in NAMES if name != scenarios.DEFAULT]


@cache
def scenario_of(name: str) -> Scenario:
    return resolve_scenario(name)


@cache
def game_of(name: str) -> Game:
    return compile_scenario(scenario_of(name))


@cache
def random_report(name: str) -> SimulationReport:
    game = game_of(name)
    return simulate(game, 1000, 1, {role: make_bot("random") for role in game.role_ids})


def test_the_default_comes_first_and_there_are_at_least_two_small_ones() -> None:
    assert NAMES[0] == scenarios.DEFAULT
    assert len(SMALL) >= 2


@pytest.mark.parametrize("name", NAMES)
def test_every_bundled_scenario_names_the_schema_for_editors(name: str) -> None:
    entry = next(item for item in scenarios.bundled_files() if item.name == f"{name}.json")
    document = json.loads(entry.read_text(encoding="utf-8"))
    assert document["$schema"] == "../engine/schema/scenario.schema.json"
    assert document["id"] == name


def test_the_default_scenario_is_as_rich_as_asked() -> None:
    scenario = scenario_of(scenarios.DEFAULT)
    assert scenario.turns.count == 12
    assert scenario.turns.start is not None and scenario.turns.start.startswith("2026")
    assert [role.id for role in scenario.teams] == ["seoul", "tokyo"]
    actors = [role for role in scenario.roles if role.is_actor]
    assert [role.id for role in actors] == ["washington", "beijing", "pyongyang"]
    for actor in actors:
        assert actor.audience, actor.id
        assert 3 <= sum(actor.id in action.roles for action in scenario.actions) <= 6, actor.id
        assert all(action.requires is not None for action in scenario.actions if actor.id in action.roles), actor.id
    assert len(scenario.variables) >= 8
    assert any(var.visibility == "facilitator" for var in scenario.variables)
    for team in scenario.teams:
        assert any(var.visibility == team.id for var in scenario.variables), team.id
        assert any(objective.visibility == "private" for objective in team.objectives), team.id
    assert len(scenario.shocks) >= 18
    categories = Counter(shock.category for shock in scenario.shocks)
    assert {"missile", "strait", "maritime", "history", "economic", "domestic"} <= set(categories)
    for role in scenario.teams:
        assert sum(role.id in action.roles for action in scenario.actions) >= 10
        assert role.objectives
    tags = {tag for action in scenario.actions for tag in action.tags}
    assert {"cooperation", "hedging", "contentious"} <= tags
    assert "provocation" not in tags, "acts each government sees as legitimate carry the neutral tag"
    assert sum(action.joint for action in scenario.actions) >= 3
    assert (
        sum(
            rule.when is not None and "chose" in json.dumps(scenario.document["rules"][i])
            for i, rule in enumerate(scenario.rules)
        )
        >= 4
    )
    assert scenario.end_conditions
    assert len(scenario.outcomes) >= 3
    assert len(scenario.briefing.split()) >= 200


@pytest.mark.parametrize("name", SMALL)
def test_the_small_scenarios_are_short(name: str) -> None:
    scenario = scenario_of(name)
    assert 6 <= scenario.turns.count <= 8
    assert len(scenario.outcomes) >= 3
    assert scenario.briefing


MECHANISMS = {
    *("add", "set", "drift", "gain", "chance", "pick", "if", "schedule", "enable", "disable", "endShock", "say"),
    *("var", "inBand", "resource", "uses", "fired", "score", "turn", "active", "chose", "all", "any", "not"),
    *("ongoing", "onExpire", "followUps", "guaranteed", "maxFires", "enabled", "duration", "excludes", "unlockedBy"),
    *("cooldown", "limit", "spend", "joint", "unmatched", "requiresText", "visibility", "polarity", "names", "check"),
}


def _mechanisms(document: Any) -> set[str]:
    """Every condition and effect form and mechanism field a document uses."""
    return set(re.findall(r'"([A-Za-z]+)":', json.dumps(document))) & MECHANISMS


def test_the_small_scenarios_exercise_mechanisms_the_default_does_not() -> None:
    default = _mechanisms(scenario_of(scenarios.DEFAULT).document)
    extra: set[str] = set()
    for name in SMALL:
        extra |= _mechanisms(scenario_of(name).document) - default
    assert extra, "the small scenarios add nothing the default does not already use"


DISPUTED = [("Dokdo", "Takeshima"), ("East Sea", "Sea of Japan"), ("Senkaku", "Diaoyu")]
PROPER_NAMES = ("Takeshima Day",)  # an event's own name, not a claim about the islands


@pytest.mark.parametrize("name", NAMES)
def test_disputed_names_are_always_given_both_ways(name: str) -> None:
    """Neutral voice: a disputed name never appears without its counterpart in the same text."""
    for original in _texts(scenario_of(name).document):
        text = original
        for proper in PROPER_NAMES:
            text = text.replace(proper, "")
        for first, second in DISPUTED:
            if first in text or second in text:
                assert first in text and second in text, f"{name}: {text[:120]!r}"


@pytest.mark.parametrize("name", NAMES)
def test_dual_names_are_written_in_both_orders(name: str) -> None:
    """Neutral voice (issue 13): a file that writes a pair as "A/B" more than once also writes "B/A",
    so neither side's name always comes first."""
    joined = " ".join(_texts(scenario_of(name).document))
    for first, second in DISPUTED:
        ahead, behind = joined.count(f"{first}/{second}"), joined.count(f"{second}/{first}")
        if ahead + behind > 1:
            assert ahead and behind, f"{name}: {first}/{second} {ahead} times, {second}/{first} {behind} times"


def _texts(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _texts(value)]
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    return []


def test_default_balance_over_a_thousand_random_games() -> None:
    report = random_report(scenarios.DEFAULT)
    shares = {outcome: count / report.games for outcome, count in report.outcomes.items()}
    assert max(shares.values()) <= 0.8, shares
    assert sum(count > 0 for count in report.outcomes.values()) >= 3, shares


@pytest.mark.parametrize("name", NAMES)
def test_every_shock_fires_and_every_action_is_available_somewhere(name: str) -> None:
    report = random_report(name)
    rare = {shock: count for shock, count in report.shocks.items() if count < report.games / 100}
    assert not rare, f"shocks firing in under 1% of games: {rare}"
    never = [action for action, count in report.available.items() if count == 0]
    assert not never, f"actions never available: {never}"
    assert max(report.outcomes.values()) <= 0.8 * report.games, report.outcomes


@pytest.mark.parametrize("policy", sorted(BUILT_IN))
@pytest.mark.parametrize("name", NAMES)
def test_every_bundled_scenario_plays_to_an_end_under_every_policy(name: str, policy: str) -> None:
    game = game_of(name)
    report = simulate(game, 3 if policy == "greedy" else 20, 5, {role: make_bot(policy) for role in game.role_ids})
    assert sum(report.outcomes.values()) == report.games


@settings(max_examples=15)
@given(st.sampled_from(NAMES), st.integers(0, 2**64 - 1), st.sampled_from(sorted(BUILT_IN)))
def test_random_games_of_bundled_scenarios_keep_every_invariant(name: str, seed: int, policy: str) -> None:
    """Conformance in the spirit of random simulation: check the invariants at every step."""
    game = game_of(name)
    bots = {role: make_bot(policy if role == game.role_ids[0] else "random") for role in game.role_ids}
    state, _ = start(game, seed)
    check_state(game, state)
    log: list[Event] = []
    while not state.ended:
        for role in game.role_ids:
            orders = bots[role].choose(View(game, state), role)
            after, events = step(game, state, SubmitOrders(role, orders))
            assert after.values == state.values
            state = after
            log.extend(events)
        before = state
        state, events = step(game, state, Resolve())
        check_state(game, state)
        check_changes_explained(game, before, state, events)
        log.extend(events)
    ending = log[-1]
    assert isinstance(ending, GameEnded)
    assert ending.outcome == state.outcome
    assert {role for role, _ in ending.scores} == set(game.role_ids)
