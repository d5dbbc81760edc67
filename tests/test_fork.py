"""Forks: a new journal from another game's history, recording where it came from, never overwriting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.core.commands import AdjustVariable, InjectShock, Redo, Resolve, SessionCommand, SubmitOrders
from engine.journal.codes import JournalError
from engine.journal.fork import CODES, continue_in_new_journal, fork_journal, fork_path
from engine.journal.format import Fork, Settings
from engine.journal.replay import verify_journal
from engine.journal.session import Session, SessionError
from tests.journals import COMMANDS, clock, lines_of, scenario, write_journal
from tests.test_cli import no_traceback, run_here

LAST_LINE = 1 + len(COMMANDS)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    return path


def without_time(line: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in line.items() if key not in ("at", "header")}  # header: the digest of its own header


@pytest.mark.parametrize("line", range(1, LAST_LINE + 1))
def test_a_fork_copies_every_line_up_to_the_step_and_says_where_it_came_from(journal: Path, line: int) -> None:
    target = journal.with_name("fork.jsonl")
    continued = fork_journal(journal, line, target, clock=clock)
    continued.session.close()
    assert continued.refused == ()
    source, fork = lines_of(journal), lines_of(target)
    assert [without_time(entry) for entry in fork[1:]] == [without_time(entry) for entry in source[1:line]]
    expected = Session.new(scenario(), 5, settings=Settings(bots=(("tokyo", "greedy"),)), clock=clock)
    for command in COMMANDS[: line - 1]:
        expected.apply(command)
    assert continued.session.digest() == expected.digest()
    assert fork[0]["forkedFrom"] == {"journal": str(journal), "line": line, "digest": expected.digest()}
    assert {key: value for key, value in fork[0].items() if key != "forkedFrom"} == source[0]
    assert verify_journal(str(target)).verified


def test_a_fork_keeps_what_was_undone_so_it_can_still_be_redone(journal: Path) -> None:
    # Line 10 undid the resolution of line 9: a fork from line 10 can redo it, as the source could.
    continued = fork_journal(journal, 10, journal.with_name("fork.jsonl"), clock=clock)
    session = continued.session
    assert session.can_redo
    session.apply(Redo())
    assert session.records[-1].digest == lines_of(journal)[8]["digest"]
    session.close()


def test_a_fork_plays_on_and_resumes_as_its_own_game(journal: Path) -> None:
    target = journal.with_name("fork.jsonl")
    continued = fork_journal(journal, 7, target, clock=clock)
    session = continued.session
    session.apply(SubmitOrders("seoul", ("talk",)))
    session.apply(Resolve())
    digest = session.digest()
    session.close()
    resumed, _ = Session.resume(target, clock=clock)
    assert resumed.digest() == digest
    assert resumed.header["forkedFrom"]["line"] == 7
    resumed.close()
    assert verify_journal(str(journal)).verified  # the source is untouched


def test_a_fork_never_overwrites(journal: Path) -> None:
    target = journal.with_name("taken.jsonl")
    target.write_text("precious\n", encoding="utf-8")
    with pytest.raises(SessionError, match="never overwritten"):
        fork_journal(journal, 3, target, clock=clock)
    assert target.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("line", [0, -1, LAST_LINE + 1])
def test_a_line_outside_the_journal_is_refused(journal: Path, line: int) -> None:
    with pytest.raises(JournalError) as caught:
        fork_journal(journal, line, journal.with_name("fork.jsonl"), clock=clock)
    assert caught.value.diagnostics[0].code == "fork-line"
    assert f"lines 1 to {LAST_LINE}" in caught.value.diagnostics[0].message
    assert not journal.with_name("fork.jsonl").exists()


def test_a_tampered_journal_forks_only_before_its_first_bad_line(journal: Path) -> None:
    lines = journal.read_text(encoding="utf-8").splitlines()
    tampered = json.loads(lines[7])
    tampered["digest"] = "0" * 64
    lines[7] = json.dumps(tampered, ensure_ascii=False)
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(JournalError) as caught:
        fork_journal(journal, 8, journal.with_name("late.jsonl"), clock=clock)
    diagnostic = caught.value.diagnostics[0]
    assert (diagnostic.code, diagnostic.line) == ("fork-past-problem", 8)
    assert "stops replaying at line 8" in diagnostic.message
    continued = fork_journal(journal, 7, journal.with_name("early.jsonl"), clock=clock)
    continued.session.close()
    assert verify_journal(str(journal.with_name("early.jsonl"))).verified


def test_an_unreadable_source_is_a_journal_error(tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        fork_journal(tmp_path / "missing.jsonl", 1, tmp_path / "fork.jsonl", clock=clock)
    assert caught.value.diagnostics[0].code == "journal-unreadable"


def test_continuing_skips_and_reports_commands_that_no_longer_apply(tmp_path: Path) -> None:
    commands: list[SessionCommand] = [
        SubmitOrders("seoul", ("talk",)),
        InjectShock("no-such-shock"),
        AdjustVariable("trust", 44, "reset"),
        SubmitOrders("tokyo", ("not-an-action",)),
        Resolve(),
    ]
    origin = Fork("old.jsonl", 6, "f" * 64)
    continued = continue_in_new_journal(
        scenario(), 9, Settings(), commands, tmp_path / "new.jsonl", forked_from=origin, clock=clock
    )
    continued.session.close()
    assert [(refusal.index, refusal.command) for refusal in continued.refused] == [(1, commands[1]), (3, commands[3])]
    assert all(refusal.reason for refusal in continued.refused)
    expected = Session.new(scenario(), 9, clock=clock)
    for command in (commands[0], commands[2], commands[4]):
        expected.apply(command)
    assert continued.session.digest() == expected.digest()
    header = lines_of(tmp_path / "new.jsonl")[0]
    assert header["forkedFrom"] == origin.to_json()
    assert len(lines_of(tmp_path / "new.jsonl")) == 4


def test_continuing_without_an_origin_writes_no_forked_from(tmp_path: Path) -> None:
    continued = continue_in_new_journal(scenario(), 1, Settings(), [], tmp_path / "plain.jsonl", forked_from=None, clock=clock)
    continued.session.close()
    assert "forkedFrom" not in lines_of(tmp_path / "plain.jsonl")[0]


def test_fork_path_is_next_to_the_source_and_never_taken(tmp_path: Path) -> None:
    source = tmp_path / "exercise.jsonl"
    first = fork_path(source, 12)
    assert first == tmp_path / "exercise-fork-L12.jsonl"
    first.write_text("", encoding="utf-8")
    second = fork_path(source, 12)
    assert second == tmp_path / "exercise-fork-L12-2.jsonl"
    second.write_text("", encoding="utf-8")
    assert fork_path(source, 12) == tmp_path / "exercise-fork-L12-3.jsonl"


def test_fork_codes_are_documented() -> None:
    assert {info.code for info in CODES} == {"fork-line", "fork-past-problem"}
    assert all(info.summary and info.explanation for info in CODES)


# --- whitecell fork ------------------------------------------------------------------------------


def test_the_fork_command_writes_the_new_journal_and_says_how_to_go_on(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "fork", str(journal), "--line", "7")
    target = journal.with_name("game-fork-L7.jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"{target}: forked from {journal} line 7 (6 commands copied)\nPlay on with:  whitecell play --resume {target}\n"
    )
    assert lines_of(target)[0]["forkedFrom"]["line"] == 7
    assert verify_journal(str(target)).verified


def test_the_fork_command_writes_where_it_is_told_and_never_overwrites(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    target = journal.with_name("what-if.jsonl")
    assert run_here(capsys, "fork", str(journal), "--line", "1", "-o", str(target)).returncode == 0
    assert len(lines_of(target)) == 1
    again = run_here(capsys, "fork", str(journal), "--line", "3", "-o", str(target))
    assert again.returncode == 1
    assert "already exists" in again.stderr and "never overwritten" in again.stderr
    assert len(lines_of(target)) == 1


@pytest.mark.parametrize(
    ("args", "status", "needle"),
    [
        (["--line", "0"], 2, "journal lines are numbered from 1"),
        (["--line", "x"], 2, "expected a journal line number"),
        ([], 2, "--line"),
        (["--line", "99"], 1, "cannot fork from line 99: the journal has lines 1 to 16"),
    ],
)
def test_the_fork_command_reports_bad_lines(
    capsys: pytest.CaptureFixture[str], journal: Path, args: list[str], status: int, needle: str
) -> None:
    result = run_here(capsys, "fork", str(journal), *args)
    assert result.returncode == status
    assert needle in result.stderr
    no_traceback(result)


def test_the_fork_command_reports_an_unreadable_journal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = run_here(capsys, "fork", str(tmp_path / "nope.jsonl"), "--line", "2")
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.jsonl'}:1:1:" in result.stderr and "no such file" in result.stderr
