"""The team's seat console against a fake link: what it shows of a state, the draft, submitting,
orders sent back, a lost connection, the game's end and the server's errors.

The fake link stands where the client library's adapter stands in `whitecell join` (the seam is
`tui.seat.link.SeatLink`); the observation is a fixed one shaped as the server sends it, so these
tests change only with the console. The snapshot tests and the live test import the fixtures.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from tests.helpers import SMALL, WIDE, screen_text
from tui.seat.app import SeatApp
from tui.seat.dialogs import BriefingScreen, LogScreen, SubmitDialog
from tui.seat.link import (
    Closing,
    Connection,
    Joined,
    Refused,
    Resolved,
    Returned,
    SeatEvent,
    StateChanged,
    Status,
    Submitted,
    Timer,
)
from tui.seat.screen import SeatScreen
from tui.widgets.hanging import HangingText
from tui.widgets.header import GameHeader
from tui.widgets.variables import VariablesPanel

# -- fixtures: the link, the picture, driving the app ---------------------------------------------


class FakeLink:
    """A `SeatLink` the test feeds with events; it records what the console sends."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[SeatEvent | None] = asyncio.Queue()
        self.sent: list[tuple[str, int, tuple[str, ...]]] = []
        self.closed = False

    async def events(self) -> AsyncIterator[SeatEvent]:
        while (event := await self.queue.get()) is not None:
            yield event

    async def send_draft(self, turn: int, actions: Sequence[str]) -> None:
        self.sent.append(("draft", turn, tuple(actions)))

    async def submit(self, turn: int, actions: Sequence[str]) -> None:
        self.sent.append(("submit", turn, tuple(actions)))

    async def propose(self, turn: int, action: str, reasons: str) -> None:
        self.sent.append(("propose", turn, (action, reasons)))

    async def close(self) -> None:
        self.closed = True
        self.queue.put_nowait(None)

    def push(self, *events: SeatEvent) -> None:
        for event in events:
            self.queue.put_nowait(event)


def _action(
    action: str, label: str, cost: int = 1, *, joint: bool = False, spend: dict[str, int] | None = None
) -> dict[str, Any]:
    return {"action": action, "label": label, "cost": cost, "spend": spend or {}, "joint": joint, "available": True}


def _unavailable(action: str, label: str, cost: int, code: str, reason: str) -> dict[str, Any]:
    return {**_action(action, label, cost), "available": False, "code": code, "reason": reason}


def _variable(var: str, label: str, value: int, band: str) -> dict[str, Any]:
    return {"id": var, "label": label, "value": value, "min": 0, "max": 100, "band": band}


TURN_ONE: dict[str, Any] = {
    "role": "seoul",
    "roleName": "Seoul",
    "turn": 1,
    "turnCount": 12,
    "turnHeading": "Month 1 of 12: January 2026",
    "ended": False,
    "outcome": None,
    "variables": [
        _variable("trust", "Bilateral trust", 55, "Working"),
        _variable("seoul-support", "Public support in Seoul", 50, "Steady"),
        _variable("tokyo-support", "Public support in Tokyo", 53, "Steady"),
        _variable("stability", "Regional stability", 57, "Stable"),
        _variable("deterrence", "Deterrence posture", 55, "Credible"),
        _variable("history", "History-issue salience", 35, "Simmering"),
    ],
    "budget": 3,
    "resources": {"political-capital": 4},
    "score": 11,
    "briefing": (
        "# Seoul's brief\n\nThe President wants **steady** ties with Tokyo without giving ground on history.\n\n"
        "- Keep the *public* behind the policy\n- Do not be surprised by Tokyo's defence plans"
    ),
    "objectives": [
        {"role": "seoul", "id": "working-trust", "description": "Bilateral trust is at least 50 at the end.", "met": True},
        {"role": "seoul", "id": "public-behind-policy", "description": "Public support in Seoul is at least 50.", "met": True},
        {
            "role": "seoul",
            "id": "no-surprises",
            "description": "Tokyo consults Seoul three times.",
            "visibility": "private",
            "met": False,
        },
        {"role": "tokyo", "id": "working-trust", "description": "Bilateral trust is at least 50 at the end.", "met": True},
    ],
    "shocks": [
        {
            "id": "coast-guard-standoff",
            "title": "Coast guard standoff near the Senkaku/Diaoyu Islands",
            "category": "maritime",
            "narrative": "Chinese coast guard vessels stay inside the territorial sea for several days.",
            "turnsLeft": 1,
        }
    ],
    "orders": None,
    "lastOrders": {"seoul": [], "tokyo": []},
    "actions": [
        _action("shuttle-summit", "Shuttle summit", 2, joint=True, spend={"political-capital": 1}),
        _action("foreign-policy-consultations", "Foreign-policy consultations", joint=True),
        _unavailable("joint-declaration", "Joint declaration", 2, "requirement-unmet", "Needs bilateral trust of at least 62."),
        _action("security-dialogue", "Defence and security dialogue"),
        _action("warning-data", "Share missile-warning data in real time"),
        _action("regional-exchanges", "Expand exchanges between cities and regions"),
        _unavailable(
            "crisis-coordination", "Emergency coordination call", 1, "locked", "only while a missile shock is in progress"
        ),
    ],
    "log": [
        "Month 1 of 12 opens: January 2026",
        "Shock: Coast guard standoff near the Senkaku/Diaoyu Islands [maritime]",
        "Regional stability 60 → 57 (−3): Coast guard standoff near the Senkaku/Diaoyu Islands",
    ],
}
"""Seoul's picture as a server sends it when the game opens."""

