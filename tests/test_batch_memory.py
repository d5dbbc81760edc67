"""The batch asks glibc to keep freed memory for its next arrays: done once, on glibc alone."""

from __future__ import annotations

import platform
import subprocess
import sys

from engine.batch.memory import keep_freed_memory


def test_the_thresholds_are_set_on_glibc_and_nowhere_else() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert keep_freed_memory() is glibc
    assert keep_freed_memory() is glibc  # once per process; asking again changes nothing


def test_playing_a_batch_sets_them() -> None:
    """`play_batch` sets them before its first array (a fresh process, so no earlier test has)."""
    code = (
        "from engine.batch import memory, play_batch; from engine.batch.dice import game_seeds;"
        "from engine.bots.policies import RandomPolicy; from engine.core.rules import compile_scenario;"
        "from engine.load.catalog import resolve_scenario;"
        "game = compile_scenario(resolve_scenario(None)); assert not memory._done;"
        "play_batch(game, game_seeds(1, 0, 3), {role: RandomPolicy() for role in game.role_ids});"
        "print(memory._done)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == f"[{keep_freed_memory()}]"
