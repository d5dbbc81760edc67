"""How long and how much memory `whitecell validate` takes on hostile scenario files (issue 15, finding 8).

Run: python tests/benchmark_hostile.py [MEGABYTES ...] (default 1 and 16, the size cap). For
each kind of hostile file and each size it runs `validate` twice, each time in a fresh process,
and prints the wall-clock seconds (and the CPU seconds, steadier on a busy machine), the exit
status, the lines of output, and the peak memory (resident set) above a baseline taken just
before the file is read, as megabytes and as a multiple of the file's size:

- cold: the baseline is the process with whitecell's command line imported, and nothing else;
  the peak then also holds what the first check of any file imports (jsonschema, about 3 MB;
  the locating parser, about 1 MB) and builds once (the schema as the checkers read it);
- warm: the same process has first checked a tiny bad file, so the baseline holds that code and
  the peak is what this file costs.

Goal: under 5 s and under 10 times the file's size, for a file of 1 MB and for one near the cap.
Most kinds fill the size asked for (with values, or padded with blanks once the cap on values
is reached); the "dense" kinds pack the most values the caps let through into the fewest bytes
and say what a file far smaller than 1 MB costs: each value held in memory costs some 70 to 100
bytes whatever its text, so for them the multiple is above 10 and says so. That is the parsed
document itself (30,000 empty objects are 2.16 MB of dicts), not the explanation of its errors
(0.25 to 0.35 MB more), so the documented bound is 10 times the file plus 100 bytes a value (at most
MAX_VALUES: 3 MB) plus the fixed cost of the imports (the tiny file's cold row, about 6 MB);
tests/test_hostile_memory.py asserts it under tracemalloc. The tiny file's row is the
fixed cost. Not a test: timings on a shared machine vary too much to assert on
(tests/test_hostile_caps.py asserts the caps, tests/test_hostile_fuzz.py a time and memory budget).
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
import contextlib, gc, io, json, sys, time
from engine.cli.main import main

def kib(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))

def validate(path):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            return main(["validate", path]), out.getvalue()
        except SystemExit as done:
            return done.code, out.getvalue()

if sys.argv[2] == "warm":
    validate(sys.argv[3])
    gc.collect()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # the peak (VmHWM) starts again from here
before = kib("VmRSS:")
began, cpu = time.perf_counter(), time.process_time()
code, output = validate(sys.argv[1])
seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
peak = kib("VmHWM:")  # not ru_maxrss, which starts from the parent's at fork
lines = output.count("\\n")
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
    """As many unknown keys as the cap on values lets through, each long enough to fill the size."""
    count = min(size // 15, MAX_VALUES - 100)
    width = max(size // count - 6, 8)
    return json.dumps({**_base(), **{f"k{index:07d}".ljust(width, "x"): 1 for index in range(count)}})


def dense_unknown_keys(size: int) -> str:
    return json.dumps({**_base(), **{f"k{index:07d}": 1 for index in range(MAX_VALUES - 100)}})


def many_bad_elements(size: int) -> str:
    """As many wrong elements as the cap on values lets through, padded to the size with blanks."""
    text = _with("roles", "[" + ",".join(["{}"] * (MAX_VALUES - 100)) + "]")
    return text + " " * max(size - len(text), 0)


def dense_bad_elements(size: int) -> str:
    return many_bad_elements(0)


def dense_bad_conditions(size: int) -> str:
    return deep_bad_conditions(0)


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


def unknown_names_among_many(size: int) -> str:
    """As many variables as references to unknown ones, together as many values as the cap lets through.

    Each unknown name was compared with every known one for a "did you mean": 3,500 among 3,500
    took 21 s. Now only as many as can be listed are.
    """
    count = (MAX_VALUES - 200) // 7  # a variable is four values, a comparison three
    base = {**_base(), "variables": [{"id": f"v{index:05d}", "label": "V", "initial": 1} for index in range(count)]}
    tests = [{"var": f"w{index:05d}", "atLeast": 1} for index in range(count)]
    base["rules"] = [{"id": "r", "when": {"any": tests}, "effects": []}]
    text = json.dumps(base)
    return text + " " * max(size - len(text), 0)


def duplicate_ids(size: int) -> str:
    """As many variables as the cap lets through, all with one id: an error each, and two more for what each lacks."""
    variables = [{"id": "trust", "label": "T", "initial": 1} for _ in range((MAX_VALUES - 200) // 4)]
    text = json.dumps({**_base(), "variables": variables})
    return text + " " * max(size - len(text), 0)


def duplicate_keys(size: int) -> str:
    """One key given as many times as the cap lets through, one a line: each once searched the text for its line."""
    text = '{"title": "x",\n' + ",\n".join(['"a": 1'] * (MAX_VALUES - 100)) + "\n}"
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
    "unknown names among as many declared": unknown_names_among_many,
    "duplicate ids": duplicate_ids,
    "duplicate keys": duplicate_keys,
    "many unknown keys, dense": dense_unknown_keys,
    "many bad elements, dense": dense_bad_elements,
    "deep bad conditions, dense": dense_bad_conditions,
    "tiny bad file (fixed cost)": tiny_bad_file,
}
DENSE = ("many unknown keys, dense", "many bad elements, dense", "deep bad conditions, dense", "tiny bad file (fixed cost)")
"""Kinds whose file does not grow with the size asked for: measured once."""


def measure(path: Path, tiny: Path, mode: str) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(path), mode, str(tiny)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": float(TIMEOUT), "extra_kib": -1, "code": "timeout", "lines": 0}
    if done.returncode != 0 or not done.stdout.strip():
        return {"seconds": -1.0, "extra_kib": -1, "code": f"crashed ({done.returncode}): {done.stderr[-200:]!r}", "lines": 0}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _peak(result: dict[str, object], bytes_: int) -> str:
    extra = int(str(result["extra_kib"])) * 1024
    times = extra / bytes_ if extra >= 0 else float("nan")
    return f"{extra / 1024 / 1024:6.1f} MB {times:6.1f}x"


def main() -> None:
    sizes = [int(float(arg) * 1024 * 1024) for arg in sys.argv[1:]] or [1024 * 1024, 16 * 1024 * 1024 - 4096]
    columns = f"{'cold: peak above start':>22s}  {'warm: peak above start':>22s}"
    print(f"{'size':>8s} {'kind':35s} {'wall':>7s} {'CPU':>7s}  {columns}  exit, lines")
    with tempfile.TemporaryDirectory(prefix="whitecell-hostile-") as folder:
        tiny = Path(folder) / "tiny.json"
        tiny.write_text(tiny_bad_file(0), encoding="utf-8")
        for number, size in enumerate(sizes):
            for name, make in KINDS.items():
                if name in DENSE and number:
                    continue
                path = Path(folder) / "hostile.json"
                path.write_text(make(size), encoding="utf-8")
                bytes_ = path.stat().st_size
                cold, warm = measure(path, tiny, "cold"), measure(path, tiny, "warm")
                print(
                    f"{bytes_ / 1024 / 1024:5.2f} MB {name:35s} {float(str(warm['seconds'])):5.2f} s "
                    f"{float(str(warm.get('cpu', -1))):5.2f} s  {_peak(cold, bytes_):>22s}  {_peak(warm, bytes_):>22s}  "
                    f"exit {warm['code']}, {warm['lines']} lines",
                    flush=True,
                )


if __name__ == "__main__":
    main()
