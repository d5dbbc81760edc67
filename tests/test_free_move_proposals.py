"""A free-form move proposed from a team's seat is a journaled command (`PutForwardFreeMove`), kept in
the state until the white cell rolls for it or the turn ends: it outlives a crash (resume restores it),
goes with an undo like any command, is verified on replay, and is told in the replay's timeline and the
report with its words, to its team and the white cell only. Journals without proposals digest as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.core.commands import (
    ProposeFreeMove,
    PutForwardFreeMove,
    Resolve,
    SubmitOrders,
    Undo,
    command_from_json,
)
from engine.core.events import FreeMoveProposed
from engine.core.free_moves import proposals_waiting
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.state import state_digest, state_json
from engine.documents.report.build import build_report
from engine.documents.report.markdown import render_markdown
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.prose.events import command_text, event_text
from tests.test_cli import run_here
from tests.test_replay_cli import journal_validator

WORDS = "Send a fishing-fleet liaison QQPROPOSAL"
REASONS = "Both coast guards asked for one QQREASONS"


def _session(path: Path | None = None) -> Session:
    return Session.new(resolve_scenario("seoul-tokyo-2026"), 7, path)


def test_a_proposal_waits_in_the_state_is_replaced_withdrawn_and_taken_up_by_the_seats_roll() -> None:
    session = _session()
    before = state_digest(session.game, session.state)
    events = session.apply(PutForwardFreeMove("seoul", WORDS, REASONS))
    assert events == (FreeMoveProposed("seoul", WORDS, REASONS),)
    assert proposals_waiting(session.game, session.state) == (("seoul", WORDS, REASONS),)
    assert state_json(session.game, session.state)["proposals"] == [{"role": "seoul", "action": WORDS, "reasons": REASONS}]
    assert state_digest(session.game, session.state) != before, "the digest covers a waiting proposal"
    session.apply(PutForwardFreeMove("seoul", "A second thought", "better"))
    assert proposals_waiting(session.game, session.state) == (("seoul", "A second thought", "better"),)
    session.apply(PutForwardFreeMove("seoul", "", ""))
    assert proposals_waiting(session.game, session.state) == ()
    assert "proposals" not in state_json(session.game, session.state)
    assert state_digest(session.game, session.state) == before, "none waiting: the digest it always had"
    session.apply(PutForwardFreeMove("seoul", WORDS, REASONS))
    session.apply(PutForwardFreeMove("tokyo", "Tokyo's idea", "it helps"))
    session.apply(ProposeFreeMove("tokyo", "Tokyo's idea", "it helps", 50))  # the facilitator's own: no seat's taken up
    assert [role for role, _, _ in proposals_waiting(session.game, session.state)] == ["seoul", "tokyo"]
    session.apply(ProposeFreeMove("seoul", WORDS, REASONS, 50, by="seat"))
    assert [role for role, _, _ in proposals_waiting(session.game, session.state)] == ["tokyo"]
    session.apply(Resolve())
    assert proposals_waiting(session.game, session.state) == (), "a proposal is its turn's"


@pytest.mark.parametrize(
    ("command", "code", "scenario_part"),
    [
        (PutForwardFreeMove("seoul", WORDS, ""), RefusalCode.FREE_MOVE_UNARGUED, {}),
        (PutForwardFreeMove("seoul", "", ""), RefusalCode.NO_PROPOSAL_TO_WITHDRAW, {}),
        (PutForwardFreeMove("nobody", WORDS, REASONS), RefusalCode.UNKNOWN_ROLE, {}),
        (PutForwardFreeMove("seoul", WORDS, REASONS), RefusalCode.FREE_MOVES_OFF, {"allowed": False}),
    ],
)
def test_a_proposal_that_cannot_be_made_is_refused(
    command: PutForwardFreeMove, code: RefusalCode, scenario_part: dict[str, object]
) -> None:
    from tests.test_seats_support import tiny_scenario

    session = Session.new(tiny_scenario(freeMoves=scenario_part) if scenario_part else resolve_scenario("seoul-tokyo-2026"), 7)
    with pytest.raises(CommandRefused) as refused:
        session.apply(command)
    assert refused.value.reasons[0].code == code
    assert session.history == ()


def test_a_team_that_made_its_move_this_turn_cannot_propose_another() -> None:
    session = _session()
    session.apply(ProposeFreeMove("seoul", "Its own move", "because", 0))  # fails; the one move a turn is made
    with pytest.raises(CommandRefused) as refused:
        session.apply(PutForwardFreeMove("seoul", WORDS, REASONS))
    assert refused.value.reasons[0].code == RefusalCode.FREE_MOVES_USED


def test_the_journal_line_reads_back_and_meets_the_schema() -> None:
    command = PutForwardFreeMove("seoul", WORDS, REASONS)
    line = command.to_json()
    assert line == {"command": "free-move-proposal", "role": "seoul", "action": WORDS, "reasons": REASONS}
    assert command_from_json(line) == command
    assert command_from_json({"command": "free-move-proposal", "role": "seoul", "action": ""}) == PutForwardFreeMove("seoul", "")
    assert not list(journal_validator("command").iter_errors(line))
    assert not list(journal_validator("event").iter_errors(FreeMoveProposed("seoul", WORDS, REASONS).to_json()))


def test_a_crash_with_a_proposal_waiting_loses_nothing_and_undo_takes_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    session = _session(path)
    session.apply(SubmitOrders("tokyo", ("foreign-policy-consultations",)))
    session.apply(PutForwardFreeMove("seoul", WORDS, REASONS))
    session.close()  # the console is gone: only what the journal holds is left

    resumed, _ = Session.resume(path)
    assert proposals_waiting(resumed.game, resumed.state) == (("seoul", WORDS, REASONS),)
    resumed.apply(Undo())
    assert proposals_waiting(resumed.game, resumed.state) == (), "the undone proposal is gone"
    assert resumed.state.orders[1] is not None, "only the proposal was undone"
    resumed.apply(PutForwardFreeMove("seoul", "Try once more", "the liaison stays useful"))
    resumed.close()

    verified = run_here(capsys, "replay", str(path), "--verify")
    assert verified.returncode == 0, verified.stderr
    again, _ = Session.resume(path)
    assert proposals_waiting(again.game, again.state) == (("seoul", "Try once more", "the liaison stays useful"),)
    timeline = [command_text(again.scenario, applied.command) for applied in again.history]
    assert "Seoul's proposed free-form move: Try once more" in timeline
    told = [event_text(again.scenario, event) for event in again.events() if isinstance(event, FreeMoveProposed)]
    assert told == ["Seoul proposes a free-form move from its seat: Try once more (for: the liaison stays useful)"]
    again.close()


def test_the_replay_and_the_report_tell_the_proposal_to_its_team_and_the_white_cell_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "game.jsonl"
    session = _session(path)
    session.apply(PutForwardFreeMove("seoul", WORDS, REASONS))
    session.apply(Resolve())
    for audience, told in ((WHITE_CELL, True), (Audience.team("seoul"), True), (Audience.team("tokyo"), False), (ROOM, False)):
        markdown = render_markdown(build_report(session, audience=audience))
        assert (WORDS in markdown and REASONS in markdown) == told, audience
    session.close()
    replayed = run_here(capsys, "replay", str(path))  # the white cell's text
    assert replayed.returncode == 0, replayed.stderr
    assert f"Seoul proposes a free-form move from its seat: {WORDS} (for: {REASONS})" in replayed.stdout
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[1]["command"] == {"command": "free-move-proposal", "role": "seoul", "action": WORDS, "reasons": REASONS}
