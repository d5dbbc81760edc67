"""Who hears of an inject written at the table (issue 12): its audience and the white cell, no one else.

Distinctive words are planted in the title, the narrative and the reason; every surface of another
team (its seat's observation, its report edition) and of the room (the projector's view and its
rendered text, the room's report) is searched for them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from engine.audience.console import command_words
from engine.audience.observation import observe
from engine.audience.room import players_view
from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.core.commands import Resolve, WriteInject
from engine.core.view import View
from engine.documents.report import build_report, render
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import drive, replay_app
from tests.helpers import screen_text as terminal_text
from tui.app import WhitecellApp
from tui.screens.replay import ReplayScreen
from tui.widgets.display_parts import screen_text

TITLE, STORY, WHY = "Zephyrine dossier", "Quokkaville harbour is sealed", "Marmalade rehearsal"


def _session(audience: tuple[str, ...], scenario: str = "seoul-tokyo-2026", variable: str = "trust") -> Session:
    session = Session.new(resolve_scenario(scenario), 5)
    session.apply(WriteInject(TITLE, STORY, "maritime", audience, ((variable, -6),), WHY))
    return session


def _everything(session: Session, audience: Audience) -> str:
    """All an audience's surfaces as text: its seat's observation (or the projector's view) and its report, both formats."""
    if audience.kind == "team":
        assert audience.role is not None
        seen = json.dumps(session_observation(session, audience.role), ensure_ascii=False)
    else:
        view = players_view(session)
        seen = repr(view) + screen_text(view) + screen_text(view, width=80)
    report = build_report(session, audience=audience)
    return seen + render(report, "markdown") + render(report, "html")


def session_observation(session: Session, role: str) -> dict[str, object]:
    """What the team's seat is sent (engine.seats.teams sends this projection)."""
    return observe(View(session.game, session.state), session.events(), role).to_json()


def test_a_team_only_inject_is_not_seen_by_the_other_team_nor_the_room() -> None:
    session = _session(("tokyo",))
    for outsider in (Audience.team("seoul"), ROOM):
        text = _everything(session, outsider)
        for planted in (TITLE, STORY, WHY, "Zephyrine", "Quokkaville"):
            assert planted not in text, (outsider, planted)
    told = _everything(session, Audience.team("tokyo"))
    assert TITLE in told and STORY in told and WHY not in told, "the team told reads it, without the white cell's reason"
    assert WHY in _everything(session, WHITE_CELL)


def test_an_inject_told_to_every_team_is_the_rooms_too_when_the_white_cell_plays_an_actor() -> None:
    """Strait week has Beijing as a white-cell actor, whom no inject may address: naming both teams names
    everyone, so the projector shows the inject (it once asked for Beijing to be named as well)."""
    session = _session(("seoul", "tokyo"), "strait-week", "tension")
    assert TITLE in _everything(session, ROOM) and WHY not in _everything(session, ROOM)
    assert any(TITLE in event for event in players_view(session).events)


def test_the_room_sees_the_public_gauge_move_but_not_what_moved_it() -> None:
    view = players_view(_session(("seoul",)))
    assert view.events[-1] == "Bilateral trust 55 → 49 (−6): undisclosed"


@pytest.mark.parametrize("audience", [(), ("seoul", "tokyo")])
def test_an_inject_told_to_everyone_is_on_the_projector_without_the_reason(audience: tuple[str, ...]) -> None:
    session = _session(audience)
    view = players_view(session)
    text = _everything(session, ROOM)
    assert TITLE in text and STORY in text and WHY not in text
    assert any(TITLE in event for event in view.events)
    assert view.events[-1] == f"Bilateral trust 55 → 49 (−6): white cell's inject “{TITLE}”"
    assert [(card.title, card.source, card.narrative, card.new, card.remaining) for card in view.shocks] == [
        (TITLE, "The white cell", STORY, True, 1)
    ], "a card on the projector for the turn it was written in"
    session.apply(Resolve())
    assert TITLE not in [card.title for card in players_view(session).shocks]
    seoul = _everything(session, Audience.team("seoul"))
    assert TITLE in seoul and WHY not in seoul


def test_the_check_can_fail() -> None:
    """The search finds a planted word where it is shown, so its absence above means something."""
    assert "Zephyrine" in _everything(_session(("seoul",)), Audience.team("seoul"))


def test_the_command_in_words_names_no_variable_its_reader_does_not_see() -> None:
    """The replay's timeline and an undo in the log tell the command: one moving a white-cell
    variable is only mentioned to the room, one moving public variables is told less its reason."""
    scenario = resolve_scenario("seoul-tokyo-2026")
    secret = WriteInject(TITLE, STORY, "missile", (), (("trust", -2), ("dprk-threat", 4)), WHY)
    assert command_words(scenario, ROOM, secret) == "write an inject (hidden)"
    assert "North Korean threat level +4" in command_words(scenario, WHITE_CELL, secret)
    public = WriteInject(TITLE, STORY, "missile", (), (("trust", -2),), WHY)
    assert command_words(scenario, ROOM, public) == f"write an inject: {TITLE} (Bilateral trust −2)"
    told = WriteInject(TITLE, STORY, "missile", ("tokyo",), (("trust", -2),), WHY)
    assert command_words(scenario, Audience.team("seoul"), told) == "write an inject (hidden)"
    assert (
        command_words(scenario, Audience.team("tokyo"), told) == f"write an inject: {TITLE}, to Tokyo only (Bilateral trust −2)"
    )


def test_the_replay_screen_steps_through_an_inject_and_hides_it_from_the_room(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(resolve_scenario("seoul-tokyo-2026"), 5, path)
    session.apply(WriteInject(TITLE, STORY, "maritime", ("tokyo",), (("trust", -6),), WHY))
    session.close()

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("home", "right")
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        text = str(screen.query_one("#changes", Static).content)
        assert f"Inject from the white cell: {TITLE} [maritime], to Tokyo only: {STORY} ({WHY})" in text
        assert f"Bilateral trust 55 → 49 (−6): white cell's inject “{TITLE}” ({WHY})" in text
        assert "Zephyrine" in terminal_text(app)
        await pilot.press("h")
        shown = terminal_text(app)
        for planted in ("Zephyrine", "Quokkaville", "Marmalade"):
            assert planted not in shown, planted

    drive(replay_app(path), script)
