"""What the command line does when it talks to a real terminal: a progress bar on stderr."""

from __future__ import annotations

import os
import pty
import subprocess

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
