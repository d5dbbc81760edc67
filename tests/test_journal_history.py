"""The pure history under a session: commands in effect and undone, undo and redo, with no journal.

`History` must give exactly what a journaled session gives for the same commands (the session is
the history plus its journal), must change nothing until a prepared command is committed, and
must touch no disk.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine.core.commands import AddNote, Redo, Resolve, SubmitOrders, Undo
from engine.core.events import Redone, Undone
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.rules import compile_scenario
from engine.core.state import state_digest
from engine.core.step import start
from engine.journal.history import History
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.journal.verify import replay_lines
from tests.journals import COMMANDS, clock, scenario

SEED = 5


def fresh() -> History:
    game = compile_scenario(scenario())
    initial, events = start(game, SEED)
    return History(game, initial, events)


def test_a_history_gives_what_a_journaled_session_records(tmp_path: Path) -> None:
    history = fresh()
    session = Session.new(scenario(), SEED, tmp_path / "game.jsonl", clock=clock)
    for command in COMMANDS:
        assert history.apply(command) == session.apply(command)
    session.close()
    assert history.records == session.records
    assert history.history == session.history
    assert history.digest() == session.digest()
    assert history.events() == session.events()
    assert history.states() == session.states()
    lines = open_journal(tmp_path / "game.jsonl").lines
    assert [(line.data["digest"], line.data["turn"]) for line in lines] == [
        (record.digest, record.turn) for record in history.records
    ]


def test_replaying_a_journal_into_a_bare_history_rebuilds_it(tmp_path: Path) -> None:
    session = Session.new(scenario(), SEED, tmp_path / "game.jsonl", clock=clock)
    for command in COMMANDS:
        session.apply(command)
    session.close()
    history = fresh()
    contents = open_journal(tmp_path / "game.jsonl")
    assert replay_lines(history, contents.lines, contents.problems) == []
    assert history.records == session.records
    assert replay_lines(history, contents.lines) == [], "lines already in the history are skipped"
    assert len(history.records) == len(COMMANDS)


def test_prepare_changes_nothing_and_commit_makes_the_command_count() -> None:
    history = fresh()
    opening = history.state
    change = history.prepare(SubmitOrders("seoul", ("summit",)))
    assert history.state is opening
    assert (history.records, history.undone) == ((), ())
    assert history.digest() == state_digest(history.game, opening)
    assert (change.number, change.line, change.before) == (1, 2, opening)
    assert history.commit(change) == change.events
    assert history.state is change.after and history.digest() == change.digest
    assert [record.line for record in history.records] == [2]


def test_a_change_prepared_for_another_point_of_the_history_is_refused() -> None:
    history = fresh()
    stale = history.prepare(AddNote("observation", "first"))
    history.apply(AddNote("observation", "second"))
    with pytest.raises(ValueError, match="prepared for another point"):
        history.commit(stale)
    assert [record.command for record in history.records] == [AddNote("observation", "second")]


def test_undo_and_redo_move_commands_between_in_effect_and_undone() -> None:
    history = fresh()
    history.apply(SubmitOrders("seoul", ("summit",)))
    history.apply(Resolve())
    resolved = history.state
    assert history.state.turn == 2

    (undone,) = history.apply(Undo())
    assert isinstance(undone, Undone) and undone.line == 3
    assert (history.state.turn, history.can_redo) == (1, True)
    assert [applied.line for applied in history.undone] == [3]

    (redone,) = history.apply(Redo())
    assert isinstance(redone, Redone) and redone.line == 3
    assert (history.state, history.can_redo) == (resolved, False)
    assert [record.line for record in history.records] == [2, 3, 4, 5]
    assert [applied.line for applied in history.history] == [2, 3]


def test_a_new_command_after_an_undo_drops_what_could_be_redone() -> None:
    history = fresh()
    history.apply(AddNote("observation", "kept"))
    history.apply(AddNote("observation", "taken back"))
    history.apply(Undo())
    history.apply(AddNote("lesson", "instead"))
    assert not history.can_redo
    assert [applied.command for applied in history.history] == [AddNote("observation", "kept"), AddNote("lesson", "instead")]


def test_nothing_to_undo_or_redo_is_refused_and_changes_nothing() -> None:
    history = fresh()
    for command, code in ((Undo(), RefusalCode.NOTHING_TO_UNDO), (Redo(), RefusalCode.NOTHING_TO_REDO)):
        with pytest.raises(CommandRefused) as refused:
            history.apply(command)
        assert refused.value.codes == (code,)
    assert (len(history.records), history.can_undo, history.can_redo) == (0, False, False)


def test_a_history_can_start_with_commands_already_in_effect() -> None:
    played = fresh()
    for command in COMMANDS[:7]:
        played.apply(command)
    at = History(played.game, played.initial, played.start_events, in_effect=played.history)
    assert at.state is played.state and at.digest() == played.digest()
    assert (len(at.records), at.can_undo, at.can_redo) == (0, True, False)


def test_the_history_module_touches_no_disk() -> None:
    source = Path(__file__).resolve().parent.parent / "engine" / "journal" / "history.py"
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not {name.split(".")[0] for name in imported} & {"os", "io", "pathlib", "shutil", "tempfile", "datetime", "time"}
    assert not {name for name in imported if name.startswith("engine.journal.")}, "the history stands alone in the journal layer"
