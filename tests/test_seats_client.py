"""The seat client against live servers: reconnecting after the server goes away, TLS with a pinned fingerprint, bots in seats."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from engine.core.commands import Resolve
from engine.core.view import View
from engine.exercise import Exercise
from engine.seats.bots import make_seat_bot
from engine.seats.client import Backoff, Disconnected, Reconnected, SeatClient, SeatError
from engine.seats.codes import JoinCodes
from engine.seats.messages import Closing, Error, RefusalReason, State, Submitted
from engine.seats.play import play_seat
from engine.seats.server import PLAINTEXT_WARNING, SeatServer
from engine.seats.tls import TlsIdentity, identity_paths
from tests.test_seats_support import live_server, run, tiny_scenario

QUICK = Backoff(first=0.05, most=0.2, give_up_after=20)


def test_a_seat_rides_out_the_servers_end_and_continues_with_a_new_server_on_the_same_session() -> None:
    async def scenario() -> list[str]:
        said: list[str] = []
        async with live_server(tiny_scenario()) as live:
            port = live.port
            client = SeatClient("127.0.0.1", port, live.code("seoul"), name="seoul", backoff=QUICK)
            await client.connect()
            stream = client.messages()
            first = await anext(stream)
            assert isinstance(first, State) and first.draft == ()
            await client.draft(["talk"])
            assert isinstance(draft := await anext(stream), State) and draft.draft == ("talk",)
            await live.server.stop()
            closing = await anext(stream)
            assert isinstance(closing, Closing) and closing.reason == "the facilitator closed the session"
            notice = await anext(stream)
            assert isinstance(notice, Disconnected)
            said.append(str(notice))
            again = SeatServer(live.host, live.codes, port=port)  # the console restarted on the same session and codes
            live.host.server = again
            await again.start()
            try:
                while not isinstance(message := await anext(stream), Reconnected):
                    assert isinstance(message, Disconnected)
                state = await anext(stream)
                assert isinstance(state, State) and state.draft == ()  # the new server lost the draft...
                resent = await anext(stream)
                assert isinstance(resent, State) and resent.draft == ("talk",)  # ...and the seat sent it again
                await client.submit(["talk"])
                assert isinstance(await anext(stream), Submitted)
                assert View(live.session.game, live.session.state).orders("seoul") == ("talk",)
                assert client.sequence_faults == 0
            finally:
                await client.close()
                await again.stop()
        return said

    said = run(scenario())
    assert said[0].startswith("disconnected (the facilitator closed the session), retrying in")


def test_a_seat_gives_up_after_its_backoff_runs_out() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            brief = Backoff(first=0.05, most=0.05, give_up_after=0.3)
            client = SeatClient("127.0.0.1", live.port, live.code("seoul"), backoff=brief)
            await client.connect()
            await live.server.stop()
            with pytest.raises(SeatError) as caught:
                async for _ in client.messages():
                    pass
            assert caught.value.code == "gave-up"

    run(scenario())


def test_joining_errors_are_seat_errors_with_the_servers_code() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            with pytest.raises(SeatError) as caught:
                await SeatClient("127.0.0.1", live.port, "NOPE").connect()
            assert caught.value.code == "bad-code"
            port = live.port
        with pytest.raises(SeatError) as refused:
            await SeatClient("127.0.0.1", port, "NOPE").connect()
        assert refused.value.code == "connection" and "nothing is listening" in refused.value.message

    run(scenario())


def test_tls_with_the_right_fingerprint_joins_and_a_wrong_or_missing_one_does_not() -> None:
    identity = TlsIdentity.generate()
    other = TlsIdentity.generate()

    async def scenario() -> None:
        async with live_server(tiny_scenario(), tls=identity) as live:
            assert live.server.encrypted and live.server.fingerprint == identity.fingerprint
            assert live.server.plaintext_warning is None
            async with SeatClient("127.0.0.1", live.port, live.code("seoul"), fingerprint=identity.fingerprint) as seat:
                assert seat.welcome is not None and seat.welcome.role == "seoul"
                assert isinstance(await anext(seat.messages()), State)
            with pytest.raises(SeatError) as wrong:
                await SeatClient("127.0.0.1", live.port, live.code("seoul"), fingerprint=other.fingerprint).connect()
            assert wrong.value.code == "fingerprint"
            with pytest.raises(SeatError) as plain:
                await SeatClient("127.0.0.1", live.port, live.code("seoul"), connect_timeout=5).connect()
            assert plain.value.code == "connection" and "fingerprint" in plain.value.message

    run(scenario())


def test_without_tls_on_a_reachable_address_the_server_warns_that_traffic_is_readable() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            assert live.server.plaintext_warning is None  # the loopback: nothing crosses the network
            exposed = SeatServer(live.host, live.codes, listen="0.0.0.0", port=0)
            assert not exposed.encrypted and exposed.fingerprint is None
            assert exposed.plaintext_warning == PLAINTEXT_WARNING

    run(scenario())


def test_the_certificate_is_kept_beside_the_journal_with_an_owner_only_key(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    made = TlsIdentity.for_journal(journal)
    certificate, key = identity_paths(journal)
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert certificate.read_bytes() == made.certificate
    assert TlsIdentity.for_journal(journal).fingerprint == made.fingerprint


@pytest.mark.parametrize("bots", [("random", "learner"), ("passive", "random")])
def test_seat_bots_play_a_whole_game_that_replays(tmp_path: Path, bots: tuple[str, str]) -> None:
    journal = tmp_path / "game.jsonl"

    async def scenario() -> list[str]:
        said: list[str] = []
        async with live_server("seoul-tokyo-2026", journal=journal, auto_resolve=True) as live:

            async def seat(role: str, bot: str) -> None:
                async with SeatClient("127.0.0.1", live.port, live.code(role), name=bot) as client:
                    game = await play_seat(client, make_seat_bot(bot, seed=3), said.append)
                    assert game.outcome == live.session.state.outcome
                    assert client.sequence_faults == 0

            await asyncio.gather(seat("seoul", bots[0]), seat("tokyo", bots[1]))
            assert live.session.state.ended
            live.session.close()
        return said

    said = run(scenario())
    with Exercise.resume(journal) as again:
        assert again.ended
        resolved = sum(isinstance(record.command, Resolve) for record in again.session.records)
        assert sum("ordered" in line for line in said) >= 2 * resolved >= 2 * 6
        assert all(getattr(record.command, "by", "seat") == "seat" for record in again.session.records)


def test_a_refused_order_is_revised_by_the_bot_until_the_engine_takes_it() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario(), auto_resolve=True) as live:
            refusals: list[str] = []

            class Greedy:
                name, description = "all", "orders every available action"

                def choose(self, observation: Mapping[str, Any]) -> tuple[str, ...]:
                    return ("talk", "summit")

                def revise(
                    self, observation: Mapping[str, Any], tried: Sequence[str], reasons: Sequence[RefusalReason]
                ) -> tuple[str, ...]:
                    refusals.append(",".join(tried))
                    return tuple(tried[:-1])

            async def seat(role: str) -> None:
                async with SeatClient("127.0.0.1", live.port, live.code(role)) as client:
                    await play_seat(client, Greedy(), lambda line: None)

            await asyncio.gather(seat("seoul"), seat("tokyo"))
            assert refusals == ["talk,summit"] * 8  # two teams, four turns
            assert live.session.state.ended

    run(scenario())


def test_an_error_reaches_the_client_as_a_message() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live, SeatClient("127.0.0.1", live.port, live.code("seoul")) as client:
            stream = client.messages()
            await anext(stream)
            await client.submit(["nothing-of-the-kind"])
            error = await anext(stream)
            assert isinstance(error, Error) and error.code == "refused"
            assert error.reasons[0].code == "unknown-action"

    run(scenario())


def test_codes_for_a_journal_serve_a_resumed_session(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    codes = JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=False)
    assert JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=True).code("tokyo") == codes.code("tokyo")