RESOLUTION = (
    "Seoul orders: Shuttle summit",
    "Tokyo orders: Shuttle summit",
    "Seoul and Tokyo together: Shuttle summit",
    "Bilateral trust 55 → 62 (+7): joint Shuttle summit (Seoul and Tokyo)",
    "Month 2 of 12 opens: February 2026",
    "Shock: Governing bloc returned in the Lower House election [domestic]",
    "Public support in Tokyo 53 → 57 (+4): Governing bloc returned in the Lower House election",
)
"""What Seoul's log gains when the first turn is resolved."""


def observation(turn: int = 1, **changes: Any) -> dict[str, Any]:
    """Seoul's picture in turn 1, or in turn 2 after both teams held a shuttle summit; then ``changes``."""
    data = copy.deepcopy(TURN_ONE)
    if turn == 2:
        values = {
            "trust": (62, "Good"),
            "seoul-support": (51, "Steady"),
            "tokyo-support": (57, "Steady"),
            "history": (36, "Simmering"),
        }
        for variable in data["variables"]:
            variable["value"], variable["band"] = values.get(variable["id"], (variable["value"], variable["band"]))
        data.update(turn=2, turnHeading="Month 2 of 12: February 2026", score=12, log=[*data["log"], *RESOLUTION])
        data["resources"] = {"political-capital": 4}
        data["lastOrders"] = {"seoul": ["shuttle-summit"], "tokyo": ["shuttle-summit"]}
        data["shocks"] = [
            {
                "id": "lower-house-election",
                "title": "Governing bloc returned in the Lower House election",
                "category": "domestic",
                "narrative": "The governing bloc is returned with renewed authority; Seoul asks what it means for consultation.",
                "turnsLeft": 1,
            }
        ]
        data["actions"][2] = _action("joint-declaration", "Joint declaration", 2, joint=True, spend={"political-capital": 2})
    data.update(changes)
    return data


def state(
    data: dict[str, Any], draft: Sequence[str] = (), status: Status = "drafting", timer: Timer | None = None
) -> StateChanged:
    return StateChanged(data, tuple(draft), status, timer)


JOINED = Joined("seoul", "Seoul", "Seoul–Tokyo 2026")
OPENING: tuple[SeatEvent, ...] = (JOINED, Connection("connected"), state(observation()))
"""What a seat is sent as it joins: the welcome, then the picture."""
AFTER_RESOLUTION: tuple[SeatEvent, ...] = (*OPENING, Resolved(1, RESOLUTION, False, None), state(observation(2)))
"""A seat that saw the first turn and its resolution: changes, trends and a new shock."""
SUBMITTED = state(observation(orders=["shuttle-summit"]), ["shuttle-summit"], "submitted")
"""Seoul's orders in for the first turn."""


def seat_app(link: FakeLink) -> SeatApp:
    """The console on the fake link, with a clock that stands still (the timer shows what the server said)."""
    return SeatApp(link, where="192.168.1.20:7420", clock=lambda: 1000.0)


