"""What the command line does when it talks to a real terminal: a progress bar on stderr."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

from tests.test_cli import COMMAND


def test_simulate_draws_a_progress_bar_on_a_terminal_and_clears_it() -> None:
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [*COMMAND, "simulate", "missile-crisis", "--games", "200", "--json"],
            stdout=subprocess.PIPE,
            stderr=follower,
        )
        os.close(follower)
        output, _ = process.communicate(timeout=120)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert process.returncode == 0
    text = seen.decode("utf-8")
    assert "simulating [" in text
    assert "200/200 games" in text
    assert text.endswith("\r")
    assert output.startswith(b"{")
    assert b"simulating" not in output


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    result = subprocess.run(
        [*COMMAND, "simulate", "missile-crisis", "--games", "20"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stderr == ""


def _run_in_terminal(args: list[str], keys: list[bytes], cwd: Path, size: tuple[int, int] = (120, 40)) -> tuple[int, str]:
    """Run whitecell on a pseudo-terminal, type keys (pausing between them), return (status, output)."""
    import fcntl
    import select
    import struct
    import termios
    import time

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    process = subprocess.Popen([*COMMAND, *args], stdin=follower, stdout=follower, stderr=follower, cwd=cwd, close_fds=True)
    os.close(follower)
    output = b""

    def drain(seconds: float) -> None:
        nonlocal output
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output += chunk

    drain(4.0)
    for key in keys:
        os.write(leader, key)
        drain(1.5)
    try:
        status = process.wait(timeout=30)
    finally:
        drain(1.0)
        os.close(leader)
    return status, output.decode("utf-8", errors="replace")


def test_play_runs_the_console_in_a_terminal_and_says_where_the_journal_is(tmp_path: Path) -> None:
    status, output = _run_in_terminal(
        ["play", "missile-crisis", "--seed", "3", "--journal", "game.jsonl"], [b"\r", b"q", b"y"], tmp_path
    )
    assert status == 0
    assert "The session is saved in its journal: game.jsonl" in output
    assert "whitecell play --resume game.jsonl" in output
    assert "Traceback" not in output
    lines = (tmp_path / "game.jsonl").read_text(encoding="utf-8").splitlines()
    assert '"journal":"whitecell"' in lines[0]


def test_the_report_command_printed_on_leaving_works_when_the_report_was_written(tmp_path: Path) -> None:
    """After `w` wrote the report, the farewell says so and its command replaces it (--force) rather than failing."""
    (tmp_path / "my game-report.html").write_text("<p>earlier</p>", encoding="utf-8")
    args = ["play", "missile-crisis", "--seed", "3", "--journal", "my game.jsonl"]
    status, output = _run_in_terminal(args, [b"\r", b"q", b"y"], tmp_path)
    assert status == 0
    flat = " ".join(output.split())
    assert "Report written: my game-report.html" in flat
    assert "whitecell report 'my game.jsonl' -o 'my game-report.html' --force" in flat


def test_play_resumes_a_journal_in_a_terminal(tmp_path: Path) -> None:
    from engine.core.commands import Resolve
    from engine.journal.session import Session
    from engine.load.catalog import resolve_scenario

    session = Session.new(resolve_scenario("missile-crisis"), 3, tmp_path / "game.jsonl")
    session.apply(Resolve())
    session.close()
    status, output = _run_in_terminal(["play", "--resume", "game.jsonl"], [b"q", b"y"], tmp_path)
    assert status == 0
    assert "Week 2 of 8" in output
    assert "The session is saved in its journal: game.jsonl" in output
