"""A variable's change reads the same on every surface, named states by name (engine.prose.values).

Format 2's named states (strait-week's Beijing posture: routine, exercise, quarantine, blockade)
are held as positions; the summary, the log, the projector, the hotwash and the report print
their changes through one function, so none shows "0 → 2 (+2)".
"""

from __future__ import annotations

from pathlib import Path

from engine.audience.room import _public_events
from engine.core import events as ev
from engine.core.commands import AdjustVariable, Resolve
from engine.documents.report.build import build_report
from engine.documents.report.markdown import render_markdown
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.prose.events import event_text
from engine.prose.values import change_text, value_text
from tui.screens.summary import summary_sections

STATES = ("routine", "exercise", "quarantine", "blockade")


def test_named_states_read_by_name_and_numbers_with_their_amount() -> None:
    assert change_text(0, 2, STATES) == "routine → quarantine"
    assert change_text(50, 47) == "50 → 47 (−3)"
    assert change_text(99, 100, (), requested=4) == "99 → 100 (+1, +4 asked, held at the bound)"
    assert change_text(2, 3, STATES, requested=5) == "quarantine → blockade"  # a position is no amount
    assert value_text(7, STATES) == "7"  # out of the list (a hand-made journal): the number, not a crash


def test_every_surface_names_the_posture() -> None:
    scenario = resolve_scenario("strait-week")
    posture = scenario.variable("posture")
    cause = ev.Cause("facilitator")
    changed = ev.Changed("posture", 0, 2, 2, cause)
    assert f"{posture.label} routine → quarantine" in event_text(scenario, changed)  # the log and replay
    lines = dict(summary_sections(scenario, [changed]))["What changed, and why"]
    assert lines[0] == f"{posture.label} routine → quarantine"
    assert lines[1].strip().startswith("→ quarantine ")
    assert any("routine → quarantine" in line for line in _public_events(scenario, [changed]))  # the projector


def test_the_report_names_the_posture(tmp_path: Path) -> None:
    session = Session.new(resolve_scenario("strait-week"), 1, tmp_path / "game.jsonl")
    session.apply(AdjustVariable("posture", 2, "the quarantine is declared early"))
    session.apply(Resolve())
    text = render_markdown(build_report(session))
    session.close()
    assert "to quarantine (was exercise)" in text  # the adjustment (the opening shock set the exercise)
    assert "exercise → quarantine" in text  # the turn's net changes
    assert "1 → 2" not in text
