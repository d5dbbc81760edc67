"""`whitecell serve` as a process: a journaled game served with no console, played by seat bots in other
processes and by an engine bot on the server; the codes kept for --resume; every refusal one line and
the right exit status. And the referee itself, in process: what it reports and when it resolves."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.core.commands import SubmitOrders
from engine.exercise import Exercise
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.seats.host import TeamStatus
from engine.seats.referee import Referee
from tests.test_cli import run
from tests.test_seats_cli import finished, join, one_line_error

SERVE = [sys.executable, "-m", "engine", "serve"]
ACTOR_BOTS = ("--bot", "washington=random", "--bot", "beijing=random", "--bot", "pyongyang=random")
"""Bots for the default's white-cell actors: serve has no console to enter their moves, and refuses without them."""


def _hear_ctrl_c() -> None:
    """In the server's process before it starts: Ctrl-C as a terminal would deliver it. A test run
    started in the background by a shell without job control ignores SIGINT, the server inherited
    that, and the Ctrl-C tests waited out their 120 s (seen in a clean-clone run)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*SERVE, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        preexec_fn=_hear_ctrl_c,  # noqa: PLW1509 - it only sets a signal's disposition, which takes no lock a thread could hold
    )


def serve_once(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `serve` to its end (for the refusals: it stops before it listens)."""
    return subprocess.run([*SERVE, *args], check=False, capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=60)


