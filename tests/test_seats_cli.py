"""`whitecell join` as a process: two seat bots play a whole game against a server in the test process, and
every way of failing to join is one line on standard error with a non-zero status, never a traceback."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli.join import parse_address
from engine.cli.support import UsageError
from engine.exercise import Exercise
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.seats.client import SeatClient, SeatError
from engine.seats.tls import TlsIdentity
from tests.test_seats_support import ServerThread, run, tiny_scenario

COMMAND = [sys.executable, "-m", "engine", "join"]


def join(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def one_line_error(status: int, err: str, needle: str) -> None:
    assert status != 0
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("whitecell: error: "), err
    assert needle in err, err


def test_two_bots_in_seats_play_a_whole_game_that_the_journal_replays(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    with ServerThread(Session.new(resolve_scenario("missile-crisis"), 5, journal), auto_resolve=True) as live:
        address = f"127.0.0.1:{live.port}"
        seoul = join(address, "--code", live.codes.code("seoul"), "--bot", "random", "--seed", "4")
        tokyo = join(address, "--code", live.codes.code("tokyo").lower().replace("-", " "), "--bot", "learner", "--name", "T")
        results = [finished(seoul), finished(tokyo)]
        turns = live.session.state.turn
        assert live.session.state.ended
        live.session.close()
    for status, out, err in results:
        assert (status, err) == (0, "")
        lines = out.splitlines()
        assert lines[0].startswith(f"joined {address} as ") and "(not encrypted)" in lines[0]
        assert sum(": ordered " in line for line in lines) == turns
        assert lines[-1].startswith("the game has ended: ")
    with Exercise.resume(journal) as again:
        assert again.ended
        assert {getattr(record.command, "by", None) for record in again.session.records} == {"seat", None}


def test_join_checks_the_servers_fingerprint() -> None:
    identity = TlsIdentity.generate()
    with ServerThread(Session.new(tiny_scenario(), 1), auto_resolve=True, tls=identity) as live:
        address = f"127.0.0.1:{live.port}"
        wrong = join(address, "--code", live.codes.code("seoul"), "--bot", "passive", "--fingerprint", "AB" * 32)
        one_line_error(*finished(wrong)[::2], "[fingerprint]")
        seoul = join(address, "--code", live.codes.code("seoul"), "--bot", "passive", "--fingerprint", identity.fingerprint)
        tokyo = join(address, "--code", live.codes.code("tokyo"), "--bot", "passive", "--fingerprint", identity.fingerprint[:47])
        for status, out, err in (finished(seoul), finished(tokyo)):
            assert (status, err) == (0, "")
            assert "(encrypted, fingerprint checked)" in out


def test_a_wrong_code_or_no_server_is_one_line_and_status_1() -> None:
    with ServerThread(Session.new(tiny_scenario(), 1)) as live:
        status, _, err = finished(join(f"127.0.0.1:{live.port}", "--code", "WRONG", "--bot", "random"))
        assert status == 1
        one_line_error(status, err, "not a join code of this session [bad-code]")
        port = live.port
    status, _, err = finished(join(f"127.0.0.1:{port}", "--code", "X", "--bot", "random"))
    assert status == 1
    one_line_error(status, err, "nothing is listening there")
    status, _, err = finished(join("no-such-host.invalid", "--code", "X", "--bot", "random"))
    one_line_error(status, err, "cannot find the host")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["127.0.0.1", "--code", "X"], "--bot NAME is required"),
        (["127.0.0.1", "--code", "X", "--bot", "greedy"], "seat bots: passive, random, learner"),
        (["127.0.0.1", "--code", "X", "--bot", "clever"], "unknown seat bot 'clever'"),
        (["127.0.0.1:99999", "--code", "X", "--bot", "random"], "the port must be"),
        (["127.0.0.1", "--code", "X", "--bot", "random", "--fingerprint", "12:34"], "--fingerprint"),
    ],
)
def test_bad_usage_is_status_2_with_a_clear_message(args: list[str], needle: str) -> None:
    status, _, err = finished(join(*args))
    assert status == 2
    one_line_error(status, err, needle)


def test_addresses_may_name_a_port_and_ipv6_goes_in_brackets() -> None:
    assert parse_address("room-laptop") == ("room-laptop", 7420)
    assert parse_address("10.0.0.5:9000") == ("10.0.0.5", 9000)
    assert parse_address("[::1]:9000") == ("::1", 9000)
    assert parse_address("::1") == ("::1", 7420)
    for bad in ("", ":80", "[::1", "[::1]x", "host:port"):
        with pytest.raises(UsageError):
            parse_address(bad)


def test_a_server_of_another_protocol_version_is_a_seat_error() -> None:
    async def scenario() -> SeatError:
        async def old_server(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readline()
            refusal = {"type": "error", "seq": 1, "code": "bad-version", "message": "this server speaks version 2"}
            writer.write(json.dumps({**refusal, "reasons": [], "retryAfter": None}).encode() + b"\n")
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(old_server, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            await SeatClient("127.0.0.1", port, "X").connect()
        except SeatError as error:
            return error
        finally:
            server.close()
        raise AssertionError("joined a server of another version")

    error = run(scenario())
    assert error.code == "bad-version" and "version 2" in error.message
