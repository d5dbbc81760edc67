"""Sentences that name a turn or a shock's last turn read naturally for named and numbered turns (issue 13)."""

from __future__ import annotations

from engine.core import events as ev
from engine.core.upcoming import Upcoming
from engine.load.catalog import resolve_scenario
from engine.prose.events import event_text
from engine.prose.turns import turn_reference
from engine.prose.upcoming import entry_lines


def test_a_turn_inside_a_sentence_gives_its_number_then_its_name() -> None:
    week = resolve_scenario("strait-week")
    shock = week.shocks[0]
    assert turn_reference(week.turns, 6) == "Day 6 (Saturday)"
    scheduled = ev.ShockScheduled(shock.id, 6, ev.Cause("facilitator"))
    assert f"{shock.title} is scheduled for Day 6 (Saturday) (" in event_text(week, scheduled)
    year = resolve_scenario("seoul-tokyo-2026")
    assert turn_reference(year.turns, 3) == "Month 3 (March 2026)"


def test_a_shock_in_its_last_turn_says_this_turn_only() -> None:
    week = resolve_scenario("strait-week")
    shock = week.shocks[0].id
    last = entry_lines(week, Upcoming(shock, "in-progress", None, turns_left=1))
    more = entry_lines(week, Upcoming(shock, "in-progress", None, turns_left=2))
    assert "in progress, this day only" in " ".join(last)
    assert "in progress, 2 days left counting this one" in " ".join(more)
