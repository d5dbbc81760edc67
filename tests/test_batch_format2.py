"""Format 2 in the batched engine: each of its mechanisms played game by game as the scalar engine plays it.

Each scenario is tiny and written so its mechanism decides what happens (the tests also check that
it does, so a batch that ignored the mechanism would differ); the property then plays generated
format 2 scenarios, every form in random combinations, with every built-in bot.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch import batch_results, can_batch
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import GameResult, play_results
from engine.core import model as m
from engine.core.rules import Game
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, action, doc, game_of, shock
from tests.strategies import scenario_documents

BOTS: dict[str, type[Policy]] = {"random": RandomPolicy, "passive": PassivePolicy, "greedy": GreedyPolicy}


def same_games(
    document: dict[str, Any], games: int = 60, seed: int = 3, bots: tuple[str, str] = ("random", "random")
) -> list[GameResult]:
    """Play a document with both engines (in chunks of 7, so chunks end mid-run); the batch's rows, equal to the scalar's."""
    game = game_of(document)
    assert can_batch(game.scenario) is None
    policies = _policies(game, bots)
    scalar = list(play_results(game, games, seed, policies))
    batched = list(batch_results(game, games, seed, policies, chunk=7))
    for expected, found in zip(scalar, batched, strict=True):
        assert found == expected, f"game {expected.index} (seed {expected.seed}) differs"
    return batched


def _policies(game: Game, bots: tuple[str, ...]) -> dict[str, Policy]:
    """Bots by name for the roles in order; a role past the names (an actor) gets the last name's."""
    return {role: BOTS[bots[min(r, len(bots) - 1)]]() for r, role in enumerate(game.role_ids)}


def ladder(version: int) -> dict[str, Any]:
    """Three rungs, each enabled by the one below as it fires; the top one also counts the middle one's firings."""
    return doc(
        format=version,
        turns={"count": 2},
        shocks=[
            shock("rung-1", trigger={"atTurn": 1}, followUps=[{"shock": "rung-2", "enable": True}]),
            shock("rung-2", trigger={"from": 1}, enabled=False, effects=[{"enable": "rung-3"}]),
            shock("rung-3", trigger={"from": 1, "when": {"fired": "rung-2", "atLeast": 1}}, enabled=False),
        ],
    )


def test_format_2_climbs_a_ladder_one_rung_per_turn_batched() -> None:
    assert {row.shocks_fired["rung-3"] for row in same_games(ladder(2), games=20)} == {0}, "two turns reach the second rung"
    assert {row.shocks_fired["rung-3"] for row in same_games(ladder(1), games=20)} == {1}, "format 1 fires all at once"


def test_format_2_asks_triggers_before_the_scheduled_shocks_fire_batched() -> None:
    """A scheduled shock moves trust; a trigger reading trust sees it the next turn, and the chance one's dice still match."""
    document = doc(
        format=2,
        turns={"count": 3},
        actions=[action("push", effects=[{"add": {"trust": 3}}])],
        shocks=[
            shock("start", trigger={"atTurn": 1}, followUps=[{"shock": "late", "after": 1, "chance": 0.6}]),
            shock("late", effects=[{"add": {"trust": 20}}]),
            shock("watch", trigger={"from": 1, "when": {"var": "trust", "atLeast": 70}, "chance": 0.8}, maxFires=3),
        ],
    )
    assert {row.shocks_fired["watch"] for row in same_games(document)} == {0, 1}, "watch sees the move in turn 3 only"
    document["format"] = 1
    assert {row.shocks_fired["watch"] for row in same_games(document)} == {0, 1, 2}, "format 1: in turns 2 and 3"


def test_a_follow_ups_if_is_checked_when_it_falls_due_batched() -> None:
    """The strike two turns after the alarm comes only where trust still holds then; the bots move trust meanwhile."""
    document = doc(
        format=2,
        turns={"count": 4},
        actions=[action("warm", effects=[{"add": {"trust": 5}}]), action("cool", effects=[{"add": {"trust": -5}}])],
        shocks=[
            shock(
                "alarm",
                trigger={"atTurn": 1},
                followUps=[{"shock": "strike", "after": 2, "if": {"var": "trust", "atLeast": 55}}],
            ),
            shock("strike", effects=[{"add": {"trust": -30}}], maxFires=2),
            shock("echo", trigger={"atTurn": 2}, followUps=[{"shock": "strike", "after": 2}]),
        ],
    )
    rows = same_games(document)
    assert {row.shocks_fired["strike"] for row in rows} == {1, 2}, "called off in some games, not in others"


def test_in_format_2_a_disable_calls_off_what_is_queued_and_the_rest_keeps_its_order() -> None:
    """Queued for turn 4: first, then second; first is called off; third, queued later, fires after second.

    Each sets trust, so the last to fire shows: a queue that let third take first's place would end at 10.
    """
    document = doc(
        format=2,
        turns={"count": 4},
        roles=[{"id": "seoul", "name": "Seoul", "budget": 1}, {"id": "tokyo", "name": "Tokyo", "budget": 1}],
        actions=[action("stand-down", effects=[{"disable": "first"}], limit=1), action("wait", roles=["tokyo"])],
        shocks=[
            shock("alarm", trigger={"atTurn": 1}, followUps=[{"shock": "first", "after": 3}, {"shock": "second", "after": 3}]),
            shock("late", trigger={"atTurn": 2}, followUps=[{"shock": "third", "after": 2}]),
            shock("first", effects=[{"set": {"trust": 90}}]),
            shock("second", effects=[{"set": {"trust": 10}}]),
            shock("third", effects=[{"set": {"trust": 20}}], trigger={"atTurn": 4, "chance": 0.5}, maxFires=2),
        ],
    )
    rows = same_games(document, games=30)
    assert {row.shocks_fired["first"] for row in rows} == {0}
    assert {row.variables["trust"] for row in rows} == {20}
    document["format"] = 1  # a disable only disarms: first still fires, before second
    rows = same_games(document, games=30)
    assert {row.shocks_fired["first"] for row in rows} == {1}


