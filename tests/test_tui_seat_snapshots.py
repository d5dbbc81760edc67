"""Snapshots of the team's seat console (pytest-textual-snapshot) at 120x40 and 80x24.

The console runs on the fake link of tests/test_tui_seat.py, fed a fixed observation, with a clock
that stands still (the timer shows what the server said), so each snapshot is the same on every
machine. Update them on purpose with ``pytest tests/test_tui_seat_snapshots.py --snapshot-update``
and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from textual.pilot import Pilot

from tests.helpers import SMALL, WIDE
from tests.test_tui_seat import AFTER_RESOLUTION, SUBMITTED, FakeLink, observation, seat_app, settle, state
from tui.seat.link import Connection, Proposal, Returned, SeatEvent, StateChanged, Submitted, Timer

SnapCompare = Callable[..., bool]


def feeding(link: FakeLink, events: Sequence[SeatEvent], keys: Sequence[str] = ()) -> Callable[[Pilot[None]], Awaitable[None]]:
    """What to do before the snapshot: send the console these events, then press these keys."""

    async def before(pilot: Pilot[None]) -> None:
        link.push(*events)
        await settle(pilot, link)
        await pilot.press(*keys)
        await settle(pilot, link)

    return before


DRAFTING: tuple[SeatEvent, ...] = (*AFTER_RESOLUTION, state(observation(2), timer=Timer(754.2, 15)))
"""February, with 12:34 left on the timer, after the seat saw January resolved."""


def test_seat_drafting_wide(snap_compare: SnapCompare) -> None:
    """Three columns: bars with this seat's changes and trends, the new shock, the resolution's lines
    marked in the log, and the orders with the shuttle summit and a dialogue drafted."""
    link = FakeLink()
    assert snap_compare(
        seat_app(link), run_before=feeding(link, DRAFTING, ["space", "down", "down", "space"]), terminal_size=WIDE
    )


def test_seat_drafting_small(snap_compare: SnapCompare) -> None:
    """The same at 80x24: one line per variable with the shocks under them, and the orders beside."""
    link = FakeLink()
    assert snap_compare(
        seat_app(link), run_before=feeding(link, DRAFTING, ["space", "down", "down", "space"]), terminal_size=SMALL
    )


def test_seat_orders_sent_back_small(snap_compare: SnapCompare) -> None:
    """The white cell's note across the top at 80x24, the returned orders drafted again."""
    link = FakeLink()
    events = (
        *AFTER_RESOLUTION[:3],
        Submitted(1, ("shuttle-summit",)),
        SUBMITTED,
        Returned(1, ("shuttle-summit",), "Please reconsider: a summit while the coast guards face off sends the wrong signal."),
        state(observation(), ["shuttle-summit"]),
    )
    assert snap_compare(seat_app(link), run_before=feeding(link, events), terminal_size=SMALL)


def test_seat_submitted_and_disconnected_wide(snap_compare: SnapCompare) -> None:
    """Orders in and the link down: both said, the draft kept."""
    link = FakeLink()
    events = (
        *AFTER_RESOLUTION[:3],
        Submitted(1, ("shuttle-summit",)),
        SUBMITTED,
        Connection("retrying", "disconnected (the connection was lost), retrying in 0.4 s"),
    )
    assert snap_compare(seat_app(link), run_before=feeding(link, events), terminal_size=WIDE)


def test_seat_timer_paused_small(snap_compare: SnapCompare) -> None:
    """February at 80x24 with the white cell's timer paused at 12:34: the header says so."""
    link = FakeLink()
    events = (*AFTER_RESOLUTION, state(observation(2), timer=Timer(754.2, 15, paused=True)))
    assert snap_compare(seat_app(link), run_before=feeding(link, events), terminal_size=SMALL)


def test_seat_move_proposed_small(snap_compare: SnapCompare) -> None:
    """At 80x24: the team's free-form move waiting for the white cell, said under the header."""
    link = FakeLink()
    waiting = StateChanged(observation(2), (), "drafting", None, Proposal("Offer a joint coast-guard hotline", "fewer incidents"))
    assert snap_compare(seat_app(link), run_before=feeding(link, (*AFTER_RESOLUTION, waiting)), terminal_size=SMALL)
