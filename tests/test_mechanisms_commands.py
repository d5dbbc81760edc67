"""Facilitator commands, the purity of `step`, and determinism of the dice."""

from __future__ import annotations

import copy
from typing import Any, cast

import pytest

from engine.core.commands import (
    AddNote,
    AdjustVariable,
    BadCommand,
    Command,
    EndExercise,
    InjectShock,
    Resolve,
    ReturnOrders,
    SubmitOrders,
    command_from_json,
)
from engine.core.events import (
    Cause,
    Changed,
    Event,
    GameEnded,
    NoteAdded,
    OrdersReturned,
    OrdersSubmitted,
    Rolled,
    ShockFired,
    ShockScheduled,
)
from engine.core.refusals import CommandRefused
from engine.core.rules import Game
from engine.core.state import State, state_digest
from engine.core.step import start, step, with_seed
from tests.helpers import action, active, doc, fires, game_of, of_type, shock, started, turn, value


def refused(game: Game, state: State, command: Command) -> str:
    with pytest.raises(CommandRefused) as caught:
        step(game, state, command)
    return caught.value.reason


# -- InjectShock -------------------------------------------------------------------------------------

STORM = shock("storm", title="Storm", duration=2, effects=[{"add": {"trust": -5}}], followUps=[{"shock": "aftermath"}])
AFTERMATH = shock("aftermath")


def test_inject_fires_the_shock_now_with_the_facilitator_as_cause() -> None:
    game, state, _ = started(doc(shocks=[STORM, AFTERMATH]))
    state, events = step(game, state, InjectShock("storm", "  exercise the escalation branch "))
    facilitator = Cause("facilitator", detail="exercise the escalation branch")
    assert events[0] == ShockFired("storm", facilitator)
    assert of_type(events, Changed) == [Changed("trust", 50, 45, -5, Cause("shock", "storm"))]
    assert of_type(events, ShockScheduled) == [ShockScheduled("aftermath", 2, Cause("shock", "storm"))]
    assert active(game, state, "storm")
    assert fires(game, state, "storm") == 1
    assert state.turn == 1


def test_inject_fires_a_disabled_shock() -> None:
    game, state, _ = started(doc(shocks=[shock("quiet", enabled=False, trigger={"atTurn": 3})]))
    state, events = step(game, state, InjectShock("quiet"))
    assert of_type(events, ShockFired) == [ShockFired("quiet", Cause("facilitator"))]


def test_inject_is_refused_while_the_shock_is_active() -> None:
    game, state, _ = started(doc(shocks=[STORM, AFTERMATH]))
    state, _ = step(game, state, InjectShock("storm", "first"))
    assert refused(game, state, InjectShock("storm", "again")) == "Storm is already in progress"
    state, _ = turn(game, state)
    assert active(game, state, "storm")
    assert refused(game, state, InjectShock("storm", "again")) == "Storm is already in progress"


def test_inject_of_an_unknown_shock_is_refused_with_a_suggestion() -> None:
    game, state, _ = started(doc(shocks=[STORM, AFTERMATH]))
    assert refused(game, state, InjectShock("strom", "typo")) == "unknown shock 'strom' (did you mean 'storm'?)"


def test_inject_can_end_the_game() -> None:
    crash = shock("crash", effects=[{"set": {"trust": 0}}])
    game, state, _ = started(doc(shocks=[crash], endConditions=[{"id": "collapse", "when": {"var": "trust", "equals": 0}}]))
    state, events = step(game, state, InjectShock("crash", "test"))
    assert (state.ended, state.end_reason) == (True, "collapse")
    assert events[-1].kind == "game-ended"


# -- AdjustVariable ----------------------------------------------------------------------------------


