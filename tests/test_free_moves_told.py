"""Free-form moves as the room, the report and the replay screen tell them (issue 12)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from engine import Exercise
from engine.audience.room import players_view
from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.documents.report import build_report, render_html, render_markdown
from engine.documents.report.free_moves import free_move_entries
from tests.helpers import drive, replay_app
from tui.app import WhitecellApp
from tui.screens.replay import ReplayScreen

SEED = 7


def _played(path: Path | None = None) -> Exercise:
    """Seoul's move succeeds (chance 100) and moves trust and a white-cell variable; Tokyo's fails."""
    ex = Exercise.open("seoul-tokyo-2026", seed=SEED, journal=path)
    ex.free_move("seoul", "Open a quiet <b>backchannel</b>", "It lowers the risk", 100, counter="Tokyo is left out")
    ex.settle_free_move("seoul", {"trust": 4, "dprk-threat": -2}, "a private judgement")
    ex.free_move("tokyo", "Leak the memo", "It shames Seoul", 30, rating="unlikely")
    return ex


def test_the_report_lists_each_move_with_its_arguments_roll_and_effects() -> None:
    ex = _played()
    entries = build_report(ex.session).free_moves
    assert [(e.team, e.action, e.reasons, e.counter, e.chance, e.succeeded) for e in entries] == [
        ("Seoul", "Open a quiet <b>backchannel</b>", "It lowers the risk", "Tokyo is left out", "100%", True),
        ("Tokyo", "Leak the memo", "It shames Seoul", "", "30% (the room's rating: unlikely)", False),
    ]
    seoul, tokyo = entries
    assert seoul.turn_name == "January 2026" and 1 <= seoul.roll <= 100
    assert seoul.effects == "Bilateral trust 55 → 59 (+4); North Korean threat level 45 → 43 (−2)"
    assert seoul.reason == "a private judgement"
    assert tokyo.effects == "none: the move failed" and tokyo.roll > 30
    markdown = render_markdown(build_report(ex.session))
    assert "## Free-form moves" in markdown
    assert (
        "| January 2026 | Seoul | Open a quiet \\<b\\>backchannel\\</b\\> | It lowers the risk | Tokyo is left out | 100% |"
        in markdown
    )
    assert "(reason: a private judgement)" in markdown
    html = render_html(build_report(ex.session))
    assert '<section id="free-moves"' in html and 'href="#free-moves"' in html
    assert "Open a quiet &lt;b&gt;backchannel&lt;/b&gt;" in html and "<b>backchannel" not in html


def test_every_edition_lists_the_moves_without_the_white_cells_reason_or_hidden_variables() -> None:
    ex = _played()
    for audience in (ROOM, Audience.team("tokyo")):
        (seoul, _) = free_move_entries(ex.session, audience)
        assert seoul.effects == "Bilateral trust 55 → 59 (+4)" and seoul.reason == ""
        assert "a private judgement" not in render_markdown(build_report(ex.session, audience=audience))
    assert free_move_entries(ex.session, WHITE_CELL)[0].reason == "a private judgement"


def test_a_report_without_moves_has_no_such_section() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=SEED)
    report = build_report(ex.session)
    assert report.free_moves == ()
    assert "Free-form moves" not in render_markdown(report) and "free-moves" not in render_html(report)


def test_a_move_awaiting_its_effects_reads_as_none_chosen() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=SEED)
    ex.free_move("seoul", "Act", "Why", 100)
    (entry,) = build_report(ex.session).free_moves
    assert entry.succeeded and entry.effects == "none chosen"


def test_the_projector_shows_the_move_and_its_effects_to_the_room() -> None:
    ex = _played()
    told = players_view(ex.session).events
    assert any(
        line.startswith("Seoul's free-form move: Open a quiet <b>backchannel</b> (for: It lowers the risk") for line in told
    )
    assert "Bilateral trust 55 → 59 (+4): Seoul's free-form move (Open a quiet <b>backchannel</b>)" in told
    assert not any("North Korean threat" in line or "private judgement" in line for line in told)
    assert any("Tokyo's free-form move: Leak the memo" in line and "it fails" in line for line in told)


def test_the_replay_screen_steps_through_the_moves_in_words(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    _played(path).close()

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("home", "right")
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        text = str(screen.query_one("#changes", Static).content)
        assert "Line 2 · Seoul's free-form move: Open a quiet <b>backchannel</b> (chance 100%)" in text
        await pilot.press("right")
        text = str(screen.query_one("#changes", Static).content)
        assert "effects of Seoul's free-form move: Bilateral trust +4, North Korean threat level −2 (a private judgement)" in text
        assert "Bilateral trust 55 → 59 (+4): Seoul's free-form move (Open a quiet <b>backchannel</b>)" in text

    drive(replay_app(path), script)


def test_a_teams_seat_reads_the_move_and_its_visible_effects() -> None:
    ex = _played()
    log = ex.observe("tokyo").log
    assert any(line.startswith("Seoul's free-form move: Open a quiet <b>backchannel</b>") for line in log)
    assert "Bilateral trust 55 → 59 (+4): Seoul's free-form move (Open a quiet <b>backchannel</b>)" in log
    assert not any("North Korean threat" in line or "private judgement" in line for line in log)
