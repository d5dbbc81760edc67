"""Sessions: journaling, undo and redo across turns, resuming, and a stateful property test."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from engine.core.commands import (
    AddNote,
    AdjustVariable,
    EndExercise,
    InjectShock,
    Redo,
    Resolve,
    SubmitOrders,
    Undo,
)
from engine.core.events import Redone, Undone
from engine.core.model import Scenario
from engine.core.refusals import CommandRefused
from engine.journal.codes import JournalError
from engine.journal.format import Settings
from engine.journal.reader import open_journal
from engine.journal.session import Session, SessionError
from tests.helpers import doc, load

FIXED_CLOCK = "2026-03-01T09:00:00Z"


def clock() -> str:
    return FIXED_CLOCK


def scenario() -> Scenario:
    """A small scenario with chance, a joint action, resources, a lasting shock and an ending."""
    return load(
        doc(
            turns={"count": 5, "label": "Week"},
            roles=[
                {
                    "id": "seoul",
                    "name": "Seoul",
                    "budget": 2,
                    "resources": [{"id": "capital", "label": "Capital", "initial": 3, "max": 5, "perTurn": 1}],
                    "objectives": [{"id": "trust", "description": "Trust high", "condition": {"var": "trust", "atLeast": 55}}],
                },
                {"id": "tokyo", "name": "Tokyo", "budget": 2},
            ],
            variables=[
                {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
                {"id": "tension", "label": "Tension", "min": 0, "max": 20, "initial": 5, "visibility": "facilitator"},
            ],
            actions=[
                {
                    "id": "summit",
                    "label": "Summit",
                    "roles": ["seoul", "tokyo"],
                    "joint": True,
                    "effects": [{"add": {"trust": 6}}],
                    "unmatched": [{"add": {"trust": -1}}],
                },
                {
                    "id": "talks",
                    "label": "Talks",
                    "roles": ["seoul"],
                    "spend": {"capital": 2},
                    "effects": [
                        {"chance": 0.5, "label": "Talks work", "then": [{"add": {"trust": 4}}], "else": [{"add": {"tension": 2}}]}
                    ],
                },
                {
                    "id": "drill",
                    "label": "Drill",
                    "roles": ["tokyo"],
                    "cooldown": 1,
                    "effects": [{"add": {"tension": 3, "trust": -2}}],
                },
            ],
            shocks=[
                {
                    "id": "launch",
                    "title": "Launch",
                    "category": "missile",
                    "narrative": "A launch.",
                    "trigger": {"chance": 0.4},
                    "maxFires": 3,
                    "duration": 2,
                    "ongoing": [{"add": {"tension": 1}}],
                },
                {
                    "id": "storm",
                    "title": "Storm",
                    "category": "disaster",
                    "narrative": "A storm.",
                    "effects": [{"add": {"trust": 3}}],
                },
            ],
            rules=[{"id": "calm", "effects": [{"drift": {"var": "tension", "toward": 5, "by": 1}}]}],
            endConditions=[{"id": "breakdown", "when": {"var": "tension", "atLeast": 20}}],
            outcomes=[{"id": "good", "title": "Good", "when": {"var": "trust", "atLeast": 55}}, {"id": "meh", "title": "Meh"}],
        )
    )


def test_a_new_session_journals_every_command_with_the_digest_it_led_to(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario(), 7, path, clock=clock, settings=Settings(bots=(("tokyo", "random"),), timer_minutes=10))
    session.apply(SubmitOrders("seoul", ("talks",)))
    session.apply(Resolve())
    session.close()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    header, *entries = lines
    assert header["journal"] == "whitecell" and header["seed"] == 7 and header["created"] == FIXED_CLOCK
    assert header["settings"] == {"bots": {"tokyo": "random"}, "timerMinutes": 10}
    assert header["scenario"]["id"] == "tiny"
    assert [entry["n"] for entry in entries] == [1, 2]
    assert entries[0]["command"] == {"command": "orders", "role": "seoul", "actions": ["talks"]}
    assert entries[1]["turn"] == 2
    assert entries[1]["digest"] == session.digest()
    assert any(event["event"] == "changed" for event in entries[1]["events"])


def test_an_existing_journal_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    path.write_text("precious\n", encoding="utf-8")
    with pytest.raises(SessionError, match="never overwritten"):
        Session.new(scenario(), 1, path)
    assert path.read_text(encoding="utf-8") == "precious\n"


def test_a_refused_command_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario(), 1, path)
    size = path.stat().st_size
    with pytest.raises(CommandRefused):
        session.apply(SubmitOrders("seoul", ("drill",)))
    with pytest.raises(CommandRefused, match="nothing to undo"):
        session.apply(Undo())
    assert path.stat().st_size == size
    assert session.records == ()


def test_undo_and_redo_work_across_turns_and_are_journaled(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario(), 3, path, clock=clock)
    digests = [session.digest()]
    for _ in range(3):
        session.apply(SubmitOrders("seoul", ("summit",)))
        session.apply(SubmitOrders("tokyo", ("summit",)))
        session.apply(Resolve())
        digests.append(session.digest())
    assert session.state.turn == 4
    for _ in range(3 * 3):
        events = session.apply(Undo())
        assert isinstance(events[0], Undone)
    assert session.digest() == digests[0]
    assert session.state.turn == 1
    for _ in range(3):
        session.apply(Redo())
    assert session.digest() != digests[0]
    for _ in range(6):
        events = session.apply(Redo())
        assert isinstance(events[0], Redone)
    assert session.digest() == digests[3]
    with pytest.raises(CommandRefused, match="nothing to redo"):
        session.apply(Redo())
    assert len(session.records) == 9 + 9 + 9
    session.close()
    resumed, recovery = Session.resume(path, clock=clock)
    assert recovery.message() is None
    assert resumed.digest() == digests[3]
    assert len(resumed.history) == 9


def test_a_new_command_after_undo_clears_what_could_be_redone() -> None:
    session = Session.new(scenario(), 3)
    session.apply(SubmitOrders("seoul", ("talks",)))
    session.apply(Undo())
    redoable_before = session.can_redo
    session.apply(AddNote("observation", "Seoul hesitated."))
    redoable_after = session.can_redo
    assert redoable_before and not redoable_after
    with pytest.raises(CommandRefused):
        session.apply(Redo())


def test_undone_commands_leave_the_story_but_stay_in_the_record() -> None:
    session = Session.new(scenario(), 3)
    session.apply(AddNote("lesson", "kept"))
    session.apply(AddNote("lesson", "taken back"))
    session.apply(Undo())
    texts = [event.text for event in session.events() if hasattr(event, "text")]
    assert texts == ["kept"]
    assert [record.command for record in session.records][:2] == [AddNote("lesson", "kept"), AddNote("lesson", "taken back")]


def test_a_failed_journal_write_does_not_apply_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session.new(scenario(), 1, tmp_path / "game.jsonl")
    before = session.digest()

    def broken(data: Any) -> None:
        raise OSError(28, "No space left on device")

    assert session._writer is not None
    monkeypatch.setattr(session._writer, "write", broken)
    with pytest.raises(SessionError, match="No space left on device"):
        session.apply(Resolve())
    assert session.digest() == before
    assert session.records == ()


def test_resuming_refuses_a_journal_that_does_not_replay(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario(), 1, path)
    session.apply(Resolve())
    session.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[1])
    entry["digest"] = "0" * 64
    path.write_text("\n".join([lines[0], json.dumps(entry)]) + "\n", encoding="utf-8")
    with pytest.raises(JournalError) as failure:
        Session.resume(path)
    diagnostic = failure.value.diagnostics[0]
    assert (diagnostic.line, diagnostic.code) == (2, "digest-mismatch")


def test_the_ended_exercise_still_takes_notes_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario(), 1, path)
    session.apply(EndExercise("time is up"))
    session.apply(AddNote("strength", "Clear communication."))
    session.close()
    resumed, _ = Session.resume(path)
    assert resumed.state.ended
    assert resumed.state.end_reason == "ended by the facilitator: time is up"


# -- the stateful property ------------------------------------------------------------------------


class SessionMachine(RuleBasedStateMachine):
    """Random orders, resolutions, injects, adjustments, notes, undo, redo, closing and reopening.

    After every step: replaying the journal gives the live state, and the journal verifies.
    """

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="whitecell-session-"))
        self.path = self.folder / "session.jsonl"
        self.session: Session

    @initialize(seed=st.integers(0, 2**64 - 1))
    def open_session(self, seed: int) -> None:
        self.session = Session.new(scenario(), seed, self.path, clock=clock)

    @rule(role=st.sampled_from(["seoul", "tokyo"]), picks=st.lists(st.sampled_from(["summit", "talks", "drill"]), max_size=2))
    def orders(self, role: str, picks: list[str]) -> None:
        self._try(SubmitOrders(role, tuple(picks)))

    @rule()
    def resolve(self) -> None:
        self._try(Resolve())

    @rule(shock=st.sampled_from(["launch", "storm"]))
    def inject(self, shock: str) -> None:
        self._try(InjectShock(shock, "white cell decision"))

    @rule(value=st.integers(-5, 105))
    def adjust(self, value: int) -> None:
        self._try(AdjustVariable("trust", value, "adjudication"))

    @rule(tag=st.sampled_from(["observation", "strength", "improvement", "lesson"]), text=st.text(min_size=1, max_size=12))
    def note(self, tag: Any, text: str) -> None:
        self._try(AddNote(tag, text))

    @rule()
    def undo(self) -> None:
        self._try(Undo())

    @rule()
    def redo(self) -> None:
        self._try(Redo())

    @precondition(lambda self: self.session.can_undo)
    @rule()
    def undo_then_redo_changes_nothing(self) -> None:
        digest = self.session.digest()
        self.session.apply(Undo())
        self.session.apply(Redo())
        assert self.session.digest() == digest

    @rule()
    def close_and_reopen(self) -> None:
        digest, history = self.session.digest(), len(self.session.history)
        redo = self.session.can_redo
        self.session.close()
        self.session, recovery = Session.resume(self.path, clock=clock)
        assert recovery.message() is None
        assert self.session.digest() == digest
        assert len(self.session.history) == history
        assert self.session.can_redo == redo

    def _try(self, command: Any) -> None:
        try:
            self.session.apply(command)
        except CommandRefused as refusal:
            assert refusal.reason

    @invariant()
    def the_journal_replays_to_the_live_state_and_verifies(self) -> None:
        replayed, problems = Session.replay(open_journal(self.path))
        assert problems == []
        assert replayed.digest() == self.session.digest()
        assert [applied.command for applied in replayed.history] == [applied.command for applied in self.session.history]
        assert replayed.records == self.session.records

    def teardown(self) -> None:
        self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)


TestSessionMachine = SessionMachine.TestCase
TestSessionMachine.settings = settings(stateful_step_count=25, deadline=None)


def test_a_journal_open_in_one_session_cannot_be_resumed_by_another(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    first = Session.new(scenario(), 1, path)
    first.apply(Resolve())
    with pytest.raises(SessionError, match="open in another whitecell session"):
        Session.resume(path)
    first.close()
    second, _ = Session.resume(path)
    assert second.digest() == first.digest()
    second.close()


def test_blank_lines_at_the_end_of_a_journal_are_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(scenario(), 1, path)
    session.apply(Resolve())
    session.close()
    path.write_bytes(path.read_bytes() + b"\n  \n")
    replayed, problems = Session.replay(open_journal(path))
    assert problems == []
    resumed, recovery = Session.resume(path)
    assert recovery.message() is None
    resumed.apply(Resolve())
    resumed.close()
    replayed, problems = Session.replay(open_journal(path))
    assert problems == [] and len(replayed.records) == 2


def test_settings_must_name_known_bots_for_real_roles() -> None:
    with pytest.raises(ValueError, match="unknown bot 'genius'"):
        Session.new(scenario(), 1, settings=Settings(bots=(("seoul", "genius"),)))
    with pytest.raises(ValueError, match="not a role"):
        Session.new(scenario(), 1, settings=Settings(bots=(("kyoto", "random"),)))


def test_a_fast_journal_for_bot_games_is_complete_once_closed(tmp_path: Path) -> None:
    path = tmp_path / "bots.jsonl"
    session = Session.new(scenario(), 4, path, durable=False)
    while not session.state.ended:
        session.apply(Resolve())
    session.close()
    replayed, problems = Session.replay(open_journal(path))
    assert problems == [] and replayed.digest() == session.digest()


def test_undo_events_record_the_command_as_data_and_read_as_words() -> None:
    from engine.prose.events import event_text

    session = Session.new(scenario(), 1)
    session.apply(SubmitOrders("seoul", ("talks",)))
    (undone,) = session.apply(Undo())
    assert isinstance(undone, Undone)
    assert json.loads(undone.command) == {"command": "orders", "role": "seoul", "actions": ["talks"]}
    assert event_text(session.scenario, undone) == "Undone: Seoul's orders: Talks"
