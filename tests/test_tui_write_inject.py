"""Writing an inject at the console (`w`): the dialog, its preview and refusals, the log and the journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from engine.audience.console import log_lines
from engine.audience.visibility import WHITE_CELL
from engine.core.events import Changed, InjectWritten
from engine.journal.reader import open_journal
from engine.journal.session import Session
from tests.helpers import SMALL, WIDE, current, drive, keys, screen_text, session_of, type_text
from tests.test_replay_cli import journal_validator
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.commands import PLAY_COMMANDS, help_lines
from tui.screens.play import PlayScreen
from tui.screens.write_inject import WriteInjectScreen, read_inject_amount


def test_an_amount_is_signed_and_0_takes_the_row_away() -> None:
    assert [read_inject_amount(text) for text in ("+3", "-40", "4", "0")] == [3, -40, 4, 0]
    for text in ("", "-", "x", "5.5", "+ 3", "1" * 13):
        assert read_inject_amount(text) == "Type an amount such as +5 or -3 (0 takes the row away)."


def test_w_is_listed_in_help_and_the_palette_but_not_the_footer() -> None:
    (command,) = [command for command in PLAY_COMMANDS if command.key == "w"]
    assert (command.action, command.title, command.in_footer, command.in_palette) == (
        "write_inject",
        "Write an inject",
        False,
        True,
    )
    assert ("w", command.help) in help_lines(PLAY_COMMANDS)


async def _write(pilot: Pilot[None], amount: str) -> None:
    await keys(pilot, "enter", "w")  # past the briefing, then the dialog
    await type_text(pilot, "Leaked memo")
    await keys(pilot, "enter")
    await type_text(pilot, "A cabinet memo leaks to the press")
    await keys(pilot, "enter")  # on to the amount (the first variable is chosen)
    await type_text(pilot, amount)
    await keys(pilot, "enter")


def test_an_inject_written_in_the_dialog_is_in_the_log_and_the_journal(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    session = session_of(app)
    first = session.scenario.variables[0]
    now = session.state.values[0]
    amount = -5 if now - 5 >= first.min else 5

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _write(pilot, f"{amount:+d}")
        assert isinstance(current(app), WriteInjectScreen)
        sign = "+" if amount > 0 else "−"
        assert f"{first.label} {now} → {now + amount} ({sign}5)" in screen_text(app)
        await keys(pilot, "enter")  # an empty amount: on to the reason
        await keys(pilot, "enter")  # no reason yet: the engine's refusal, in the dialog
        assert isinstance(current(app), WriteInjectScreen)
        error = str(app.screen.query_one("#error", Static).render())
        assert error == "Not yet: say why the white cell writes this inject, for the record."
        await type_text(pilot, "tests the crisis lines")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.state.values[0] == now + amount
    written, change = session.history[-1].events
    assert isinstance(written, InjectWritten) and isinstance(change, Changed)
    assert (written.title, written.category, written.audience) == ("Leaked memo", "other", ())
    assert change.cause == written.cause and change.cause.id == "Leaked memo"
    log = [line.text for line in log_lines(session, WHITE_CELL)]
    assert any("Inject from the white cell: Leaked memo [other]: A cabinet memo leaks to the press" in line for line in log)
    lines = [line.data for line in open_journal(tmp_path / "game.jsonl").lines]
    assert lines[-1]["command"] == {
        "command": "write-inject",
        "title": "Leaked memo",
        "narrative": "A cabinet memo leaks to the press",
        "category": "other",
        "audience": [],
        "effects": [{"var": first.id, "amount": amount}],
        "reason": "tests the crisis lines",
    }
    assert not [error for line in lines for error in journal_validator().iter_errors(line)]
    replayed, problems = Session.replay(open_journal(tmp_path / "game.jsonl"))
    assert problems == [] and replayed.digest() == session.digest()


def test_the_audience_and_category_are_chosen_and_a_bad_amount_is_said(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    session = session_of(app)
    second = session.scenario.roles[1]

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _write(pilot, "+1000")
        assert isinstance(current(app), WriteInjectScreen)
        await keys(pilot, "shift+tab", "shift+tab", "shift+tab")  # amount -> variable -> category -> audience
        await keys(pilot, "down", "space")  # the second team ticked: told to it only
        await keys(pilot, "tab", "enter", "home", "enter")  # the first category
        await keys(pilot, "tab", "tab")  # back to the amount
        await keys(pilot, "enter")
        await type_text(pilot, "a test")
        await keys(pilot, "enter")
        assert isinstance(current(app), WriteInjectScreen), "an amount past the variable's width is refused"
        assert "can be moved by at most" in str(app.screen.query_one("#error", Static).render())
        await keys(pilot, "shift+tab")
        await type_text(pilot, "0")
        await keys(pilot, "enter", "enter", "enter")  # the row taken away; no effect; send
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    (written,) = session.history[-1].events
    assert isinstance(written, InjectWritten)
    assert (written.audience, written.category) == ((second.id,), "missile")


@pytest.mark.parametrize("size", [SMALL, WIDE])
def test_the_dialog_fits_the_terminal(tmp_path: Path, size: tuple[int, int]) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "w")
        text = screen_text(app)
        for seen in ("Write an inject", "Title", "Narrative", "To", "Category", "Variable", "Amount", "Reason", "Escape cancels"):
            assert seen in text, seen

    drive(app, script, size)
