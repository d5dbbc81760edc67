"""Adjusting a team's action points for the current turn (issue 12): the command, its refusals,
the orders it withdraws, the next turn's budget, the record, the audiences, undo and replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import CommandRefused, Exercise, RefusalCode
from engine.audience.visibility import ROOM, WHITE_CELL, Audience, command_shown, event_shown
from engine.core.commands import AdjustPoints, BadCommand, Resolve, SubmitOrders, command_from_json
from engine.core.events import OrdersWithdrawn, PointsChanged
from engine.core.rules import compile_scenario
from engine.core.state import state_digest
from engine.core.step import start, step
from engine.documents.report import build_report
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.prose.events import command_text, event_text
from tests.test_replay_cli import journal_validator

_GAME = compile_scenario(resolve_scenario("seoul-tokyo-2026"))


def test_the_command_reads_back_from_its_json_and_malformed_ones_are_refused() -> None:
    command = AdjustPoints("seoul", 1, "the president is abroad", -2)
    data = command.to_json()
    assert data == {"command": "adjust-points", "role": "seoul", "value": 1, "reason": "the president is abroad", "amount": -2}
    assert command_from_json(json.loads(json.dumps(data))) == command
    assert "amount" not in AdjustPoints("seoul", 1, "why").to_json()
    for broken, says in (
        ({**data, "value": "1"}, "'value' must be a whole number"),
        ({**data, "value": False}, "'value' must be a whole number"),
        ({**data, "amount": 1.5}, "'amount' must be a whole number"),
        ({key: item for key, item in data.items() if key != "role"}, "needs 'role'"),
        ({**data, "resource": "x"}, "unknown field 'resource'"),
    ):
        with pytest.raises(BadCommand, match=says):
            command_from_json(broken)


def test_points_change_for_this_turn_only_and_the_next_turn_opens_with_the_budget() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    assert ex.view.budget("seoul") == 3
    events = ex.apply(AdjustPoints("seoul", 5, "an emergency cabinet session"))
    change = next(event for event in events if isinstance(event, PointsChanged))
    assert (change.role, change.before, change.after, change.cause.detail) == ("seoul", 3, 5, "an emergency cabinet session")
    scenario = ex.session.scenario
    assert (
        event_text(scenario, change) == "Seoul's action points this month 3 → 5 (+2): facilitator: an emergency cabinet session"
    )
    assert ex.view.budget("seoul") == 5 and ex.view.budget("tokyo") == 3
    # five points pay for orders the scenario's budget of three would refuse
    ex.submit("seoul", ["shuttle-summit", "security-dialogue", "warning-data", "regional-exchanges"])
    ex.resolve()
    assert ex.view.budget("seoul") == 3
    assert ex.view.to_json().get("points") is None
    with pytest.raises(CommandRefused) as refused:
        ex.submit("seoul", ["foreign-policy-consultations", "trilateral-exercise", "econsec-dialogue", "beijing-dialogue"])
    assert RefusalCode.ORDERS_OVER_BUDGET in refused.value.codes


def test_the_log_says_a_relative_amount_as_typed() -> None:
    scenario = _GAME.scenario
    assert command_text(scenario, AdjustPoints("tokyo", 2, "a Diet recess", -1)) == (
        "move Tokyo's action points this month by -1 to 2 (a Diet recess)"
    )
    assert command_text(scenario, AdjustPoints("tokyo", 0, "strike")) == "set Tokyo's action points this month to 0 (strike)"


def test_orders_the_team_can_no_longer_afford_are_withdrawn_with_a_word() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    ex.submit("seoul", ["shuttle-summit", "security-dialogue"])
    ex.submit("tokyo", ["security-dialogue"])
    events = ex.apply(AdjustPoints("seoul", 1, "the foreign minister resigns"))
    withdrawn = [event for event in events if isinstance(event, OrdersWithdrawn)]
    assert [event.role for event in withdrawn] == ["seoul"]
    assert withdrawn[0].reason == "Shuttle summit is not available: costs 2 action points; the budget is 1"
    assert ex.view.orders("seoul") is None and ex.view.orders("tokyo") == ("security-dialogue",)
    options = {option.action: option for option in ex.legal_actions("seoul")}
    assert options["shuttle-summit"].reason == "costs 2 action points; the budget is 1"


@pytest.mark.parametrize(
    ("command", "code", "says"),
    [
        (
            AdjustPoints("seoul", 51, "why"),
            RefusalCode.VALUE_OUT_OF_RANGE,
            "Seoul's action points must be a whole number from 0 to 50",
        ),
        (AdjustPoints("seoul", -1, "why"), RefusalCode.VALUE_OUT_OF_RANGE, "from 0 to 50"),
        (AdjustPoints("seul", 1, "why"), RefusalCode.UNKNOWN_ROLE, "did you mean 'seoul'"),
        (AdjustPoints("seoul", 1, " "), RefusalCode.NO_REASON_GIVEN, "needs a reason"),
    ],
)
def test_points_out_of_range_for_an_unknown_team_or_without_reason_are_refused(
    command: AdjustPoints, code: RefusalCode, says: str
) -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    before = ex.digest
    with pytest.raises(CommandRefused, match=says) as refused:
        ex.apply(command)
    assert refused.value.code == code
    assert ex.digest == before


def test_an_adjustment_is_the_teams_and_the_white_cells_to_see() -> None:
    scenario = _GAME.scenario
    command = AdjustPoints("seoul", 1, "a scandal")
    event = next(event for event in step(_GAME, start(_GAME, 1)[0], command)[1] if isinstance(event, PointsChanged))
    assert command_shown(scenario, WHITE_CELL, command, resolved=False) == "shown"
    assert command_shown(scenario, Audience.team("seoul"), command, resolved=False) == "shown"
    assert command_shown(scenario, Audience.team("tokyo"), command, resolved=False) == "hidden"
    assert command_shown(scenario, ROOM, command, resolved=False) == "hidden"
    assert event_shown(scenario, ROOM, event, resolved=False) == "hidden"
    assert event_shown(scenario, Audience.team("tokyo"), event, resolved=False) == "hidden"


def test_states_without_a_change_keep_the_digest_older_journals_recorded() -> None:
    state, _ = start(_GAME, 9)
    changed, _ = step(_GAME, state, AdjustPoints("tokyo", 2, "why"))
    tokyo = _GAME.role_index["tokyo"]
    assert changed.points == tuple(2 if r == tokyo else budget for r, budget in enumerate(_GAME.budgets))
    assert state.points is None
    assert state_digest(_GAME, changed) != state_digest(_GAME, state)
    back, _ = step(_GAME, changed, AdjustPoints("tokyo", 3, "on reflection"))
    assert back.points is None and state_digest(_GAME, back) == state_digest(_GAME, state)


def test_the_journal_replays_validates_and_the_report_tells_it(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    with Exercise.open("seoul-tokyo-2026", seed=5, journal=path) as ex:
        ex.apply(AdjustPoints("tokyo", 1, "a leak in the Diet", -2))
        ex.submit("tokyo", ["security-dialogue"])
        ex.resolve()
        ex.apply(AdjustPoints("seoul", 4, "budget passed"))
        ex.undo()
        ex.redo()
        digest = ex.digest
        report = build_report(ex.session)
    replayed, problems = Session.replay(open_journal(path))
    assert problems == [] and replayed.digest() == digest
    validator = journal_validator()
    for line in path.read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))
    told = " ".join(line for turn in report.turns for line in turn.facilitator)
    assert "Set Tokyo's action points for this month to 1 (was 3)" in told
    assert "Set Seoul's action points for this month to 4 (was 3)" in told
    assert report.record is not None
    assert [(o.variable, o.before, o.after) for o in report.record.overrides] == [
        ("Tokyo's action points for January 2026", 3, 1),
        ("Seoul's action points for February 2026", 3, 4),
    ]


@given(st.lists(st.tuples(st.sampled_from(_GAME.role_ids), st.integers(-3, 60)), max_size=8), st.booleans())
def test_orders_standing_after_any_adjustments_are_within_this_turns_points(
    adjustments: list[tuple[str, int]], resolve: bool
) -> None:
    """Whatever the facilitator does to the points, orders still standing cost no more than they,
    and a resolution gives every team its scenario's budget back."""
    state, _ = start(_GAME, 4)
    for r, role in enumerate(_GAME.role_ids):
        if _GAME.scenario.roles[r].is_actor:
            continue  # the white cell's actors make no move here: the teams' orders are the ones tested
        state, _ = step(_GAME, state, SubmitOrders(role, (_GAME.action_ids[_GAME.role_actions[r][1]], "security-dialogue")))
    for role, value in adjustments:
        try:
            state, _ = step(_GAME, state, AdjustPoints(role, value, "why"))
        except CommandRefused as refused:
            assert refused.code == RefusalCode.VALUE_OUT_OF_RANGE
    points = state.points or _GAME.budgets
    for r, orders in enumerate(state.orders):
        assert orders is None or sum(_GAME.action_cost[a] for a in orders) <= points[r]
    if resolve:
        state, _ = step(_GAME, state, Resolve())
        assert state.points is None