def test_adjust_sets_the_variable_with_the_reason_as_cause() -> None:
    game, state, _ = started(doc())
    state, events = step(game, state, AdjustVariable("trust", 35, " ruling on the talks "))
    assert value(game, state) == 35
    assert events == (Changed("trust", 50, 35, -15, Cause("facilitator", detail="ruling on the talks")),)


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (AdjustVariable("trust", 35, ""), "an adjustment needs a reason for the record"),
        (AdjustVariable("trust", 35, "   "), "an adjustment needs a reason for the record"),
        (AdjustVariable("trust", 101, "too high"), "Trust must be a whole number from 0 to 100"),
        (AdjustVariable("trust", -1, "too low"), "Trust must be a whole number from 0 to 100"),
        (AdjustVariable("trust", cast(Any, True), "a bool"), "Trust must be a whole number from 0 to 100"),
        (AdjustVariable("trsut", 35, "typo"), "unknown variable 'trsut' (did you mean 'trust'?)"),
    ],
)
def test_adjust_is_refused_with_a_reason(command: AdjustVariable, reason: str) -> None:
    game, state, _ = started(doc())
    assert refused(game, state, command) == reason


def test_adjust_can_end_the_game() -> None:
    ends = [{"id": "collapse", "when": {"var": "trust", "atMost": 10}}]
    game, state, _ = started(doc(endConditions=ends))
    state, events = step(game, state, AdjustVariable("trust", 5, "test"))
    assert (state.ended, state.end_reason, state.outcome) == (True, "collapse", "done")
    assert [e.kind for e in events] == ["changed", "game-ended"]


# -- AddNote -----------------------------------------------------------------------------------------


def test_note_changes_nothing_and_is_recorded() -> None:
    game, state, _ = started(doc(actions=[action("talk")]))
    state, _ = step(game, state, SubmitOrders("seoul", ("talk",)))
    noted, events = step(game, state, AddNote("observation", "  Seoul hesitated  "))
    assert noted == state
    assert state_digest(game, noted) == state_digest(game, state)
    assert events == (NoteAdded("observation", "Seoul hesitated"),)


def test_note_with_a_bad_tag_or_no_text_is_refused() -> None:
    game, state, _ = started(doc())
    bad_tag = AddNote(cast(Any, "todo"), "text")
    assert refused(game, state, bad_tag) == "unknown note tag 'todo'; use one of observation, strength, improvement, lesson"
    assert refused(game, state, AddNote("lesson", "  ")) == "a note needs some text"


# -- EndExercise -------------------------------------------------------------------------------------


def test_end_exercise_ends_with_the_tier_outcome() -> None:
    outcomes = [{"id": "good", "title": "Good", "when": {"var": "trust", "atLeast": 60}}, {"id": "poor", "title": "Poor"}]
    game, state, _ = started(doc(outcomes=outcomes))
    state, events = step(game, state, EndExercise(" out of time "))
    assert (state.ended, state.outcome) == (True, "poor")
    assert state.end_reason == "ended by the facilitator: out of time"
    assert events == (GameEnded("poor", "ended by the facilitator: out of time", (("seoul", 0), ("tokyo", 0)), ()),)
    game, state, _ = started(doc(outcomes=outcomes))
    state, _ = step(game, state, AdjustVariable("trust", 70, "test"))
    state, _ = step(game, state, EndExercise("out of time"))
    assert state.outcome == "good"


def test_end_exercise_needs_a_reason() -> None:
    game, state, _ = started(doc())
    assert refused(game, state, EndExercise(" ")) == "say why the exercise ends early"


# -- purity ------------------------------------------------------------------------------------------

BUSY = doc(
    turns={"count": 4},
    roles=[
        {
            "id": "seoul",
            "name": "Seoul",
            "budget": 2,
            "resources": [{"id": "capital", "label": "Capital", "initial": 2, "max": 5, "perTurn": 1}],
            "objectives": [{"id": "warm", "description": "d", "condition": {"var": "trust", "atLeast": 50}, "check": "ever"}],
        },
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ],
    actions=[
        action("gamble", roles=["seoul", "tokyo"], spend={}, effects=[{"chance": 0.5, "then": [{"add": {"trust": 3}}]}]),
        action("buy", spend={"capital": 1}, effects=[{"schedule": {"shock": "storm", "after": 1}}]),
        action("summit", roles=["seoul", "tokyo"], joint=True, cooldown=1, effects=[{"add": {"trust": 5}}]),
    ],
    shocks=[
        shock("storm", duration=2, ongoing=[{"add": {"trust": -1}}], onExpire=[{"say": "calm"}]),
        shock("rumour", trigger={"chance": 0.5}, maxFires=3, effects=[{"pick": [{"weight": 1, "label": "a", "effects": []}]}]),
        shock("flare", effects=[{"chance": 0.5, "then": [{"add": {"trust": -2}}]}]),
    ],
    rules=[{"id": "drift", "effects": [{"drift": {"var": "trust", "toward": 50, "by": 1}}]}],
)

