"""Bots that can sit in a seat: they decide from the team's observation alone.

A program in a seat sees only what its team is sent: the observation (variables it may see, its
resources and score, its actions with their costs, spending and availability) and the answers
to its orders. The engine's own bots (`engine.bots.policies`) read the game's state: ``greedy``
resolves imagined turns with the real hidden variables and rules, and even ``random`` draws its
dice from the game's seed. Neither could play from a seat without what the seat is not sent, so
the seat has bots of its own:

- ``passive`` orders nothing (the baseline);
- ``random`` orders a random number of random available actions it can pay for, from a seed of
  its own (``--seed``);
- ``learner`` learns, from its own score alone, which of its actions pay: it tries actions it
  has not tried, then prefers those after which its score rose.

The observation gives the team's budget and resources, so the bots order only what they can pay
for. It does not say which actions exclude each other, or a requirement that names a hidden
value, so a bot learns those as a team would: by the engine's answer. `revise` gets the refusal's reasons and
gives orders to try next (the last action dropped).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from engine.seats.messages import RefusalReason

__all__ = ["SEAT_BOTS", "LearnerSeatBot", "PassiveSeatBot", "RandomSeatBot", "SeatBot", "make_seat_bot"]


class SeatBot(Protocol):
    """Chooses a team's orders from what its seat is sent."""

    name: str
    description: str

    def choose(self, observation: Mapping[str, Any]) -> tuple[str, ...]:
        """The action ids to order this turn, given the team's observation (Observation.to_json())."""
        ...

    def revise(self, observation: Mapping[str, Any], tried: Sequence[str], reasons: Sequence[RefusalReason]) -> tuple[str, ...]:
        """Orders to try after ``tried`` was refused for ``reasons``."""
        ...


def _available(observation: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [action for action in observation["actions"] if action["available"]]


def _affordable(observation: Mapping[str, Any], chosen: Sequence[Mapping[str, Any]], candidate: Mapping[str, Any]) -> bool:
    """Whether the team's budget and resources pay for the chosen actions and one more."""
    cost = candidate["cost"] + sum(item["cost"] for item in chosen)
    if cost > observation.get("budget", cost):  # a server of an earlier version does not send it
        return False
    for resource, amount in candidate["spend"].items():
        total = amount + sum(item["spend"].get(resource, 0) for item in chosen)
        if total > observation["resources"].get(resource, 0):
            return False
    return True


class PassiveSeatBot:
    """Orders nothing."""

    name = "passive"
    description = "orders nothing (a baseline)"

    def choose(self, observation: Mapping[str, Any]) -> tuple[str, ...]:
        return ()

    def revise(self, observation: Mapping[str, Any], tried: Sequence[str], reasons: Sequence[RefusalReason]) -> tuple[str, ...]:
        return ()


class RandomSeatBot:
    """A random number of random available actions it can pay for; its dice are its own seed's."""

    name = "random"
    description = "a random number of random available actions, from a seed of its own"

    def __init__(self, seed: int = 0) -> None:
        self._seed = seed

    def choose(self, observation: Mapping[str, Any]) -> tuple[str, ...]:
        dice = random.Random(f"whitecell-seat:{self._seed}:{observation['role']}:{observation['turn']}")
        options = _available(observation)
        dice.shuffle(options)
        wanted = dice.randint(1, len(options)) if options else 0
        chosen: list[Mapping[str, Any]] = []
        for option in options:
            if len(chosen) < wanted and _affordable(observation, chosen, option):
                chosen.append(option)
        return tuple(option["action"] for option in chosen)

    def revise(self, observation: Mapping[str, Any], tried: Sequence[str], reasons: Sequence[RefusalReason]) -> tuple[str, ...]:
        return tuple(tried[:-1])


class LearnerSeatBot:
    """Learns from its own score which actions pay (and its budget from refusals, if not told it)."""

    name = "learner"
    description = "learns from its own score which of its actions pay"

    def __init__(self, seed: int = 0, explore: float = 0.15) -> None:
        self._seed = seed
        self._explore = explore
        self._worth: dict[str, tuple[float, int]] = {}
        """Per action: the mean change of the team's score over the turns it was ordered, and how many."""
        self._budget: int | None = None
        """The most action points the engine has refused less than, once it has refused some orders."""
        self._pending: tuple[int, int, tuple[str, ...]] | None = None
        """The turn, score and actions of the orders last sent."""

    def choose(self, observation: Mapping[str, Any]) -> tuple[str, ...]:
        self._learn(observation)
        dice = random.Random(f"whitecell-seat-learner:{self._seed}:{observation['role']}:{observation['turn']}")
        values = {option["action"]: self._value(option["action"], dice) for option in _available(observation)}
        options = sorted(_available(observation), key=lambda option: -values[option["action"]])
        chosen: list[Mapping[str, Any]] = []
        for option in options:
            cost = option["cost"] + sum(item["cost"] for item in chosen)
            worth = values[option["action"]] > 0 or not chosen
            if worth and (self._budget is None or cost <= self._budget) and _affordable(observation, chosen, option):
                chosen.append(option)
        orders = tuple(option["action"] for option in chosen)
        self._pending = (observation["turn"], observation["score"], orders)
        return orders

    def revise(self, observation: Mapping[str, Any], tried: Sequence[str], reasons: Sequence[RefusalReason]) -> tuple[str, ...]:
        costs = {action["action"]: action["cost"] for action in observation["actions"]}
        if any(reason.code == "orders-over-budget" for reason in reasons):
            self._budget = sum(costs.get(action, 0) for action in tried) - 1
        orders = tuple(tried[:-1])
        self._pending = (observation["turn"], observation["score"], orders)
        return orders

    def _value(self, action: str, dice: random.Random) -> float:
        mean, _ = self._worth.get(action, (1.0, 0))  # untried actions look worth trying
        return mean + (dice.random() if dice.random() < self._explore else 0.0)

    def _learn(self, observation: Mapping[str, Any]) -> None:
        if self._pending is None or observation["turn"] <= self._pending[0]:
            return
        _, score, orders = self._pending
        change = float(observation["score"] - score)
        for action in orders:
            mean, count = self._worth.get(action, (0.0, 0))
            self._worth[action] = ((mean * count + change) / (count + 1), count + 1)
        self._pending = None


SEAT_BOTS: dict[str, str] = {
    "passive": PassiveSeatBot.description,
    "random": RandomSeatBot.description,
    "learner": LearnerSeatBot.description,
}
"""The bots that can sit in a seat, by name, with what each does."""


def make_seat_bot(name: str, seed: int = 0) -> SeatBot:
    """A seat bot by name; KeyError for a name that is not one (see `SEAT_BOTS`)."""
    if name == "passive":
        return PassiveSeatBot()
    if name == "random":
        return RandomSeatBot(seed)
    if name == "learner":
        return LearnerSeatBot(seed)
    raise KeyError(name)
