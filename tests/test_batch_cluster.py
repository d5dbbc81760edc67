"""Chunks on a Dask cluster (``--dask``): the same report byte for byte as plain simulate, and clear errors.

The chunks a cluster plays are the local workers' (`play_range`: scenario JSON, bots by name and
a game range in, integer totals as JSON out); they are merged here in any order and chunking,
then played on a local cluster this module starts itself (threads, on 127.0.0.1, closed at the
end). A bad address, a port nobody listens on or that never answers, and a missing
`distributed` each give one clear message within a bounded time.
"""

from __future__ import annotations

import functools
import importlib
import json
import random
import re
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch.cluster import ClusterError, NoDistributed, cluster_totals, scheduler_address
from engine.batch.play import chunk_ranges
from engine.batch.totals import Totals
from engine.batch.workers import from_game_zero, play_range
from engine.bots.policies import PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import report_json, simulate
from engine.core.rules import Game, compile_scenario
from engine.load.catalog import resolve_scenario
from tests.optional import need
from tests.test_cli import no_traceback, run_here, usage_error

NAME = "missile-crisis"
BOTS = {"seoul": "random", "tokyo": "passive"}


@pytest.fixture(scope="module")
def game() -> Game:
    return compile_scenario(resolve_scenario(NAME))


def _policies(game: Game) -> dict[str, Policy]:
    kinds: dict[str, type[Policy]] = {"random": RandomPolicy, "passive": PassivePolicy}
    return {role: kinds[BOTS[role]]() for role in game.role_ids}


@functools.cache
def _plain(game: Game, games: int, seed: int) -> str:
    return report_json(simulate(game, games, seed, _policies(game)))


@settings(max_examples=20)
@given(st.integers(8, 120), st.sampled_from([0, 3, 2**40]), st.randoms(use_true_random=False))
def test_chunks_merged_in_any_order_give_the_plain_report(game: Game, chunk: int, seed: int, shuffle: random.Random) -> None:
    """What a cluster's worker sends back (JSON), merged in any order and chunking: the scalar report, byte for byte."""
    text = json.dumps(game.scenario.document, ensure_ascii=False, sort_keys=True)
    bots = tuple(sorted(BOTS.items()))
    ranges = list(chunk_ranges(0, 150, chunk))
    shuffle.shuffle(ranges)
    found = {
        first: Totals.from_json(json.loads(json.dumps(play_range(text, bots, seed, first, count)))) for first, count in ranges
    }
    assert report_json(from_game_zero(found).report(game)) == _plain(game, 150, seed)


def test_addresses_are_checked_before_anything_is_played() -> None:
    assert scheduler_address("127.0.0.1") == "tcp://127.0.0.1:8786"
    assert scheduler_address("tcp://127.0.0.1:9000") == "tcp://127.0.0.1:9000"
    assert scheduler_address("[::1]:9000") == "tcp://[::1]:9000"
    for bad, says in [
        ("", "expected HOST[:PORT]"),
        ("udp://127.0.0.1:1", "unknown scheme 'udp'"),
        ("127.0.0.1:0", "port must be a whole number from 1 to 65535"),
        ("127.0.0.1:http", "port must be a whole number"),
        ("::1", "IPv6 address in brackets"),
        ("a host:1", "expected HOST[:PORT]"),
    ]:
        with pytest.raises(ValueError, match=re.escape(says)):
            scheduler_address(bad)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_nothing_listening_is_said_at_once(game: Game, capsys: pytest.CaptureFixture[str]) -> None:
    need("distributed", "dask")
    address = f"127.0.0.1:{_free_port()}"
    started = time.monotonic()
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        cluster_totals(game.scenario.document, BOTS, 10, 1, address, timeout=5)
    assert time.monotonic() - started < 5
    result = run_here(capsys, "simulate", NAME, "--games", "10", "--dask", address)
    assert result.returncode == 1 and result.stdout == ""
    assert "--dask: cannot reach the Dask scheduler at tcp://127.0.0.1:" in result.stderr
    no_traceback(result)


def test_a_port_that_never_answers_fails_within_the_timeout(game: Game) -> None:
    need("distributed", "dask")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        started = time.monotonic()
        with pytest.raises(ClusterError, match="no Dask scheduler answered"):
            cluster_totals(game.scenario.document, BOTS, 10, 1, f"127.0.0.1:{silent.getsockname()[1]}", timeout=1)
        assert time.monotonic() - started < 10


