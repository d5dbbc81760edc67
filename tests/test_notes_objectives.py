"""Notes tied to an exercise objective, and ratings: journaled, checked, and old notes' bytes unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.audience.console import log_lines
from engine.audience.visibility import ROOM
from engine.core.commands import AddNote, BadCommand, Resolve, command_from_json
from engine.core.events import NoteAdded
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.step import step
from engine.journal.reader import open_journal
from engine.journal.replay import replay_journal, replay_text
from engine.journal.session import Session
from engine.journal.timeline import load_steps
from engine.schema import JOURNAL_SCHEMA_FILE, schema_text
from tests.helpers import doc, load, shock, started
from tests.test_cli import run_here
from tui.widgets.timeline import step_prompt

OBJECTIVES = [{"id": "crisis-talks", "title": "Crisis talks", "description": "Talk in a crisis."}]


def validator(definition: str) -> Draft202012Validator:
    schema = json.loads(schema_text(JOURNAL_SCHEMA_FILE))
    return Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]})


def test_a_note_on_an_objective_with_a_rating_is_applied_with_them() -> None:
    game, state, _ = started(doc(exerciseObjectives=OBJECTIVES))
    after, events = step(game, state, AddNote("strength", " Talked at once. ", objective="crisis-talks", rating="S"))
    assert after == state
    assert events == (NoteAdded("strength", "Talked at once.", "crisis-talks", "S"),)


def test_an_old_note_keeps_its_bytes_and_a_new_one_reads_back() -> None:
    assert AddNote("observation", "x").to_json() == {"command": "note", "tag": "observation", "text": "x"}
    assert NoteAdded("observation", "x").to_json() == {"event": "note-added", "tag": "observation", "text": "x"}
    tied = AddNote("lesson", "y", 2, "crisis-talks", "U")
    data = tied.to_json()
    assert data == {"command": "note", "tag": "lesson", "text": "y", "turn": 2, "objective": "crisis-talks", "rating": "U"}
    assert command_from_json(data) == tied
    assert not list(validator("command").iter_errors(data))
    assert not list(validator("event").iter_errors(NoteAdded("lesson", "y", "crisis-talks", "U").to_json()))
    assert list(validator("command").iter_errors({**data, "rating": "A"}))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": "A", "objective": "crisis-talks"}, "'rating' must be one of P, S, M, U"),
        ({"objective": 3}, "'objective' must be text"),
    ],
)
def test_a_malformed_note_in_a_journal_is_a_bad_command(data: dict[str, Any], message: str) -> None:
    with pytest.raises(BadCommand, match=message):
        command_from_json({"command": "note", "tag": "observation", "text": "x", **data})


@pytest.mark.parametrize(
    ("note", "code", "words"),
    [
        (AddNote("observation", "x", objective="crisis-walks"), RefusalCode.UNKNOWN_EXERCISE_OBJECTIVE, "'crisis-talks'"),
        (AddNote("observation", "x", rating="P"), RefusalCode.RATING_WITHOUT_OBJECTIVE, "name the objective it rates"),
        (AddNote("observation", "x", objective="crisis-talks", rating="Z"), RefusalCode.UNKNOWN_RATING, "P, S, M, U"),  # type: ignore[arg-type]
    ],
)
def test_a_note_on_an_unknown_objective_or_a_rating_of_none_is_refused(note: AddNote, code: RefusalCode, words: str) -> None:
    game, state, _ = started(doc(exerciseObjectives=OBJECTIVES, shocks=[shock("s")]))
    with pytest.raises(CommandRefused) as refused:
        step(game, state, note)
    assert refused.value.code == code and words in refused.value.reason


def test_a_scenario_without_objectives_says_so() -> None:
    game, state, _ = started(doc())
    with pytest.raises(CommandRefused, match="has no exercise objectives"):
        step(game, state, AddNote("observation", "x", objective="crisis-talks"))


def test_the_log_replay_and_timeline_name_a_notes_objective_and_rating(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(load(doc(exerciseObjectives=OBJECTIVES, turns={"count": 3})), 1, path)
    session.apply(Resolve())
    session.apply(AddNote("lesson", "called late", 1, objective="crisis-talks"))
    session.apply(AddNote("observation", "talked well in the end", objective="crisis-talks", rating="S"))
    rated = "Crisis talks rated S, performed with some challenges"
    texts = [line.text for line in log_lines(session)]
    assert "Note (lesson; objective Crisis talks) about Turn 1, written in Turn 2: called late" in texts
    assert f"Note (observation; {rated}): talked well in the end" in texts
    assert not any("Crisis talks" in line.text for line in log_lines(session, ROOM))
    session.close()

    text = replay_text(replay_journal(open_journal(path)))
    assert "[lesson; objective Crisis talks] about Turn 1, written in Turn 2: called late" in text
    assert f"[observation; {rated}] talked well in the end" in text
    steps = load_steps(path)
    rows = [str(step_prompt(steps, step)) for step in steps.steps]
    assert any(f"note (observation; {rated}): talked well" in row for row in rows)
    assert not any("Crisis" in str(step_prompt(steps, step, masked=True)) for step in steps.steps)


def test_replay_json_gives_a_notes_objective_and_rating(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(load(doc(exerciseObjectives=OBJECTIVES)), 1, path)
    session.apply(AddNote("observation", "rated", objective="crisis-talks", rating="P"))
    session.apply(AddNote("lesson", "plain"))
    session.close()
    data = json.loads(run_here(capsys, "replay", str(path), "--json").stdout)
    assert [note for turn in data["turns"] for note in turn["notes"]] == [
        {"line": 2, "tag": "observation", "text": "rated", "objective": "crisis-talks", "rating": "P"},
        {"line": 3, "tag": "lesson", "text": "plain"},
    ]
