"""Crash safety and tampering: what a cut or changed journal gives back, and what is reported.

A crash may cut the journal anywhere in the line being written: that line is lost, never any
line before it, and replay, verification and resume all say so. A process killed with SIGKILL
mid-session resumes with every line it had reported complete. A value changed in any line
is caught by verification at that very line.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.core.commands import AddNote, Redo, SubmitOrders, Undo
from engine.journal.codes import JournalError
from engine.journal.reader import open_journal, read_journal
from engine.journal.replay import verify_journal
from engine.journal.session import Session
from tests.journals import COMMANDS, write_journal

ROOT = Path(__file__).resolve().parent.parent
LAST_NOTE = AddNote("lesson", "끝 — the end ✓")
"""The last command: its line holds multi-byte characters, so some cuts split one."""


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    """A finished journal's bytes and the digest recorded after each command."""
    path = tmp_path_factory.mktemp("crash") / "full.jsonl"
    write_journal(path, (*COMMANDS, LAST_NOTE))
    session, problems = Session.replay(open_journal(path))
    assert problems == []
    return path.read_bytes(), [record.digest for record in session.records]


def _line_ends(data: bytes) -> list[int]:
    """The offset of each line's newline."""
    return [index for index, byte in enumerate(data) if byte == ord("\n")]


def _expect_recovery(path: Path, data: bytes, offset: int, digests: list[str]) -> None:
    """Check what reading, verifying and replaying ``data[:offset]`` give back."""
    ends = _line_ends(data)
    kept = data[:offset]
    complete = kept.count(b"\n")
    tail = kept[kept.rfind(b"\n") + 1 :]
    whole_line_without_newline = bool(tail) and offset in ends
    contents = read_journal(path)
    commands = complete - 1 + (1 if whole_line_without_newline else 0)
    assert len(contents.lines) == commands, offset
    assert contents.problems == ()
    verification = verify_journal(str(path))
    assert verification.verified, (offset, verification.problem)
    assert verification.lines == commands + 1
    if tail and not whole_line_without_newline:
        assert contents.dropped_tail == tail
        assert verification.cut_off is not None
        assert (verification.cut_off.line, verification.cut_off.size) == (complete + 1, len(tail))
    else:
        assert contents.dropped_tail == b""
        assert verification.cut_off is None
    assert verification.digest == (digests[commands - 1] if commands else verification.digest)


def test_a_cut_at_every_byte_of_the_last_line(tmp_path: Path, original: tuple[bytes, list[str]]) -> None:
    data, digests = original
    start = _line_ends(data)[-2] + 1
    path = tmp_path / "cut.jsonl"
    for offset in range(start, len(data) + 1):
        path.write_bytes(data[:offset])
        _expect_recovery(path, data, offset, digests)


def test_resume_after_a_cut_at_every_byte_of_the_last_line(tmp_path: Path, original: tuple[bytes, list[str]]) -> None:
    """Resuming drops the cut-off line (kept aside in a .dropped file) and the session goes on.

    Resuming writes and fsyncs, so this takes the ends of the line, every cut inside a
    multi-byte character, and every ninth byte rather than all of them.
    """
    data, digests = original
    start = _line_ends(data)[-2] + 1
    total = len(digests)
    inside_a_character = {offset for offset in range(start, len(data)) if data[offset] & 0xC0 == 0x80}
    offsets = {start, start + 1, len(data) - 2, len(data) - 1, len(data), *range(start, len(data), 9), *inside_a_character}
    assert inside_a_character
    for offset in sorted(offsets):
        path = tmp_path / f"cut-{offset}.jsonl"
        path.write_bytes(data[:offset])
        session, recovery = Session.resume(path)
        tail = data[start:offset]
        cut = 0 < len(tail) < len(data) - start - 1
        assert len(session.records) == (total - 1 if cut or offset == start else total), offset
        assert session.digest() == digests[len(session.records) - 1]
        if cut:
            assert recovery.dropped_line == total + 1 and recovery.dropped_bytes == len(tail)
            message = recovery.message()
            assert message is not None and f"line {total + 1} was cut off" in message
            assert Path(f"{path}.dropped").read_bytes() == tail + b"\n"
        else:
            assert recovery.message() is None
        session.apply(AddNote("observation", "after the crash"))
        session.close()
        assert path.read_bytes().startswith(data[:start] if cut or offset == start else data)
        verification = verify_journal(str(path))
        assert verification.verified and verification.cut_off is None, (offset, verification.problem)
        path.unlink()