def announced(process: subprocess.Popen[str]) -> tuple[str, dict[str, str], list[str]]:
    """Read the server's opening lines: where it listens, each seated team's code, and the lines read."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        assert line, f"the server stopped before it was ready: {lines} {process.stderr.read() if process.stderr else ''}"
        lines.append(line.rstrip("\n"))
        if line.startswith("Each turn is resolved"):
            break
    where = re.search(r" at (127\.0\.0\.1:\d+);", lines[0])
    assert where is not None, lines
    codes = {match[1]: match[2] for line in lines if (match := re.match(r"  (\w+): ([0-9A-Z-]{19})  ", line))}
    return where[1], codes, lines


def test_a_seat_bot_plays_the_engines_greedy_bot_and_the_journal_replays(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    server = serve("missile-crisis", "--seed", "3", "--journal", str(journal), "--bot", "tokyo=greedy", "--listen", "127.0.0.1:0")
    address, codes, opening = announced(server)
    assert set(codes) == {"Seoul"} and "  Tokyo: played here by the greedy bot" in opening
    assert f"whitecell join {address} --code {codes['Seoul']}" in "\n".join(opening)
    seat = join(address, "--code", codes["Seoul"], "--bot", "random", "--seed", "2")
    (seat_status, _, seat_err), (status, out, err) = finished(seat), finished(server)
    assert (seat_status, seat_err, status, err) == (0, "", 0, "")
    lines = out.splitlines()
    with Exercise.resume(journal) as again:
        assert again.ended
        turns = again.turn
        assert again.session.settings.bots == (("tokyo", "greedy"),)
        submitted = [record.command for record in again.session.records if isinstance(record.command, SubmitOrders)]
        by = {(command.role, command.by) for command in submitted}
        assert by == {("seoul", "seat"), ("tokyo", "facilitator")}
    assert "Seoul's seat joined." in lines
    assert sum(" resolved. Seoul: " in line for line in lines) == turns
    assert any(line.startswith("The game ends: ") and "Seoul " in line and " of " in line for line in lines)
    assert lines[-1].startswith(f"Journal: {journal}")
    assert not any("disconnected" in line for line in lines), "nothing is reported once the game has ended"
    replay = [sys.executable, "-m", "engine", "replay", str(journal), "--verify"]
    verified = subprocess.run(replay, check=False, capture_output=True, text=True, encoding="utf-8")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_two_programs_in_seats_play_each_other(tmp_path: Path) -> None:
    journal = tmp_path / "duel.jsonl"
    server = serve("missile-crisis", "--seed", "8", "--journal", str(journal), "--listen", "127.0.0.1:0")
    address, codes, _ = announced(server)
    assert set(codes) == {"Seoul", "Tokyo"}
    seats = [
        join(address, "--code", codes["Seoul"], "--bot", "learner"),
        join(address, "--code", codes["Tokyo"], "--bot", "random"),
    ]
    results = [finished(seat) for seat in seats]
    status, out, err = finished(server)
    assert [result[0] for result in results] == [0, 0] and (status, err) == (0, "")
    with Exercise.resume(journal) as again:
        assert again.ended
        submitted = [record.command for record in again.session.records if isinstance(record.command, SubmitOrders)]
        assert {command.by for command in submitted} == {"seat"}
    assert "Tokyo's seat joined." in out


def test_interrupted_then_resumed_with_the_same_codes(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    first = serve("--seed", "4", "--journal", str(journal), "--listen", "127.0.0.1:0", *ACTOR_BOTS)
    _, codes, _ = announced(first)
    first.send_signal(signal.SIGINT)
    status, out, err = finished(first)
    assert status == 130 and "Traceback" not in err
    assert f"Serve it again with: whitecell serve --resume {journal}" in out
    stored = json.loads((tmp_path / "game.jsonl.seats.json").read_text(encoding="utf-8"))["codes"]
    assert {name.lower(): code for name, code in codes.items()} == stored
    again = serve("--resume", str(journal), "--listen", "127.0.0.1:0")
    _, resumed, _ = announced(again)
    again.send_signal(signal.SIGINT)
    finished(again)
    assert resumed == codes


def test_an_ended_game_is_said_to_have_ended(tmp_path: Path) -> None:
    journal = tmp_path / "over.jsonl"
    with Exercise.open("missile-crisis", seed=1, journal=journal) as ex:
        ex.end("a drill")
    status, out, err = finished(serve("--resume", str(journal)))
    assert (status, err) == (0, "") and "this game has ended" in out


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["--bot", "seoul=greedy", "--bot", "tokyo=random"], 2, "every team is played by a bot"),
        (["--bot", "moscow=greedy"], 2, "--bot names role 'moscow'"),
        (["--resume", "x.jsonl", "--seed", "3"], 2, "--resume serves a journal with its own scenario"),
        (["--resume", "missing.jsonl"], 1, "missing.jsonl"),
        (["--listen", "example.org"], 2, "is not an IP address"),
        (["no-such-scenario"], 1, "no-such-scenario"),
    ],
)
def test_bad_options_are_one_line_and_the_right_status(args: list[str], status: int, said: str, tmp_path: Path) -> None:
    process = serve_once(*args, cwd=tmp_path)
    assert process.returncode == status, process.stderr
    assert "Traceback" not in process.stderr and said in process.stderr
    assert not list(tmp_path.glob("*.jsonl")), "nothing is written for a refused start"


def test_an_actor_needs_a_bot_where_no_console_enters_its_moves(tmp_path: Path) -> None:
    scenario = tmp_path / "full.json"
    assert run("new", str(scenario), "--template", "full").returncode == 0
    actors = [role["id"] for role in json.loads(scenario.read_text(encoding="utf-8"))["roles"] if role.get("playedBy")]
    assert actors == ["mediator"]
    process = serve_once(str(scenario), cwd=tmp_path)
    one_line_error(process.returncode, process.stderr, "mediator is played by the white cell")
    assert "--bot mediator=random" in process.stderr and "whitecell play --seats" in process.stderr
    every = serve_once(str(scenario), "--bot", "mediator=random", "--bot", "seoul=random", "--bot", "tokyo=random", cwd=tmp_path)
    one_line_error(every.returncode, every.stderr, "every team is played by a bot")
    assert not list(tmp_path.glob("*.jsonl")), "nothing is written for a refused start"


def test_an_existing_journal_is_never_overwritten(tmp_path: Path) -> None:
    journal = tmp_path / "taken.jsonl"
    journal.write_text("keep me", encoding="utf-8")
    process = serve_once("--journal", str(journal), *ACTOR_BOTS)
    one_line_error(process.returncode, process.stderr, "already exists")
    assert journal.read_text(encoding="utf-8") == "keep me"


def test_a_taken_port_is_one_line(tmp_path: Path) -> None:
    first = serve("--journal", str(tmp_path / "a.jsonl"), "--listen", "127.0.0.1:0", *ACTOR_BOTS)
    address, _, _ = announced(first)
    try:
        second = serve_once("--journal", str(tmp_path / "b.jsonl"), "--listen", address, *ACTOR_BOTS)
    finally:
        first.send_signal(signal.SIGINT)
        finished(first)
    one_line_error(second.returncode, second.stderr, f"cannot listen on {address}")


# -- the referee in process -----------------------------------------------------------------------------


def _referee(bots: tuple[tuple[str, str], ...] = ()) -> tuple[Referee, list[str]]:
    said: list[str] = []
    session = Session.new(resolve_scenario("missile-crisis"), 6, settings=Settings(bots=bots))
    return Referee(session, said.append), said


def test_the_referee_resolves_once_every_team_is_in_and_lets_the_bots_order() -> None:
    referee, said = _referee((("tokyo", "passive"),))
    referee.begin()
    assert referee.session.state.turn == 1 and referee.session.state.orders[1] == ()
    referee.submit(SubmitOrders("seoul", (), by="seat"))
    assert referee.session.state.turn == 2, "Seoul's orders completed the turn"
    assert said[0] == "Seoul's orders are in from its seat." and " resolved. Seoul: nothing; Tokyo: nothing." in said[1]
    assert referee.session.state.orders[1] == (), "the bot has ordered for the next turn already"


def test_the_referee_says_when_seats_come_and_go_and_nothing_after_the_end() -> None:
    referee, said = _referee()
    for status in (TeamStatus.DRAFTING, TeamStatus.SUBMITTED, TeamStatus.DRAFTING, TeamStatus.DISCONNECTED, TeamStatus.DRAFTING):
        referee.status_changed("seoul", status)
    assert said == ["Seoul's seat joined.", "Seoul's seat is disconnected; its orders are awaited.", "Seoul's seat is back."]
    referee.finished.set()
    referee.status_changed("seoul", TeamStatus.DISCONNECTED)
    assert len(said) == 3
