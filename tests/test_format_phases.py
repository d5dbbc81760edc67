"""Phases and decision deadlines: which phase a turn is in, its deadline, the hotwash after its last turn."""

from __future__ import annotations

from typing import Any

import pytest

from engine.core.view import View
from engine.load.diagnostics import ScenarioError
from tests.helpers import doc, load, started, turn


def phased(**turns: Any) -> dict[str, Any]:
    return doc(
        turns={"count": 6, **turns},
        phases=[
            {"id": "move-1", "title": "Move 1", "from": 1, "to": 2, "hotwash": True, "deadline": 20},
            {"id": "move-2", "title": "Move 2", "from": 4, "to": 6, "briefing": "Later."},
        ],
    )


def test_a_turn_is_in_its_phase_with_its_deadline_and_a_hotwash_after_the_last_turn() -> None:
    scenario = load(phased(deadline=15))
    assert [phase.id if (phase := scenario.phase_at(turn)) else None for turn in range(1, 7)] == [
        "move-1", "move-1", None, "move-2", "move-2", "move-2",
    ]  # fmt: skip
    assert [scenario.deadline_at(turn) for turn in range(1, 7)] == [20, 20, 15, 15, 15, 15]
    assert [turn for turn in range(1, 7) if scenario.hotwash_after(turn)] == [2]
    assert scenario.phases[1].briefing == "Later."
    assert load(phased()).deadline_at(3) is None


def test_the_view_names_the_phase_and_deadline_of_the_current_turn_and_play_is_unchanged() -> None:
    game, state, _ = started(phased(deadline=15))
    assert View(game, state).phase is not None and View(game, state).deadline == 20
    for _ in range(2):
        state, _ = turn(game, state)
    assert View(game, state).phase is None and View(game, state).deadline == 15
    plain, plain_state, _ = started(doc(turns={"count": 6}))
    for _ in range(2):
        plain_state, _ = turn(plain, plain_state)
    assert plain_state.values == state.values and plain_state.turn == state.turn


def test_phases_that_share_a_turn_are_refused() -> None:
    document = phased()
    document["phases"][1]["from"] = 2
    with pytest.raises(ScenarioError) as raised:
        load(document)
    assert [(d.code, d.pointer) for d in raised.value.diagnostics] == [("phases-overlap", "/phases/1/from")]
