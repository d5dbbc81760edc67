"""What the seat remembers of the pictures it was sent: each variable's course and which shocks are new.

The observation says where things are now, not how they got there. The facilitator's bars show a
change and a trend; a seat can show the same for the turns it saw, from the first picture it got of
each turn (the turn's opening, when the seat was connected then). A turn the seat did not see
gives no change rather than a wrong one.
"""

from __future__ import annotations

import attrs

from engine.core.model import Tone
from engine.prose.values import value_text
from tui.seat.model import Picture, SeatVariable


@attrs.frozen
class SeatGauge:
    """A variable as the seat draws it: the facilitator's bar, with the change and trend this seat saw."""

    id: str
    label: str
    value: int
    min: int
    max: int
    unit: str
    band: str | None
    tone: Tone
    change: int
    """Since the opening of the previous turn, as the console counts it (0 when this seat did not see it)."""
    polarity: str
    history: tuple[int, ...]
    states: tuple[str, ...] = ()
    """A variable of named states: their names in order (the value is a position), else empty."""
    facilitator_only: bool = False

    @property
    def reading(self) -> str:
        """The value as people read it: with its unit, or a named state's name."""
        return value_text(self.value, self.states, self.unit)

    @property
    def fraction(self) -> float:
        return (self.value - self.min) / (self.max - self.min)


class Memory:
    """The first values and shocks this seat saw of each turn."""

    def __init__(self) -> None:
        self.openings: dict[int, dict[str, int]] = {}
        self.shocks: dict[int, frozenset[str]] = {}

    def record(self, picture: Picture) -> None:
        """Remember this picture's values and shocks if it is the first of its turn (forgetting the
        turns after it: an undo across turns takes the game back, and they will open again)."""
        for later in [turn for turn in self.openings if turn > picture.turn]:
            del self.openings[later]
            self.shocks.pop(later, None)
        self.openings.setdefault(picture.turn, {variable.id: variable.value for variable in picture.variables})
        self.shocks.setdefault(picture.turn, frozenset(shock.id for shock in picture.shocks))

    def gauges(self, picture: Picture) -> list[SeatGauge]:
        return [self.gauge(picture.turn, variable) for variable in picture.variables]

    def gauge(self, turn: int, variable: SeatVariable) -> SeatGauge:
        before = self.openings.get(turn - 1, {}).get(variable.id)
        history = [
            values[variable.id] for seen, values in sorted(self.openings.items()) if seen <= turn and variable.id in values
        ]
        if not history or history[-1] != variable.value:
            history.append(variable.value)
        return SeatGauge(
            id=variable.id,
            label=variable.label,
            value=variable.value,
            min=variable.min,
            max=variable.max,
            unit=variable.unit,
            band=variable.band,
            tone=variable.tone,
            change=0 if before is None else variable.value - before,
            polarity=variable.polarity,
            history=tuple(history),
            states=variable.states,
        )

    def is_new(self, turn: int, shock: str) -> bool:
        """Whether the shock came this turn: not among those in progress when the seat last saw the turn before."""
        before = self.shocks.get(turn - 1)
        return before is not None and shock not in before
