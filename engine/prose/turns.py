"""Names of turns: "Month 3", "March 2026", "Week of 21 September 2026", or the author's own."""

from __future__ import annotations

import datetime

from engine.core.model import Turns

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, 1)


def turn_date(turns: Turns, turn: int) -> str | None:
    """The calendar name of a turn when the scenario has a start date, else None."""
    if turns.start is None:
        return None
    start = datetime.date.fromisoformat(turns.start)
    offset = turn - 1
    step = turns.step or "day"
    if step == "day":
        day = start + datetime.timedelta(days=offset)
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if step == "week":
        day = start + datetime.timedelta(weeks=offset)
        return f"week of {day.day} {MONTHS[day.month - 1]} {day.year}"
    if step == "month":
        day = _add_months(start, offset)
        return f"{MONTHS[day.month - 1]} {day.year}"
    if step == "quarter":
        day = _add_months(start, 3 * offset)
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return str(start.year + offset)


def turn_name(turns: Turns, turn: int) -> str:
    """How a turn is shown: the author's name for it, else its date, else "Turn 3"."""
    if turns.names and 1 <= turn <= len(turns.names):
        return turns.names[turn - 1]
    return turn_date(turns, turn) or f"{turns.label} {turn}"


def turn_reference(turns: Turns, turn: int) -> str:
    """A turn inside a sentence: "Day 6 (Saturday)", "Month 3 (March 2026)", "Turn 3".

    A turn's name may be a day, a month, a date or a phrase, and no one preposition fits them all
    ("in Saturday", "on March"); the scenario's word and number fit after "for", "by" or "until",
    and the name follows in brackets.
    """
    plain = f"{turns.label} {turn}"
    name = turn_name(turns, turn)
    return plain if name == plain else f"{plain} ({name})"


def turns_left(turns: Turns, count: int) -> str:
    """How long something in progress lasts, counting this turn, in the scenario's word: "1 month left",
    "3 days left" (every surface that says it calls this, so the console, the projector and the
    upcoming list never disagree)."""
    return f"{turns.counted(count)} left"


def turn_heading(turns: Turns, turn: int) -> str:
    """A heading for a turn: "Month 3 of 12: March 2026", or "Turn 3 of 8"."""
    base = f"{turns.label} {turn} of {turns.count}"
    name = turn_name(turns, turn)
    return base if name == f"{turns.label} {turn}" else f"{base}: {name}"
