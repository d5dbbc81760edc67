"""Exercise objectives (training objectives) in the format: loaded, checked with file:line:column, playing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from engine.batch.known import unknown_form
from engine.core.model import ExerciseObjective
from engine.load.diagnostics import ScenarioError
from engine.load.loader import load_scenario_text
from tests.helpers import action, doc, load, shock, started, text_of, turn

OBJECTIVES: list[dict[str, Any]] = [
    {
        "id": "crisis-communication",
        "title": "Crisis communication",
        "description": "Both capitals speak with **one voice**.",
        "capability": "Public information and warning",
        "criteria": ["A joint statement the same day", "No contradictory briefings"],
        "roles": ["seoul", "tokyo"],
    },
    {"id": "information-sharing", "title": "Information sharing", "description": "Share tracking data."},
]


def trained(**parts: Any) -> dict[str, Any]:
    """A scenario with two exercise objectives, a hotline action and a launch that tests both."""
    return doc(
        exerciseObjectives=OBJECTIVES,
        actions=[action("hotline", roles=("seoul", "tokyo"), effects=[{"add": {"trust": 1}}])],
        shocks=[
            shock(
                "launch",
                trigger={"atTurn": 2},
                tests=["crisis-communication", "information-sharing"],
                expectedActions=["hotline"],
            )
        ],
        **parts,
    )


def diagnostics(document: dict[str, Any]) -> list[tuple[str, str, int, int, str]]:
    text = text_of(document)
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(text, "drill.json")
    return [(d.code, d.pointer, d.line, d.column, d.message) for d in raised.value.diagnostics]


def test_exercise_objectives_load_with_the_shocks_that_test_them() -> None:
    scenario = load(trained())
    assert scenario.exercise_objectives[0] == ExerciseObjective(
        id="crisis-communication",
        title="Crisis communication",
        description="Both capitals speak with **one voice**.",
        capability="Public information and warning",
        criteria=("A joint statement the same day", "No contradictory briefings"),
        roles=("seoul", "tokyo"),
    )
    assert scenario.exercise_objectives[1].roles == () and scenario.exercise_objectives[1].criteria == ()
    assert scenario.shock("launch").tests == ("crisis-communication", "information-sharing")
    assert [s.id for s in scenario.testing("information-sharing")] == ["launch"]
    assert scenario.exercise_objective("information-sharing").title == "Information sharing"


def test_a_format_1_file_without_them_loads_as_before_and_with_them_needs_no_format_2() -> None:
    plain = load(doc())
    assert plain.exercise_objectives == () and plain.format == 1
    assert load(trained()).format == 1


def test_they_change_nothing_in_play_and_the_batch_still_plays_them() -> None:
    untrained = trained()
    del untrained["exerciseObjectives"], untrained["shocks"][0]["tests"]
    game, state, _ = started(trained())
    plain, plain_state, _ = started(untrained)
    for orders in ({"seoul": ["hotline"]}, {"tokyo": ["hotline"]}, {}):
        state, events = turn(game, state, orders)
        plain_state, plain_events = turn(plain, plain_state, orders)
        assert events == plain_events
    assert state == plain_state
    assert unknown_form(game.scenario) is None


def test_an_inject_naming_an_unknown_objective_is_an_error_with_a_suggestion_where_it_stands() -> None:
    document = trained()
    document["shocks"][0]["tests"] = ["crisis-communication", "informaton-sharing"]
    found = diagnostics(document)
    assert len(found) == 1
    code, pointer, line, column, message = found[0]
    assert (code, pointer) == ("unknown-exercise-objective", "/shocks/0/tests/1")
    assert text_of(document).splitlines()[line - 1][column - 1 :].startswith('"informaton-sharing"')
    assert message == "unknown exercise objective 'informaton-sharing' (did you mean 'information-sharing'?)"


def test_a_test_in_a_file_without_exercise_objectives_says_where_to_declare_them() -> None:
    document = doc(shocks=[shock("launch", trigger={"atTurn": 2}, tests=["drill"])])
    [(code, _, _, _, message)] = diagnostics(document)
    assert code == "unknown-exercise-objective" and "declares no exerciseObjectives" in message


def test_duplicate_ids_unknown_roles_and_a_test_listed_twice_are_errors() -> None:
    document = trained()
    document["exerciseObjectives"][1]["id"] = "crisis-communication"
    document["exerciseObjectives"][0]["roles"] = ["seol"]
    document["shocks"][0]["tests"] = ["crisis-communication", "crisis-communication"]
    found = {(code, pointer) for code, pointer, *_ in diagnostics(document)}
    assert found == {
        ("duplicate-id", "/exerciseObjectives/1/id"),
        ("unknown-role", "/exerciseObjectives/0/roles/0"),
        ("duplicate-test", "/shocks/0/tests/1"),
    }


def test_the_schema_requires_a_title_and_a_description() -> None:
    document = trained()
    del document["exerciseObjectives"][1]["description"]
    [(code, pointer, *_)] = diagnostics(document)
    assert pointer == "/exerciseObjectives/1" and "missing" in code


def test_a_scenario_role_objective_is_not_an_exercise_objective() -> None:
    document = trained()
    document["roles"][0]["objectives"] = [
        {"id": "keep-trust", "description": "Keep trust", "condition": {"var": "trust", "atLeast": 1}}
    ]
    document["shocks"][0]["tests"] = ["keep-trust"]
    [(code, _, _, _, message)] = diagnostics(document)
    assert code == "unknown-exercise-objective" and "'keep-trust'" in message
