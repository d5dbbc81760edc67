"""Exact integer aggregates of played games, which merge across chunks in any order.

A chunk's `Totals` holds counts, sums, minima and maxima only, keyed by what makes games
comparable (scenario digest, engine version, batch seed, bots) and the game ranges it covers.
Adding chunks is exact whatever the chunking and order; dividing once at the end gives the very
`SimulationReport` the scalar `simulate` gives for the same games.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from engine.batch.state import Batch, Ints, end_reasons
from engine.bots.policies import Policy
from engine.bots.simulate import SimulationReport, Summary
from engine.core.rules import Game
from engine.version import __version__

Span = tuple[int, int, int]
"""Sum, lowest and highest of a quantity over the games."""


def _span(values: Ints) -> Span:
    return int(values.sum()), int(values.min()), int(values.max())


def _join(first: Span, second: Span) -> Span:
    return first[0] + second[0], min(first[1], second[1]), max(first[2], second[2])


def _add(first: tuple[int, ...], second: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(first, second, strict=True))


@attrs.frozen
class Totals:
    """What a chunk of games adds up to: every figure of the simulate report, before dividing."""

    scenario: str
    """The scenario's digest."""
    engine: str
    seed: int
    policies: tuple[tuple[str, str], ...]
    ranges: tuple[tuple[int, int], ...]
    """The (first, count) game ranges of the batch these totals cover, sorted and disjoint."""
    outcomes: tuple[int, ...]
    end_reasons: tuple[int, ...]
    """Per end condition, then the final turn: games that ended so."""
    shocks: tuple[int, ...]
    """Per shock: games in which it fired."""
    actions: tuple[int, ...]
    """Per action: times taken, by every role."""
    available: tuple[int, ...]
    """Per action: games in which some role could take it at some turn."""
    variables: tuple[Span, ...]
    states: tuple[tuple[int, ...], ...]
    """Per variable of named states, in the scenario's order: games that ended in each state."""
    turns: Span
    scores: tuple[Span, ...]
    objectives: tuple[tuple[int, ...], ...]
    """Per role, per objective: games in which it was met at the end."""

    @property
    def games(self) -> int:
        return sum(count for _, count in self.ranges)

    @classmethod
    def of(cls, batch: Batch, seed: int, first: int, policies: Mapping[str, Policy]) -> Totals:
        """The totals of a played batch holding games ``first`` onwards of the batch with this seed."""
        game = batch.game
        reasons = len(game.scenario.end_conditions) + 1
        return cls(
            scenario=game.scenario.digest,
            engine=__version__,
            seed=seed,
            policies=tuple((role, policies[role].name) for role in game.role_ids),
            ranges=((first, batch.games),),
            outcomes=tuple(np.bincount(batch.outcome, minlength=len(game.outcome_ids)).tolist()),
            end_reasons=tuple(np.bincount(batch.end_reason, minlength=reasons).tolist()),
            shocks=tuple((batch.final_fires > 0).sum(axis=1).tolist()),
            actions=tuple(batch.final_uses.sum(axis=(0, 2)).tolist()),
            available=tuple(batch.final_available.sum(axis=1).tolist()),
            variables=tuple(_span(row) for row in batch.final_values),
            states=tuple(
                tuple(np.bincount(batch.final_values[n], minlength=len(var.states)).tolist())
                for n, var in enumerate(game.scenario.variables)
                if var.states
            ),
            turns=_span(batch.end_turn),
            scores=tuple(_span(row) for row in batch.scores),
            objectives=tuple(tuple(rows.sum(axis=1).tolist()) for rows in batch.met),
        )

    def merge(self, other: Totals) -> Totals:
        """Both chunks' totals; they must be of the same games' batch and cover different games."""
        if (self.scenario, self.engine, self.seed, self.policies) != (other.scenario, other.engine, other.seed, other.policies):
            raise ValueError("only totals of the same scenario, engine version, seed and bots can be merged")
        ranges = tuple(sorted(self.ranges + other.ranges))
        if any(first + count > ranges[n + 1][0] for n, (first, count) in enumerate(ranges[:-1])):
            raise ValueError("the chunks overlap: a game would be counted twice")
        return attrs.evolve(
            self,
            ranges=ranges,
            outcomes=_add(self.outcomes, other.outcomes),
            end_reasons=_add(self.end_reasons, other.end_reasons),
            shocks=_add(self.shocks, other.shocks),
            actions=_add(self.actions, other.actions),
            available=_add(self.available, other.available),
            variables=tuple(_join(x, y) for x, y in zip(self.variables, other.variables, strict=True)),
            states=tuple(_add(x, y) for x, y in zip(self.states, other.states, strict=True)),
            turns=_join(self.turns, other.turns),
            scores=tuple(_join(x, y) for x, y in zip(self.scores, other.scores, strict=True)),
            objectives=tuple(_add(x, y) for x, y in zip(self.objectives, other.objectives, strict=True)),
        )

    def report(self, game: Game) -> SimulationReport:
        """The simulate report of games 0 to N-1, divided once: identical to the scalar engine's."""
        if game.scenario.digest != self.scenario:
            raise ValueError("these totals are of another scenario")
        games = self.games
        if [first for first, _ in self.ranges] != [sum(count for _, count in self.ranges[:n]) for n in range(len(self.ranges))]:
            raise ValueError("the chunks do not cover games 0 to N-1 without a gap")
        scenario = game.scenario
        reasons = end_reasons(scenario)

        def summary(span: Span) -> Summary:
            return Summary(round(span[0] / games, 3), span[1], span[2])

        return SimulationReport(
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            games=games,
            seed=self.seed,
            policies=dict(self.policies),
            outcomes=dict(zip(game.outcome_ids, self.outcomes, strict=True)),
            end_reasons=dict(sorted((reason, count) for reason, count in zip(reasons, self.end_reasons, strict=True) if count)),
            shocks=dict(zip(game.shock_ids, self.shocks, strict=True)),
            actions=dict(zip(game.action_ids, self.actions, strict=True)),
            available=dict(zip(game.action_ids, self.available, strict=True)),
            variables={var: summary(span) for var, span in zip(game.var_ids, self.variables, strict=True)},
            states={
                var.id: dict(zip(var.states, counts, strict=True))
                for var, counts in zip([var for var in scenario.variables if var.states], self.states, strict=True)
            },
            turns=summary(self.turns),
            scores={role: summary(span) for role, span in zip(game.role_ids, self.scores, strict=True)},
            objectives={
                role.id: dict(zip((objective.id for objective in role.objectives), counts, strict=True))
                for role, counts in zip(scenario.roles, self.objectives, strict=True)
            },
        )

    def to_json(self) -> dict[str, Any]:
        """The totals as JSON (integers and strings only), to send between processes or machines."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Totals:
        """Totals sent as `to_json`."""

        def spans(rows: Any) -> tuple[Span, ...]:
            return tuple((int(a), int(b), int(c)) for a, b, c in rows)

        return cls(
            scenario=str(data["scenario"]),
            engine=str(data["engine"]),
            seed=int(data["seed"]),
            policies=tuple((str(role), str(name)) for role, name in data["policies"]),
            ranges=tuple((int(first), int(count)) for first, count in data["ranges"]),
            outcomes=tuple(int(n) for n in data["outcomes"]),
            end_reasons=tuple(int(n) for n in data["end_reasons"]),
            shocks=tuple(int(n) for n in data["shocks"]),
            actions=tuple(int(n) for n in data["actions"]),
            available=tuple(int(n) for n in data["available"]),
            variables=spans(data["variables"]),
            states=tuple(tuple(int(n) for n in row) for row in data["states"]),
            turns=spans([data["turns"]])[0],
            scores=spans(data["scores"]),
            objectives=tuple(tuple(int(n) for n in row) for row in data["objectives"]),
        )
