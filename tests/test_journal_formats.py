"""Journal formats (issue 15, finding 7): the header covered from format 2 on, format-1 journals still read.

The fixtures in tests/data/journals were written by whitecell before format 2 (the engine at
commit a8fa01a): a game with every command kind, a fork of it, and a bot game of the default
scenario. They must verify, replay, report, resume and fork as before, with a note that their
header is not covered; and a header that breaks the published journal schema is refused at line 1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from engine.core.commands import AddNote
from engine.journal.fork import fork_journal
from engine.journal.format import JOURNAL_FORMAT, header_digest
from engine.journal.replay import verify_journal
from engine.journal.session import Session
from tests.journals import clock, lines_of, write_journal
from tests.test_cli import run_here

OLD = Path(__file__).parent / "data" / "journals"
OLD_JOURNALS = sorted(OLD.glob("format-1-*.jsonl"))


def test_the_fixtures_are_format_1() -> None:
    assert len(OLD_JOURNALS) == 3
    for path in OLD_JOURNALS:
        header, *lines = lines_of(path)
        assert header["format"] == 1 and all("header" not in line for line in lines)


@pytest.mark.parametrize("path", OLD_JOURNALS, ids=lambda path: path.name)
def test_an_old_journal_verifies_and_says_its_header_is_not_covered(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    result = run_here(capsys, "replay", str(path), "--verify")
    assert result.returncode == 0, result.stderr
    assert ": verified: the header and " in result.stdout
    assert f"{path}:1: note: written by an earlier whitecell (journal format 1)" in result.stdout
    assert f"whitecell fork {path} --line " in result.stdout
    as_json = json.loads(run_here(capsys, "replay", str(path), "--verify", "--json").stdout)
    assert as_json["verified"] is True and as_json["headerCovered"] is False
    assert run_here(capsys, "replay", str(path)).returncode == 0
    assert run_here(capsys, "report", str(path)).returncode == 0


def test_an_old_journal_resumes_in_its_own_format_and_forks_into_the_new_one(tmp_path: Path) -> None:
    copy = tmp_path / "old.jsonl"
    shutil.copyfile(OLD / "format-1-harbour-fork-L7.jsonl", copy)
    session, _ = Session.resume(copy, clock=clock)
    session.apply(AddNote("observation", "resumed"))
    session.close()
    assert "header" not in lines_of(copy)[-1]
    assert verify_journal(str(copy)).verified

    forked = tmp_path / "new.jsonl"
    fork_journal(copy, len(lines_of(copy)), forked, clock=clock).session.close()
    header, first, *_ = lines_of(forked)
    assert header["format"] == JOURNAL_FORMAT == 2
    assert first["header"] == header_digest(header)
    verification = verify_journal(str(forked))
    assert verification.verified and verification.header_covered


def test_a_new_journal_records_its_header_digest_on_the_first_command_line_only(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    header, *lines = lines_of(path)
    assert lines[0]["header"] == header_digest(header)
    assert all("header" not in line for line in lines[1:])


def _headers() -> list[tuple[str, Any, str]]:
    """(key, value or None to remove it, what the message names): headers that break the journal schema."""
    return [
        ("engine", None, "'engine' is a required property"),
        ("created", None, "'created' is a required property"),
        ("settings", None, "'settings' is a required property"),
        ("created", "yesterday", "at /created"),
        ("engine", 7, "at /engine"),
        ("forkedFrom", [1, 2], "at /forkedFrom"),
        ("forkedFrom", {"journal": "a.jsonl", "line": 0, "digest": "0" * 64}, "at /forkedFrom/line"),
        ("settings", {"bots": {}, "timerMinutes": None, "extra": 1}, "at /settings"),
        ("comment", "added by hand", "key whitecell never writes here: 'comment'"),
    ]


@pytest.mark.parametrize(("key", "value", "words"), _headers())
def test_a_header_that_breaks_the_journal_schema_is_refused_at_line_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, value: Any, words: str
) -> None:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    lines = lines_of(path)
    if value is None:
        del lines[0][key]
    else:
        lines[0][key] = value
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    problem = verify_journal(str(path)).problem
    assert problem is not None and (problem.line, problem.code) == (1, "journal-header"), problem
    assert words in problem.message
    result = run_here(capsys, "replay", str(path), "--verify")
    assert result.returncode == 1 and f"{path}:1:1: error:" in result.stderr


def test_a_header_with_thousands_of_added_keys_names_three_and_counts_the_rest(tmp_path: Path) -> None:
    """jsonschema's message named every added key; the names come through the one sanitising place, cut short."""
    path = tmp_path / "game.jsonl"
    write_journal(path)
    lines = lines_of(path)
    lines[0].update({f"k{index}\u001b]0;pwned\u0007" + "x" * 100: 1 for index in range(5000)})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    problem = verify_journal(str(path)).problem
    assert problem is not None and problem.code == "journal-header"
    assert problem.message.endswith("'k2\ufffd]0;pwned\ufffdxxxxxxxxxxx…' and 4,997 more"), problem.message
    assert "\u001b" not in problem.message and len(problem.message) < 200


def test_a_format_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    """`"format": true` equals 1 in Python; it is still not a format number."""
    path = tmp_path / "game.jsonl"
    write_journal(path)
    lines = lines_of(path)
    lines[0]["format"] = True
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    problem = verify_journal(str(path)).problem
    assert problem is not None and (problem.line, problem.code) == (1, "journal-format")
