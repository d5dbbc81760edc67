"""`whitecell join HOST[:PORT] --code CODE`: the team's seat console (with ``--bot``, the engine's seat bot).

The command, its arguments and its help are the engine's (`engine.cli.join`); the terminal UI
gives it this handler. ``--bot`` goes to the engine's headless seat as it is. Without it, the
seat joins first, so that a wrong code, a server that is not there or a wrong fingerprint is one
line and exit status 1 as for a bot, and then the console opens on the joined client, in the same
event loop (`SeatApp.run_async`).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys

from engine.cli import join
from engine.cli.support import EXIT_OK, InvalidInput, UsageError

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Play the team's seat: the console in a terminal, or the seat bot ``--bot`` names."""
    if args.bot is not None:
        return join.run(args)
    host, port = join.parse_address(args.address)
    if args.fingerprint is not None:
        from engine.seats.tls import parse_fingerprint

        try:
            parse_fingerprint(args.fingerprint)
        except ValueError as error:
            raise UsageError(f"--fingerprint: {error}") from None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "join without --bot opens the team's seat console, which runs in a terminal; "
            f"standard input and output must be a terminal (or give --bot NAME: {', '.join(join.SEAT_BOT_NAMES)})"
        )
    asyncio.run(console(host, port, args))
    return EXIT_OK


async def console(host: str, port: int, args: argparse.Namespace) -> None:
    """Join with the code, then run the console on the joined seat until the team member quits."""
    from engine.seats.client import Backoff, SeatClient, SeatError
    from engine.seats.text import printable
    from tui.seat.app import SeatApp
    from tui.seat.client import ClientLink

    client = SeatClient(
        host,
        port,
        args.code,
        name=args.name or f"seat console on {platform.node() or 'a laptop'}"[:100],
        fingerprint=args.fingerprint,
        backoff=Backoff(give_up_after=float(args.retry_for)),
    )
    where = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    try:
        try:
            await client.connect()
        except SeatError as error:
            wait = f" (try again in {error.retry_after:.0f} s)" if error.retry_after else ""
            raise InvalidInput(f"cannot join at {where}: {printable(error.message, 300)}{wait} [{error.code}]") from None
        secured = "encrypted, fingerprint checked" if args.fingerprint else "not encrypted"
        await SeatApp(ClientLink(client), where=printable(f"{where} ({secured})", 200)).run_async()
    finally:
        await client.close()
