"""`whitecell join HOST[:PORT] --code CODE --bot NAME`: a program in a team's seat.

Joins the facilitator's seat server with the team's code and lets a seat bot play the team until
the game ends, printing a short line per turn; a dropped connection is retried ("disconnected,
retrying"). Only seat bots may sit in a seat (`engine.seats.bots`): the engine's ``greedy`` reads
the game's hidden state, so naming it is a usage error that lists the seat bots. A server that
cannot be reached, a wrong code, too many wrong codes or another protocol version is one line on
standard error and exit status 1. Cheap to import: the seat modules load when it runs.
"""

from __future__ import annotations

import argparse
import sys

from engine.cli.command import Command
from engine.cli.support import EXIT_OK, InvalidInput, UsageError, seed_argument, whole_number

SEAT_BOT_NAMES = ("passive", "random", "learner")
"""The seat bots, for the help (engine.seats.bots.SEAT_BOTS is the list; a test keeps them in step)."""


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "address", metavar="HOST[:PORT]", help="the facilitator's seat server (default port 7420; IPv6 as [ADDR]:PORT)"
    )
    parser.add_argument("--code", required=True, metavar="CODE", help="the team's join code, as the facilitator gave it")
    parser.add_argument(
        "--bot", metavar="NAME", help=f"let a seat bot play the team instead of opening the console: {', '.join(SEAT_BOT_NAMES)}"
    )
    parser.add_argument(
        "--fingerprint",
        metavar="FP",
        help="the server's TLS certificate fingerprint, as its console shows it: the connection is encrypted and checked",
    )
    parser.add_argument(
        "--seed", type=seed_argument, default=0, metavar="N", help="the seed of the random and learner bots (default 0)"
    )
    parser.add_argument(
        "--name", default="", metavar="NAME", help="how the seat is named to the facilitator (default: the bot's name)"
    )
    parser.add_argument(
        "--retry-for",
        type=whole_number("a whole number of seconds", 0, 24 * 3600, "from 0 to 86400 seconds"),
        default=600,
        metavar="SECONDS",
        help="how long to keep trying to reconnect after the connection drops (default 600)",
    )


def parse_address(text: str) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT``, ``[IPV6]:PORT`` or a bare IPv6 address, as (host, port); UsageError when it is none."""
    from engine.seats.protocol import DEFAULT_PORT

    host, port_text = text, ""
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise UsageError(f"expected HOST[:PORT] or [IPV6]:PORT, got {text!r}")
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    if not host:
        raise UsageError(f"expected HOST[:PORT], got {text!r}")
    if not port_text:
        return host, DEFAULT_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UsageError(f"the port must be a whole number from 1 to 65535, got {port_text!r}")
    return host, int(port_text)


def _bot_name(name: str | None) -> str:
    from engine.bots.registry import bot_names

    seat_bots = ", ".join(SEAT_BOT_NAMES)
    if name is None:
        raise UsageError(f"--bot NAME is required: this build has no seat console for people yet (seat bots: {seat_bots})")
    if name in SEAT_BOT_NAMES:
        return name
    if name in bot_names():
        raise UsageError(
            f"the {name!r} bot reads the game's hidden state, which a seat is never sent, so it cannot sit in a seat; "
            f"seat bots: {seat_bots}"
        )
    raise UsageError(f"unknown seat bot {name!r} (seat bots: {seat_bots})")


def run(args: argparse.Namespace) -> int:
    """Join and play until the game ends."""
    import asyncio

    from engine.seats.tls import parse_fingerprint

    host, port = parse_address(args.address)
    name = _bot_name(args.bot)
    if args.fingerprint is not None:
        try:
            parse_fingerprint(args.fingerprint)
        except ValueError as error:
            raise UsageError(f"--fingerprint: {error}") from None
    asyncio.run(_play(host, port, args, name))
    return EXIT_OK


async def _play(host: str, port: int, args: argparse.Namespace, name: str) -> None:
    from engine.seats.bots import make_seat_bot
    from engine.seats.client import Backoff, SeatClient, SeatError
    from engine.seats.play import play_seat
    from engine.text.terminal import printable, terminal_text

    def say(line: str) -> None:
        print(terminal_text(line), flush=True)

    client = SeatClient(
        host,
        port,
        args.code,
        name=args.name or f"{name} bot",
        fingerprint=args.fingerprint,
        backoff=Backoff(give_up_after=float(args.retry_for)),
    )
    where = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    try:
        welcome = await client.connect()
        secured = "encrypted, fingerprint checked" if args.fingerprint else "not encrypted"
        say(f"joined {where} as {printable(welcome.role_name, 80)} in {printable(welcome.scenario, 120)} ({secured})")
        await play_seat(client, make_seat_bot(name, args.seed), say)
    except SeatError as error:
        wait = f" (try again in {error.retry_after:.0f} s)" if error.retry_after else ""
        raise InvalidInput(f"cannot play at {where}: {printable(error.message, 300)}{wait} [{error.code}]") from None
    finally:
        await client.close()
    sys.stdout.flush()


COMMAND = Command(
    "join",
    help="take a team's seat in a facilitator's session: the team's console, or a seat bot (the seat protocol)",
    description=(
        "Connect to the seat server of a facilitator's session with a team's join code. In a terminal, the team's "
        "seat console opens (whitecell's terminal UI): its briefing, picture and draft of orders, submitted to the "
        "white cell. With --bot a seat bot plays the "
        "team: it sees only what the team's seat is sent and orders each turn, until the game ends. Seat bots: "
        "passive (orders nothing), random (random available actions, --seed), learner (learns from its own score "
        "which actions pay). With --fingerprint the connection is TLS and the server's certificate is checked. "
        "Exit status: 0 when the game has ended, 1 when the seat cannot join or go on, 2 bad usage."
    ),
    arguments=_arguments,
    run=run,
)
