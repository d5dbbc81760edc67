"""The batch's chunks on an existing Dask cluster (``--dask ADDRESS``; ``pip install 'whitecell[dask]'``).

The cluster is sent exactly what local workers are (`engine.batch.workers`): the scenario's JSON,
the bots by name and a range of games, and sends back the range's `Totals` as JSON, which merge
as the local workers' do, so the report is the same byte for byte whatever the cluster's workers,
the chunking and the order chunks finish in. The cluster's workers need whitecell installed, of
the same version (the totals carry it, and totals of another version are refused). `distributed`
is imported only when a run asks for a cluster.
"""

from __future__ import annotations

import importlib
import json
import socket
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from engine.batch.play import CHUNK, chunk_ranges
from engine.batch.totals import Totals
from engine.batch.workers import from_game_zero, play_range
from engine.version import __version__

INSTALL = "pip install 'whitecell[dask]'"
CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler before giving up."""
DEFAULT_PORT = 8786
"""The Dask scheduler's usual port, taken when an address names none."""
SCHEMES = ("tcp", "tls")
"""Dask's TCP, and TLS with the certificates Dask's own configuration names."""


class ClusterError(Exception):
    """The cluster cannot play the run: unreachable, a chunk failed there, or `distributed` is missing."""


class NoDistributed(ClusterError):
    """`distributed` is not installed; the message says what to install."""


def scheduler_address(text: str) -> str:
    """``HOST``, ``HOST:PORT``, ``[IPV6]:PORT`` or any of them after ``tcp://`` or ``tls://``, as a Dask address.

    Raises ValueError saying what was expected; the port defaults to 8786, Dask's.
    """
    scheme, separator, rest = text.strip().partition("://")
    if not separator:
        scheme, rest = "tcp", text.strip()
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} in {text!r} (known: {', '.join(SCHEMES)})")
    host, port_text = rest, ""
    if rest.startswith("["):
        inside, bracket, after = rest[1:].partition("]")
        if not bracket or not inside or (after and not after.startswith(":")):
            raise ValueError(f"expected [IPV6]:PORT, got {text!r}")
        host, port_text = f"[{inside}]", after[1:]
    elif rest.count(":") == 1:
        host, _, port_text = rest.partition(":")
    if not host or any(char.isspace() or char in "/?#@" for char in host):
        raise ValueError(f"expected HOST[:PORT], got {text!r}")
    if ":" in host and not host.startswith("["):
        raise ValueError(f"write an IPv6 address in brackets, as [::1]:8786, got {text!r}")
    port = DEFAULT_PORT
    if port_text or rest.endswith(":"):
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ValueError(f"the port must be a whole number from 1 to 65535, got {port_text!r}")
        port = int(port_text)
    return f"{scheme}://{host}:{port}"


def cluster_totals(
    document: Mapping[str, Any],
    bots: Mapping[str, str],
    games: int,
    seed: int,
    address: str,
    *,
    chunk: int = CHUNK,
    timeout: float = CONNECT_TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Totals:
    """The totals of games 0 to ``games - 1``, their chunks played on the Dask cluster at ``address``.

    Stopped early, the totals cover the chunks finished from game 0 on (at least the first).
    Raises `ClusterError` when the scheduler cannot be reached within ``timeout`` seconds or a
    chunk fails there, and `NoDistributed` when `distributed` is not installed.
    """
    target = scheduler_address(address)
    distributed = _distributed()
    _reachable(target, timeout)
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    bot_names = tuple(sorted(bots.items()))
    found: dict[int, Totals] = {}
    done = 0
    try:
        client = distributed.Client(target, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {target} within {timeout:g} s: {error}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as error:
            raise ClusterError(f"the Dask cluster at {target} has no workers (waited {timeout:g} s): {error}") from None
        running = {
            client.submit(play_range, text, bot_names, seed, first, count, pure=False): first
            for first, count in chunk_ranges(0, games, chunk)
        }
        for future in distributed.as_completed(list(running), loop=client.loop):
            first = running.pop(future)
            totals = _chunk_totals(future, first)
            found[first] = totals
            done += totals.games
            if progress is not None:
                progress(done, games)
            if stop is not None and stop():
                # the games finished from game 0 on are reported: only the first chunk is waited for
                first_chunk = [pending for pending, start in running.items() if start == 0]
                client.cancel([pending for pending in running if pending not in first_chunk])
                for pending in first_chunk:
                    found[0] = _chunk_totals(pending, 0)
                break
    return from_game_zero(found)


def _chunk_totals(future: Any, first: int) -> Totals:
    """A finished chunk's totals, or `ClusterError` saying why the cluster could not play it."""
    try:
        totals = Totals.from_json(future.result())
    except (KeyError, TypeError, ValueError) as error:
        raise ClusterError(f"the cluster sent back something that is not a chunk's totals: {error}") from None
    except Exception as error:
        name = getattr(error, "name", None) if isinstance(error, ImportError) else None
        hint = "; its workers need whitecell installed" if name in ("engine", "scenarios") else ""
        raise ClusterError(f"the chunk from game {first} failed on the cluster: {type(error).__name__}: {error}{hint}") from None
    if totals.engine != __version__:
        raise ClusterError(
            f"the cluster's workers run whitecell {totals.engine}, this is {__version__}: install the same version"
        )
    return totals


def _distributed() -> Any:
    """The `distributed` package, or `NoDistributed` saying what to install."""
    try:
        import distributed
    except ImportError:
        raise NoDistributed(f"--dask needs the Dask extra: {INSTALL}") from None
    return distributed


def _reachable(target: str, timeout: float) -> None:
    """Make sure a Dask scheduler answers at ``target`` within ``timeout`` seconds, or `ClusterError`.

    A plain TCP connection first, so that nothing listening fails at once; then the scheduler is
    asked who it is, each step bounded (a `Client` would wait without end on a port that accepts
    and never answers). Run in a thread of its own, so it works under a running event loop too.
    """
    scheme, _, rest = target.partition("://")
    if scheme == "tcp":
        host, _, port = rest.rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
                pass
        except OSError as error:
            why = error.strerror or str(error) or type(error).__name__
            raise ClusterError(f"cannot reach the Dask scheduler at {target}: {why}") from None
    import asyncio  # here, not at the top: every simulate imports this module (70 ms), few ask a cluster

    with ThreadPoolExecutor(1) as thread:
        try:
            answer = thread.submit(asyncio.run, _identity(target, timeout)).result()
        except (OSError, TimeoutError, ValueError) as error:
            why = str(error) or "no answer"
            raise ClusterError(f"no Dask scheduler answered at {target} within {timeout:g} s: {why}") from None
    if not isinstance(answer, dict) or answer.get("type") != "Scheduler":
        raise ClusterError(f"what answers at {target} is not a Dask scheduler")


async def _identity(target: str, timeout: float) -> Any:
    """The scheduler's answer to ``identity``, every step within ``timeout`` seconds."""
    import asyncio  # see _reachable

    comms: Any = importlib.import_module("distributed.comm")  # untyped: held as Any
    security: Any = importlib.import_module("distributed.security")
    arguments = security.Security().get_connection_args("client")
    comm = await asyncio.wait_for(comms.connect(target, timeout=timeout, **arguments), timeout)
    try:
        await asyncio.wait_for(comm.write({"op": "identity", "reply": True}), timeout)
        return await asyncio.wait_for(comm.read(), timeout)
    finally:
        comm.abort()
