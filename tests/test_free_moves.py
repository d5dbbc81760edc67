"""Free-form moves (issue 12): the scenario's limits, the two commands, the roll, refusals, the
journal and replay, and the property that a move's effects never pass the scenario's bounds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import CommandRefused, Exercise, RefusalCode
from engine.core.commands import BadCommand, ProposeFreeMove, Resolve, SettleFreeMove, SubmitOrders, command_from_json
from engine.core.dice import seed_hash
from engine.core.events import Changed, FreeMoveRolled
from engine.core.free_moves import RATINGS, chance_of_rating, roll_for
from engine.core.model import FreeMoves
from engine.core.state import state_digest
from engine.core.step import start, step
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.diagnostics import ScenarioError
from engine.prose.events import command_text, event_text
from tests.helpers import doc, game_of, load, started, variable
from tests.test_replay_cli import journal_validator

MOVE = ProposeFreeMove("seoul", "Open a quiet backchannel", "It lowers the risk of a clash", 100, "Tokyo is left out")
"""A move that always succeeds (chance 100)."""

TWO_VARIABLES = [variable("trust", 50, 0, 100, label="Trust"), variable("stability", 95, 0, 100, label="Stability")]


def limited(**free_moves: Any) -> dict[str, Any]:
    return doc(variables=TWO_VARIABLES, freeMoves=free_moves)


def test_a_scenario_without_the_section_allows_one_move_per_team_per_turn_of_at_most_5() -> None:
    assert load(doc()).free_moves == FreeMoves(allowed=True, per_team_per_turn=1, largest_effect=5)
    assert load(limited(perTeamPerTurn=2)).free_moves == FreeMoves(True, 2, 5)
    assert load(limited(allowed=False, largestEffect=12)).free_moves == FreeMoves(False, 1, 12)


@pytest.mark.parametrize(
    ("section", "says"),
    [
        ({"perTeamPerTurn": 0}, "perTeamPerTurn"),
        ({"largestEffect": -3}, "largestEffect"),
        ({"allowed": "yes"}, "allowed"),
        ({"largest": 3}, "largest"),
    ],
)
def test_a_bad_section_is_refused_with_its_place(section: dict[str, Any], says: str) -> None:
    with pytest.raises(ScenarioError) as refused:
        load(doc(freeMoves=section))
    assert says in str(refused.value)
    assert "test.json:" in str(refused.value)


def test_a_move_that_succeeds_takes_the_facilitators_effects_with_the_move_as_cause() -> None:
    game, state, _ = started(limited())
    state, events = step(game, state, MOVE)
    (rolled,) = events
    assert isinstance(rolled, FreeMoveRolled)
    assert (rolled.role, rolled.action, rolled.reasons, rolled.counter, rolled.chance, rolled.succeeded) == (
        "seoul",
        MOVE.action,
        MOVE.reasons,
        MOVE.counter,
        100,
        True,
    )
    assert 1 <= rolled.roll <= 100
    state, events = step(game, state, SettleFreeMove("seoul", (("trust", 5), ("stability", 5)), "a fair argument"))
    changes = [event for event in events if isinstance(event, Changed)]
    assert [(c.var, c.before, c.after, c.requested) for c in changes] == [("trust", 50, 55, 5), ("stability", 95, 100, 5)]
    assert {(c.cause.kind, c.cause.role, c.cause.detail) for c in changes} == {("free-move", "seoul", MOVE.action)}
    scenario = game.scenario
    assert event_text(scenario, changes[0]) == "Trust 50 → 55 (+5): Seoul's free-form move (Open a quiet backchannel)"
    said = "Seoul's free-form move: Open a quiet backchannel (for: It lowers the risk of a clash; against: Tokyo is left out)"
    assert event_text(scenario, rolled) == f"{said}; chance 100%, rolled {rolled.roll} of 100, needing 100 or less: it succeeds"
    with pytest.raises(CommandRefused) as again:
        step(game, state, SettleFreeMove("seoul", (("trust", 1),)))
    assert again.value.code == RefusalCode.NO_FREE_MOVE_TO_SETTLE


def test_a_move_that_fails_changes_nothing_and_takes_no_effects() -> None:
    game, state, _ = started(limited())
    after, events = step(game, state, ProposeFreeMove("seoul", "A bold gamble", "Fortune favours the brave", 0))
    (rolled,) = events
    assert isinstance(rolled, FreeMoveRolled) and not rolled.succeeded
    assert after.values == state.values
    with pytest.raises(CommandRefused) as refused:
        step(game, after, SettleFreeMove("seoul", (("trust", 2),)))
    assert refused.value.code == RefusalCode.NO_FREE_MOVE_TO_SETTLE
    assert "Seoul has no free-form move that succeeded and awaits its effects" in refused.value.reason


def test_effects_cannot_be_given_to_a_move_never_rolled_or_of_another_team() -> None:
    game, state, _ = started(limited())
    with pytest.raises(CommandRefused) as never:
        step(game, state, SettleFreeMove("seoul", (("trust", 2),)))
    assert never.value.code == RefusalCode.NO_FREE_MOVE_TO_SETTLE
    state, _ = step(game, state, MOVE)
    with pytest.raises(CommandRefused) as other:
        step(game, state, SettleFreeMove("tokyo", (("trust", 2),)))
    assert other.value.code == RefusalCode.NO_FREE_MOVE_TO_SETTLE


def test_the_limit_per_team_per_turn_holds_and_opens_again_next_turn() -> None:
    game, state, _ = started(limited(perTeamPerTurn=2))
    failing = ProposeFreeMove("seoul", "Try", "Because", 0)
    state, _ = step(game, state, failing)
    state, _ = step(game, state, failing)
    with pytest.raises(CommandRefused) as used:
        step(game, state, failing)
    assert used.value.code == RefusalCode.FREE_MOVES_USED
    assert used.value.reason == "Seoul has made its 2 free-form moves this turn"
    state, _ = step(game, state, ProposeFreeMove("tokyo", "Try", "Because", 0))  # each team has its own
    state, _ = step(game, state, Resolve())
    state, events = step(game, state, failing)
    assert isinstance(events[0], FreeMoveRolled)


def test_a_move_awaiting_its_effects_comes_before_the_next_move() -> None:
    game, state, _ = started(limited(perTeamPerTurn=3))
    state, _ = step(game, state, MOVE)
    with pytest.raises(CommandRefused) as waiting:
        step(game, state, MOVE)
    assert waiting.value.code == RefusalCode.FREE_MOVE_AWAITING
    state, _ = step(game, state, SettleFreeMove("seoul", ()))  # the move succeeds and moves no number
    step(game, state, MOVE)


def test_a_scenario_can_switch_them_off() -> None:
    game, state, _ = started(limited(allowed=False))
    with pytest.raises(CommandRefused) as off:
        step(game, state, MOVE)
    assert off.value.code == RefusalCode.FREE_MOVES_OFF
    assert off.value.reason == "this scenario does not allow free-form moves"


@pytest.mark.parametrize(
    ("effects", "codes", "says"),
    [
        (
            (("trust", 6),),
            [RefusalCode.EFFECT_TOO_LARGE],
            "Trust: a free-form move's effect is a whole amount from −5 to +5, not 0 (asked +6)",
        ),
        ((("trust", -6),), [RefusalCode.EFFECT_TOO_LARGE], "(asked −6)"),
        ((("trust", 0),), [RefusalCode.EFFECT_TOO_LARGE], "(asked 0)"),
        ((("trusst", 1), ("stability", 9)), [RefusalCode.UNKNOWN_VARIABLE, RefusalCode.EFFECT_TOO_LARGE], "did you mean 'trust'"),
    ],
)
def test_effects_past_the_largest_allowed_or_on_unknown_variables_are_refused(
    effects: tuple[tuple[str, int], ...], codes: list[RefusalCode], says: str
) -> None:
    game, state, _ = started(limited())
    state, _ = step(game, state, MOVE)
    with pytest.raises(CommandRefused) as refused:
        step(game, state, SettleFreeMove("seoul", effects))
    assert list(refused.value.codes) == codes
    assert says in refused.value.reason


@pytest.mark.parametrize(
    ("move", "code", "says"),
    [
        (ProposeFreeMove("seoul", "  ", "why", 50), RefusalCode.FREE_MOVE_UNARGUED, "needs the action in words and the reasons"),
        (ProposeFreeMove("seoul", "act", "", 50), RefusalCode.FREE_MOVE_UNARGUED, "reasons"),
        (ProposeFreeMove("seoul", "act", "why", 101), RefusalCode.CHANCE_OUT_OF_RANGE, "a whole percentage from 0 to 100"),
        (ProposeFreeMove("seoul", "act", "why", -1), RefusalCode.CHANCE_OUT_OF_RANGE, "from 0 to 100"),
        (
            ProposeFreeMove("seoul", "act", "why", 50, rating="likely"),
            RefusalCode.CHANCE_OUT_OF_RANGE,
            "'likely' is a chance of 70%",
        ),
        (ProposeFreeMove("seoul", "act", "why", 50, rating="sure"), RefusalCode.CHANCE_OUT_OF_RANGE, "unknown rating 'sure'"),
        (ProposeFreeMove("seol", "act", "why", 50), RefusalCode.UNKNOWN_ROLE, "did you mean 'seoul'"),
    ],
)
def test_a_move_without_words_with_a_wrong_chance_or_role_is_refused(move: ProposeFreeMove, code: RefusalCode, says: str) -> None:
    game, state, _ = started(limited())
    with pytest.raises(CommandRefused) as refused:
        step(game, state, move)
    assert refused.value.code == code
    assert says in refused.value.reason


def test_the_ratings_stand_for_chances_from_very_likely_to_very_unlikely() -> None:
    assert [name for name, _ in RATINGS] == ["very likely", "likely", "even", "unlikely", "very unlikely"]
    assert [chance for _, chance in RATINGS] == [90, 70, 50, 30, 10]
    assert chance_of_rating("even") == 50 and chance_of_rating("certain") is None
    game, state, _ = started(limited())
    _, events = step(game, state, ProposeFreeMove("seoul", "act", "why", 70, rating="likely"))
    assert "chance 70% (the room's rating: likely)" in event_text(game.scenario, events[0])


def test_the_roll_depends_on_the_seed_turn_role_and_move_only_and_succeeds_at_the_chance() -> None:
    """The roll is the same for the same seed, turn, role and move number, whatever the chance or
    words; across seeds it is spread over 1..100, so a chance of c succeeds about c times in 100."""
    game = game_of(limited(perTeamPerTurn=2))
    rolls = []
    for seed in range(400):
        state, _ = start(game, seed)
        _, low = step(game, state, ProposeFreeMove("seoul", "a", "b", 0))
        _, high = step(game, state, ProposeFreeMove("seoul", "other words", "c", 100, "d"))
        assert isinstance(low[0], FreeMoveRolled) and isinstance(high[0], FreeMoveRolled)
        assert low[0].roll == high[0].roll == roll_for(seed_hash(seed), 1, "seoul", 0)
        rolls.append(low[0].roll)
    assert min(rolls) >= 1 and max(rolls) <= 100
    assert 140 < sum(roll <= 40 for roll in rolls) < 180  # about 40%


def test_a_move_shifts_no_other_dice() -> None:
    """The same orders resolved after a failed free-form move and without one: the same values and rolls."""
    document = doc(
        variables=TWO_VARIABLES,
        actions=[
            {"id": "gamble", "label": "Gamble", "roles": ["seoul"], "effects": [{"chance": 0.5, "then": [{"add": {"trust": 9}}]}]}
        ],
    )
    game = game_of(document)
    for seed in range(30):
        plain, _ = start(game, seed)
        argued, _ = step(game, plain, ProposeFreeMove("seoul", "Try", "Because", 0))
        results = []
        for before in (plain, argued):
            ordered, _ = step(game, before, SubmitOrders("seoul", ("gamble",)))
            after, events = step(game, ordered, Resolve())
            results.append((after.values, [event.to_json() for event in events]))
        assert results[0] == results[1]


def test_a_game_without_free_moves_has_the_digest_it_always_had() -> None:
    """States hash their free-form moves only once there is one, so older journals still verify."""
    game, state, _ = started(limited())
    assert state.free_moves == ()
    assert "freeMoves" not in json.dumps(state_digest(game, state))
    failed, _ = step(game, state, ProposeFreeMove("seoul", "Try", "Because", 0))
    assert state_digest(game, failed) != state_digest(game, state)


def test_the_commands_read_back_from_their_json_and_the_journal_schema_takes_them() -> None:
    rated = ProposeFreeMove("tokyo", "Leak the memo", "It shames Seoul", 30, "It backfires", "unlikely")
    settled = SettleFreeMove("tokyo", (("trust", -3), ("stability", 2)), "the room agreed")
    assert rated.to_json() == {
        "command": "free-move",
        "role": "tokyo",
        "action": "Leak the memo",
        "reasons": "It shames Seoul",
        "chance": 30,
        "counter": "It backfires",
        "rating": "unlikely",
    }
    assert ProposeFreeMove("tokyo", "a", "b", 5).to_json() == {
        "command": "free-move",
        "role": "tokyo",
        "action": "a",
        "reasons": "b",
        "chance": 5,
    }
    assert settled.to_json()["effects"] == {"trust": -3, "stability": 2}
    validator = journal_validator("command")
    for command in (rated, settled, SettleFreeMove("tokyo", ())):
        assert command_from_json(json.loads(json.dumps(command.to_json()))) == command
        assert not list(validator.iter_errors(command.to_json()))
    for broken, says in (
        ({"command": "free-move", "role": "tokyo", "action": "a", "reasons": "b"}, "needs 'chance'"),
        ({**rated.to_json(), "chance": "30"}, "'chance' must be a whole number"),
        ({**settled.to_json(), "effects": [["trust", 3]]}, "'effects' must be an object"),
        ({**settled.to_json(), "effects": {"trust": 1.5}}, "'trust' must be a whole number"),
        ({**settled.to_json(), "why": "x"}, "unknown field 'why'"),
    ):
        with pytest.raises(BadCommand, match=says):
            command_from_json(broken)
    scenario = load(limited())
    assert command_text(scenario, rated) == "Tokyo's free-form move: Leak the memo (chance 30% (the room's rating: unlikely))"
    assert command_text(scenario, settled) == "effects of Tokyo's free-form move: Trust −3, Stability +2 (the room agreed)"


def test_a_journal_stopped_between_the_roll_and_the_effects_resumes_and_replays(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    with Exercise.open("seoul-tokyo-2026", seed=5, journal=path) as ex:
        ex.apply(ProposeFreeMove("seoul", "Open a quiet backchannel", "It lowers the risk", 100))
    with Exercise.resume(path) as ex:
        ex.apply(SettleFreeMove("seoul", (("trust", 4),), "well argued"))
        ex.apply(ProposeFreeMove("tokyo", "Leak the memo", "It shames Seoul", 0, "It backfires"))
        ex.resolve()
        digest = ex.digest
        trust = ex.view.value("trust")
    replayed, problems = Session.replay(open_journal(path))
    assert problems == [] and replayed.digest() == digest
    assert replayed.state.values[replayed.game.var_index["trust"]] == trust
    validator = journal_validator()
    for line in path.read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))


_BOUNDED = st.fixed_dictionaries(
    {
        "largest": st.integers(1, 30),
        "low": st.integers(-20, 10),
        "span": st.integers(1, 40),
        "moves": st.lists(
            st.tuples(
                st.sampled_from(["seoul", "tokyo"]),
                st.integers(0, 100),
                st.lists(
                    st.tuples(st.sampled_from(["trust", "stability"]), st.integers(-40, 40)), max_size=3, unique_by=lambda e: e[0]
                ),
                st.booleans(),
            ),
            max_size=8,
        ),
    }
)


@given(_BOUNDED)
def test_a_moves_effects_never_pass_the_scenarios_bounds_and_replay_reproduces_them(case: dict[str, Any]) -> None:
    """Whatever the moves, chances and effects asked: each change a free-form move makes is at most
    the largest effect either way, every value stays within its variable's bounds, and replaying the
    commands applied gives the same states, byte for byte."""
    low, high = case["low"], case["low"] + case["span"]
    variables = [variable("trust", low, low, high), variable("stability", high, low, high)]
    game = game_of(doc(variables=variables, freeMoves={"perTeamPerTurn": 2, "largestEffect": case["largest"]}))
    state, _ = start(game, 17)
    applied: list[ProposeFreeMove | SettleFreeMove | Resolve] = []
    for role, chance, effects, resolve in case["moves"]:
        for command in (ProposeFreeMove(role, "Move", "Why", chance), SettleFreeMove(role, tuple(effects))):
            try:
                state, events = step(game, state, command)
            except CommandRefused:
                continue
            applied.append(command)
            for event in events:
                if isinstance(event, Changed):
                    assert event.cause.kind == "free-move"
                    assert abs(event.after - event.before) <= case["largest"]
                    assert low <= event.after <= high
        if resolve and not state.ended:
            state, _ = step(game, state, Resolve())
            applied.append(Resolve())
        assert all(low <= value <= high for value in state.values)
    again, _ = start(game, 17)
    for recorded in applied:
        again, _ = step(game, again, recorded)
    assert state_digest(game, again) == state_digest(game, state)
