"""Lint speed. Not a test: run `python tests/benchmark_lint.py` to print figures.

Times `whitecell lint scenarios/seoul-tokyo-2026.json --games 1000` as a whole process (start-up,
loading, static checks and a thousand bot games), five runs, and prints the best and the median
against the goal of 10 seconds, with the processor time the process used (on a shared, loaded
machine the wall time can be several times the processor time). Also times the static checks
alone, in process.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from engine.lint.check import static_lint
from engine.lint.source import open_source

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "seoul-tokyo-2026.json"
GOAL_SECONDS = 10.0
RUNS = 5


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _whole_command() -> tuple[float, float]:
    """(wall seconds, processor seconds) of one run."""
    cpu = _child_cpu()
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "engine", "lint", str(SCENARIO), "--games", "1000"],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - began
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        raise SystemExit(f"lint failed (exit {result.returncode}):\n{result.stderr}")
    return elapsed, _child_cpu() - cpu


def _static_only() -> float:
    source = open_source(str(SCENARIO))
    began = time.perf_counter()
    static_lint(source)
    return time.perf_counter() - began


def main() -> None:
    runs = [_whole_command() for _ in range(RUNS)]
    whole = [wall for wall, _ in runs]
    cpu = [used for _, used in runs]
    static = [_static_only() for _ in range(RUNS)]
    best, median = min(whole), statistics.median(whole)
    verdict = "meets" if median < GOAL_SECONDS else "misses"
    print(f"whitecell lint {SCENARIO.name} --games 1000 (whole process, {RUNS} runs):")
    print(f"  best {best:.2f} s, median {median:.2f} s: {verdict} the goal of {GOAL_SECONDS:g} s")
    print(f"  processor time: best {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s")
    print(f"static checks alone: best {min(static) * 1000:.1f} ms, median {statistics.median(static) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
