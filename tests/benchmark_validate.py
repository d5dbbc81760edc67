"""How long `whitecell validate` takes on the default scenario as a whole process (goal: under 150 ms).

Run: python tests/benchmark_validate.py [RUNS]. Prints the best and the median of RUNS (default
10) wall-clock runs, and the same for bare `python -c pass` so the interpreter's own start-up
can be told apart, for `python -m engine` (the engine's command line without the terminal UI's
front door, which `whitecell` goes through), and for `whitecell --help` (the front door and the
parser alone). Not a test: timings on a shared machine vary too much to assert on.

Bytecode is cached in a temporary directory (after one warm-up run that is not counted), as in an
installed copy; with PYTHONDONTWRITEBYTECODE set, every run would recompile the edited modules.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import scenarios

_SCRIPT = Path(sys.executable).parent / "whitecell"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "engine"]
DEFAULT = Path(scenarios.__file__).parent / f"{scenarios.DEFAULT}.json"


def timings(argv: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """Wall-clock seconds of each run after a warm-up; a run that fails stops the benchmark."""
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        seconds.append(time.perf_counter() - began)
    return seconds


def report(name: str, seconds: list[float]) -> str:
    return f"{name}: best {min(seconds) * 1000:.0f} ms, median {statistics.median(seconds) * 1000:.0f} ms ({len(seconds)} runs)"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory(prefix="whitecell-pycache-") as cache:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        print(report("python -c pass", timings([sys.executable, "-c", "pass"], runs, env)))
        print(report(f"whitecell validate {DEFAULT.name}", timings([*COMMAND, "validate", str(DEFAULT)], runs, env)))
        engine_only = [sys.executable, "-m", "engine", "validate", str(DEFAULT)]
        print(report(f"python -m engine validate {DEFAULT.name}", timings(engine_only, runs, env)))
        print(report("whitecell --help (the front door alone)", timings([*COMMAND, "--help"], runs, env)))


if __name__ == "__main__":
    main()
