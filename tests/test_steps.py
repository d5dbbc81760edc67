"""Steps of a journal (engine/steps.py): each step is the game after that many lines, undo and redo included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.audience.console import role_views, shock_views, variable_views
from engine.core.commands import AdjustVariable, Resolve
from engine.core.refusals import CommandRefused
from engine.journal.timeline import load_steps
from tests.journals import COMMANDS, played, write_journal


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("steps") / "game.jsonl"
    write_journal(path)
    return path


def test_there_is_a_step_for_the_opening_and_each_line(journal: Path) -> None:
    steps = load_steps(journal)
    assert steps.last == len(COMMANDS)
    assert [step.line for step in steps.steps] == list(range(1, len(COMMANDS) + 2))
    assert steps.steps[0].record is None
    assert [step.record.command for step in steps.steps[1:] if step.record] == list(COMMANDS)
    assert steps.problem is None and steps.cut_off is None


@given(st.integers(min_value=0, max_value=len(COMMANDS)))
def test_each_step_is_the_game_after_that_many_commands(journal: Path, number: int) -> None:
    steps = load_steps(journal)
    expected = played(number)
    at = steps.session_at(number)
    assert at.state == steps.steps[number].state == expected.state
    assert at.digest() == expected.digest()
    assert at.history == expected.history
    assert variable_views(at) == variable_views(expected)
    assert shock_views(at) == shock_views(expected)
    assert role_views(at) == role_views(expected)
    if number:
        assert steps.steps[number].before == played(number - 1).state


def test_a_step_session_takes_no_command(journal: Path) -> None:
    with pytest.raises(CommandRefused, match="fork"):
        load_steps(journal).session_at(3).apply(Resolve())


def test_fates_name_the_lines_that_undid_and_redid(journal: Path) -> None:
    steps = load_steps(journal)
    assert steps.fate_text(4) == "undone at line 5, redone at line 6"
    assert steps.fate_text(9) == "undone at line 10"
    assert steps.fate_text(3) is None
    assert steps.in_effect_at_end(4) and not steps.in_effect_at_end(9)


def test_deltas_and_events_at_a_step(journal: Path) -> None:
    steps = load_steps(journal)
    adjusted = next(step for step in steps.steps if step.record and isinstance(step.record.command, AdjustVariable))
    deltas = steps.deltas_at(adjusted.number)
    assert [(delta.label, delta.after) for delta in deltas] == [("Trust", 40)]
    assert deltas[0].change == 40 - adjusted.before.values[0]
    assert steps.events_at(0) == steps.session.start_events
    assert steps.deltas_at(1) == []  # a note moves nothing


def test_first_in_turn_is_the_step_that_opened_it(journal: Path) -> None:
    steps = load_steps(journal)
    assert steps.first_in_turn(1) == 0
    assert steps.first_in_turn(2) == 6
    assert steps.first_in_turn(4) is None  # the exercise ended in week 3


def test_a_journal_that_stops_replaying_ends_at_its_last_good_line(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[11])
    bad["events"] = []
    lines[11] = json.dumps(bad, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    steps = load_steps(path)
    assert steps.problem is not None and (steps.problem.line, steps.problem.code) == (12, "events-mismatch")
    assert steps.steps[-1].line == 11
    assert steps.steps[-1].state == played(10).state
