"""The declarative forms of a scenario: comparisons, conditions and effects as frozen values.

They mirror the JSON forms one to one and hold no behaviour beyond describing bounds in words;
`engine.core.model` re-exports them with the scenario's parts, so readers import one module.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs


@attrs.frozen
class Comparison:
    """Bounds on a quantity; every bound given must hold."""

    at_least: int | None = None
    at_most: int | None = None
    above: int | None = None
    below: int | None = None
    equals: int | None = None

    def holds(self, value: int) -> bool:
        """Whether a value meets every bound."""
        return (
            (self.at_least is None or value >= self.at_least)
            and (self.at_most is None or value <= self.at_most)
            and (self.above is None or value > self.above)
            and (self.below is None or value < self.below)
            and (self.equals is None or value == self.equals)
        )

    def describe(self) -> str:
        """The bounds in words, e.g. ``at least 40 and below 60``."""
        return self.in_words(str, ("exactly", "at least", "above", "at most", "below"))

    def in_words(self, shown: Callable[[int], str], words: tuple[str, str, str, str, str]) -> str:
        """The bounds given, joined by "and": each bound's word (for equals, at least, above, at most
        and below, in that order) before its value as ``shown`` writes it; the one shape every
        reading of a comparison shares (numbers, counts as "twice", named states)."""
        bounds = (self.equals, self.at_least, self.above, self.at_most, self.below)
        return " and ".join(f"{word} {shown(bound)}" for word, bound in zip(words, bounds, strict=True) if bound is not None)


# --- conditions -------------------------------------------------------------------------------


@attrs.frozen
class VarTest:
    var: str
    comparison: Comparison


@attrs.frozen
class InBand:
    var: str
    band: str


@attrs.frozen
class ResourceTest:
    resource: str
    role: str
    comparison: Comparison


@attrs.frozen
class UsesTest:
    action: str
    role: str | None
    comparison: Comparison


@attrs.frozen
class FiredTest:
    shock: str
    comparison: Comparison


@attrs.frozen
class ScoreTest:
    role: str
    comparison: Comparison


@attrs.frozen
class TurnTest:
    comparison: Comparison


@attrs.frozen
class ActiveTest:
    shock: str


@attrs.frozen
class ChoseTest:
    role: str | None
    action: str | None
    tag: str | None
    roles: tuple[str, ...] = ()
    """Format 2: every one of these roles chose it (a joint choice), instead of one role or any."""


@attrs.frozen
class AllOf:
    items: tuple[Condition, ...]


@attrs.frozen
class AnyOf:
    items: tuple[Condition, ...]


@attrs.frozen
class Not:
    item: Condition


Condition = (
    VarTest | InBand | ResourceTest | UsesTest | FiredTest | ScoreTest | TurnTest | ActiveTest | ChoseTest | AllOf | AnyOf | Not
)


# --- effects ----------------------------------------------------------------------------------


@attrs.frozen
class Add:
    changes: tuple[tuple[str, int], ...]


@attrs.frozen
class SetTo:
    values: tuple[tuple[str, int], ...]


@attrs.frozen
class Drift:
    var: str
    toward: int
    by: int


@attrs.frozen
class Gain:
    role: str
    resource: str
    amount: int


@attrs.frozen
class Chance:
    probability: float
    label: str | None
    then: tuple[Effect, ...]
    otherwise: tuple[Effect, ...]


@attrs.frozen
class PickOption:
    weight: int
    label: str
    effects: tuple[Effect, ...]


@attrs.frozen
class Pick:
    options: tuple[PickOption, ...]


@attrs.frozen
class If:
    condition: Condition
    then: tuple[Effect, ...]
    otherwise: tuple[Effect, ...]


@attrs.frozen
class Schedule:
    shock: str
    after: int


@attrs.frozen
class Enable:
    shock: str


@attrs.frozen
class Disable:
    shock: str


@attrs.frozen
class EndShock:
    shock: str


@attrs.frozen
class Say:
    text: str


Effect = Add | SetTo | Drift | Gain | Chance | Pick | If | Schedule | Enable | Disable | EndShock | Say
