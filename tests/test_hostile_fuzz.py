"""A fuzz suite over every kind of file whitecell reads (issue 15): scenarios, journals, events lists.

Each example writes a damaged or hostile file and runs the commands that read it in-process,
through `engine.cli.main.main`, and fails on any exception (main turns the project's own
errors into exit statuses, so anything else escaping is a crash), an exit status other than
0, 1 or 2, a control character in the output, or a run over the time or the memory budget. The
quick profile (CI) runs 40 examples per kind; WHITECELL_HYPOTHESIS=thorough runs 1,000.
"""

from __future__ import annotations

import copy
import json
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scenarios
from engine.cli.main import main
from engine.core.commands import AddNote
from engine.core.refusals import CommandRefused
from engine.journal.codes import JournalError
from engine.journal.session import Session, SessionError
from tests.hostile import HOSTILE, unsafe_characters
from tests.journals import write_journal

BUDGET_SECONDS = 20.0
"""No single command may take longer (each takes well under a second here; the budget allows a loaded machine)."""
MEMORY_BUDGET = 128 * 1024 * 1024
"""No single command may take more memory at its peak, above what the process held before it (each validate,
replay, report or import takes under 3 MB here, a simulate under 30 MB with the imports of its first run)."""
_CLEAR_REFS = Path("/proc/self/clear_refs")
EXAMPLES = settings().max_examples
"""Examples per kind: the profile's (40 in the quick one, about 10 s in all; 1,000 in the thorough one)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

STRINGS = st.one_of(
    st.sampled_from(
        [
            HOSTILE,
            "",
            " ",
            "[/]",
            '=HYPERLINK("http://evil.example")',
            "+1",
            "D+1",
            "9999-12-31",
            "10000-01-01",
            "\ud800",
            "x" * 3000,
            "\x00",
            "\u202e",
        ]
    ),
    st.text(max_size=12),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([3.0, 0.5, -1, 0, 2**63, 1e300]),
    STRINGS,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(STRINGS, inner, max_size=4)),
    max_leaves=12,
)


def _kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))


def _reset_peak() -> int | None:
    """The resident set now, in bytes, its high-water mark reset to it (Linux); None where that cannot be done."""
    try:
        _CLEAR_REFS.write_text("5", encoding="ascii")
        return _kib("VmRSS:") * 1024
    except (OSError, StopIteration):
        return None


RESIDENT = _reset_peak() is not None
"""Whether each command's peak is the resident set's (free to read); else tracemalloc counts it, six times slower."""


@pytest.fixture(autouse=True, scope="module")
def _traced() -> Iterator[None]:
    """Where the resident set's peak cannot be reset, allocations are counted while this module runs."""
    started = not RESIDENT and not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    yield
    if started:
        tracemalloc.stop()


def _start_peak() -> int:
    """What the process holds before a command, its peak measured from here."""
    before = _reset_peak() if RESIDENT else None
    if before is not None:
        return before
    tracemalloc.reset_peak()
    return tracemalloc.get_traced_memory()[0]


def _peak_since(before: int) -> int:
    return _kib("VmHWM:") * 1024 - before if RESIDENT else tracemalloc.get_traced_memory()[1] - before


def run(capsys: pytest.CaptureFixture[str], *words: str) -> int:
    """One command in-process: its status, after checking the run against the suite's rules."""
    before = _start_peak()
    began = time.perf_counter()
    try:
        status = main(list(words))
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    elapsed = time.perf_counter() - began
    peak = _peak_since(before)
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), (words, status, err[-2000:])
    assert "Traceback" not in out + err, (words, err[-2000:])
    assert unsafe_characters(out) == set(), (words, out[:2000])
    assert unsafe_characters(err) == set(), (words, err[:2000])
    assert elapsed < BUDGET_SECONDS, (words, elapsed)
    assert peak < MEMORY_BUDGET, (words, f"{peak:,} bytes at the peak")
    return status


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document: the path of each value, containers included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _bundled() -> dict[str, dict[str, Any]]:
    folder = Path(scenarios.__file__).parent
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