def test_bad_flags_are_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    usage_error(run_here(capsys, "simulate", "--games", "5", "--dask", "udp://x:1"), "--dask: unknown scheme 'udp'")
    usage_error(run_here(capsys, "sweep", "--vary", "roles.seoul.budget=1,2", "--dask", "h:0"), "--dask: the port must be")
    usage_error(run_here(capsys, "simulate", "--dask", "127.0.0.1", "--workers", "2"), "leave out --workers")
    need("distributed", "dask")
    rows = str(tmp_path / "rows.csv")
    usage_error(run_here(capsys, "simulate", "--dask", "127.0.0.1", "--per-game", rows), "leave out --dask")
    journaled = run_here(capsys, "simulate", NAME, "--dask", "127.0.0.1", "--journal-dir", str(tmp_path / "journals"))
    usage_error(journaled, "--dask plays the batched engine's chunks")
    assert not (tmp_path / "journals").exists()


def test_without_distributed_the_message_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, game: Game
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    for command in (["simulate"], ["sweep", "--vary", "roles.seoul.budget=1,2"]):
        usage_error(run_here(capsys, *command, "--dask", "127.0.0.1:8786"), "pip install 'whitecell[dask]'")
    with pytest.raises(NoDistributed, match=r"pip install 'whitecell\[dask\]'"):
        cluster_totals(game.scenario.document, BOTS, 10, 1, "127.0.0.1:8786")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A Dask cluster of two single-thread workers in this process, on 127.0.0.1 only; closed after the module."""
    need("distributed", "dask")
    local_cluster: Any = importlib.import_module("distributed").LocalCluster  # untyped

    with local_cluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as local:
        yield str(local.scheduler_address)


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_a_cluster_gives_the_plain_report(cluster: str, game: Game, chunk: int) -> None:
    totals = cluster_totals(game.scenario.document, BOTS, 300, 4, cluster, chunk=chunk)
    assert report_json(totals.report(game)) == _plain(game, 300, 4)


def test_simulate_and_sweep_on_a_cluster(cluster: str, capsys: pytest.CaptureFixture[str]) -> None:
    plain = run_here(capsys, "simulate", NAME, "--games", "400", "--json", "--seed", "9")
    dask = run_here(capsys, "simulate", NAME, "--games", "400", "--json", "--seed", "9", "--dask", cluster)
    assert dask.returncode == 0, dask.stderr
    assert dask.stdout == plain.stdout, "byte for byte"
    text = run_here(capsys, "simulate", NAME, "--games", "400", "--dask", cluster)
    assert f"on the Dask cluster at {cluster}" in text.stdout
    sweep = ["sweep", NAME, "--vary", "roles.seoul.budget=1,2", "--games", "120", "--json"]
    alone = run_here(capsys, *sweep)
    spread = run_here(capsys, *sweep, "--dask", cluster)
    assert spread.returncode == 0, spread.stderr
    assert spread.stdout == alone.stdout


def test_a_stopped_run_keeps_the_chunks_from_game_zero(cluster: str, game: Game) -> None:
    asked: list[Any] = []

    def stop() -> bool:
        asked.append(True)
        return True

    totals = cluster_totals(game.scenario.document, BOTS, 500, 2, cluster, chunk=50, stop=stop)
    assert asked and totals.games % 50 == 0 and 50 <= totals.games <= 500
    assert totals.ranges[0][0] == 0


def test_a_chunk_that_fails_on_the_cluster_is_said(cluster: str, game: Game) -> None:
    """What a worker raises comes back as one clear error naming the chunk, never as a hang."""
    broken = {**game.scenario.document, "roles": []}
    with pytest.raises(ClusterError, match="the chunk from game 0 failed on the cluster: "):
        cluster_totals(broken, BOTS, 30, 1, cluster, chunk=30)


def test_workers_of_another_version_are_refused(cluster: str, game: Game, monkeypatch: pytest.MonkeyPatch) -> None:
    """Totals carry the engine's version: a cluster running another whitecell could give other games."""
    monkeypatch.setattr("engine.batch.cluster.__version__", "0.0.0-elsewhere")
    with pytest.raises(ClusterError, match=r"the cluster's workers run whitecell .*, this is 0\.0\.0-elsewhere"):
        cluster_totals(game.scenario.document, BOTS, 30, 1, cluster)
