"""`play --seats` options: where the seat server listens and whether over TLS, read from the command line.

Kept apart from `tui.seating` (the server itself) so that a console without seats loads none of it.
"""

from __future__ import annotations

import argparse

import attrs

from engine.seats.address import DEFAULT_PORT, LOOPBACK

__all__ = ["SeatOptions", "seat_options"]


@attrs.frozen
class SeatOptions:
    """How `play --seats` serves the teams: where it listens, and whether over TLS."""

    listen: str = LOOPBACK
    port: int = DEFAULT_PORT
    tls: bool = False


def seat_options(args: argparse.Namespace) -> SeatOptions | None:
    """The seat options `play` was given, or None without --seats (argparse has refused the rest)."""
    if not args.seats:
        return None
    address, port = args.listen if args.listen else (LOOPBACK, DEFAULT_PORT)
    return SeatOptions(listen=address, port=port, tls=args.tls)
