"""Notes about earlier turns (issue 12): the engine refuses a turn not yet reached; the console's
log, `whitecell replay` and the replay screen's timeline say which turn a note is about when it
was written later; a journal written while a future turn was still accepted replays as it did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import CommandRefused, RefusalCode
from engine.audience.console import log_lines
from engine.audience.visibility import ROOM
from engine.core.commands import AddNote, Resolve, Undo
from engine.documents.report import build_report
from engine.journal.reader import open_journal
from engine.journal.replay import replay_journal, replay_text
from engine.journal.session import Session
from engine.journal.timeline import load_steps
from engine.load.build import canonical_json
from engine.load.catalog import resolve_scenario
from tests.test_cli import run_here
from tui.widgets.timeline import step_prompt

ABOUT = "about Month 2 (February 2026), written in Month 4 (April 2026)"


def played_to_april(path: Path) -> Session:
    session = Session.new(resolve_scenario("seoul-tokyo-2026"), 7, path)
    for _ in range(3):
        session.apply(Resolve())
    return session


def test_a_note_about_a_turn_not_yet_reached_is_refused_and_this_turn_is_accepted(tmp_path: Path) -> None:
    session = played_to_april(tmp_path / "game.jsonl")
    with pytest.raises(
        CommandRefused, match="a note can be about this month \\(month 4\\) or an earlier one, not month 5"
    ) as refused:
        session.apply(AddNote("lesson", "too early", 5))
    assert refused.value.code == RefusalCode.NOTE_TURN_NOT_REACHED
    session.apply(AddNote("lesson", "this month, named", 4))
    session.close()


def test_the_log_replay_and_timeline_say_which_turn_a_later_note_is_about(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = played_to_april(path)
    session.apply(AddNote("strength", "the hotline worked", 2))
    session.apply(AddNote("observation", "a note on April itself"))
    texts = [line.text for line in log_lines(session)]
    assert f"Note (strength) {ABOUT}: the hotline worked" in texts
    assert "Note (observation): a note on April itself" in texts
    assert "Note (strength) (hidden)" in [line.text for line in log_lines(session, ROOM)]
    session.close()

    replayed = replay_journal(open_journal(path))
    text = replay_text(replayed)
    assert f"[strength] {ABOUT}: the hotline worked" in text
    assert "[observation] a note on April itself" in text

    steps = load_steps(path)
    rows = [str(step_prompt(steps, step)) for step in steps.steps]
    assert any(f"note (strength) {ABOUT}: the hotline worked" in row for row in rows)
    masked = [str(step_prompt(steps, step, masked=True)) for step in steps.steps]
    assert not any("hotline" in row or "February" in row for row in masked)


def test_replay_json_names_the_earlier_turn(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = played_to_april(path)
    session.apply(AddNote("strength", "the hotline worked", 2))
    session.apply(AddNote("observation", "now"))
    session.close()
    data = json.loads(run_here(capsys, "replay", str(path), "--json").stdout)
    notes = [note for turn in data["turns"] for note in turn["notes"]]
    assert notes == [
        {"line": 5, "tag": "strength", "text": "the hotline worked", "about": 2},
        {"line": 6, "tag": "observation", "text": "now"},
    ]


def test_a_journal_holding_a_note_about_a_future_turn_replays_and_reads_as_before(tmp_path: Path) -> None:
    """Written while the engine still took it: the note (and its undo) replay with no problem, and
    the report places it in the turn it was written in, as it did then."""
    path = tmp_path / "game.jsonl"
    session = played_to_april(path)
    session.apply(AddNote("lesson", "kept", None))
    session.apply(AddNote("lesson", "taken back", None))
    session.apply(Undo())
    session.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    for entry in entries[-3:-1]:
        entry["command"]["turn"] = 9  # what the earlier version wrote for "month 9" chosen in April
    undone = entries[-1]["events"][0]
    undone["command"] = canonical_json(entries[-2]["command"])
    path.write_text("".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries), encoding="utf-8")

    replayed, problems = Session.replay(open_journal(path))
    assert problems == []
    assert replayed.history[-1].command == AddNote("lesson", "kept", 9)
    notes = {turn.number: [note.text for note in turn.notes] for turn in build_report(replayed).turns}
    assert notes[4] == ["kept"]
    assert "Note (lesson): kept" in [line.text for line in log_lines(replayed)]
