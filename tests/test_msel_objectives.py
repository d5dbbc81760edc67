"""The events list carries which exercise objectives each inject tests (the shock's ``tests``), both ways."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from engine.load.diagnostics import InputError
from engine.msel.export import export_csv
from engine.msel.importer import import_events
from engine.msel.table import read_table
from tests.helpers import load
from tests.test_msel import BASE

OBJECTIVES = [
    {"id": "consult", "title": "Consult before acting", "description": "Allies consult before a strike."},
    {"id": "inform", "title": "Inform the public", "description": "A statement within a day."},
]


def _base() -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document["exerciseObjectives"] = copy.deepcopy(OBJECTIVES)
    document["shocks"] = [
        {"id": "launch", "title": "Launch", "category": "missile", "narrative": "A launch.", "tests": ["consult", "inform"]},
        {"id": "quiet", "title": "Quiet", "category": "other", "narrative": "Nothing."},
    ]
    return document


def _import(data: bytes, base: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(import_events(read_table(data, "events.csv"), base, "out.json").text)
    return result


def test_export_writes_the_objectives_an_inject_tests_and_import_reads_them_back() -> None:
    document = _base()
    text = export_csv(load(document))
    header, first, second = text.splitlines()[:3]
    column = header.split(",").index("Objectives Tested")
    assert first.split(",")[column].strip('"') == "consult" and "inform" in first
    assert second.split(",")[column] == ""
    assert _import(text.encode(), document)["shocks"] == document["shocks"]


@pytest.mark.parametrize("header", ["Objectives Tested", "objective ids", "Tests", "exercise_objective_ids"])
def test_the_column_is_found_under_the_names_planners_use(header: str) -> None:
    data = f"Inject ID,Inject Title,Description,Category,{header}\nlaunch,Launch,A launch.,missile,inform".encode()
    assert _import(data, _base())["shocks"][0]["tests"] == ["inform"]


def test_an_unknown_objective_is_reported_at_its_cell_with_the_closest_name() -> None:
    data = b'Inject ID,Inject Title,Description,Category,Objectives Tested\nlaunch,Launch,A launch.,missile,"inform, consullt"'
    with pytest.raises(InputError) as caught:
        import_events(read_table(data, "events.csv"), _base(), "out.json")
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.column, problem.code) == (2, 5, "msel-unknown-name")
    assert "unknown exercise objective 'consullt'; did you mean 'consult'?" in problem.message


def test_a_scenario_without_objectives_says_it_has_none() -> None:
    data = b"Inject ID,Inject Title,Description,Category,Objectives Tested\nlaunch,Launch,A launch.,missile,consult"
    with pytest.raises(InputError) as caught:
        import_events(read_table(data, "events.csv"), copy.deepcopy(BASE), "out.json")
    assert "unknown exercise objective 'consult' (the scenario has none)" in caught.value.diagnostics[0].message