def joint_choice(**chose: Any) -> dict[str, Any]:
    """A rule that rewards both teams choosing the same (not joint) action, or one with the same tag, in one turn."""
    return doc(
        format=2,
        turns={"count": 6},
        actions=[
            action("statement", roles=["seoul", "tokyo"], tags=["cooperation"]),
            action("visit", roles=["seoul", "tokyo"], tags=["cooperation"]),
            action("drill", roles=["seoul", "tokyo"], tags=["hedging"]),
        ],
        rules=[{"id": "together", "when": {"chose": {"roles": ["seoul", "tokyo"], **chose}}, "effects": [{"add": {"trust": 5}}]}],
    )


def test_a_joint_choice_holds_where_every_named_role_chose_it_batched() -> None:
    for chose in ({"action": "statement"}, {"tag": "cooperation"}, {"action": "drill", "tag": "cooperation"}):
        rows = same_games(joint_choice(**chose))
        moved = {row.variables["trust"] for row in rows}
        if chose.get("tag") == "cooperation" and "action" in chose:
            assert moved == {50}, "drill has no cooperation tag: the test never holds"
        else:
            assert len(moved) >= 3, f"{chose}: the rule holds in some turns of some games"


def test_named_states_are_tested_and_moved_batched() -> None:
    designation = {
        "id": "designation",
        "label": "Designation",
        "states": ["none", "concern", "threat", "attack"],
        "initial": "none",
    }
    document = doc(
        format=2,
        turns={"count": 5},
        variables=[*doc()["variables"], designation],
        actions=[
            action("escalate", effects=[{"chance": 0.4, "then": [{"stepState": {"designation": 2}}]}]),
            action("calm", roles=["tokyo"], effects=[{"chance": 0.7, "then": [{"stepState": {"designation": -1}}]}]),
            action("declare", roles=["tokyo"], effects=[{"chance": 0.2, "then": [{"setState": {"designation": "attack"}}]}]),
        ],
        rules=[{"id": "strain", "when": {"state": "designation", "atLeast": "threat"}, "effects": [{"add": {"trust": -4}}]}],
        outcomes=[
            {"id": "war", "title": "War", "when": {"state": "designation", "is": "attack"}},
            {"id": "calm", "title": "Calm", "when": {"state": "designation", "atMost": "concern"}},
            {"id": "tense", "title": "Tense"},
        ],
    )
    rows = same_games(document)
    assert {row.outcome for row in rows} == {"war", "calm", "tense"}


def test_fields_that_change_no_play_are_batched_and_an_unknown_one_still_goes_scalar() -> None:
    """Deadlines, phases and free moves are for the people at the table: the batch plays around them."""
    document = ladder(2)
    document["turns"]["deadline"] = 20
    document["phases"] = [{"id": "only", "title": "Only", "from": 1, "to": 2, "hotwash": True, "deadline": 15}]
    document["freeMoves"] = {"allowed": True, "perTeamPerTurn": 2, "largestEffect": 3}
    same_games(document, games=10)
    scenario = game_of(document).scenario
    future = attrs.evolve(scenario, format=3)
    assert can_batch(future) == "it uses Scenario.format = 3, which the batched engine does not play yet"
    assert can_batch(attrs.evolve(scenario, roles=(attrs.evolve(scenario.roles[0], budget=1), *scenario.roles[1:]))) is None
    assert isinstance(scenario.free_moves, m.FreeMoves) and scenario.free_moves.per_team_per_turn == 2


def test_greedy_bots_look_ahead_with_format_2_batched() -> None:
    """The greedy bot's trial turns open the next turn with format 2's order, as `step` does."""
    same_games(ladder(2), games=8, bots=("greedy", "greedy"))
    same_games(joint_choice(tag="cooperation"), games=8, bots=("greedy", "random"))


def test_the_bundled_scenarios_are_batched() -> None:
    for name in BUNDLED:
        assert can_batch(resolve_scenario(name)) is None, name


@given(
    scenario_documents(formats=(2,)),
    st.integers(0, 2**64 - 1),
    st.lists(st.sampled_from(["random", "passive"]), min_size=2, max_size=2),
    st.integers(1, 9),
)
def test_generated_format_2_scenarios_play_the_same_games_batched(
    document: dict[str, Any], seed: int, bots: list[str], chunk: int
) -> None:
    game = game_of(document)
    assert can_batch(game.scenario) is None
    policies = _policies(game, tuple(bots))
    scalar = list(play_results(game, 12, seed, policies))
    batched = list(batch_results(game, 12, seed, policies, chunk=chunk))
    assert batched == scalar


@settings(max_examples=10)
@given(scenario_documents(formats=(2,)), st.integers(0, 2**63 - 1))
def test_generated_format_2_scenarios_with_greedy_bots_play_the_same_games_batched(document: dict[str, Any], seed: int) -> None:
    game = game_of(document)
    policies = _policies(game, ("greedy", "random"))
    assert list(batch_results(game, 4, seed, policies, chunk=3)) == list(play_results(game, 4, seed, policies))
