"""The batch asks glibc to keep freed memory for its next arrays: done once, on glibc alone."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from engine.batch.memory import keep_freed_memory


def test_the_thresholds_are_set_on_glibc_and_nowhere_else() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert keep_freed_memory() is glibc
    assert keep_freed_memory() is glibc  # once per process; asking again changes nothing


def _fresh(code: str) -> str:
    """What a fresh process prints (no earlier test has set the thresholds there)."""
    prelude = "import sys; from engine.batch import memory; from engine.cli.main import main;"
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, check=True).stdout


def test_the_library_leaves_the_allocator_alone() -> None:
    """`play_batch` plays without touching the allocator of the program that calls it."""
    code = (
        "from engine.batch import play_batch; from engine.batch.dice import game_seeds;"
        "from engine.bots.policies import RandomPolicy; from engine.core.rules import compile_scenario;"
        "from engine.load.catalog import resolve_scenario;"
        "game = compile_scenario(resolve_scenario(None));"
        "play_batch(game, game_seeds(1, 0, 3), {role: RandomPolicy() for role in game.role_ids});"
        "print(memory._done)"
    )
    assert _fresh(code).strip() == "[]"


@pytest.mark.parametrize(
    "command",
    [["simulate", "--games", "3"], ["sweep", "--vary", "roles.seoul.budget=1,2", "--games", "3"]],
    ids=["simulate", "sweep"],
)
def test_simulate_and_sweep_set_them_for_their_process(command: list[str]) -> None:
    """The commands own their process, so they ask for the thresholds (and get them on glibc)."""
    code = f"status = main({command!r}); print(); print(status, memory._done)"
    assert _fresh(code).splitlines()[-1] == f"0 [{keep_freed_memory()}]"
