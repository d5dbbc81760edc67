"""Lint of exercise objectives (training objectives): one no inject tests, one whose injects never fired in play."""

from __future__ import annotations

from typing import Any

from engine.lint.check import lint
from engine.lint.source import Source
from engine.load.loader import parse_document, scenario_from_parsed
from tests.helpers import doc, shock, text_of


def source(document: dict[str, Any]) -> Source:
    parsed = parse_document(text_of(document), "drill.json")
    return Source(scenario_from_parsed(parsed, "drill.json"), parsed, "drill.json")


def drill() -> dict[str, Any]:
    """'sure' is tested by a shock that always fires; 'rare' only by one that never fires by itself
    (the facilitator's to inject); 'idle' by nothing."""
    return doc(
        exerciseObjectives=[
            {"id": "sure", "title": "Sure", "description": "d"},
            {"id": "rare", "title": "Rare", "description": "d"},
            {"id": "idle", "title": "Idle", "description": "d"},
        ],
        shocks=[
            shock("launch", title="Launch", trigger={"atTurn": 2}, tests=["sure"]),
            shock("walkout", title="Walkout", tests=["rare"]),
        ],
    )


def test_an_objective_no_inject_tests_is_found_statically_where_it_is_declared() -> None:
    result = lint(source(drill()))
    [finding] = [d for d in result.static if d.code.startswith("lint-objective")]
    assert (finding.code, finding.pointer) == ("lint-objective-untested", "/exerciseObjectives/2/id")
    assert text_of(drill()).splitlines()[finding.line - 1].strip() == '"id": "idle",'
    assert finding.message.startswith("no inject tests the exercise objective 'Idle'")


def test_an_objective_tested_only_by_injects_that_never_fired_in_play_is_found_by_the_dynamic_pass() -> None:
    result = lint(source(drill()), games=20, seed=3)
    dynamic = [(d.code, d.pointer) for d in result.dynamic if d.code.startswith("lint-objective")]
    assert dynamic == [("lint-objective-never-tested", "/exerciseObjectives/1/id")]
    [message] = [d.message for d in result.dynamic if d.code == "lint-objective-never-tested"]
    assert "in none of the 20 bot games (seed 3)" in message and "(Walkout)" in message


def test_a_scenario_whose_objectives_are_all_tested_in_play_has_no_such_finding() -> None:
    document = drill()
    document["exerciseObjectives"] = document["exerciseObjectives"][:1]
    document["shocks"][1]["tests"] = ["sure"]
    result = lint(source(document), games=10)
    assert not [d for d in result.diagnostics if d.code.startswith("lint-objective")]
