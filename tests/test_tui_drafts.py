"""A team's draft of orders survives a crash (issue 12): it is kept beside the journal as it is
ticked, restored with a notice on resume, and gone once journaled; the file is written whole,
never through a link, and what it holds is checked against the journal before it is believed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import Resolve, SubmitOrders
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import current, drive, keys, notifications, screen_text, session_of
from tests.test_tui_play import assert_journal_replays_to, journal_commands, new_app, resumed_app
from tui.app import WhitecellApp
from tui.draft_file import draft_path, read_drafts, write_drafts
from tui.drafts import Drafts
from tui.screens.dialogs import ConfirmScreen
from tui.screens.summary import AdjudicationScreen


def test_a_crash_mid_entry_loses_nothing(tmp_path: Path) -> None:
    """Two of Seoul's actions ticked, then the console is gone without a word (no quit, no
    submission); resumed, the draft is back with a notice, and r journals it once."""
    path = tmp_path / "game.jsonl"
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=7)
    ticked: list[tuple[str, ...] | None] = []

    async def half_an_order(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "f", "space", "d", "e", "space")
        ticked.append(app.drafts.get("seoul"))
        assert draft_path(path).exists()

    drive(app, half_an_order)  # the test's end drops the app; only the journal is closed, as a killed process's is
    assert [command["command"] for _, command in journal_commands(path)] == [], "nothing ticked was journaled"

    again = resumed_app(path)

    async def resume(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert app.drafts.get("seoul") == ticked[0] == ("foreign-policy-consultations", "security-dialogue")
        assert any("Drafts restored" in note and "Seoul (2 actions)" in note for note in notifications(app))
        assert "draft, not submitted" in screen_text(app)
        await keys(pilot, "r")
        assert isinstance(current(app), ConfirmScreen), "Tokyo has neither orders nor a draft"
        await keys(pilot, "y")
        assert isinstance(current(app), AdjudicationScreen)

    drive(again, resume)
    orders = [command for _, command in journal_commands(path) if command["command"] == "orders"]
    assert orders == [{"command": "orders", "role": "seoul", "actions": list(ticked[0] or ())}]
    assert not draft_path(path).exists(), "journaled: the draft file is gone"
    assert_journal_replays_to(path, session_of(again))


def test_the_draft_file_goes_once_the_orders_are_submitted(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=7)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "space")
        assert draft_path(path).exists()
        assert draft_path(path).stat().st_mode & 0o777 == 0o600
        await keys(pilot, "space")  # unticked: no draft left
        assert not draft_path(path).exists()
        await keys(pilot, "space", "enter")
        assert not draft_path(path).exists()
        assert sorted(entry.name for entry in tmp_path.iterdir()) == ["game.jsonl"], "no temporary file left behind"

    drive(app, script)


def session_in(folder: Path) -> Session:
    return Session.new(resolve_scenario("seoul-tokyo-2026"), 7, folder / "game.jsonl")


def test_a_draft_of_another_turn_or_of_orders_since_changed_is_not_restored(tmp_path: Path) -> None:
    session = session_in(tmp_path)
    assert session.path is not None
    write_drafts(session.path, 2, {"seoul": {"actions": ["security-dialogue"], "base": None}})
    drafts, notice = Drafts.restore(session)
    assert drafts.by_role == {} and notice is None
    assert not draft_path(session.path).exists(), "a stale draft is cleared away"

    write_drafts(session.path, 1, {"seoul": {"actions": ["security-dialogue"], "base": None}})
    session.apply(SubmitOrders("seoul", ("warning-data",)))  # entered after the draft was kept (a seat, say)
    drafts, notice = Drafts.restore(session)
    assert drafts.get("seoul") is None and notice is None
    session.close()


def test_a_draft_file_that_is_not_one_is_ignored(tmp_path: Path) -> None:
    session = session_in(tmp_path)
    assert session.path is not None
    file = draft_path(session.path)
    for text in ["{", "[]", '{"format": "whitecell-console-drafts", "turn": "1", "drafts": {}}', "x" * 2_000_000]:
        file.write_text(text)
        assert Drafts.restore(session)[0].by_role == {}
    unknown = {"seoul": {"actions": ["launch-everything"], "base": None}, "tokyo": {"actions": "warning-data"}, "nobody": {}}
    write_drafts(session.path, 1, unknown)
    assert Drafts.restore(session)[0].by_role == {}
    session.close()


def test_the_draft_file_is_never_followed_through_a_link(tmp_path: Path) -> None:
    """A link planted where the draft goes: reading ignores it, writing replaces the link and
    leaves what it pointed to alone."""
    journal = tmp_path / "game.jsonl"
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    os.symlink(target, draft_path(journal))
    assert read_drafts(journal) is None
    write_drafts(journal, 1, {"seoul": {"actions": ["warning-data"], "base": None}})
    assert target.read_text() == "keep me"
    assert not draft_path(journal).is_symlink()
    assert read_drafts(journal) == (1, {"seoul": {"actions": ["warning-data"], "base": None}})


def test_a_journal_with_every_tick_on_its_own_line_still_replays_the_same(tmp_path: Path) -> None:
    """Journals written before drafts hold 'A', 'A, B', 'A, B, C': they resume to the last of them."""
    session = session_in(tmp_path)
    for actions in [("foreign-policy-consultations",), ("foreign-policy-consultations", "warning-data")]:
        session.apply(SubmitOrders("seoul", actions))
    session.apply(SubmitOrders("seoul", ("foreign-policy-consultations", "warning-data", "security-dialogue")))
    session.apply(Resolve())
    digest = session.digest()
    session.close()
    app = resumed_app(tmp_path / "game.jsonl")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert session_of(app).digest() == digest
        assert app.drafts.by_role == {}

    drive(app, script)
    lines = [json.loads(line) for line in (tmp_path / "game.jsonl").read_text().splitlines()]
    assert sum(1 for line in lines if line.get("command", {}).get("command") == "orders") == 3
    assert_journal_replays_to(tmp_path / "game.jsonl", session_of(app))
