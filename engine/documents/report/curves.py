"""Each variable's course over the game: its values turn by turn, and its largest swing with the causes behind it.

These read only what the builder has already gathered (the values at each point, and per turn
how much each cause moved each variable), so the charts and the key moments are worked out here
apart from the story of the commands, and say the same in both formats.
"""

from __future__ import annotations

from engine.audience.visibility import ROOM, Audience, sees_variable
from engine.core import events as ev
from engine.core.model import Scenario, Variable
from engine.documents.report.model import BandSpan, Contribution, KeyMoment, Series, TurnReport, direction
from engine.prose.events import cause_text

MOMENT_CAUSES = 3
"""How many causes a key moment names before saying "and N more"."""


def _band_spans(variable: Variable) -> tuple[BandSpan, ...]:
    bands = variable.bands
    return tuple(
        BandSpan(band.label, band.start, bands[k + 1].start - 1 if k + 1 < len(bands) else variable.max, band.tone)
        for k, band in enumerate(bands)
    )


def _readers_but_the_white_cell(scenario: Scenario) -> tuple[Audience, ...]:
    """Everyone who reads a game but the white cell: the room and each team."""
    return (ROOM, *(Audience.team(role.id) for role in scenario.roles))


def variable_series(scenario: Scenario, var: Variable, values: list[int]) -> Series:
    """A variable's values at the start and after each turn, with who could see it during play."""
    if var.visibility == "public":
        seen = "everyone"
    elif var.visibility == "facilitator":
        seen = "facilitator only"
    else:
        role = next((role for role in scenario.roles if role.id == var.visibility), None)
        seen = f"{role.name if role else var.visibility} only"
    return Series(
        id=var.id,
        label=var.label,
        description=var.description,
        unit=var.unit,
        min=var.min,
        max=var.max,
        visibility=seen,
        facilitator_only=not any(sees_variable(reader, var) for reader in _readers_but_the_white_cell(scenario)),
        polarity=var.polarity,
        bands=_band_spans(var),
        values=tuple(values),
        states=var.states,
    )


def key_moments(
    scenario: Scenario,
    series: tuple[Series, ...],
    turns: list[TurnReport],
    contributions: list[dict[str, dict[ev.Cause, int]]],
) -> tuple[KeyMoment, ...]:
    """The largest single-turn swing of each variable that moved, largest (for its scale) first.

    ``contributions[k]`` holds, for the turn that ends at point ``k``, how much each cause moved
    each variable; a moment names its biggest causes.
    """
    moments: list[tuple[float, int, KeyMoment]] = []
    for order, line in enumerate(series):
        swings = [abs(line.values[k] - line.values[k - 1]) for k in range(1, len(line.values))]
        if not any(swings):
            continue
        best = swings.index(max(swings)) + 1  # the earliest of the largest
        causes = sorted(contributions[best].get(line.id, {}).items(), key=lambda item: -abs(item[1]))
        causes = [(cause, delta) for cause, delta in causes if delta]
        turn = turns[best - 1]
        before, after = line.values[best - 1], line.values[best]
        moment = KeyMoment(
            variable=line.id,
            label=line.label,
            turn=turn.number,
            turn_name=turn.name,
            before=before,
            after=after,
            direction=direction(line.polarity, after - before),
            point=best,
            causes=tuple(Contribution(cause_text(scenario, cause), delta) for cause, delta in causes[:MOMENT_CAUSES]),
            others=max(0, len(causes) - MOMENT_CAUSES),
            states=scenario.variable(line.id).states,
        )
        size = abs(after - before) / max(1, line.max - line.min)
        moments.append((-size, order, moment))
    return tuple(moment for _, _, moment in sorted(moments, key=lambda item: item[:2]))
