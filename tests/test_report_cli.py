"""`whitecell report` and `whitecell play`'s argument checks, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.core.commands import AddNote, Resolve
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.test_cli import run


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "game.jsonl"
    session = Session.new(resolve_scenario("missile-crisis"), 3, path)
    session.apply(AddNote("strength", "Clear and early coordination."))
    while not session.state.ended:
        session.apply(Resolve())
    session.close()
    return path


def test_report_prints_markdown_by_default(journal: Path) -> None:
    result = run("report", str(journal))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# After-action report: Missile Crisis")
    assert "Clear and early coordination." in result.stdout


def test_report_writes_html_and_never_overwrites_without_force(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "aar.html"
    first = run("report", str(journal), "-o", str(target))
    assert first.returncode == 0, first.stderr
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    target.write_text("my filled-in plan", encoding="utf-8")
    again = run("report", str(journal), "-o", str(target))
    assert again.returncode == 1
    assert "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my filled-in plan"
    forced = run("report", str(journal), "-o", str(target), "--force")
    assert forced.returncode == 0
    assert "Clear and early coordination." in target.read_text(encoding="utf-8")


def test_report_refuses_a_file_name_without_a_known_format(journal: Path, tmp_path: Path) -> None:
    result = run("report", str(journal), "-o", str(tmp_path / "aar.pdf"))
    assert result.returncode == 2
    assert ".md" in result.stderr and ".html" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_journal_still_gets_a_report_of_what_came_before(journal: Path) -> None:
    lines = journal.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[3])
    entry["digest"] = "0" * 64
    lines[3] = json.dumps(entry)
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("report", str(journal))
    assert result.returncode == 1
    assert f"{journal}:4:" in result.stderr
    assert "stops replaying at line 4" in result.stdout
    assert "Traceback" not in result.stderr


def test_report_of_a_missing_journal_is_invalid_input(tmp_path: Path) -> None:
    result = run("report", str(tmp_path / "nothing.jsonl"))
    assert result.returncode == 1
    assert "no such file" in result.stderr


@pytest.mark.parametrize(
    ("args", "status", "needle"),
    [
        (["play", "--bot", "kyoto=greedy"], 2, "--bot names role 'kyoto'"),
        (["play", "--bot", "tokyo"], 2, "expected ROLE=POLICY"),
        (["play", "--bot", "greedy"], 2, "expected ROLE=POLICY, e.g. tokyo=greedy, got 'greedy'"),
        (["play", "--bot", "tokyo=genius"], 2, "unknown bot 'genius' (known: random, greedy, passive)"),
        (["play", "--timer", "0"], 2, "from 1 to 1440"),
        (["play", "--seed", "-4"], 2, "seed must be"),
        (["play", "--resume", "x.jsonl", "--seed", "3"], 2, "give it alone"),
        (["play", "no-such-scenario"], 1, "no bundled scenario of that name"),
        (["play"], 2, "play runs in a terminal"),
    ],
)
def test_play_checks_its_arguments_before_opening_anything(args: list[str], status: int, needle: str, tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == status, result.stderr
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_play_refuses_to_overwrite_a_journal(tmp_path: Path) -> None:
    (tmp_path / "game.jsonl").write_text("precious\n", encoding="utf-8")
    result = run("play", "--journal", "game.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert "never overwritten" in result.stderr
    assert (tmp_path / "game.jsonl").read_text(encoding="utf-8") == "precious\n"


def test_report_by_audience(journal: Path) -> None:
    room = run("report", str(journal), "--audience", "room")
    assert room.returncode == 0, room.stderr
    assert "The room's edition" in room.stdout and "Clear and early coordination." not in room.stdout
    team = run("report", str(journal), "--audience", "tokyo")
    assert team.returncode == 0, team.stderr
    assert "Tokyo's edition" in team.stdout and "Clear and early coordination." not in team.stdout
    white = run("report", str(journal), "--audience", "white-cell")
    assert white.stdout == run("report", str(journal)).stdout


def test_report_names_the_roles_when_the_audience_is_unknown(journal: Path, tmp_path: Path) -> None:
    result = run("report", str(journal), "--audience", "kyoto", "-o", str(tmp_path / "aar.md"))
    assert result.returncode == 2
    assert "unknown audience 'kyoto'" in result.stderr and "(seoul, tokyo)" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "aar.md").exists()
