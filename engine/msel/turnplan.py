"""The turn of every row at once: turn numbers as the scenario counts them, or the list's times made into turns.

Times can only be put in order across the whole list (and ``05/06/2024`` only read once another
date says which part is the day), so the Turn, Date and Time cells of all rows are read together
before any row becomes a shock.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from engine.core.model import Turns
from engine.msel.times import Moment, TimingError, read_moment, settle, slash_order
from engine.msel.timing import parse_timing

MAX_TURNS = 500
KINDS = {"day": "a day number (D+1, Day 2 AM)", "date": "a date", "weekday": "a weekday", "clock": "a time of day alone"}


@attrs.frozen
class TurnPlan:
    """Each row's trigger keys or the reason its time cannot be read, and the turns' names when times made them."""

    triggers: dict[int, dict[str, int]]
    errors: dict[int, str]
    names: tuple[str, ...] | None


def plan_turns(cells: Sequence[tuple[int, str]], turns: Turns) -> TurnPlan:
    """Read the (row number, time text) of every row with one; blank rows have no entry."""
    triggers: dict[int, dict[str, int]] = {}
    errors: dict[int, str] = {}
    moments: dict[int, tuple[Moment, str]] = {}
    for number, text in cells:
        try:
            moment = read_moment(text)
            if moment is None:
                triggers[number] = parse_timing(text, turns)
            else:
                moments[number] = (moment, text)
        except TimingError as error:
            errors[number] = str(error)
    if not moments:
        return TurnPlan(triggers, errors, None)
    first_number = min(moments)
    first, example = moments[first_number]
    for number in list(triggers):
        del triggers[number]
        errors[number] = f"the list gives times (row {first_number}: {example.strip()!r}); write this one as a time too"
    try:
        order = slash_order([moment for moment, _ in moments.values()])
    except TimingError as error:
        order = None
        for number, (moment, _) in moments.items():
            if moment.slash:
                errors[number] = str(error)
    settled: dict[int, tuple[Moment, str]] = {}
    for number, (moment, text) in moments.items():
        if number in errors:
            continue
        if moment.kind != first.kind:
            errors[number] = (
                f"{text.strip()!r} is {KINDS[moment.kind]} but row {first_number} gives {KINDS[first.kind]} "
                f"({example.strip()!r}); write every time of the list the same way"
            )
            continue
        try:
            settled[number] = (settle(moment, order, text), text)
        except TimingError as error:
            errors[number] = str(error)
    keys = sorted({moment.key for moment, _ in settled.values()})
    if len(keys) > MAX_TURNS:
        message = f"the list has {len(keys)} distinct times but a scenario has at most {MAX_TURNS} turns"
        return TurnPlan({}, {**errors, **dict.fromkeys(settled, message)}, None)
    place = {key: index for index, key in enumerate(keys, start=1)}
    names: dict[tuple[int, int], str] = {}
    for number in sorted(settled):
        moment, text = settled[number]
        names.setdefault(moment.key, " ".join(text.split()))
        triggers[number] = {"atTurn": place[moment.key]}
    return TurnPlan(triggers, errors, tuple(names[key] for key in keys))
