"""The end screen's keys keep working after a dialog: declining to replace a report must not eat the next key."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import Resolve
from engine.journal.session import Session
from tests.helpers import current, doc, drive, keys, load
from tests.test_tui_play import resumed_app
from tui.app import WhitecellApp
from tui.screens.dialogs import ConfirmScreen
from tui.screens.end import EndScreen
from tui.screens.report import ReportScreen


def test_o_opens_the_report_after_declining_to_replace_one(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(load(doc(turns={"count": 1})), 1, path)
    session.apply(Resolve())
    session.close()
    written = tmp_path / "game-report.html"
    written.write_text("earlier", encoding="utf-8")
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), EndScreen)
        await keys(pilot, "w")
        assert isinstance(current(app), ConfirmScreen)
        await keys(pilot, "n")
        assert isinstance(current(app), EndScreen)
        await keys(pilot, "o")
        assert isinstance(current(app), ReportScreen), "the first o after the dialog opens the report"

    drive(app, script)
    assert written.read_text(encoding="utf-8") == "earlier"


def test_a_link_planted_at_the_reports_name_is_replaced_not_written_through(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(load(doc(turns={"count": 1})), 1, path)
    session.apply(Resolve())
    session.close()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not the report's to change", encoding="utf-8")
    written = tmp_path / "game-report.html"
    written.symlink_to(elsewhere)
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "w")
        assert isinstance(current(app), ConfirmScreen)
        await keys(pilot, "y")

    drive(app, script)
    assert elsewhere.read_text(encoding="utf-8") == "not the report's to change"
    assert not written.is_symlink() and written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
