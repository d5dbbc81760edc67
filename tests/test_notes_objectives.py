"""Notes tied to an exercise objective, and ratings: journaled, checked, and old notes' bytes unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.core.commands import AddNote, BadCommand, command_from_json
from engine.core.events import NoteAdded
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.step import step
from engine.schema import JOURNAL_SCHEMA_FILE, schema_text
from tests.helpers import doc, shock, started

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
