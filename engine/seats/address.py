"""Where a seat server listens: the default port and ``--listen ADDRESS[:PORT]`` as typed.

Shared by the facilitator's console (`play --seats`) and the headless referee (`serve`); light to
import (no asyncio, no TLS), so that building the command line stays instant.
"""

from __future__ import annotations

import argparse
import ipaddress

__all__ = ["DEFAULT_PORT", "LOOPBACK", "listen_argument"]

DEFAULT_PORT = 7420
"""The port a seat server listens on and `whitecell join` connects to when none is given."""

LOOPBACK = "127.0.0.1"
"""Where a seat server listens unless told otherwise: this machine only."""


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
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; a port is a whole number from 1 to 65535 (0: any free one)")
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
