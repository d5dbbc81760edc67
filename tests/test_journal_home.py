"""Journals in a per-user data folder (issue 12): a session opened without a journal path writes
there, WHITECELL_HOME chooses it, --resume and the start screen find journals there and, for
journals of earlier versions, in the folder run from."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.commands import Resolve
from engine.journal.home import HOME_VARIABLE, find_journal, journal_home
from tests.helpers import drive
from tui.app import make_app
from tui.launch import Launch, open_session
from tui.screens.start import StartScreen, recent_journals


def test_the_conftest_keeps_tests_out_of_the_real_home_folder() -> None:
    assert journal_home() != Path.home() / ".local/share/whitecell/journals"
    assert "whitecell-home-" in str(journal_home())


def test_a_session_without_a_path_is_journaled_in_the_journal_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "data" / "journals"
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    monkeypatch.chdir(tmp_path)
    session, _ = open_session(Launch(scenario="seoul-tokyo-2026", seed=3))
    session.apply(Resolve())
    session.close()
    assert session.path is not None and session.path.parent == home
    assert session.path.name.startswith("seoul-tokyo-2026-") and session.path.suffix == ".jsonl"
    assert list(tmp_path.glob("*.jsonl")) == []  # nothing in the folder run from
    assert find_journal(Path(session.path.name)) == session.path


def test_without_the_variable_it_is_the_platforms_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(HOME_VARIABLE)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert journal_home() == tmp_path / "xdg" / "whitecell" / "journals"


def test_resume_by_name_looks_in_the_folder_run_from_then_the_journal_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    monkeypatch.chdir(tmp_path)
    (home / "a.jsonl").write_text("x\n", encoding="utf-8")
    Path("b.jsonl").write_text("x\n", encoding="utf-8")
    (home / "b.jsonl").write_text("x\n", encoding="utf-8")
    assert find_journal(Path("a.jsonl")) == home / "a.jsonl"
    assert find_journal(Path("b.jsonl")) == Path("b.jsonl")
    assert find_journal(Path("missing.jsonl")) == Path("missing.jsonl")
    assert find_journal(Path("sub/a.jsonl")) == Path("sub/a.jsonl")


def test_the_start_screen_lists_journals_of_both_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, here = tmp_path / "home", tmp_path / "here"
    here.mkdir()
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    for folder in (home, here):
        session, _ = open_session(Launch(scenario="seoul-tokyo-2026", seed=3, folder=folder))
        session.close()
    found = {journal.path.parent for journal in recent_journals(home, here)}
    assert found == {home, here}
    monkeypatch.chdir(here)
    app = make_app(Launch(start_screen=True, folder=home), blink=False)

    async def script(app, pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert {journal.path.parent for journal in app.screen.journals} == {home, here}

    drive(app, script)
