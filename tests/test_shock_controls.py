"""Hold, release and bring forward: the white cell's say over when a shock fires (engine.core.holding).

A held shock is fired by nothing in the scenario; what was due on a fixed turn waits and fires as
the first turn after the release opens; a window's turns that pass while held are lost; bringing
forward fires at the next opening, moving a scheduled firing rather than adding one. Each is a
journaled command whose replay gives the same digests, and a journal without them digests as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine import Exercise
from engine.core.commands import BringForward, Command, HoldShock, InjectShock, ReleaseShock, Resolve, command_from_json
from engine.core.events import Cause, ShockFired, ShockHeld, ShockScheduled, ShockSkipped
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.state import State, state_digest, state_json
from engine.core.step import step
from engine.journal.reader import open_journal
from engine.journal.session import Session
from tests.helpers import doc, fires, load, of_type, shock, started, turn
from tests.test_replay_cli import journal_validator

WHY = "the room needs time"


def _fired_turns(document: dict[str, Any], commands: dict[int, list[Command]], shock_id: str = "x") -> list[int]:
    """Play a game turn by turn, applying ``commands`` in the turns given; the turns the shock fired in."""
    game, state, events = started(document)
    fired = [1] if any(isinstance(e, ShockFired) and e.shock == shock_id for e in events) else []
    while not state.ended:
        for command in commands.get(state.turn, []):
            state, _ = step(game, state, command)
        state, produced = turn(game, state)
        fired += [state.turn for e in produced if isinstance(e, ShockFired) and e.shock == shock_id]
    return fired


def test_a_held_at_turn_shock_waits_and_fires_as_the_turn_after_its_release_opens() -> None:
    document = doc(turns={"count": 6}, shocks=[shock("x", trigger={"atTurn": 3})])
    assert _fired_turns(document, {}) == [3]
    assert _fired_turns(document, {2: [HoldShock("x", WHY)], 4: [ReleaseShock("x", WHY)]}) == [5]
    assert _fired_turns(document, {2: [HoldShock("x", WHY)]}) == []  # never released: never fires
    assert _fired_turns(document, {2: [HoldShock("x", WHY), ReleaseShock("x", WHY)]}) == [3]  # released in time


def test_a_held_follow_up_waits_with_its_cause_and_the_log_says_why() -> None:
    document = doc(
        turns={"count": 6},
        shocks=[shock("spark", trigger={"atTurn": 1}, followUps=[{"shock": "x", "after": 2}]), shock("x")],
    )
    game, state, _ = started(document)
    state, _ = step(game, state, HoldShock("x", WHY))
    state, _ = turn(game, state)
    state, events = turn(game, state)  # turn 3: the follow-up falls due, held
    skipped = of_type(events, ShockSkipped)
    assert [item.shock for item in skipped] == ["x"] and "held by the white cell" in skipped[0].reason
    assert [(item.turn, game.shock_ids[item.shock]) for item in state.scheduled] == [(4, "x")]
    state, released = step(game, state, ReleaseShock("x", WHY))
    assert of_type(released, ShockHeld) == [ShockHeld("x", False, Cause("facilitator", detail=WHY))]
    state, events = turn(game, state)
    assert of_type(events, ShockFired) == [ShockFired("x", Cause("shock", "spark"))]


def test_a_window_passing_while_held_is_lost_and_no_die_moves() -> None:
    """A chance trigger is not asked while held; the other shock's rolls are the same either way."""
    document = doc(
        turns={"count": 6},
        shocks=[
            shock("x", trigger={"chance": 1.0, "from": 2, "to": 3}),
            shock("other", trigger={"chance": 0.5}, maxFires=6),
        ],
    )
    assert _fired_turns(document, {}) == [2]
    assert _fired_turns(document, {1: [HoldShock("x", WHY)], 4: [ReleaseShock("x", WHY)]}) == []
    plain = _fired_turns(document, {}, "other")
    assert _fired_turns(document, {1: [HoldShock("x", WHY)]}, "other") == plain


def test_a_held_shock_can_still_be_injected_and_its_trigger_stays_held() -> None:
    game, state, _ = started(doc(turns={"count": 4}, shocks=[shock("x", trigger={"from": 2}, maxFires=4)]))
    state, _ = step(game, state, HoldShock("x", WHY))
    state, _ = step(game, state, InjectShock("x", "now"))
    assert fires(game, state, "x") == 1 and game.shock_ids[state.held[0]] == "x"
    state, events = turn(game, state)
    assert not of_type(events, ShockFired)