async def settle(pilot: Pilot[None], link: FakeLink) -> None:
    """Wait until the console has taken every event pushed and sent what it queued, then redrawn."""
    app = pilot.app
    assert isinstance(app, SeatApp)
    for _ in range(200):
        if link.queue.empty() and not app.unsent:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()
    await pilot.pause()


SeatScript = Callable[[SeatApp, FakeLink, Pilot[None]], Awaitable[None]]


def run_seat(script: SeatScript, size: tuple[int, int] = WIDE, events: Sequence[SeatEvent] = OPENING) -> FakeLink:
    """Run the console headless on a fake link fed ``events``, then the script; return the link."""
    link = FakeLink()
    app = seat_app(link)

    async def main() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            link.push(*events)
            await settle(pilot, link)
            await script(app, link, pilot)

    asyncio.run(main())
    return link


def text_of(app: SeatApp) -> str:
    """What the top screen's widgets say, each on one line however the terminal wraps it, and the
    notifications: the words a person reads, in an order that tests can match phrases in."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not widget.display:
            continue
        if isinstance(widget, OptionList):
            parts += [option.prompt.plain for option in widget.options if isinstance(option.prompt, Content)]
        elif isinstance(widget, (Static, VariablesPanel, GameHeader)):
            visual = widget.render()
            parts.append(visual.plain if isinstance(visual, Content) else str(visual))
        elif isinstance(widget, HangingText):
            parts.append(widget.plain)
        if widget.border_title:
            parts.append(str(widget.border_title))
    parts += [notification.message for notification in app._notifications]
    return " ".join(" ".join(parts).split())


def top(app: SeatApp) -> Screen[Any]:
    """The screen on top (a function, for the same reason as `chosen`)."""
    return app.screen


def chosen(app: SeatApp) -> tuple[str, ...]:
    """The draft now (a function, so that mypy does not carry one assertion's narrowing past a key press)."""
    return app.orders.actions


def drafts(link: FakeLink) -> list[tuple[str, ...]]:
    return [actions for kind, _, actions in link.sent if kind == "draft"]


# -- what the seat shows --------------------------------------------------------------------------


def test_the_state_is_shown_with_the_turn_timer_variables_shocks_objectives_and_actions() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        link.push(state(observation(), timer=Timer(599.4, 10)))
        await settle(pilot, link)
        shown = text_of(app)
        for words in (
            "Seoul · Seoul–Tokyo 2026",
            "Month 1 of 12: January 2026",
            "[drafting]",
            "⏱ 09:59",
            "● connected to 192.168.1.20:7420",
            "Bilateral trust",
            "55 Working",
            "Coast guard standoff near the Senkaku/Diaoyu Islands",
            "Tokyo consults Seoul three times. (private)",
            "Political capital 4",
            "[ ] Shuttle summit 2 pt",  # the points at the line's right edge
            "1 Political capital · joint",
            "Needs bilateral trust of at least 62.",
            "Regional stability 60 → 57",
        ):
            assert words in shown, words
        assert "✗ Tokyo consults" in shown and "✓ Bilateral trust is at least 50" in shown
        assert shown.count("Bilateral trust is at least 50") == 1, "Tokyo's public objectives are in the briefing, not the panel"

    run_seat(script)


def test_after_a_resolution_the_changes_the_new_shock_and_the_turns_log_are_shown() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        shown = text_of(app)
        assert "Month 2 of 12: February 2026" in shown
        assert "▲+7" in shown, "trust moved from 55 to 62 between the openings this seat saw"
        assert "DOMESTIC · new" in shown
        assert "▌ Bilateral trust 55 → 62 (+7)" in shown, "the resolution's lines stand out"
        assert "▌ Regional stability 60 → 57" not in shown

    run_seat(script, events=AFTER_RESOLUTION)


def test_briefing_and_log_open_and_close_with_their_keys() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        assert isinstance(top(app), BriefingScreen)
        shown = text_of(app)
        assert "Seoul's brief" in shown and "steady ties" in shown and "**" not in shown
        assert "• Keep the public behind the policy" in shown
        assert "Tokyo's public objectives" in shown
        await pilot.press("escape", "l")
        assert isinstance(top(app), LogScreen)
        assert "Month 1 of 12 opens" in text_of(app)
        await pilot.press("l")
        assert isinstance(top(app), SeatScreen)

    run_seat(script)


# -- the draft and submitting ---------------------------------------------------------------------


def test_toggling_actions_changes_the_draft_and_sends_it_and_unavailable_ones_stay_out() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("space", "down", "enter")
        await settle(pilot, link)
        assert chosen(app) == ("shuttle-summit", "foreign-policy-consultations")
        assert "draft: Shuttle summit, Foreign-policy consultations" in text_of(app)
        await pilot.press("space")  # foreign-policy consultations again: out
        await pilot.press("down", "space")  # the cursor skips the unavailable joint declaration
        await settle(pilot, link)
        assert chosen(app) == ("shuttle-summit", "security-dialogue")
        assert "joint-declaration" not in app.orders.actions
        assert drafts(link) == [
            ("shuttle-summit",),
            ("shuttle-summit", "foreign-policy-consultations"),
            ("shuttle-summit",),
            ("shuttle-summit", "security-dialogue"),
        ]

    run_seat(script)


def test_with_a_budget_the_panel_counts_points_left_and_refuses_an_action_over_it() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        link.push(state(observation(budget=3)))
        await settle(pilot, link)
        await pilot.press("space")
        assert "●●○ 1 of 3 left" in text_of(app)
        await pilot.press("down", "space", "down", "space")
        await settle(pilot, link)
        assert chosen(app) == ("shuttle-summit", "foreign-policy-consultations")
        assert "Defence and security dialogue costs 1 point; 0 left." in text_of(app)

    run_seat(script)


def test_submit_asks_first_then_waits_for_the_white_cell_and_locks_the_draft() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("space", "s")
        assert isinstance(top(app), SubmitDialog)
        assert "Submit Seoul's orders for Month 1 of 12: January 2026?" in text_of(app)
        await pilot.press("n")
        assert isinstance(top(app), SeatScreen) and ("submit", 1, ("shuttle-summit",)) not in link.sent
        await pilot.press("s", "y")
        await settle(pilot, link)
        assert link.sent[-1] == ("submit", 1, ("shuttle-summit",))
        assert app.orders.phase == "submitting"
        link.push(Submitted(1, ("shuttle-summit",)), SUBMITTED)
        await settle(pilot, link)
        assert "submitted — waiting for the white cell" in text_of(app)
        assert "[submitted]" in text_of(app)
        await pilot.press("down", "space")
        await settle(pilot, link)
        assert chosen(app) == ("shuttle-summit",)
        assert len(drafts(link)) == 1, "nothing is drafted once the orders are in"

    run_seat(script)


def test_orders_sent_back_show_the_note_and_the_team_edits_again() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("space", "s", "y")
        link.push(Submitted(1, ("shuttle-summit",)), SUBMITTED)
        await settle(pilot, link)
        link.push(
            Returned(1, ("shuttle-summit",), "please reconsider: the budget is short"), state(observation(), ["shuttle-summit"])
        )
        await settle(pilot, link)
        shown = text_of(app)
        assert "The white cell sent your orders back: please reconsider: the budget is short" in shown
        assert "[drafting]" in shown and app.orders.actions == ("shuttle-summit",)
        await pilot.press("down", "space")
        await settle(pilot, link)
        assert chosen(app) == ("shuttle-summit", "foreign-policy-consultations")
        await pilot.press("s", "y")
        link.push(Submitted(1, app.orders.actions))
        await settle(pilot, link)
        assert "sent your orders back" not in text_of(app), "the note goes once the team submits again"

    run_seat(script)


def test_a_refusal_from_the_server_is_shown_and_the_draft_can_be_submitted_again() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("space", "s", "y")
        await settle(pilot, link)
        link.push(Refused("refused", "Seoul's orders are refused:", ("the orders cost 3 action points; Seoul's budget is 2",)))
        await settle(pilot, link)
        shown = text_of(app)
        assert "⚠ Seoul's orders are refused: the orders cost 3 action points; Seoul's budget is 2" in shown
        assert app.orders.phase == "drafting"
        await pilot.press("s")
        assert isinstance(top(app), SubmitDialog)

    run_seat(script)


# -- the connection -------------------------------------------------------------------------------


def test_a_lost_connection_keeps_the_draft_and_sends_it_again_after_reconnecting() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("space")
        link.push(Connection("retrying", "disconnected (the connection was lost), retrying in 0.4 s"))
        await settle(pilot, link)
        assert "disconnected, retrying…" in text_of(app)
        await pilot.press("down", "space")  # drafted while down: kept here
        await pilot.press("s")
        assert isinstance(top(app), SeatScreen), "no submitting while the link is down"
        link.sent.clear()
        link.push(Connection("connected"), state(observation(), draft=()))  # a server that lost the draft (restarted)
        await settle(pilot, link)
        assert "● connected" in text_of(app)
        assert chosen(app) == ("shuttle-summit", "foreign-policy-consultations")
        assert drafts(link) == [("shuttle-summit", "foreign-policy-consultations")]

    run_seat(script)


def test_a_seat_that_drafted_nothing_takes_the_teams_draft_from_the_server() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        link.push(state(observation(), draft=["security-dialogue"]))
        await settle(pilot, link)
        assert chosen(app) == ("security-dialogue",), "another of the team's seats drafted it"
        assert link.sent == []

    run_seat(script)


def test_the_game_end_and_a_lost_seat_are_shown() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        ended = observation(2, ended=True, outcome="managed-partnership")
        link.push(Resolved(12, ("The exercise ends",), True, "managed-partnership"), state(ended))
        await settle(pilot, link)
        shown = text_of(app)
        assert "The game has ended: Managed partnership." in shown
        assert "[ended]" in shown
        await pilot.press("space")
        assert chosen(app) == ()
        link.push(Closing("the facilitator closed the session"), Connection("lost", "could not reconnect within 600 s [gave-up]"))
        await settle(pilot, link)
        assert "disconnected could not reconnect within 600 s [gave-up]" in text_of(app)

    run_seat(script)


# -- what the server sends cannot harm the terminal or end the app --------------------------------


def test_escape_sequences_and_markup_from_the_server_never_reach_the_terminal() -> None:
    hostile = "\x1b]0;pwned\x07Trust\x1b[2J [bold]x[/] \u202eevil"

    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        data = observation(roleName=hostile, turnHeading=hostile)
        data["variables"][0]["label"] = hostile
        data["log"] = [hostile]
        link.push(state(data), Returned(1, (), hostile), Refused("refused", hostile))
        await settle(pilot, link)
        rendered = screen_text(app)
        assert "\x1b]0" not in rendered and "\x1b[2J" not in rendered and "\u202e" not in rendered
        assert "[bold]x[/]" in rendered, "markup is shown as the words it is"

    run_seat(script)


def test_a_state_the_seat_cannot_read_is_an_error_line_not_a_crash() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        data = observation(score="many")
        data["variables"][1]["value"] = True
        link.push(state(data))
        await settle(pilot, link)
        shown = text_of(app)
        problem = (
            "The server sent something this seat cannot read: observation.variables[1].value: expected a whole number, got bool"
        )
        assert f"{problem} (and 1 more)" in shown
        bars = [bar.label for bar in app.screen.query_one(VariablesPanel).views]
        assert "Public support in Seoul" not in bars and len(bars) == 5, (
            "a variable with a bad value is left out, not drawn wrong"
        )
        link.push(StateChanged({"nothing": 1}, (), "drafting", None))
        await settle(pilot, link)
        assert "no role or turn" in text_of(app)
        assert "Bilateral trust" in text_of(app), "the last good picture stays"

    run_seat(script)


def test_it_reads_at_80x24() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        shown = text_of(app)
        for words in ("Month 2 of 12", "● connected", "Bilater", "domestic: Governing bloc", "Seoul's orders", "Shuttle summit"):
            assert words in shown, words
        assert "s Submit" in screen_text(app)

    run_seat(script, size=SMALL, events=AFTER_RESOLUTION)


def test_q_leaves_and_says_goodbye_to_the_server() -> None:
    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.press("q")
        await pilot.pause()

    assert run_seat(script).closed


def test_the_mouse_works_too() -> None:
    """A click toggles an action, and a click on the confirmation's button submits."""

    async def script(app: SeatApp, link: FakeLink, pilot: Pilot[None]) -> None:
        await pilot.click("#actions", offset=(5, 0))
        await settle(pilot, link)
        assert chosen(app) == ("shuttle-summit",)
        await pilot.press("s")
        assert isinstance(top(app), SubmitDialog)
        await pilot.click("#yes")
        await settle(pilot, link)
        assert link.sent[-1] == ("submit", 1, ("shuttle-summit",))

    run_seat(script)
