"""Free-form moves proposed from a team's seat (seat protocol version 2), over TCP on 127.0.0.1: the
proposal waits on the server for the white cell, only its own team's seats are shown it, the white
cell's roll takes it (journaled ``by: "seat"``, replayed exactly), and what the room hears of the
move reaches every team's log."""

from __future__ import annotations

import json
from pathlib import Path

from engine.core.commands import ProposeFreeMove, Undo, command_from_json
from engine.core.free_moves import proposals_waiting
from engine.journal.replay import verify_journal
from engine.journal.session import Session
from engine.seats.client import SeatClient
from engine.seats.codes import JoinCodes
from engine.seats.messages import State
from engine.seats.referee import Referee
from engine.seats.server import SeatServer
from tests.test_replay_cli import journal_validator
from tests.test_seats_support import RawSeat, live_server, run, tiny_scenario

WORDS = "Offer a joint coast-guard hotline XQZ-PROPOSAL"
REASONS = "Both sides want fewer incidents REASONS-ZQX"


def test_a_seats_proposal_waits_for_the_white_cell_and_only_its_team_sees_it(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"

    async def scenario() -> None:
        async with live_server(tiny_scenario(), journal=journal) as live:
            other = await RawSeat.open(live.port)
            await other.join(live.code("tokyo"), version=2)
            async with SeatClient("127.0.0.1", live.port, live.code("seoul"), name="seoul") as seat:
                stream = seat.messages()
                first = await anext(stream)
                assert isinstance(first, State) and first.proposal is None
                await seat.propose(WORDS, REASONS)
                shown = await anext(stream)
                assert isinstance(shown, State) and shown.proposal is not None
                assert (shown.proposal.action, shown.proposal.reasons) == (WORDS, REASONS)
                assert proposals_waiting(live.host.session.game, live.host.session.state) == (("seoul", WORDS, REASONS),)
                live.host.apply(ProposeFreeMove("seoul", WORDS, REASONS, 100, "Tokyo doubts it", "", "seat"))
                rolled = await anext(stream)
                assert isinstance(rolled, State) and rolled.proposal is None
                assert any("XQZ-PROPOSAL" in line for line in rolled.observation["log"])
                assert proposals_waiting(live.host.session.game, live.host.session.state) == ()
            told = await other.until("state")
            while not any("XQZ-PROPOSAL" in line for line in told["observation"]["log"]):
                told = await other.until("state")
            assert told["proposal"] is None
            before_roll = [line for line in other.received if b"REASONS-ZQX" in line and b"Tokyo doubts it" not in line]
            assert before_roll == [], "the other team is not shown a proposal before the white cell argues it"
            await other.close()

    run(scenario())
    lines = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()[1:]]
    moved = [line["command"] for line in lines if line["command"]["command"] == "free-move"]
    assert moved and moved[0]["by"] == "seat"
    assert command_from_json(moved[0]) == ProposeFreeMove("seoul", WORDS, REASONS, 100, "Tokyo doubts it", "", "seat")
    validator = journal_validator("command")
    assert not list(validator.iter_errors(moved[0]))
    verified = verify_journal(str(journal))
    assert verified.problem is None and verified.lines == len(lines) + 1


