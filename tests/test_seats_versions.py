"""Versions 1 and 2 of the seat protocol on one server: a paused decision timer is told to seats that
speak 2, while a seat that speaks 1 (an older whitecell's client) is sent only what its schemas accept;
the client speaks 2 and falls back to 1 against a server that refuses it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.seats import dispatch, protocol
from engine.seats.client import SeatClient
from engine.seats.messages import State, Timer, TimerMessage, wire_json
from tests.test_seats_support import RawSeat, live_server, run, tiny_scenario


def _version_1(kind: str) -> Draft202012Validator:
    """A message kind's schema as version 1 shipped it: the timer without ``paused``."""
    schema: dict[str, Any] = json.loads(protocol.schema_text(kind))
    timer = schema.get("$defs", {}).get("timer")
    if timer is not None:
        del timer["oneOf"][1]["properties"]["paused"]
    return Draft202012Validator(schema)


def test_a_paused_timer_is_told_to_version_2_and_sent_as_none_to_version_1() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            new, old = await RawSeat.open(live.port), await RawSeat.open(live.port)
            await new.join(live.code("seoul"), version=2)
            await old.join(live.code("seoul"), version=1)
            live.host.start_timer(10)
            assert (await new.until("timer"))["timer"]["paused"] is False
            assert "paused" not in (await old.until("timer"))["timer"]
            live.host.pause_timer()
            paused = (await new.until("timer"))["timer"]
            assert paused["paused"] is True and 590 <= paused["secondsLeft"] <= 600
            assert (await new.until("state"))["timer"] == paused
            assert (await old.until("timer"))["timer"] is None  # as version 1 was always told of a paused timer
            live.host.pause_timer()  # going again
            running = (await new.until("timer"))["timer"]
            assert running["paused"] is False and running["secondsLeft"] <= paused["secondsLeft"]
            assert (await old.until("timer"))["timer"]["secondsLeft"] <= 600
            await old.until("state")
            for line in old.received:
                message = json.loads(line)
                assert not list(_version_1(message["type"]).iter_errors(message)), message
            await new.close()
            await old.close()

    run(scenario())


def test_the_welcome_names_the_version_the_seat_speaks_and_others_are_refused() -> None:
    async def scenario() -> None:
        async with live_server(tiny_scenario()) as live:
            for version in (1, 2):
                seat = await RawSeat.open(live.port)
                await seat.send({"type": "hello", "version": version, "code": live.code("tokyo"), "client": "t"})
                assert (await seat.recv())["version"] == version
                await seat.close()
            seat = await RawSeat.open(live.port)
            await seat.send({"type": "hello", "version": 3, "code": live.code("tokyo"), "client": "t"})
            refused = await seat.recv()
            assert refused["code"] == "bad-version" and "versions 1 and 2" in refused["message"]
            await seat.close()

    run(scenario())


def test_the_client_speaks_2_and_falls_back_to_1_against_an_older_server(monkeypatch: pytest.MonkeyPatch) -> None:
    async def join() -> tuple[int, int]:
        async with live_server(tiny_scenario()) as live, SeatClient("127.0.0.1", live.port, live.code("seoul")) as seat:
            return seat.version, seat.welcome.version if seat.welcome else 0

    assert run(join()) == (2, 2)
    monkeypatch.setattr(dispatch, "VERSIONS", (1,))  # a server of before version 2
    assert run(join()) == (1, 1)


@pytest.mark.parametrize("paused", [False, True])
def test_version_1_is_sent_exactly_the_old_form(paused: bool) -> None:
    timer = Timer(12.5, 10, paused=paused)
    old = wire_json(TimerMessage(timer, seq=3), 1)
    assert old == {"type": "timer", "seq": 3, "timer": None if paused else {"secondsLeft": 12.5, "minutes": 10}}
    state = wire_json(State({"turn": 1, "ended": False}, (), "drafting", timer, seq=4), 1)
    assert state["timer"] == old["timer"]
    assert wire_json(TimerMessage(timer, seq=3), 2)["timer"] == {"secondsLeft": 12.5, "minutes": 10, "paused": paused}