def test_a_cut_at_random_offsets_elsewhere(tmp_path: Path, original: tuple[bytes, list[str]]) -> None:
    data, digests = original
    ends = _line_ends(data)
    rng = random.Random(20260301)
    offsets = {*rng.sample(range(1, ends[-2]), 150), *ends[:-1], *(end + 1 for end in ends[:-1])}
    path = tmp_path / "cut.jsonl"
    for offset in sorted(offsets):
        path.write_bytes(data[:offset])
        if offset < ends[0]:  # inside the header: nothing to recover
            with pytest.raises(JournalError) as caught:
                open_journal(path)
            assert "the header line is cut off; the journal holds nothing to recover" in str(caught.value)
            verification = verify_journal(str(path))
            assert not verification.verified
            assert verification.problem is not None and (verification.problem.line, verification.problem.code) == (
                1,
                "journal-unreadable",
            )
            continue
        _expect_recovery(path, data, offset, digests)


def test_an_empty_file_is_reported_not_recovered(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    verification = verify_journal(str(path))
    assert verification.problem is not None and verification.problem.code == "journal-unreadable"
    with pytest.raises(JournalError):
        Session.resume(path)


# --- SIGKILL mid-session --------------------------------------------------------------------------

CHILD = """
import sys
from engine.core.commands import AddNote, Redo, SubmitOrders, Undo
from engine.journal.session import Session
from tests.journals import scenario

session = Session.new(scenario(), 3, sys.argv[1])
cycle = [SubmitOrders("seoul", ("talk",)), Undo(), Redo(), AddNote("observation", "x" * 3000 + " ✓")]
done = 0
while True:
    session.apply(cycle[done % len(cycle)])
    done += 1
    print(done, flush=True)
"""
CYCLE = (SubmitOrders("seoul", ("talk",)), Undo(), Redo(), AddNote("observation", "x" * 3000 + " ✓"))


def test_a_session_killed_with_sigkill_resumes_with_every_line_it_reported(tmp_path: Path) -> None:
    path = tmp_path / "killed.jsonl"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    reported = 0
    try:
        while reported < 60:
            line = child.stdout.readline()
            assert line, f"the child stopped early: {child.stderr.read() if child.stderr else ''}"
            reported = int(line)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    session, recovery = Session.resume(path)
    assert len(session.records) >= reported
    for index, record in enumerate(session.records):
        assert record.command == CYCLE[index % len(CYCLE)]
        assert record.line == index + 2
    if recovery.dropped_line is not None:
        assert recovery.dropped_line == len(session.records) + 2
    count = len(session.records)
    session.apply(CYCLE[count % len(CYCLE)])
    session.close()
    verification = verify_journal(str(path))
    assert verification.verified, verification.problem
    assert verification.cut_off is None
    assert verification.lines == count + 2


# --- tampering ------------------------------------------------------------------------------------

METADATA = {("at",)}
"""The command lines' wall-clock times: no digest covers them (DESIGN: the journal). The header's
`created` and `engine` are covered by the header digest on line 2 (journal format 2)."""


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _changed(value: Any) -> Any:
    """Another value of the same kind: a digest keeps its form (one hex digit differs)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value / 2
    assert isinstance(value, str)
    if len(value) == 64 and all(char in "0123456789abcdef" for char in value):
        return value[:20] + ("1" if value[20] == "0" else "0") + value[21:]
    return value + "x"


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    changed = json.loads(json.dumps(data))
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def _expected_places(line: int, path: tuple[Any, ...]) -> set[tuple[int, str]]:
    """Where verify may stop for a value changed at ``path`` of line ``line``, with which code."""
    if line == 1 and path[0] in ("engine", "created", "settings"):
        # replay does not read them: the journal schema or the header digest on line 2 catches the change
        return {(1, "journal-header"), (2, "header-mismatch")}
    if line == 2 and path == ("header",):
        return {(2, "header-mismatch")}
    places = {(line, code) for code in _expected_codes(line, path)}
    return places | {(1, "journal-header")} if line == 1 else places  # the header's schema may catch it first


def _expected_codes(line: int, path: tuple[Any, ...]) -> set[str]:
    if line == 1:
        first = path[0]
        if first == "journal":
            return {"journal-unreadable"}
        if first == "format":
            return {"journal-format"}
        if first in ("scenario", "scenarioDigest"):
            return {"scenario-mismatch"}
        if path == ("start", "digest") or first == "seed":
            return {"digest-mismatch"}
        assert first == "start"
        return {"events-mismatch"}
    first = path[0]
    if first == "command":
        return {"unknown-command", "refused", "digest-mismatch", "events-mismatch"}
    return {"n": {"numbering"}, "turn": {"turn-mismatch"}, "digest": {"digest-mismatch"}, "events": {"events-mismatch"}}[first]


def _tamperings(lines: list[dict[str, Any]]) -> Iterator[tuple[int, tuple[Any, ...], dict[str, Any]]]:
    for number, data in enumerate(lines, start=1):
        for path, value in _leaves(data):
            if path[:1] in METADATA or value is None:
                continue
            yield number, path, _set(data, path, _changed(value))


def test_a_value_changed_in_any_line_is_named_by_verify(tmp_path: Path, original: tuple[bytes, list[str]]) -> None:
    data, _ = original
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    path = tmp_path / "tampered.jsonl"
    count = 0
    for number, where, changed in _tamperings(lines):
        texts = [json.dumps(line, ensure_ascii=False, separators=(",", ":")) for line in lines]
        texts[number - 1] = json.dumps(changed, ensure_ascii=False, separators=(",", ":"))
        path.write_text("\n".join(texts) + "\n", encoding="utf-8")
        verification = verify_journal(str(path))
        problem = verification.problem
        assert problem is not None, (number, where)
        assert (problem.line, problem.code) in _expected_places(number, where), (number, where, problem)
        count += 1
    assert count > 300  # every value of every line (the header's scenario included)


def test_tampering_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The examples of the issue: a digit of a digest, an action id, the seed, a number in the scenario."""
    from tests.test_cli import run_here

    source = tmp_path / "game.jsonl"
    write_journal(source)
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    cases = [
        (9, ("digest",), "digest-mismatch", "digest mismatch"),
        (3, ("command", "actions", 1), "refused", "the engine refuses this command on replay"),
        (1, ("seed",), "digest-mismatch", "digest mismatch at the start"),
        (1, ("scenario", "variables", 0, "initial"), "scenario-mismatch", "scenario hash mismatch"),
        (14, ("command", "text"), "events-mismatch", "events mismatch"),
    ]
    for number, where, code, words in cases:
        value: Any = lines[number - 1]
        for key in where:
            value = value[key]
        changed = [*lines]
        changed[number - 1] = _set(lines[number - 1], where, _changed(value))
        path = tmp_path / f"tampered-{number}.jsonl"
        path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in changed) + "\n", encoding="utf-8")
        result = run_here(capsys, "replay", str(path), "--verify")
        assert result.returncode == 1
        assert result.stderr.startswith(f"{path}:{number}:1: error: "), result.stderr
        assert words in result.stderr
        problem = json.loads(run_here(capsys, "replay", str(path), "--verify", "--json").stdout)["problem"]
        assert (problem["line"], problem["code"]) == (number, code)


