"""Every journal diagnostic code has a failing example, and the catalogue lists exactly those codes.

Each case damages a real journal (tests/journals.py) the way the code describes and checks that
`verify_journal` names that code at the right line, so a code cannot be documented without being
reported, or reported without being documented.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.documents import codes
from engine.journal import codes as journal_codes
from engine.journal.replay import verify_journal
from tests.journals import write_journal

Lines = list[dict[str, Any]]


def _set(line: int, key: str, value: Any) -> Callable[[Lines], None]:
    def change(lines: Lines) -> None:
        lines[line - 1][key] = value

    return change


def _set_command(line: int, value: Any) -> Callable[[Lines], None]:
    def change(lines: Lines) -> None:
        lines[line - 1]["command"] = value

    return change


def _drop_events(line: int) -> Callable[[Lines], None]:
    def change(lines: Lines) -> None:
        lines[line - 1]["events"] = lines[line - 1]["events"][:-1]

    return change


def _seed_of_text(lines: Lines) -> None:
    lines[0]["seed"] = "five"


def _edit_scenario(lines: Lines) -> None:
    lines[0]["scenario"]["title"] = "Edited afterwards"


def _drop_scenario(lines: Lines) -> None:
    del lines[0]["scenario"]


def _opening_digest(lines: Lines) -> None:
    lines[0]["start"]["digest"] = "0" * 64


def _opening_events(lines: Lines) -> None:
    lines[0]["start"]["events"] = []


def _redo_nothing(lines: Lines) -> None:
    """Line 2 becomes a redo with nothing undone: the engine refuses it."""
    lines[1]["command"] = {"command": "redo"}


CASES: dict[str, tuple[int, Callable[[Lines], None]]] = {
    "journal-format": (1, _set(1, "format", 999)),
    "journal-header": (1, _seed_of_text),
    "scenario-mismatch": (1, _edit_scenario),
    "header-mismatch": (2, _set(1, "created", "2027-01-01T00:00:00Z")),
    "numbering": (3, _set(3, "n", 7)),
    "unknown-command": (2, _set_command(2, {"command": "teleport"})),
    "refused": (2, _redo_nothing),
    "digest-mismatch": (3, _set(3, "digest", "f" * 64)),
    "turn-mismatch": (3, _set(3, "turn", 99)),
    "events-mismatch": (3, _drop_events(3)),
}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Lines:
    path = tmp_path_factory.mktemp("journal") / "game.jsonl"
    write_journal(path)
    return [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, lines: Lines) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_tampering_is_named_by_its_code(code: str, recorded: Lines, tmp_path: Path) -> None:
    line, tamper = CASES[code]
    lines = json.loads(json.dumps(recorded))
    tamper(lines)
    path = tmp_path / "tampered.jsonl"
    _write(path, lines)
    problem = verify_journal(str(path)).problem
    assert problem is not None
    assert (problem.code, problem.line) == (code, line), problem.message
    assert problem.message


def test_the_opening_is_checked_too(recorded: Lines, tmp_path: Path) -> None:
    cases = ((_opening_digest, "digest-mismatch"), (_opening_events, "events-mismatch"), (_drop_scenario, "journal-header"))
    for tamper, code in cases:
        lines = json.loads(json.dumps(recorded))
        tamper(lines)
        path = tmp_path / f"{code}.jsonl"
        _write(path, lines)
        problem = verify_journal(str(path)).problem
        assert problem is not None and (problem.code, problem.line) == (code, 1)


def test_a_damaged_line_and_a_missing_file(recorded: Lines, tmp_path: Path) -> None:
    path = tmp_path / "damaged.jsonl"
    texts = [json.dumps(line) for line in recorded]
    texts[2] = texts[2][: len(texts[2]) // 2]
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    problem = verify_journal(str(path)).problem
    assert problem is not None and (problem.code, problem.line) == ("damaged-line", 3)

    missing = verify_journal(str(tmp_path / "nowhere.jsonl")).problem
    assert missing is not None and missing.code == "journal-unreadable"


def test_a_cut_off_last_line_is_a_warning_not_a_failure(recorded: Lines, tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    texts = [json.dumps(line) for line in recorded]
    path.write_text("\n".join(texts[:-1]) + "\n" + texts[-1][:20], encoding="utf-8")
    verification = verify_journal(str(path))
    assert verification.problem is None
    assert verification.cut_off is not None and verification.cut_off.line == len(recorded)
    assert codes.all_codes()["cut-off"].severity == "warning"


def test_the_catalogue_lists_exactly_the_journal_codes_exercised() -> None:
    exercised = set(CASES) | {"damaged-line", "journal-unreadable", "cut-off"}
    assert {info.code for info in journal_codes.CODES} == exercised
    assert "engine.journal.codes" in {module for module, _ in codes.SOURCES}
