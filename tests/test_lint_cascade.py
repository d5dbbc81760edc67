"""lint-same-turn-cascade: a format 1 shock that can fire in the turn an earlier shock armed or counted it."""

from __future__ import annotations

from typing import Any

from engine.lint.cascade import same_turn_cascades
from tests.helpers import doc, load, shock
from tests.test_format_versions import ladder
from tests.test_lint import _codes


def cascades(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(finding.pointer, finding.message) for finding in same_turn_cascades(load(document))]


def test_a_format_1_ladder_is_reported_rung_by_rung_with_its_chain() -> None:
    found = cascades(ladder())
    assert [pointer for pointer, _ in found] == ["/shocks/1/trigger", "/shocks/2/trigger"]
    assert found[1][1] == (
        "rung-3 can fire in the same turn as the shock that sets it off (rung-1 enables rung-2; rung-2 enables rung-3), "
        'so rung-1 → rung-2 → rung-3 can all happen at once; add "format": 2 so that each fires a turn later at the earliest'
    )


def test_format_2_has_no_same_turn_cascade() -> None:
    assert cascades(ladder(format=2)) == []


def test_a_trigger_checked_before_the_shock_it_counts_is_not_a_cascade() -> None:
    # "watch" comes first in the list, so in format 1 it is checked before "alarm" fires in the same opening.
    document = doc(
        shocks=[
            shock("watch", trigger={"from": 1, "when": {"fired": "alarm", "atLeast": 1}}),
            shock("alarm", trigger={"atTurn": 2}),
        ]
    )
    assert cascades(document) == []
    document["shocks"].reverse()
    assert [message.split(" (")[1] for _, message in cascades(document)] == [
        "alarm is counted by the trigger of watch), so alarm → watch can both happen at once; "
        'add "format": 2 so that each fires a turn later at the earliest'
    ]


def test_a_scheduled_shock_fires_before_every_trigger_so_its_enable_cascades_wherever_it_is() -> None:
    document = doc(
        actions=[{"id": "call", "label": "Call", "roles": ["seoul"], "effects": [{"schedule": {"shock": "late"}}]}],
        shocks=[
            shock("target", trigger={"from": 1}, enabled=False),
            shock("late", effects=[{"enable": "target"}]),
        ],
    )
    assert [pointer for pointer, _ in cascades(document)] == ["/shocks/0/trigger"]


def test_a_follow_up_whose_if_can_never_hold_sets_nothing_off() -> None:
    # trust never moves from 50, so a follow-up due only if trust is at least 90 is always called off
    document = doc(
        format=2,
        shocks=[
            shock("alarm", trigger={"atTurn": 1}, followUps=[{"shock": "strike", "if": {"var": "trust", "atLeast": 90}}]),
            shock("strike", trigger={"atTurn": 3}, enabled=False),
        ],
    )
    assert [pointer for code, pointer in _codes(document) if code == "lint-shock-never-fires"] == ["/shocks/1/enabled"]
    document["shocks"][0]["followUps"][0]["if"] = {"var": "trust", "atLeast": 40}
    assert not [pointer for code, pointer in _codes(document) if code == "lint-shock-never-fires"]