def test_command_times_are_not_covered_by_digests(tmp_path: Path, original: tuple[bytes, list[str]]) -> None:
    """Wall-clock times of commands may differ (a clock fixed, a file copied): still verified."""
    data, _ = original
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    for line in lines[1:]:
        line["at"] = "2000-01-01T00:00:00Z"
    path = tmp_path / "retimed.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    assert verify_journal(str(path)).verified


@pytest.mark.parametrize(
    ("key", "value"),
    [("created", "1999-12-31T23:59:59Z"), ("engine", "0.0.9"), ("settings", {"bots": {"seoul": "greedy"}, "timerMinutes": 5})],
)
def test_the_header_is_covered_by_the_first_command_line(
    tmp_path: Path, original: tuple[bytes, list[str]], key: str, value: Any
) -> None:
    """Issue 15, finding 7: an edited header (who played which role, when) no longer verifies."""
    data, _ = original
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    lines[0][key] = value
    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    problem = verify_journal(str(path)).problem
    assert problem is not None and (problem.line, problem.code) == (2, "header-mismatch"), problem


def test_undo_and_redo_lines_are_checked_like_any_other(tmp_path: Path) -> None:
    path = tmp_path / "undo.jsonl"
    write_journal(path, (SubmitOrders("seoul", ("talk",)), Undo(), Redo()))
    lines = path.read_text(encoding="utf-8").splitlines()
    swapped = [*lines[:2], lines[2].replace('"command":"undo"', '"command":"redo"'), lines[3]]
    path.write_text("\n".join(swapped) + "\n", encoding="utf-8")
    problem = verify_journal(str(path)).problem
    assert problem is not None and (problem.line, problem.code) == (3, "refused")


def test_random_damage_is_always_reported_never_raised(tmp_path: Path, original: tuple[bytes, list[str]]) -> None:
    """Bytes overwritten anywhere (a bad disk, a careless edit): a located problem or a clean replay, no exception."""
    from engine.journal.replay import replay_journal, replay_json, replay_text

    data, _ = original
    rng = random.Random(7)
    path = tmp_path / "damaged.jsonl"
    for _ in range(200):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] = rng.choice(b'0123456789abcdef{}[]",:\n tfx\xff\xc3')
        path.write_bytes(bytes(damaged))
        verification = verify_journal(str(path))
        if verification.problem is not None:
            assert 1 <= verification.problem.line <= data.count(b"\n") + 3
        try:
            replayed = replay_journal(open_journal(path))
        except JournalError:
            continue
        replay_text(replayed)
        replay_json(replayed)