def test_bring_forward_moves_the_scheduled_firing_to_the_next_opening() -> None:
    document = doc(
        turns={"count": 8},
        shocks=[shock("spark", trigger={"atTurn": 1}, followUps=[{"shock": "x", "after": 5}]), shock("x")],
    )
    game, state, _ = started(document)
    state, moved = step(game, state, BringForward("x", WHY))
    assert of_type(moved, ShockScheduled) == [ShockScheduled("x", 2, Cause("facilitator", detail=WHY))]
    assert [(item.turn, item.cause) for item in state.scheduled] == [(2, Cause("shock", "spark"))]
    state, events = turn(game, state)
    assert of_type(events, ShockFired) == [ShockFired("x", Cause("shock", "spark"))]
    assert state.scheduled == ()


def test_bring_forward_of_an_at_turn_shock_fires_it_once_instead() -> None:
    document = doc(turns={"count": 6}, shocks=[shock("x", trigger={"atTurn": 5})])
    assert _fired_turns(document, {2: [BringForward("x", WHY)]}) == [3]


def test_refusals_say_why() -> None:
    game, state, _ = started(doc(turns={"count": 2}, shocks=[shock("x", duration=3, trigger={"atTurn": 1}), shock("y")]))

    def code(command: Command, at: State | None = None) -> RefusalCode:
        with pytest.raises(CommandRefused) as refused:
            step(game, at or state, command)
        return refused.value.code

    assert code(HoldShock("z", WHY)) == RefusalCode.UNKNOWN_SHOCK
    assert code(HoldShock("y", " ")) == RefusalCode.NO_REASON_GIVEN
    assert code(ReleaseShock("y", WHY)) == RefusalCode.SHOCK_NOT_HELD
    assert code(BringForward("x", WHY)) == RefusalCode.SHOCK_AT_LIMIT
    held, _ = step(game, state, HoldShock("y", WHY))
    assert code(HoldShock("y", WHY), held) == RefusalCode.SHOCK_HELD
    assert code(BringForward("y", WHY), held) == RefusalCode.SHOCK_HELD
    forward, _ = step(game, state, BringForward("y", WHY))
    assert code(BringForward("y", WHY), forward) == RefusalCode.ALREADY_DUE
    last, _ = turn(game, state)
    assert code(BringForward("y", WHY), last) == RefusalCode.NO_TURN_AFTER


def test_the_state_names_what_is_held_and_an_empty_hold_digests_as_before() -> None:
    game, state, _ = started(doc(shocks=[shock("x")]))
    before = state_digest(game, state)
    held, _ = step(game, state, HoldShock("x", WHY))
    assert state_json(game, held)["held"] == ["x"] and "held" not in state_json(game, state)
    assert state_digest(game, held) != before
    released, _ = step(game, held, ReleaseShock("x", WHY))
    assert state_digest(game, released) == before


@pytest.mark.parametrize("command", [HoldShock("x", WHY), ReleaseShock("x", WHY), BringForward("x", WHY)])
def test_commands_read_back_from_their_json(command: HoldShock | ReleaseShock | BringForward) -> None:
    assert command_from_json(command.to_json()) == command


def test_a_journal_of_holds_replays_to_the_same_digests(tmp_path: Path) -> None:
    scenario = load(
        doc(turns={"count": 5}, shocks=[shock("x", trigger={"atTurn": 3}), shock("y", trigger={"chance": 0.5}, maxFires=5)])
    )
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario, 4, path)
    for command in (
        HoldShock("x", WHY),
        Resolve(),
        BringForward("y", WHY),
        Resolve(),
        Resolve(),
        ReleaseShock("x", WHY),
        Resolve(),
    ):
        session.apply(command)
    digests = [state_digest(session.game, applied.after) for applied in session.history]
    session.close()
    replayed, problems = Session.replay(open_journal(path))
    assert problems == []
    assert [state_digest(replayed.game, applied.after) for applied in replayed.history] == digests
    validator = journal_validator()
    lines = [line.data for line in open_journal(path).lines]
    assert {"hold", "release", "bring-forward"} <= {line.get("command", {}).get("command") for line in lines}
    assert "shock-held" in {event["event"] for line in lines for event in line.get("events", [])}
    for line in lines:
        assert not list(validator.iter_errors(line)), line
    assert fires(replayed.game, replayed.state, "x") == 1


def test_the_report_lists_them_for_the_white_cell_and_no_other_edition(tmp_path: Path) -> None:
    scenario = load(doc(shocks=[shock("x", trigger={"atTurn": 3})]))
    with Exercise.open(scenario, seed=1, journal=tmp_path / "game.jsonl") as ex:
        ex.hold("x", "Zqxholdreason")
        ex.resolve()
        ex.release("x", "Zqxreleasereason")
        white = ex.report()
        room = ex.report(audience="room")
        seoul = ex.report(audience="seoul")
    assert "### Shocks held, released or brought forward" in white
    assert "Zqxholdreason" in white and "| released |" in white.replace("  ", " ")
    for edition in (room, seoul):
        assert "Zqx" not in edition and "Shocks held" not in edition
