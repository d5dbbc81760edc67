"""The upcoming injects (engine.core.upcoming) in words: one line saying what and when, one saying
under which condition, by whose doing and what the rules will make of it."""

from __future__ import annotations

from engine.core.explain import times
from engine.core.model import Scenario
from engine.core.upcoming import Upcoming
from engine.prose.events import cause_text
from engine.prose.turns import turn_name, turns_left

__all__ = ["entry_lines", "turn_heading"]


def turn_heading(scenario: Scenario, turn: int | None, now: int) -> str:
    """The heading of a group of entries: its turn by name, this turn, or those with no turn of their own."""
    if turn is None:
        return "Not on the calendar: held, or waiting to be enabled"
    name = turn_name(scenario.turns, turn)
    return f"{name} (now)" if turn == now else name


def _percent(chance: float) -> str:
    return f"{chance * 100:.4g}%"


def _condition(entry: Upcoming) -> str:
    if not entry.condition:
        return ""
    now = "holds now" if entry.holds_now else "does not hold now"
    return f"when {entry.condition} ({now})"


def entry_lines(scenario: Scenario, entry: Upcoming) -> tuple[str, str]:
    """What the entry is and when; then its condition, cause and fate, as far as it has them."""
    title = scenario.shock(entry.shock).title
    word = scenario.turns.word
    count = f"fired {entry.fires} of {entry.limit}"
    held = "HELD · " if entry.held else ""
    details: list[str] = []
    match entry.kind:
        case "in-progress":
            # Said as the console's shock panel says it; more than one turn left counts this one too.
            what = f"in progress, {turns_left(scenario.turns, entry.turns_left)}"
            what += " counting this one" if entry.turns_left > 1 else ""
        case "scheduled":
            what = "scheduled"
            if entry.cause is not None:
                details.append(f"by {cause_text(scenario, entry.cause)}")
            if entry.condition:
                details.append(f"called off unless {entry.condition} ({'holds' if entry.holds_now else 'does not hold'} now)")
        case "at-turn":
            what = f"at {word} {entry.turn}"
        case "may-fire":
            span = f"{word} {entry.turn}" if entry.turn == entry.last else f"{scenario.turns.plural} {entry.turn} to {entry.last}"
            if entry.chance is not None:
                what = f"may fire, {_percent(entry.chance)} a {word}, {span}"
            elif entry.condition:
                what = f"fires the first {word} its condition holds, {span}"
            else:
                what = f"fires as {word} {entry.turn} opens"
            details.append(_condition(entry))
        case "disabled":
            what = "waiting to be enabled"
            enablers = ", ".join(_named(scenario, item) for item in entry.enabled_by)
            details.append(
                f"enabled by {enablers}" if enablers else "nothing in the scenario enables it: only an inject fires it"
            )
            details.append(_condition(entry))
        case "spent":
            what = f"no more: it has happened {times(entry.fires)}, its most"
        case "held":
            what = "held, nothing due"
    if entry.fate and entry.kind != "spent":
        details.append(entry.fate)
    return f"{held}{title}: {what} ({count})", "; ".join(item for item in details if item)


def _named(scenario: Scenario, item: str) -> str:
    """A shock, an action or a rule by its title or label (ids are unique across each list)."""
    for shock in scenario.shocks:
        if shock.id == item:
            return shock.title
    for action in scenario.actions:
        if action.id == item:
            return action.label
    return f"rule {item}"