SCRIPT: list[Command] = [
    SubmitOrders("seoul", ("gamble", "buy")),
    SubmitOrders("tokyo", ("gamble",)),
    AddNote("observation", "note"),
    Resolve(),
    InjectShock("flare", "test"),
    SubmitOrders("seoul", ("summit",)),
    SubmitOrders("tokyo", ("summit",)),
    Resolve(),
    AdjustVariable("trust", 70, "test"),
    Resolve(),
]


def play_script(game: Game, seed: int, script: list[Command]) -> list[tuple[State, tuple[Event, ...]]]:
    state, events = start(game, seed)
    history = [(state, events)]
    for command in script:
        state, events = step(game, state, command)
        history.append((state, events))
    return history


def test_step_never_changes_the_state_passed_in() -> None:
    game = game_of(BUSY)
    state, _ = start(game, 7)
    for command in [*SCRIPT, EndExercise("done")]:
        snapshot = copy.deepcopy(state)
        digest = state_digest(game, state)
        new_state, _ = step(game, state, command)
        assert state == snapshot
        assert state_digest(game, state) == digest
        # refusals do not change it either
        with pytest.raises(CommandRefused):
            step(game, state, SubmitOrders("seoul", ("nonexistent",)))
        assert state == snapshot
        state = new_state
    assert state.ended


def test_step_without_recording_gives_the_same_state() -> None:
    game = game_of(BUSY)
    state, _ = start(game, 7)
    for command in SCRIPT:
        quiet, events = step(game, state, command, record=False)
        state, _ = step(game, state, command)
        assert quiet == state
        if not isinstance(command, AddNote):
            assert events == ()


# -- determinism -------------------------------------------------------------------------------------


def test_same_scenario_seed_and_commands_give_identical_games() -> None:
    game, again = game_of(BUSY), game_of(BUSY)
    first = play_script(game, 11, SCRIPT)
    second = play_script(again, 11, SCRIPT)
    assert first == second
    assert [state_digest(game, s) for s, _ in first] == [state_digest(again, s) for s, _ in second]


def test_different_seeds_give_different_dice() -> None:
    game = game_of(BUSY)
    # the state after the first resolution: the gambles and the rumour's trigger have rolled
    resolved = [play_script(game, seed, SCRIPT[:4])[-1][0] for seed in range(1, 20)]
    assert len({state.values for state in resolved}) > 1
    assert len({state.fires for state in resolved}) > 1


def test_replaying_a_step_from_the_same_state_sees_the_same_dice() -> None:
    game = game_of(BUSY)
    history = play_script(game, 3, SCRIPT[:3])
    state = history[-1][0]
    assert step(game, state, Resolve()) == step(game, state, Resolve())


def test_start_refuses_a_seed_out_of_range() -> None:
    game = game_of(doc())
    for seed in (-1, 2**64):
        with pytest.raises(ValueError, match="seed"):
            start(game, seed)
    assert start(game, 2**64 - 1)[0].seed == 2**64 - 1


def test_with_seed_changes_only_the_dice() -> None:
    game = game_of(BUSY)
    state, _ = start(game, 1)
    other = with_seed(state, 2)
    assert other.seed == 2
    assert other.values == state.values
    assert other.turn == state.turn


def _rumour_turns(document: dict[str, Any], seed: int) -> list[int]:
    game, state, opening = started(document, seed)
    turns = [1] if any(isinstance(e, ShockFired) and e.shock == "rumour" for e in opening) else []
    while not state.ended:
        state, events = turn(game, state, {"seoul": ["gamble"]} if "gamble" in game.action_index else {})
        turns += [state.turn for e in events if isinstance(e, ShockFired) and e.shock == "rumour"]
    return turns


