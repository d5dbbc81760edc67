"""A bot in a seat: joins, orders each turn from what the seat is sent, and says briefly what happens.

`play_seat` drives a connected `SeatClient` with a `SeatBot` until the game ends: when the team
is drafting a turn it has not sent orders for, the bot chooses; a refusal is revised (a few
times, then nothing is ordered); orders sent back by the facilitator are chosen again. Each turn
gives one short line to ``say``, with every word from the server made safe for a terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from engine.seats.bots import SeatBot
from engine.seats.client import Disconnected, Reconnected, SeatClient, SeatError
from engine.seats.messages import Closing, Error, ErrorCode, Results, Returned, State, Submitted
from engine.seats.text import printable

__all__ = ["SeatGame", "play_seat"]

_REVISIONS = 8


@attrs.frozen
class SeatGame:
    """How a bot's game in a seat ended."""

    outcome: str | None
    score: int
    turns: int


def _labels(observation: Mapping[str, Any], actions: Sequence[str]) -> str:
    names = {action["action"]: action["label"] for action in observation["actions"]}
    return ", ".join(printable(names.get(action, action), 80) for action in actions) or "nothing"


async def play_seat(client: SeatClient, bot: SeatBot, say: Callable[[str], None]) -> SeatGame:
    """Play the client's team with ``bot`` until the game ends; SeatError if the seat cannot go on."""
    sent_for: int | None = None
    tried: tuple[str, ...] = ()
    revisions = 0
    state: State | None = None

    async def send(orders: tuple[str, ...]) -> None:
        nonlocal tried
        tried = orders
        with contextlib.suppress(SeatError):  # the connection dropped: after reconnecting, the state says whether to send again
            await client.submit(orders)

    async for message in client.messages():
        match message:
            case State():
                state = message
                if message.ended:
                    seen = message.observation
                    outcome = seen["outcome"]
                    team = printable(seen["roleName"], 80)
                    say(f"the game has ended: {printable(str(outcome), 80)}; {team} scored {seen['score']}")
                    return SeatGame(outcome, message.observation["score"], message.turn)
                if message.status == "drafting" and sent_for != message.turn:
                    sent_for, revisions = message.turn, 0
                    await send(bot.choose(message.observation))
            case Submitted() if state is not None:
                say(f"{printable(state.observation['turnHeading'], 120)}: ordered {_labels(state.observation, message.actions)}")
            case Error(code=ErrorCode.REFUSED) if state is not None and sent_for == state.turn and not state.ended:
                revisions += 1
                if revisions > _REVISIONS or not tried:
                    heading = printable(state.observation["turnHeading"], 120)
                    say(f"{heading}: orders refused, none sent: {printable(message.message, 200)}")
                    continue
                orders = bot.revise(state.observation, tried, message.reasons) if revisions < _REVISIONS else ()
                await send(orders if orders != tried else orders[:-1])
            case Error(code=ErrorCode.STALE_TURN | ErrorCode.ALREADY_SUBMITTED):
                pass  # the state that follows says where the game is
            case Error():
                say(f"the server did not accept a message: {printable(message.message, 200)} [{message.code}]")
            case Returned():
                say(f"orders sent back by the facilitator: {printable(message.note, 200)}")
                sent_for = None
            case Results():
                pass  # the next state carries the new turn; the log lines are the team's to read
            case Disconnected():
                say(str(message))
            case Reconnected():
                say("reconnected")
                sent_for = None
            case Closing():
                say(f"the server is closing the connection: {printable(message.reason, 200)}")
    raise SeatError("connection", "the seat was closed before the game ended")