BUNDLED = _bundled()
BUNDLED_PATHS = {name: _paths(document)[1:] for name, document in BUNDLED.items()}


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A bundled scenario with one to three places replaced, removed or doubled."""
    name = draw(st.sampled_from(sorted(BUNDLED)))
    document: Any = copy.deepcopy(BUNDLED[name])
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)[1:] or [()]
        path = draw(st.sampled_from(paths))
        if not path:
            return draw(VALUES)
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        operation = draw(st.sampled_from(["replace", "remove", "double"]))
        last = path[-1]
        if operation == "replace":
            parent[last] = draw(_like(parent[last]))
        elif operation == "remove":
            del parent[last]
        elif isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[last] = [parent[last], parent[last]]
    return document


def _like(value: Any) -> st.SearchStrategy[Any]:
    """Mostly a value of the same kind (so that the file often stays valid and every command reads it), else any."""
    if isinstance(value, str):
        same: st.SearchStrategy[Any] = STRINGS
    elif isinstance(value, bool):
        same = st.booleans()
    elif isinstance(value, int):
        same = st.one_of(st.integers(-3, 12), st.sampled_from([value * 1000, -value, 2**31, float(value)]))
    else:
        same = VALUES
    return st.one_of(same, same, same, VALUES)


def _write_document(path: Path, document: Any) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")


@FUZZ
@given(document=mutated_documents())
def test_mutated_scenarios(capsys: pytest.CaptureFixture[str], tmp_path: Path, document: Any) -> None:
    path = tmp_path / "mutated.json"
    _write_document(path, document)
    status = run(capsys, "validate", str(path))
    run(capsys, "validate", str(path), "--format", "json")
    if status == 0:
        run(capsys, "docs", str(path))
        run(capsys, "msel", "export", str(path))
        run(capsys, "simulate", str(path), "--games", "2", "--seed", "1")
        run(capsys, "lint", str(path), "--games", "2", "--seed", "1")


@FUZZ
@given(data=st.one_of(VALUES.map(lambda value: json.dumps(value).encode()), st.binary(max_size=200)))
def test_random_json_and_bytes_as_scenarios(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.json"
    path.write_bytes(data)
    assert run(capsys, "validate", str(path)) in (0, 1)
    run(capsys, "lint", str(path), "--games", "0")


@pytest.fixture(scope="module")
def journal_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("fuzz") / "game.jsonl"
    write_journal(path)
    return path.read_bytes()


@st.composite
def damaged_journals(draw: st.DrawFn, data: bytes) -> bytes:
    """The journal cut off, with bits flipped, with bytes overwritten or with one value of one line changed."""
    kind = draw(st.sampled_from(["truncate", "flip", "overwrite", "value"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    damaged = bytearray(data)
    if kind == "flip":
        for _ in range(draw(st.integers(1, 4))):
            index = draw(st.integers(0, len(data) - 1))
            damaged[index] ^= 1 << draw(st.integers(0, 7))
        return bytes(damaged)
    if kind == "overwrite":
        index = draw(st.integers(0, len(data) - 1))
        damaged[index : index + 1] = draw(st.binary(min_size=1, max_size=8))
        return bytes(damaged)
    lines = data.decode("utf-8").splitlines()
    number = draw(st.integers(0, len(lines) - 1))
    line = json.loads(lines[number])
    path = draw(st.sampled_from(_paths(line)[1:]))
    parent = line
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = draw(VALUES)
    lines[number] = json.dumps(line, ensure_ascii=draw(st.booleans()))  # escaped: a lone surrogate reaches the parser
    return ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")


@FUZZ
@given(data=st.data())
def test_damaged_journals(capsys: pytest.CaptureFixture[str], tmp_path: Path, journal_bytes: bytes, data: st.DataObject) -> None:
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(data.draw(damaged_journals(journal_bytes)))
    verified = run(capsys, "replay", str(path), "--verify")
    run(capsys, "replay", str(path), "--verify", "--json")
    run(capsys, "replay", str(path))
    run(capsys, "replay", str(path), "--json")
    run(capsys, "report", str(path))
    fork = tmp_path / f"fork-{time.monotonic_ns()}.jsonl"
    if run(capsys, "fork", str(path), "--line", "2", "-o", str(fork)) == 0:
        assert run(capsys, "replay", str(fork), "--verify") == 0, "a fork of a journal must verify"
    _resume_then_verify(capsys, path, verified)


def _resume_then_verify(capsys: pytest.CaptureFixture[str], path: Path, verified: int) -> None:
    """Resuming raises only the project's errors; a journal that verified resumes, and after one more command still verifies."""
    try:
        session, _ = Session.resume(path)
    except (JournalError, SessionError):
        assert verified == 1, "a journal that verifies must resume"
        return
    try:
        session.apply(AddNote("observation", "after the damage"))
    except CommandRefused:
        pass  # a game that has ended takes no note: refused like any command, nothing written
    finally:
        session.close()
    assert run(capsys, "replay", str(path), "--verify") == 0, "a resumed journal must verify"


