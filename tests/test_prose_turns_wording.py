"""Sentences that name a turn or a shock's last turn read naturally for named and numbered turns (issue 13)."""

from __future__ import annotations

from engine.core import events as ev
from engine.core.upcoming import Upcoming
from engine.load.catalog import resolve_scenario
from engine.prose.events import event_text
from engine.prose.turns import turn_reference, turns_left
from engine.prose.upcoming import entry_lines


def test_a_turn_inside_a_sentence_gives_its_number_then_its_name() -> None:
    week = resolve_scenario("strait-week")
    shock = week.shocks[0]
    assert turn_reference(week.turns, 6) == "Day 6 (Saturday)"
    scheduled = ev.ShockScheduled(shock.id, 6, ev.Cause("facilitator"))
    assert f"{shock.title} is scheduled for Day 6 (Saturday) (" in event_text(week, scheduled)
    year = resolve_scenario("seoul-tokyo-2026")
    assert turn_reference(year.turns, 3) == "Month 3 (March 2026)"


def test_a_shock_in_progress_counts_its_turns_left_in_the_scenarios_word() -> None:
    """As the console's and the projector's shock cards say it (engine.prose.turns.turns_left)."""
    week = resolve_scenario("strait-week")
    shock = week.shocks[0].id
    last = entry_lines(week, Upcoming(shock, "in-progress", None, turns_left=1))
    more = entry_lines(week, Upcoming(shock, "in-progress", None, turns_left=2))
    assert "in progress, 1 day left" in " ".join(last) and "counting" not in " ".join(last)
    assert "in progress, 2 days left counting this one" in " ".join(more)
    assert turns_left(week.turns, 3) == "3 days left"
    assert turns_left(resolve_scenario("seoul-tokyo-2026").turns, 1) == "1 month left"
