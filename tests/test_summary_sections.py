"""The adjudication summary's words (issue 12): a cause's share held at a variable's bound says so
instead of a bare 0, and a turn without actions is not worded for exactly two teams."""

from __future__ import annotations

from engine.core import events as ev
from engine.load.catalog import resolve_scenario
from tui.screens.summary import summary_sections


def test_a_share_held_at_the_bound_says_so_and_no_action_is_worded_for_any_number_of_teams() -> None:
    scenario = resolve_scenario("seoul-tokyo-2026")
    var = scenario.variables[0]
    events = [
        ev.Changed(var.id, var.max - 1, var.max, 4, ev.Cause("rule", id=scenario.rules[0].id)),
        ev.Changed(var.id, var.max, var.max, 3, ev.Cause("rule", id=scenario.rules[0].id)),
        ev.Changed(var.id, var.max, var.max - 2, -2, ev.Cause("rule", id=scenario.rules[0].id)),
    ]
    sections = dict(summary_sections(scenario, events))
    lines = sections["What changed, and why"]
    assert lines[0] == f"{var.label} {var.max - 1} → {var.max - 2} (−1)"
    assert lines[1].strip().startswith("+1 (+4 asked, held at the bound) ")
    assert lines[2].strip().startswith("0 (+3 asked, held at the bound) ")
    assert lines[3].strip().startswith("−2 ") and "asked" not in lines[3]
    assert sections["What the teams did"] == ["No team took an action."]