def test_a_roll_does_not_depend_on_other_rolls() -> None:
    rumour = shock("rumour", trigger={"chance": 0.5}, maxFires=10)
    plain = doc(turns={"count": 6}, shocks=[rumour])
    noisy = doc(
        turns={"count": 6},
        shocks=[
            shock("noise", trigger={"chance": 0.5}, maxFires=10, effects=[{"chance": 0.5, "then": [{"say": "x"}]}]),
            rumour,
        ],
        actions=[action("gamble", effects=[{"chance": 0.5, "then": [{"add": {"trust": 1}}]}])],
        rules=[
            {
                "id": "jitter",
                "effects": [{"pick": [{"weight": 1, "label": "a", "effects": []}, {"weight": 2, "label": "b", "effects": []}]}],
            }
        ],
    )
    patterns = []
    for seed in range(1, 25):
        turns = _rumour_turns(plain, seed)
        assert _rumour_turns(noisy, seed) == turns
        patterns.append(tuple(turns))
    assert len(set(patterns)) > 5  # the pattern does depend on the seed


def test_the_same_effect_rolls_separately_for_each_role_and_turn() -> None:
    gamble = action("gamble", roles=["seoul", "tokyo"], effects=[{"chance": 0.5, "label": "Bet", "then": []}])
    game = game_of(doc(turns={"count": 4}, actions=[gamble]))
    role_differs = turn_differs = False
    for seed in range(1, 30):
        state, _ = start(game, seed)
        by_turn = []
        for _ in range(4):
            state, events = turn(game, state, {"seoul": ["gamble"], "tokyo": ["gamble"]})
            results = {e.cause.role: e.result for e in of_type(events, Rolled)}
            role_differs |= results["seoul"] != results["tokyo"]
            by_turn.append(results["seoul"])
        turn_differs |= len(set(by_turn)) > 1
    assert role_differs
    assert turn_differs


# -- ReturnOrders and who entered orders -------------------------------------------------------------


def test_returned_orders_leave_the_turn_and_carry_the_note() -> None:
    game, state, _ = started(doc(actions=[action("talk")]))
    state, _ = step(game, state, SubmitOrders("seoul", ("talk",), "seat"))
    returned, events = step(game, state, ReturnOrders("seoul", "  please reconsider: the budget is short "))
    assert events == (OrdersReturned("seoul", ("talk",), "please reconsider: the budget is short"),)
    assert returned.orders[game.role_index["seoul"]] is None
    assert refused(game, returned, ReturnOrders("seoul", "again")) == "Seoul has no orders in to send back"
    assert refused(game, state, ReturnOrders("seoul", " ")) == "say why the orders go back: the team reads the note"
    assert refused(game, state, ReturnOrders("kyoto", "x")).startswith("unknown role 'kyoto'")


def test_who_entered_orders_is_recorded_and_left_out_of_json_when_the_facilitator() -> None:
    game, state, _ = started(doc(actions=[action("talk")]))
    _, by_seat = step(game, state, SubmitOrders("seoul", ("talk",), "seat"))
    _, by_console = step(game, state, SubmitOrders("seoul", ("talk",)))
    assert by_seat == (OrdersSubmitted("seoul", ("talk",), "seat"),)
    assert by_seat[0].to_json()["by"] == "seat"
    assert "by" not in by_console[0].to_json()
    assert SubmitOrders("seoul", ("talk",)).to_json() == {"command": "orders", "role": "seoul", "actions": ["talk"]}
    assert command_from_json(SubmitOrders("seoul", ("talk",), "seat").to_json()) == SubmitOrders("seoul", ("talk",), "seat")
    assert command_from_json(ReturnOrders("seoul", "why").to_json()) == ReturnOrders("seoul", "why")
    with pytest.raises(BadCommand, match="'by' must be one of facilitator, seat"):
        command_from_json({"command": "orders", "role": "seoul", "actions": [], "by": "robot"})
