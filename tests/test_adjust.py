"""Adjusting a team's resource (issue 12): the command, its bounds, its record, undo and replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import CommandRefused, Exercise, RefusalCode
from engine.core.commands import AdjustResource, AdjustVariable, BadCommand, command_from_json
from engine.core.events import ResourceChanged
from engine.core.rules import compile_scenario
from engine.core.step import start, step
from engine.documents.report import build_report
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.prose.events import command_text, event_text
from tests.test_replay_cli import journal_validator

CAPITAL = "political-capital"


def test_the_command_reads_back_from_its_json_and_malformed_ones_are_refused() -> None:
    command = AdjustResource("seoul", CAPITAL, 7, "a windfall at home")
    data = command.to_json()
    assert data == {
        "command": "adjust-resource",
        "role": "seoul",
        "resource": CAPITAL,
        "value": 7,
        "reason": "a windfall at home",
    }
    assert command_from_json(json.loads(json.dumps(data))) == command
    for broken, says in (
        ({**data, "value": "7"}, "'value' must be a whole number"),
        ({**data, "value": True}, "'value' must be a whole number"),
        ({**data, "value": 10**13}, "'value' must be a whole number"),
        ({**data, "role": 3}, "'role' must be text"),
        ({key: item for key, item in data.items() if key != "reason"}, "needs 'reason'"),
        ({**data, "delta": 1}, "unknown field 'delta'"),
    ):
        with pytest.raises(BadCommand, match=says):
            command_from_json(broken)


def test_a_resource_is_set_within_bounds_with_the_facilitator_as_cause_and_undone() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    before = ex.digest
    events = ex.apply(AdjustResource("seoul", CAPITAL, 8, "the cabinet rallies"))
    change = next(event for event in events if isinstance(event, ResourceChanged))
    assert (change.role, change.resource, change.before, change.after, change.requested) == ("seoul", CAPITAL, 4, 8, 4)
    assert (change.cause.kind, change.cause.detail) == ("facilitator", "the cabinet rallies")
    scenario = ex.session.scenario
    assert event_text(scenario, change) == "Seoul's Political capital 4 → 8 (+4): facilitator: the cabinet rallies"
    assert command_text(scenario, ex.session.history[-1].command) == "set Seoul's Political capital to 8 (the cabinet rallies)"
    ex.undo()
    assert ex.digest == before


@pytest.mark.parametrize(
    ("command", "code", "says"),
    [
        (
            AdjustResource("seoul", CAPITAL, 9, "why"),
            RefusalCode.VALUE_OUT_OF_RANGE,
            "Seoul's Political capital must be a whole number from 0 to 8",
        ),
        (AdjustResource("seoul", CAPITAL, -1, "why"), RefusalCode.VALUE_OUT_OF_RANGE, "from 0 to 8"),
        (
            AdjustResource("seoul", "political-capitol", 1, "why"),
            RefusalCode.UNKNOWN_VARIABLE,
            "did you mean 'political-capital'",
        ),
        (AdjustResource("seul", CAPITAL, 1, "why"), RefusalCode.UNKNOWN_ROLE, "did you mean 'seoul'"),
        (AdjustResource("seoul", CAPITAL, 1, "  "), RefusalCode.NO_REASON_GIVEN, "needs a reason"),
    ],
)
def test_a_resource_adjustment_out_of_bounds_unknown_or_without_reason_is_refused(
    command: AdjustResource, code: RefusalCode, says: str
) -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    before = ex.digest
    with pytest.raises(CommandRefused, match=says) as refused:
        ex.apply(command)
    assert refused.value.code == code
    assert ex.digest == before


def test_orders_the_team_can_no_longer_pay_for_are_withdrawn() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    ex.submit("seoul", ["shuttle-summit"])
    events = ex.apply(AdjustResource("seoul", CAPITAL, 0, "a scandal"))
    assert any(event.kind == "orders-withdrawn" for event in events)


def test_the_journal_replays_to_the_same_state_validates_and_the_report_tells_it(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    with Exercise.open("seoul-tokyo-2026", seed=5, journal=path) as ex:
        ex.apply(AdjustResource("tokyo", CAPITAL, 1, "a leak in the Diet"))
        ex.resolve()
        ex.apply(AdjustResource("seoul", CAPITAL, 6, "budget passed"))
        ex.undo()
        ex.redo()
        ex.adjust("trust", 40, "a summit rumour")
        digest = ex.digest
        report = build_report(ex.session)
    replayed, problems = Session.replay(open_journal(path))
    assert problems == [] and replayed.digest() == digest
    validator = journal_validator()
    for line in path.read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))
    told = [line for turn in report.turns for line in turn.facilitator]
    assert "Set Tokyo's Political capital to 1 (was 4)" in " ".join(told)
    assert any("Set Seoul's Political capital to 6" in line for line in told)
    assert report.record is not None
    assert any(o.variable == "Seoul's Political capital" and o.after == 6 for o in report.record.overrides)


_GAME = compile_scenario(resolve_scenario("seoul-tokyo-2026"))
_TEAMS = [role.id for role in _GAME.scenario.teams]
"""The teams' stocks are adjusted: the default's actors (the white cell's) have no political capital."""
_ADJUSTMENT = st.one_of(
    st.builds(AdjustVariable, st.sampled_from(_GAME.var_ids), st.integers(-200, 200), st.just("why")),
    st.builds(AdjustResource, st.sampled_from(_TEAMS), st.just(CAPITAL), st.integers(-20, 20), st.just("why")),
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_ADJUSTMENT, max_size=25))
def test_any_sequence_of_adjustments_keeps_every_value_within_bounds(adjustments: list[AdjustVariable | AdjustResource]) -> None:
    """Each adjustment is applied or refused; whichever, every variable and every stock stays within its bounds."""
    state, _ = start(_GAME, 11)
    for command in adjustments:
        try:
            state, _ = step(_GAME, state, command)
        except CommandRefused as refused:
            assert refused.code in {RefusalCode.VALUE_OUT_OF_RANGE, RefusalCode.GAME_ENDED}
        for i, value in enumerate(state.values):
            assert _GAME.var_min[i] <= value <= _GAME.var_max[i]
        for r, stocks in enumerate(state.resources):
            for k, stock in enumerate(stocks):
                assert _GAME.resource_min[r][k] <= stock <= _GAME.resource_max[r][k]


def test_the_relative_amount_typed_is_recorded_only_when_given_and_told_in_the_log() -> None:
    """Without an amount the bytes are those of journals written before the field; with one it reads back and is told."""
    plain = AdjustVariable("trust", 36, "why")
    assert json.dumps(plain.to_json()) == '{"command": "adjust", "var": "trust", "value": 36, "reason": "why"}'
    moved = AdjustResource("seoul", CAPITAL, 0, "a scandal", -6)
    assert moved.to_json()["amount"] == -6 and command_from_json(moved.to_json()) == moved
    assert command_from_json({**plain.to_json(), "amount": -4}) == AdjustVariable("trust", 36, "why", -4)
    with pytest.raises(BadCommand, match="'amount' must be a whole number"):
        command_from_json({**plain.to_json(), "amount": "-4"})
    scenario = resolve_scenario("seoul-tokyo-2026")
    assert command_text(scenario, moved) == "move Seoul's Political capital by -6 to 0 (a scandal)"
    assert command_text(scenario, plain) == "set Bilateral trust to 36 (why)"
