"""`play --seats` options: where the seat server listens and whether over TLS, read from the command line.

Kept apart from `tui.seating` (the server itself) so that a console without seats loads none of it.
"""

from __future__ import annotations

import argparse
import ipaddress

import attrs

__all__ = ["DEFAULT_PORT", "SeatOptions", "listen_argument", "seat_options"]

DEFAULT_PORT = 7420
"""The seat server's port unless told otherwise (`engine.seats.protocol.DEFAULT_PORT`; a test keeps them equal)."""


@attrs.frozen
class SeatOptions:
    """How `play --seats` serves the teams: where it listens, and whether over TLS."""

    listen: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    tls: bool = False


def _host(text: str) -> str:
    if text == "localhost":
        return text
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an IP address; give this machine's address, e.g. 127.0.0.1 (this machine only) "
            "or 0.0.0.0 (every network it is on)"
        ) from None


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; a port is a whole number from 1 to 65535")
    return int(text)


def listen_argument(text: str) -> tuple[str, int]:
    """``ADDRESS``, ``ADDRESS:PORT``, ``[IPv6]:PORT`` or a bare IPv6 address, as (address, port)."""
    text = text.strip()
    if text.startswith("["):
        address, _, rest = text[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise argparse.ArgumentTypeError(f"{text!r}: write an IPv6 address with a port as [ADDRESS]:PORT")
        return _host(address), _port(rest[1:]) if rest else DEFAULT_PORT
    if text.count(":") == 1:
        address, port = text.split(":")
        return _host(address), _port(port)
    return _host(text), DEFAULT_PORT


def seat_options(args: argparse.Namespace) -> SeatOptions | None:
    """The seat options `play` was given, or None without --seats (argparse has refused the rest)."""
    if not args.seats:
        return None
    address, port = args.listen if args.listen else ("127.0.0.1", DEFAULT_PORT)
    return SeatOptions(listen=address, port=port, tls=args.tls)
