"""Ctrl-C during a long `whitecell simulate`: it stops after the game or chunk in hand, prints the
report of the games finished, marked as partial, and exits 130.

The command runs in a subprocess whose standard error is a pseudo-terminal, as at a real
terminal, so it draws its progress bar; the test waits for the bar to show games finished
(the run is then well inside the loop) before sending SIGINT. Every wait is bounded.
"""

from __future__ import annotations

import csv
import json
import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.test_cli import COMMAND

pty = pytest.importorskip("pty")

LIMIT = 120.0
"""Seconds any one wait may take before the test fails (the run is killed)."""


def _interrupted(*args: str) -> tuple[int, str, str]:
    """Run simulate, press Ctrl-C once games are finished; (status, stdout, what the terminal showed)."""
    main, child = pty.openpty()
    process = subprocess.Popen([*COMMAND, "simulate", *args], stdout=subprocess.PIPE, stderr=child, stdin=subprocess.DEVNULL)
    os.close(child)
    shown = b""
    deadline = time.monotonic() + LIMIT
    try:
        while b"] " not in shown.rpartition(b"\r")[2] or b" 0/" in shown.rpartition(b"\r")[2]:
            assert time.monotonic() < deadline, f"no progress shown: {shown!r}"
            ready, _, _ = select.select([main], [], [], 1.0)
            if ready:
                shown += os.read(main, 4096)
            assert process.poll() is None, f"simulate ended before it was interrupted: {shown!r}"
        process.send_signal(signal.SIGINT)
        stdout, _ = process.communicate(timeout=LIMIT)
        while select.select([main], [], [], 0.1)[0]:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    return process.returncode, stdout.decode("utf-8"), shown.decode("utf-8", "replace")


@pytest.mark.parametrize("engine", [["--engine", "batch"], ["--engine", "scalar"], ["--workers", "2"]])
def test_ctrl_c_reports_the_games_finished_as_partial(engine: list[str]) -> None:
    """With workers too: they ignore Ctrl-C, and the parent keeps the chunks finished from game 0 on."""
    status, stdout, shown = _interrupted("--games", "1000000", *engine, "--json")
    assert status == 130, (stdout, shown)
    report = json.loads(stdout)
    assert report["partial"] is True
    assert report["gamesRequested"] == 1_000_000
    assert 0 < report["games"] < 1_000_000
    assert sum(report["outcomes"].values()) == report["games"], "every figure counts the games finished, and only them"
    assert f"stopped by Ctrl-C after {report['games']} of 1000000 games" in shown
    assert "Traceback" not in shown


@pytest.mark.parametrize("engine", ["batch", "scalar"])
def test_ctrl_c_writes_the_rows_of_the_games_finished(engine: str, tmp_path: Path) -> None:
    """The rows are written as games finish; the file takes its name with exactly the games the report counts."""
    out = tmp_path / "games.csv"
    status, stdout, shown = _interrupted("--games", "1000000", "--engine", engine, "--json", "--per-game", str(out))
    assert status == 130, (stdout, shown)
    played = json.loads(stdout)["games"]
    with out.open(newline="", encoding="utf-8") as stream:
        header, *rows = csv.reader(stream)
    assert header[:3] == ["index", "seed", "outcome"]
    assert [int(row[0]) for row in rows] == list(range(played))
    assert [path.name for path in tmp_path.iterdir()] == ["games.csv"], "no temporary file is left beside it"


def test_the_text_report_says_it_is_partial() -> None:
    status, stdout, _ = _interrupted("--games", "1000000")
    assert status == 130
    lines = stdout.splitlines()
    stopped = [line for line in lines if line.startswith("Stopped early (Ctrl-C): ")]
    assert len(stopped) == 1 and stopped[0].endswith("of 1000000 games finished; every figure is of those games only")
    played = int(stopped[0].split(": ")[1].split()[0])
    assert lines[1].startswith(f"{played} games, seed 1;")
