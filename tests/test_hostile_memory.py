"""Memory on hostile input (issue 15, goal A): what checking a file holds is bounded by the file, not by the caps.

Three things once cost more than the file: reading asked for the whole 16 MiB cap before reading a
byte; every value's offset was kept by pointer; and the checks queued every entry with its pointer.
tracemalloc counts Python's allocations exactly, so these hold on any machine;
tests/benchmark_hostile.py prints the resident set's figures for every kind of file up to the cap.
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.load.files import read_at_most
from engine.load.jsonpos import MAX_VALUES, ParsedJson, parse
from engine.load.jsonpos.locating import parse_locating
from engine.load.loader import check_scenario_bytes, check_scenario_file
from tests import benchmark_hostile

MEGABYTE = 1024 * 1024


def _peak(action: Callable[[], object]) -> int:
    """The most Python held at once while ``action`` ran, above what it held before (bytes)."""
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        action()
        return tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """The first check imports jsonschema and builds the schema the checkers read: a fixed cost, paid here."""
    check_scenario_bytes(benchmark_hostile.tiny_bad_file(0).encode(), "tiny.json", build=False)


def test_checking_a_small_file_holds_little_more_than_the_file(tmp_path: Path) -> None:
    """Reading once asked for the cap (16 MiB) whatever the file's size."""
    path = tmp_path / "tiny.json"
    path.write_text(benchmark_hostile.tiny_bad_file(0), encoding="utf-8")
    assert _peak(lambda: check_scenario_file(path, build=False)) < MEGABYTE // 4


@pytest.mark.parametrize(
    "kind",
    ["many unknown keys", "many bad elements, under the cap", "many bad elements, dense"],
)
def test_validate_holds_under_ten_times_a_hostile_file_of_a_megabyte(kind: str, tmp_path: Path) -> None:
    """The kinds whose every value is wrong, each with as many values as the cap lets through: 200 listed,
    the rest counted, and only those listed located. (The deep conditions hold as little, but take seconds
    under tracemalloc: see the benchmark.)"""
    path = tmp_path / "hostile.json"
    path.write_text(benchmark_hostile.KINDS[kind](MEGABYTE), encoding="utf-8")
    checked: list[object] = []
    peak = _peak(lambda: checked.append(check_scenario_file(path, build=False)))
    assert peak < 10 * max(path.stat().st_size, MEGABYTE // 4), f"{peak:,} bytes for a file of {path.stat().st_size:,}"
    assert checked


PER_VALUE = 100
"""Bytes a parsed value may hold whatever its text: an empty object is a 64-byte dict and its slot in its container.

A dense file ("[{},{},...]": three bytes a value) therefore holds some 24 times its size once parsed, before any
check; the schema's explanation adds a tenth of that (measured: 2.16 MB parsed and 2.59 MB at the peak for
30,000 empty roles in 90 KB). The bound is ten times the file and this much per value, at most
`MAX_VALUES` of them (3 MB), on top of the imports' fixed cost (about 6 MB, paid once).
"""


@pytest.mark.parametrize("kind", ["many unknown keys, dense", "many bad elements, dense"])
def test_validate_holds_under_ten_times_a_dense_file_and_a_bounded_cost_per_value(kind: str, tmp_path: Path) -> None:
    """The files with the most values the caps let through in the fewest bytes. (The dense deep conditions
    hold as little but take minutes under tracemalloc: see the benchmark.)"""
    path = tmp_path / "dense.json"
    path.write_text(benchmark_hostile.KINDS[kind](MEGABYTE), encoding="utf-8")
    checked: list[object] = []
    peak = _peak(lambda: checked.append(check_scenario_file(path, build=False)))
    size = path.stat().st_size
    assert peak < 10 * size + PER_VALUE * MAX_VALUES, f"{peak:,} bytes for a file of {size:,}"
    assert checked


def test_read_at_most_reads_a_stream_without_a_size_a_piece_at_a_time() -> None:
    data = b"x" * (3 * MEGABYTE + 5)
    assert read_at_most(io.BytesIO(data), 4 * MEGABYTE) == data
    assert read_at_most(io.BytesIO(data), MEGABYTE) == data[: MEGABYTE + 1]  # one byte past the limit says so


def test_read_at_most_reads_a_file_past_its_size_when_it_grew(tmp_path: Path) -> None:
    path = tmp_path / "growing"
    path.write_bytes(b"abc")
    with path.open("rb") as stream, path.open("ab") as writer:
        size = path.stat().st_size
        writer.write(b"def")
        writer.flush()
        assert size == 3
        assert read_at_most(stream, 100) == b"abcdef"
    with path.open("rb") as stream:
        assert read_at_most(stream, 4) == b"abcde"


@pytest.mark.parametrize("refused", [True, False], ids=["read by the locating parser", "read by the fast path"])
def test_offsets_found_for_some_pointers_are_those_of_the_whole_document(refused: bool) -> None:
    """`prepare` locates only the pointers asked for (and their ancestors), in either parser's document."""
    text = '{\n "a": [1, {"b~/c": "x"}, [2, 3]],\n "d": {"e": null}' + (', "a": 0' if refused else "") + "\n}"
    whole = parse_locating(text)
    some = parse(text)
    assert isinstance(some, ParsedJson)
    pointers = ["/a/1/b~0~1c", "/a/2/1", "/d/e", "/d/missing/deeper", "/a/9", ""]
    some.prepare(pointers[:3])
    some.prepare(pointers[3:])
    assert some._offsets is None  # nothing but what was asked for was located
    for pointer in pointers:
        for key in (False, True):
            assert some.span(pointer, key=key) == whole.span(pointer, key=key), (pointer, key)
