"""How long and how much memory `whitecell validate` takes on hostile scenario files (issue 15, finding 8).

Run: python tests/benchmark_hostile.py [MEGABYTES ...] (default 1 and 16, the size cap). For
each kind of hostile file (deep nesting, a huge array of bad elements, one long string, many
unknown keys, huge numbers) and each size it runs `validate` in a fresh process and prints the
wall-clock seconds (and the CPU seconds, steadier on a busy machine), the peak memory above
the process's own before the file was read, that peak as a multiple of the file's size, the
exit status and the lines of output. Goal: under
5 s and under 10 times the file's size for any file under the cap. For a small file the fixed
cost (importing jsonschema, placing diagnostics) dominates: the last row shows it. Not a test: timings on a
shared machine vary too much to assert on (tests/test_hostile_caps.py asserts the caps).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from engine.load.jsonpos import MAX_DEPTH, MAX_VALUES

TIMEOUT = 120
_RUNNER = """
import contextlib, io, json, sys, time
from engine.cli.main import main

def kib(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))

before = kib("VmRSS:")
out = io.StringIO()
began, cpu = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        code = main(["validate", sys.argv[1]])
    except SystemExit as done:
        code = done.code
seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
peak = kib("VmHWM:")  # not ru_maxrss, which starts from the parent's at fork
lines = out.getvalue().count("\\n")
print(json.dumps({"seconds": seconds, "cpu": cpu, "extra_kib": max(peak - before, 0), "code": code, "lines": lines}))
"""


def _base() -> dict[str, object]:
    return {
        "format": 1,
        "id": "hostile",
        "title": "Hostile",
        "version": "1",
        "turns": {"count": 4},
        "variables": [{"id": "trust", "label": "Trust", "initial": 50}],
        "roles": [{"id": "seoul", "name": "Seoul"}],
        "actions": [],
        "shocks": [],
    }


def _with(key: str, raw: str) -> str:
    """The base scenario with ``key`` set to the raw JSON text ``raw``."""
    text = json.dumps({**_base(), key: "HOLE"})
    return text.replace('"HOLE"', raw, 1)


def deep_nesting(size: int) -> str:
    depth = size // 2
    return _with("title", "[" * depth + "]" * depth)


def huge_array(size: int) -> str:
    return _with("roles", "[" + ",".join(["{}"] * (size // 3)) + "]")


def long_string(size: int) -> str:
    return _with("title", json.dumps("x" * size))


def many_unknown_keys(size: int) -> str:
    count = min(size // 15, MAX_VALUES - 100)  # as many as the cap on values lets through
    return json.dumps({**_base(), **{f"k{index:07d}": 1 for index in range(count)}})


def many_bad_elements(size: int) -> str:
    """As many wrong elements as the cap on values lets through, padded to the size with blanks."""
    text = _with("roles", "[" + ",".join(["{}"] * (MAX_VALUES - 100)) + "]")
    return text + " " * max(size - len(text), 0)


def deep_bad_conditions(size: int) -> str:
    """As many wrong conditions as the cap lets through, nested almost as deep as the cap on depth.

    Reading each jsonschema error costs time in proportion to its depth: counting them all took
    4.7 s here, which is why the count of those not listed stops past MAX_COUNTED.
    """
    depth = MAX_DEPTH - 12
    condition = '{"all": [' + ",".join(["{}"] * (MAX_VALUES - 200 - depth)) + "]}"
    for _ in range(depth // 2):
        condition = '{"not": ' + condition + "}"
    text = _with("rules", '[{"id": "r", "when": ' + condition + ', "effects": []}]')
    return text + " " * max(size - len(text), 0)


def tiny_bad_file(size: int) -> str:
    """One wrong value: the fixed cost (jsonschema imported, one error placed) to read the others against."""
    return _with("title", "1")


def huge_numbers(size: int) -> str:
    return _with("turns", '{"count": ' + "9" * (size - 200) + "}")


KINDS: dict[str, Callable[[int], str]] = {
    "deep nesting": deep_nesting,
    "huge array of bad elements": huge_array,
    "one long string": long_string,
    "many unknown keys": many_unknown_keys,
    "many bad elements, under the cap": many_bad_elements,
    "huge number": huge_numbers,
    "deep bad conditions, under the cap": deep_bad_conditions,
    "tiny bad file (fixed cost)": tiny_bad_file,
}


def measure(path: Path) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(path)], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return {"seconds": float(TIMEOUT), "extra_kib": -1, "code": "timeout", "lines": 0}
    if done.returncode != 0 or not done.stdout.strip():
        return {"seconds": -1.0, "extra_kib": -1, "code": f"crashed ({done.returncode}): {done.stderr[-200:]!r}", "lines": 0}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    sizes = [int(float(arg) * 1024 * 1024) for arg in sys.argv[1:]] or [1024 * 1024, 16 * 1024 * 1024 - 4096]
    with tempfile.TemporaryDirectory(prefix="whitecell-hostile-") as folder:
        for size in sizes:
            for name, make in KINDS.items():
                path = Path(folder) / "hostile.json"
                path.write_text(make(size), encoding="utf-8")
                bytes_ = path.stat().st_size
                result = measure(path)
                extra = int(str(result["extra_kib"])) * 1024
                times = extra / bytes_ if extra >= 0 else float("nan")
                print(
                    f"{bytes_ / 1024 / 1024:5.1f} MB {name:35s} {float(str(result['seconds'])):6.2f} s "
                    f"({float(str(result.get('cpu', -1))):5.2f} s of CPU) "
                    f"{extra / 1024 / 1024:8.1f} MB peak above start ({times:5.1f}x the file) "
                    f"exit {result['code']}, {result['lines']} lines of output",
                    flush=True,
                )


if __name__ == "__main__":
    main()
