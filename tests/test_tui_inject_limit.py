"""An inject past a shock's limit is the white cell's call, but the console says so rather than staying silent."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import InjectShock, Resolve
from engine.journal.session import Session
from tests.helpers import doc, drive, load, notifications, shock
from tests.test_tui_play import resumed_app
from tui.app import WhitecellApp
from tui.asking import past_limit_notice
from tui.injecting import fire


def _session(path: Path, max_fires: int) -> Session:
    return Session.new(load(doc(shocks=[shock("flare", maxFires=max_fires)], turns={"count": 6})), 1, path)


def test_the_notice_comes_only_past_the_limit(tmp_path: Path) -> None:
    session = _session(tmp_path / "game.jsonl", 2)
    notices = []
    for _ in range(3):
        session.apply(InjectShock("flare", "pressure"))
        notices.append(past_limit_notice(session, "flare"))
        session.apply(Resolve())
    assert notices[:2] == [None, None]
    assert notices[2] is not None
    assert notices[2].startswith("Shock flare has now happened 3 times; the scenario lets it happen 2 times on its own.")
    once = _session(tmp_path / "once.jsonl", 1)
    for _ in range(2):
        once.apply(InjectShock("flare", "again"))
        once.apply(Resolve())
    assert "lets it happen once on its own" in (past_limit_notice(once, "flare") or "")


def test_the_console_warns_after_an_inject_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = _session(path, 1)
    session.apply(InjectShock("flare", "first"))
    session.apply(Resolve())
    session.close()
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        fire(app, "flare", "once more")
        await pilot.pause()
        assert any("Inject: Shock flare has now happened 2 times" in text for text in notifications(app))

    drive(app, script)
