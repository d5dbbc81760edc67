"""Seat server speed and soundness under load. Not a test: run `python tests/benchmark_seats.py` to print figures.

- submit to host: the time from a seat's submit (the moment its client writes the line) to the
  host's `submit` having applied and journaled it (fsynced), over 200 submits of the default
  scenario on 127.0.0.1, each sent back by the facilitator so the next may be sent; the goal is
  under 100 ms. The seat and the server share one process and event loop.
- load: one server, a generated scenario with 8 teams, each team's seat plus 100 more bot seats
  (108 connections, 13 or 14 per team, all submitting) playing a whole 12-turn game with a
  referee that resolves once every team's orders are in. Every connection checks its sequence
  numbers (nothing lost or repeated) and counts the results it was sent (one per turn).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from engine.core.commands import ReturnOrders, SubmitOrders
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.load.loader import load_scenario_document
from engine.seats.bots import make_seat_bot
from engine.seats.client import SeatClient
from engine.seats.codes import JoinCodes
from engine.seats.host import SessionHost
from engine.seats.messages import Results, State, Submitted
from engine.seats.play import play_seat
from engine.seats.server import SeatServer

SUBMITS = 200
TEAMS = 8
EXTRA_SEATS = 100
TURNS = 12


async def submit_latency(folder: Path) -> list[float]:
    """Milliseconds from each submit's write to the host having applied it."""
    session = Session.new(resolve_scenario("seoul-tokyo-2026"), 7, folder / "latency.jsonl")
    seen: list[float] = []
    host = SessionHost(session, on_submit=lambda command: seen.append(time.perf_counter()))
    codes = JoinCodes.fresh(session.game.role_ids)
    server = SeatServer(host, codes, port=0)
    host.server = server
    await server.start()
    latencies = []
    async with SeatClient("127.0.0.1", server.address[1], codes.code("seoul"), name="bench") as seat:
        stream = seat.messages()
        await anext(stream)
        for _ in range(SUBMITS):
            sent = time.perf_counter()
            await seat.submit(["shuttle-summit"])
            while not isinstance(await anext(stream), Submitted):
                pass
            latencies.append((seen[-1] - sent) * 1000)
            host.apply(ReturnOrders("seoul", "again"))
            while not (isinstance(message := await anext(stream), State) and message.status == "drafting"):
                pass
    await server.stop()
    session.close()
    return latencies


def _many_teams() -> Any:
    roles = [{"id": f"team{n}", "name": f"Team {n}", "budget": 2} for n in range(1, TEAMS + 1)]
    ids = [role["id"] for role in roles]
    return load_scenario_document(
        {
            "format": 1,
            "id": "eight-teams",
            "title": "Eight teams",
            "turns": {"count": TURNS},
            "roles": roles,
            "variables": [{"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50}],
            "actions": [
                {"id": "talk", "label": "Talk", "roles": ids, "cost": 1, "effects": [{"add": {"trust": 1}}]},
                {"id": "posture", "label": "Posture", "roles": ids, "cost": 1, "effects": [{"add": {"trust": -1}}]},
                {"id": "summit", "label": "Summit", "roles": ids, "cost": 2, "effects": [{"add": {"trust": 3}}]},
            ],
            "shocks": [],
            "rules": [],
            "outcomes": [{"id": "done", "title": "Done"}],
        },
        "eight-teams.json",
    )


async def load(folder: Path) -> dict[str, Any]:
    """A whole game with 8 teams and 108 seats; what each seat was sent."""
    session = Session.new(_many_teams(), 3, folder / "load.jsonl")
    host = SessionHost(session, auto_resolve=True)
    codes = JoinCodes.fresh(session.game.role_ids)
    server = SeatServer(host, codes, port=0)
    host.server = server
    await server.start()
    roles = session.game.role_ids
    seats = [
        SeatClient("127.0.0.1", server.address[1], codes.code(roles[n % TEAMS]), name=f"seat {n}")
        for n in range(TEAMS + EXTRA_SEATS)
    ]
    results = [0] * len(seats)

    async def play(index: int, seat: SeatClient) -> None:
        original = seat.messages

        async def counted() -> Any:
            async for message in original():
                if isinstance(message, Results):
                    results[index] += 1
                yield message

        seat.messages = counted  # type: ignore[method-assign]
        await play_seat(seat, make_seat_bot("random", seed=index), lambda line: None)
        await seat.close()

    started = time.perf_counter()
    await asyncio.gather(*(seat.connect() for seat in seats))  # every seat joins before any orders go in
    await asyncio.gather(*(play(index, seat) for index, seat in enumerate(seats)))
    elapsed = time.perf_counter() - started
    await server.stop()
    session.close()
    return {
        "seconds": elapsed,
        "turns": session.state.turn,
        "ended": session.state.ended,
        "messages": sum(seat.received for seat in seats),
        "faults": sum(seat.sequence_faults for seat in seats),
        "results": results,
        "by seat": sum(
            getattr(record.command, "by", "") == "seat" for record in session.records if isinstance(record.command, SubmitOrders)
        ),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        latencies = sorted(asyncio.run(submit_latency(folder)))
        p95 = latencies[int(0.95 * len(latencies)) - 1]
        median = statistics.median(latencies)
        print(
            f"submit to host ({SUBMITS} submits, journal fsynced): median {median:.2f} ms, p95 {p95:.2f} ms, "
            f"max {latencies[-1]:.2f} ms (goal: under 100 ms)"
        )
        figures = asyncio.run(load(folder))
        complete = sum(count == figures["turns"] for count in figures["results"])
        print(
            f"load: {TEAMS} teams, {TEAMS + EXTRA_SEATS} seats, {figures['turns']} turns, ended {figures['ended']}, "
            f"{figures['seconds']:.2f} s, {figures['messages']:,} messages sent to seats, "
            f"{figures['faults']} lost or repeated, {complete}/{TEAMS + EXTRA_SEATS} seats sent every turn's results, "
            f"{figures['by seat']} orders journaled by seat"
        )
        if figures["faults"] or complete != TEAMS + EXTRA_SEATS or not figures["ended"]:
            sys.exit("load: a message was lost or repeated, or the game did not finish")


if __name__ == "__main__":
    main()
