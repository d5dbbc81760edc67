"""A team's seat console shows nothing above the team: the planted game of `test_audience_leaks`,
drawn on each team's console from the observation the server would send it, with its main
screen, briefing and log read as a person in the room would read them.

The seat console can only draw what its seat is sent (`test_seats_leaks` checks every byte on
the wire); this checks the last step, that the screen draws its own team's planted words and
none above it.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from engine.audience.observation import observe
from engine.audience.visibility import Audience
from engine.core.view import View
from tests.helpers import SMALL, WIDE, screen_text
from tests.test_audience_leaks import SEOUL, TOKYO, leaks, planted_session
from tests.test_tui_seat import FakeLink, run_seat, settle, state
from tui.seat.app import SeatApp
from tui.seat.link import Connection, Joined

OWN_WORDS = {
    "seoul": ("Qvmseoulbriefing", "Qvmseoulobjective", "Qvmseoulshock0"),
    "tokyo": ("Qvmtokyoreturnnote", "Qvmtokyoorder"),
}
"""Planted words each team's console must show somewhere (so that the absence of the others means something)."""


def _screens(audience: Audience, size: tuple[int, int]) -> list[str]:
    """The seat's main screen, its briefing and its log, as text, for the planted game."""
    assert audience.role is not None
    session = planted_session()
    seen = observe(View(session.game, session.state), session.events(), audience.role)
    role = session.scenario.roles[session.game.role_index[audience.role]]
    opening = (Joined(role.id, role.name, session.scenario.title), Connection("connected"), state(seen.to_json()))
    shown: list[str] = []

    async def read(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        shown.append(screen_text(app))
        for key in ("b", "l"):
            await pilot.press(key)
            await settle(pilot, link)
            shown.append(screen_text(app))
            await pilot.press("escape")
            await settle(pilot, link)

    run_seat(read, size=size, events=opening)
    return shown


@pytest.mark.parametrize("audience", [SEOUL, TOKYO], ids=str)
def test_a_seat_console_shows_its_team_nothing_above_it(audience: Audience) -> None:
    shown = _screens(audience, WIDE)
    leaked = leaks(shown, audience)
    assert not leaked, leaked
    assert audience.role is not None
    everything = "\n".join(shown).lower()
    missing = [word for word in OWN_WORDS[audience.role] if word.lower() not in everything]
    assert not missing, missing


def test_a_small_seat_console_leaks_nothing_either() -> None:
    """At 80x24 the panels are cut differently; what is cut must not be replaced by something hidden."""
    shown = _screens(TOKYO, SMALL)
    assert not leaks(shown, TOKYO)