HEADERS = ["Time", "Turn", "Title", "Inject", "Description", "Category", "To", "Notes", "Date", "#", HOSTILE, ""]
CELLS = st.one_of(STRINGS, st.sampled_from(["D+1", "D+2 09:00", "Week 3", "1", "3.0", "2", "=1+1", "Day 2 AM", "2026-02-30"]))


@st.composite
def events_lists(draw: st.DrawFn) -> str:
    """A CSV events list: a header row drawn from likely and hostile names, then rows of likely and hostile cells."""
    columns = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(columns), max_size=len(columns)), max_size=6))

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    return "\r\n".join(",".join(cell(text) for text in row) for row in [columns, *rows]) + "\r\n"


@FUZZ
@given(text=events_lists())
def test_events_lists_through_msel_import(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    run(capsys, "msel", "import", str(path), "--base", "seoul-tokyo-2026", "--dry-run")
    output = tmp_path / f"imported-{time.monotonic_ns()}.json"
    if run(capsys, "msel", "import", str(path), "--base", "seoul-tokyo-2026", "-o", str(output)) == 0:
        assert run(capsys, "validate", str(output)) == 0, "an imported scenario must validate"


def _escaped_line(data: bytes, number: int, edit: Any) -> bytes:
    """The journal with one line edited and written back with ASCII escapes (as another tool might)."""
    lines = data.decode("utf-8").splitlines()
    line = json.loads(lines[number])
    edit(line)
    lines[number] = json.dumps(line)
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: _escaped_line(data, 0, lambda header: header["scenario"].update(title="\ud800")),
        lambda data: _escaped_line(data, 1, lambda line: line["command"].update(text="\udfff")),
        lambda data: data.replace(b'"seed":5', b'"seed":5,"scale":1e400', 1),
    ],
    ids=["lone surrogate in the header", "lone surrogate in a command", "number past a float's range in the header"],
)
def test_found_by_the_fuzz_suite(capsys: pytest.CaptureFixture[str], tmp_path: Path, journal_bytes: bytes, damage: Any) -> None:
    """Each crashed every command that read the journal (UnicodeEncodeError, ValueError from the digests)."""
    path = tmp_path / "found.jsonl"
    path.write_bytes(damage(journal_bytes))
    assert run(capsys, "replay", str(path), "--verify") == 1
    run(capsys, "replay", str(path))
    run(capsys, "report", str(path))


@pytest.mark.parametrize("resident", [True, False], ids=["resident set", "tracemalloc"])
def test_a_run_over_the_memory_budget_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, resident: bool
) -> None:
    """The budget is checked whichever way the peak is measured. The command stands in for a runaway one: 64 MB
    written in one piece, past the size malloc ever takes from memory it already holds, so the resident set grows."""
    if resident and not RESIDENT:
        pytest.skip("the resident set's peak cannot be reset here")

    def runaway(words: list[str]) -> int:
        payload = b"x" * (64 * 1024 * 1024)
        return 0 if payload else 1

    this = sys.modules[__name__]
    monkeypatch.setattr(this, "RESIDENT", resident)
    monkeypatch.setattr(this, "MEMORY_BUDGET", 32 * 1024 * 1024)
    monkeypatch.setattr(this, "main", runaway)
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        with pytest.raises(AssertionError, match="at the peak"):
            run(capsys, "validate", "any.json")
    finally:
        if not tracing:
            tracemalloc.stop()
