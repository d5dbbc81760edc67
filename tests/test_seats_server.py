"""The seat server over real TCP on 127.0.0.1: joining, orders from seats, refusals, returns, drafts, statuses, timer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.core.commands import Resolve, ReturnOrders, SubmitOrders
from engine.exercise import Exercise
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.seats.host import SessionHost, TeamStatus
from engine.seats.throttle import Throttle
from tests.test_seats_support import Clock, RawSeat, eventually, live_server, run, tiny_scenario


def test_a_seat_joins_with_its_code_and_is_sent_its_own_picture() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            seat = await RawSeat.open(live.port)
            await seat.send({"type": "hello", "version": 1, "code": live.code("tokyo").lower(), "client": "tokyo laptop"})
            welcome = await seat.recv()
            assert welcome == {
                "type": "welcome",
                "seq": 1,
                "version": 1,
                "role": "tokyo",
                "roleName": "Tokyo",
                "scenario": "Tiny",
                "server": welcome["server"],
            }
            state = await seat.recv()
            assert state["type"] == "state" and state["seq"] == 2
            assert state["observation"]["role"] == "tokyo"
            assert state["draft"] == [] and state["status"] == "drafting" and state["timer"] is None
            assert live.server.statuses() == {"seoul": TeamStatus.NOT_STARTED, "tokyo": TeamStatus.DRAFTING}
            assert live.server.seats("tokyo") == ("tokyo laptop",)
            await seat.send({"type": "ping"})
            assert await seat.recv() == {"type": "pong", "seq": 3}
            await seat.send({"type": "bye"})
            assert await seat.recv() == {"type": "closing", "seq": 4, "reason": "goodbye"}
            await eventually(lambda: live.server.statuses()["tokyo"] == TeamStatus.DISCONNECTED)
            assert live.statuses == [("tokyo", TeamStatus.DRAFTING), ("tokyo", TeamStatus.DISCONNECTED)]

    run(scenario())


def test_a_connection_that_never_joins_is_closed_when_its_hello_window_passes() -> None:
    """Wrong codes do not keep a connection open: when the window passes it is told why and closed; a seat
    that joined in time stays."""

    async def scenario() -> None:
        async with live_server(tiny_scenario(), hello_timeout=0.5) as live:
            joined = await RawSeat.open(live.port)
            await joined.join(live.code("seoul"))
            stranger = await RawSeat.open(live.port)
            await stranger.send({"type": "hello", "version": 1, "code": "AAAA-BBBB-CCCC-DDDD", "client": "x"})
            assert (await stranger.recv())["code"] == "bad-code"
            assert await stranger.recv() == {"type": "closing", "seq": 2, "reason": "no join code within 0.5 seconds"}
            assert await stranger.reader.readline() == b"", "the connection stays open"
            await joined.send({"type": "ping"})
            assert (await joined.until("pong"))["type"] == "pong"

    run(scenario())


def test_a_wrong_code_is_refused_and_the_connection_may_try_again() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            seat = await RawSeat.open(live.port)
            await seat.send({"type": "submit", "turn": 1, "actions": []})
            assert (await seat.recv())["code"] == "not-joined"
            await seat.send({"type": "hello", "version": 1, "code": "AAAA-BBBB-CCCC-DDDD", "client": "x"})
            refused = await seat.recv()
            assert refused["code"] == "bad-code" and refused["retryAfter"] is None
            await seat.send({"type": "hello", "version": 3, "code": live.code("seoul"), "client": "x"})
            assert (await seat.recv())["code"] == "bad-version"
            again = await RawSeat.open(live.port)
            await again.join(live.code("seoul"))
            await again.send({"type": "hello", "version": 1, "code": live.code("tokyo"), "client": "x"})
            assert (await again.recv())["code"] == "bad-message"

    run(scenario())


def test_repeated_wrong_codes_from_one_address_are_slowed_then_refused() -> None:
    clock = Clock()

    async def scenario() -> None:
        throttle = Throttle(clock=clock, free=2, base_delay=5, lock_after=4, lock_for=300)
        async with live_server(tiny_scenario(), throttle=throttle) as live:
            seat = await RawSeat.open(live.port)

            async def hello(code: str) -> dict[str, object]:
                await seat.send({"type": "hello", "version": 1, "code": code, "client": "guesser"})
                return await seat.recv()

            assert (await hello("WRONG-1"))["code"] == "bad-code"
            second = await hello("WRONG-2")
            assert second["code"] == "bad-code" and second["retryAfter"] == 5
            throttled = await hello(live.code("seoul"))  # even the right code is not looked at yet
            assert throttled["code"] == "throttled" and throttled["retryAfter"] == 5
            clock.now += 5
            assert (await hello("WRONG-3"))["code"] == "bad-code"
            clock.now += 10
            assert (await hello("WRONG-4"))["code"] == "bad-code"
            locked = await hello(live.code("seoul"))
            assert locked["code"] == "throttled" and locked["retryAfter"] == 300
            clock.now += 301
            assert (await hello(live.code("seoul")))["type"] == "welcome"

    run(scenario())


def test_two_teams_submit_from_their_seats_and_the_journal_says_so_and_verifies(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"

    async def scenario() -> None:
        async with live_server(tiny_scenario(), journal=journal) as live:
            seoul, tokyo = await RawSeat.open(live.port), await RawSeat.open(live.port)
            await seoul.join(live.code("seoul"))
            await tokyo.join(live.code("tokyo"))
            await seoul.send({"type": "submit", "turn": 1, "actions": ["talk"]})
            assert await seoul.until("submitted") == {"type": "submitted", "seq": 3, "turn": 1, "actions": ["talk"]}
            assert (await seoul.until("state"))["status"] == "submitted"
            assert live.server.statuses()["seoul"] == TeamStatus.SUBMITTED
            await tokyo.send({"type": "submit", "turn": 1, "actions": ["summit"]})
            await tokyo.until("submitted")
            live.host.apply(Resolve())
            results = await seoul.until("results")
            assert results["turn"] == 1 and not results["ended"]
            assert any("Summit" in line for line in results["log"])
            state = await seoul.until("state")
            assert state["observation"]["turn"] == 2 and state["status"] == "drafting" and state["draft"] == []
            assert state["observation"]["lastOrders"] == {"seoul": ["talk"], "tokyo": ["summit"]}
            assert live.server.statuses() == {"seoul": TeamStatus.DRAFTING, "tokyo": TeamStatus.DRAFTING}
        live.session.close()

    run(scenario())
    with Exercise.resume(journal) as again:
        entered = [record.command for record in again.session.records if isinstance(record.command, SubmitOrders)]
        assert [(command.role, command.by) for command in entered] == [("seoul", "seat"), ("tokyo", "seat")]
        assert again.turn == 2


def test_orders_for_another_team_after_submitting_or_for_another_turn_are_refused_and_change_nothing() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            seat = await RawSeat.open(live.port)
            await seat.join(live.code("seoul"))
            digest = live.session.digest()
            await seat.send({"type": "submit", "turn": 1, "actions": ["talk"], "role": "tokyo"})
            assert (await seat.recv())["code"] == "other-team"
            await seat.send({"type": "submit", "turn": 2, "actions": ["talk"]})
            stale = await seat.recv()
            assert stale["code"] == "stale-turn" and "turn 1" in stale["message"]
            await seat.send({"type": "submit", "turn": 1, "actions": ["talk", "summit"]})
            refused = await seat.recv()
            assert refused["code"] == "refused"
            assert [reason["code"] for reason in refused["reasons"]] == ["orders-over-budget"]
            await seat.send({"type": "submit", "turn": 1, "actions": ["tlak"]})
            assert "did you mean 'talk'" in (await seat.recv())["message"]
            assert live.session.digest() == digest and not live.session.records
            await seat.send({"type": "submit", "turn": 1, "actions": ["talk"], "role": "seoul"})
            await seat.until("submitted")
            digest = live.session.digest()
            await seat.send({"type": "submit", "turn": 1, "actions": []})
            assert (await seat.until("error"))["code"] == "already-submitted"
            await seat.send({"type": "draft", "turn": 1, "actions": []})
            assert (await seat.until("error"))["code"] == "already-submitted"
            assert live.session.digest() == digest and len(live.session.records) == 1

    run(scenario())


def test_returned_orders_reach_the_team_with_the_note_and_it_drafts_again() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            first, second = await RawSeat.open(live.port), await RawSeat.open(live.port)
            await first.join(live.code("seoul"))
            await second.join(live.code("seoul"))
            await first.send({"type": "submit", "turn": 1, "actions": ["summit"]})
            for seat in (first, second):
                await seat.until("submitted")
            live.host.apply(ReturnOrders("seoul", "please reconsider: the budget is short"))
            for seat in (first, second):
                returned = await seat.until("returned")
                assert returned["note"] == "please reconsider: the budget is short"
                assert returned["actions"] == ["summit"] and returned["turn"] == 1
                state = await seat.until("state")
                assert state["status"] == "drafting" and state["draft"] == ["summit"]
            assert live.server.statuses()["seoul"] == TeamStatus.DRAFTING
            await second.send({"type": "submit", "turn": 1, "actions": ["talk"]})
            assert (await first.until("submitted"))["actions"] == ["talk"]

    run(scenario())


def test_a_draft_is_shared_by_the_teams_seats_and_given_back_to_a_seat_that_reconnects() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            first, second = await RawSeat.open(live.port), await RawSeat.open(live.port)
            await first.join(live.code("tokyo"))
            await second.join(live.code("tokyo"))
            other = await RawSeat.open(live.port)
            await other.join(live.code("seoul"))
            await first.send({"type": "draft", "turn": 1, "actions": ["talk", "summit"]})
            assert (await second.until("state"))["draft"] == ["talk", "summit"]
            assert (await first.until("state"))["draft"] == ["talk", "summit"]
            await first.close()
            await second.close()
            await eventually(lambda: live.server.statuses()["tokyo"] == TeamStatus.DISCONNECTED)
            back = await RawSeat.open(live.port)
            assert (await back.join(live.code("tokyo")))["draft"] == ["talk", "summit"]
            assert live.server.statuses()["tokyo"] == TeamStatus.DRAFTING
            await other.send({"type": "ping"})
            assert (await other.until("pong"))["type"] == "pong"
            assert all(json.loads(line).get("draft", []) == [] for line in other.received)  # the other team never sees it

    run(scenario())


def test_the_timer_is_sent_when_it_starts_and_stops() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            seat = await RawSeat.open(live.port)
            await seat.join(live.code("seoul"))
            live.host.start_timer(10)
            timer = await seat.until("timer")
            assert 599 <= timer["timer"]["secondsLeft"] <= 600
            assert (await seat.until("state"))["timer"]["secondsLeft"] <= 600
            live.host.stop_timer()
            assert (await seat.until("timer"))["timer"] is None

    run(scenario())


def test_facilitator_orders_count_as_the_teams_and_the_status_follows_them() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            seat = await RawSeat.open(live.port)
            await seat.join(live.code("seoul"))
            live.host.apply(SubmitOrders("seoul", ("talk",)))
            state = await seat.until("state")
            assert state["status"] == "submitted" and state["observation"]["orders"] == ["talk"]
            assert live.server.statuses()["seoul"] == TeamStatus.SUBMITTED
            await seat.send({"type": "submit", "turn": 1, "actions": []})
            assert (await seat.until("error"))["code"] == "already-submitted"

    run(scenario())


@pytest.mark.parametrize("bots", [(), (("beijing", "random"),)])
def test_a_host_resolving_on_its_own_never_waits_on_a_white_cell_actor(bots: tuple[tuple[str, str], ...]) -> None:
    """Strait week's Beijing is the white cell's: once both teams' orders are in the turn resolves, with
    the move of the bot the settings give Beijing, or with none (Beijing does nothing that turn)."""
    session = Session.new(resolve_scenario("strait-week"), 3, settings=Settings(bots=bots))
    host = SessionHost(session, auto_resolve=True)
    host.submit(SubmitOrders("seoul", ()))
    assert session.state.turn == 1
    host.submit(SubmitOrders("tokyo", ()))
    assert session.state.turn == 2
    entered = [record.command.role for record in session.records if isinstance(record.command, SubmitOrders)]
    assert entered == ["seoul", "tokyo", *(["beijing"] if bots else [])]