def test_a_proposal_is_replaced_withdrawn_and_refused_where_it_cannot_be() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario(freeMoves={"allowed": False})) as off:
            seat = await RawSeat.open(off.port)
            await seat.join(off.code("seoul"), version=2)
            await seat.send({"type": "propose", "turn": 1, "action": WORDS, "reasons": REASONS})
            refused = await seat.until("error")
            assert refused["code"] == "refused" and "does not allow free-form moves" in refused["message"]
            await seat.close()
        async with live_server(tiny_scenario()) as live:
            old = await RawSeat.open(live.port)
            await old.join(live.code("seoul"), version=1)
            await old.send({"type": "propose", "turn": 1, "action": WORDS, "reasons": REASONS})
            assert (await old.until("error"))["code"] == "bad-message"
            seat = await RawSeat.open(live.port)
            await seat.join(live.code("seoul"), version=2)
            await seat.send({"type": "propose", "turn": 1, "action": WORDS, "reasons": ""})
            assert "reasons" in (await seat.until("error"))["message"]
            await seat.send({"type": "propose", "turn": 2, "action": WORDS, "reasons": REASONS})
            assert (await seat.until("error"))["code"] == "stale-turn"
            await seat.send({"type": "propose", "turn": 1, "action": WORDS, "reasons": REASONS})
            assert (await seat.until("state"))["proposal"] == {"action": WORDS, "reasons": REASONS}
            await seat.send({"type": "propose", "turn": 1, "action": "A second thought", "reasons": "better"})
            assert (await seat.until("state"))["proposal"] == {"action": "A second thought", "reasons": "better"}
            await seat.send({"type": "propose", "turn": 1, "action": "", "reasons": ""})
            assert (await seat.until("state"))["proposal"] is None
            assert all(b"proposal" not in line for line in old.received), "version 1 is never sent a proposal"
            await seat.close()
            await old.close()

    run(scenario())


def test_a_proposal_outlives_the_server_and_an_undo_takes_it_back_from_the_seat(tmp_path: Path) -> None:
    """The proposal is journaled: a server that stops with one waiting (the console gone) serves it again
    from the journal, the seat is shown it; an undo takes it back and the seat is told."""
    journal = tmp_path / "game.jsonl"

    async def first() -> None:
        async with live_server(tiny_scenario(), journal=journal) as live:
            seat = await RawSeat.open(live.port)
            await seat.join(live.code("seoul"), version=2)
            await seat.send({"type": "propose", "turn": 1, "action": WORDS, "reasons": REASONS})
            assert (await seat.until("state"))["proposal"] == {"action": WORDS, "reasons": REASONS}
            await seat.close()
            live.session.close()  # as a killed console leaves it: the journal and nothing else

    run(first())
    resumed, _ = Session.resume(journal)
    assert proposals_waiting(resumed.game, resumed.state) == (("seoul", WORDS, REASONS),)

    async def again() -> None:
        async with live_server(session=resumed) as live:
            seat = await RawSeat.open(live.port)
            shown = await seat.join(live.code("seoul"), version=2)
            assert shown["proposal"] == {"action": WORDS, "reasons": REASONS}
            live.host.apply(Undo())
            assert (await seat.until("state"))["proposal"] is None
            await seat.close()

    run(again())
    resumed.close()
    lines = [json.loads(line)["command"] for line in journal.read_text(encoding="utf-8").splitlines()[1:]]
    assert lines == [{"command": "free-move-proposal", "role": "seoul", "action": WORDS, "reasons": REASONS}, {"command": "undo"}]
    verified = verify_journal(str(journal))
    assert verified.problem is None


def test_the_referee_of_whitecell_serve_refuses_a_proposal_for_want_of_a_white_cell(tmp_path: Path) -> None:
    """`whitecell serve` has no facilitator to argue and roll for a move: a seat's proposal is refused
    with that reason, and nothing is journaled."""
    journal = tmp_path / "game.jsonl"
    session = Session.new(tiny_scenario(), 7, journal)
    referee = Referee(session, lambda _line: None)

    async def scenario() -> None:
        server = SeatServer(referee, JoinCodes.fresh(session.game.role_ids), port=0, on_status=referee.status_changed)
        referee.server = server
        await server.start()
        try:
            seat = await RawSeat.open(server.address[1])
            await seat.join(server.codes.code("seoul"), version=2)
            await seat.send({"type": "propose", "turn": 1, "action": WORDS, "reasons": REASONS})
            refused = await seat.until("error")
            assert refused["code"] == "refused" and "no white cell adjudicates them" in refused["message"]
            await seat.close()
        finally:
            await server.stop()

    run(scenario())
    session.close()
    assert len(journal.read_text(encoding="utf-8").splitlines()) == 1, "only the header"
