"""Monte Carlo play for authors: many bot games, and what they say about a scenario's balance.

Game ``i`` of a batch uses a seed derived from the batch seed and ``i``, so the same arguments
give the same report byte for byte, and any single game can be replayed on its own.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping
from operator import add
from typing import Any, Protocol

import attrs

from engine.bots.choosers import choosers
from engine.bots.policies import Policy
from engine.bots.report import SimulationReport, Summary, format_report, report_json, state_counts, summary_of
from engine.core.availability import available_actions
from engine.core.commands import Command, Resolve, SubmitOrders
from engine.core.dice import derive_seed
from engine.core.rules import Game
from engine.core.state import State
from engine.core.view import View
from engine.playout import Plan, play_out

__all__ = [
    "GameLog",
    "GameRecord",
    "GameResult",
    "Journaling",
    "Progress",
    "SimulationReport",
    "Summary",
    "format_report",
    "game_seed",
    "play",
    "play_batch",
    "play_results",
    "report_json",
    "simulate",
]

Progress = Callable[[int, int], None]


class GameLog(Protocol):
    """Where a bot game's commands go to be journaled: a new session on the game's scenario and seed."""

    @property
    def seed(self) -> int: ...

    @property
    def records(self) -> tuple[object, ...]: ...

    @property
    def state(self) -> State: ...

    def apply(self, command: Command, /) -> object: ...

    def close(self) -> None: ...


Journaling = Callable[[int, int], GameLog]
"""Opens the session that journals a game, given the game's index in the batch and its seed."""


@attrs.frozen
class GameRecord:
    """What one bot game left behind: its final state and which actions were ever available."""

    seed: int
    final: State
    available: frozenset[int]

    def shocks_fired(self, game: Game) -> list[str]:
        """The ids of the shocks that fired at least once."""
        return [shock for s, shock in enumerate(game.shock_ids) if self.final.fires[s]]

    def actions_available(self, game: Game) -> list[str]:
        """The ids of the actions some role could take at some point (needs ``track_availability``)."""
        return [action for a, action in enumerate(game.action_ids) if a in self.available]


def game_seed(batch_seed: int, index: int) -> int:
    """The seed of game ``index`` of a batch."""
    return derive_seed(batch_seed, "game", index)


def _advance(session: GameLog, command: Command) -> State:
    session.apply(command)
    return session.state


_plans: weakref.WeakKeyDictionary[Game, Plan] = weakref.WeakKeyDictionary()


def _plan(game: Game) -> Plan:
    """The playout plan of a game, made once for as long as the game is in use."""
    plan = _plans.get(game)
    if plan is None:
        plan = _plans[game] = Plan(game)
    return plan


def play(
    game: Game,
    seed: int,
    policies: Mapping[str, Policy],
    *,
    track_availability: bool = False,
    session: GameLog | None = None,
) -> GameRecord:
    """Play one whole game with a bot for every role.

    Without a ``session`` the game is played out on one working state (`engine.playout`); with
    one (new, on the same scenario and seed) every command goes through it, so the game is
    journaled. The game played is the same either way.
    """
    if session is not None and (session.seed != seed or session.records):
        raise ValueError("the session must be new and use the game's seed")
    if session is None:
        seen: set[int] = set()
        plan = _plan(game)
        final = play_out(plan, seed, choosers(policies, game), seen if track_availability else None)
        return GameRecord(seed, final, frozenset(seen))
    return _journaled(game, session, policies, track_availability=track_availability)


def _journaled(game: Game, session: GameLog, policies: Mapping[str, Policy], *, track_availability: bool) -> GameRecord:
    """A game played command by command through its session, so that it is journaled."""
    state = session.state
    seen: set[int] = set()
    while not state.ended:
        if track_availability:
            view = View(game, state)
            for r in range(len(game.role_ids)):
                seen.update(available_actions(game, view, r))
        for role in game.role_ids:
            orders = policies[role].choose(View(game, state), role)
            if orders:
                state = _advance(session, SubmitOrders(role, orders))
        state = _advance(session, Resolve())
    return GameRecord(session.seed, state, frozenset(seen))


def play_batch(
    game: Game, games: int, seed: int, policies: Mapping[str, Policy], *, journal: Journaling | None = None
) -> Iterator[GameRecord]:
    """Play the games of a batch in order, game ``i`` from `game_seed` (seed, i), tracking availability.

    ``journal(index, seed)``, when given, opens the session that journals each game; it is closed
    before the game's record is handed on.
    """
    for index in range(games):
        seed_i = game_seed(seed, index)
        session = journal(index, seed_i) if journal is not None else None
        try:
            record = play(game, seed_i, policies, track_availability=True, session=session)
        finally:
            if session is not None:
                session.close()
        yield record


@attrs.frozen
class GameResult:
    """One bot game as an analyst's row: how it ended, and every figure at the end, by id."""

    index: int
    """The game's place in its batch (from 0)."""
    seed: int
    outcome: str
    end_reason: str
    turns: int
    """The turn the game ended in."""
    variables: dict[str, int]
    scores: dict[str, int]
    objectives: dict[str, dict[str, bool]]
    """Per role, per objective: whether it was met at the end."""
    shocks_fired: dict[str, int]
    """Per shock: how often it happened."""
    actions_taken: dict[str, dict[str, int]]
    """Per role, per action it may take: how often it took it."""

    @classmethod
    def of(cls, game: Game, index: int, record: GameRecord) -> GameResult:
        """The row of a game played by `play`."""
        final = View(game, record.final)
        assert final.outcome is not None and final.end_reason is not None, "only a finished game has a result"
        met = [final.objectives_met_at(r) for r in range(len(game.role_ids))]
        return cls(
            index=index,
            seed=record.seed,
            outcome=final.outcome,
            end_reason=final.end_reason,
            turns=final.turn,
            variables=final.variables(),
            scores={role: final.score_of(r, met[r]) for r, role in enumerate(game.role_ids)},
            objectives={
                role.id: {objective.id: flag for objective, flag in zip(role.objectives, met[r], strict=True)}
                for r, role in enumerate(game.scenario.roles)
            },
            shocks_fired=dict(zip(game.shock_ids, final.fires, strict=True)),
            actions_taken={
                role: {game.action_ids[a]: final.uses[r][a] for a in game.role_actions[r]} for r, role in enumerate(game.role_ids)
            },
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "seed": self.seed,
            "outcome": self.outcome,
            "endReason": self.end_reason,
            "turns": self.turns,
            "variables": self.variables,
            "scores": self.scores,
            "objectives": self.objectives,
            "shocksFired": self.shocks_fired,
            "actionsTaken": self.actions_taken,
        }


def play_results(game: Game, games: int, seed: int, policies: Mapping[str, Policy]) -> Iterator[GameResult]:
    """The games of a batch as result rows, in order: the same games `simulate` counts."""
    for index, record in enumerate(play_batch(game, games, seed, policies)):
        yield GameResult.of(game, index, record)


def simulate(
    game: Game,
    games: int,
    seed: int,
    policies: Mapping[str, Policy],
    progress: Progress | None = None,
    *,
    journal: Journaling | None = None,
    each_game: Callable[[GameResult], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> SimulationReport:
    """Play ``games`` bot games and gather their statistics.

    ``journal(index, seed)``, when given, opens the session that journals game ``index``, so
    bot games can be replayed and reported like human ones; the statistics do not change.
    ``each_game``, when given, receives every game's result row in order (for `--per-game`),
    so rows and statistics come from one pass over the same games. ``stop``, asked after each
    game, ends the run early: the report is then of the games played so far (at least one).
    """
    if games < 1:
        raise ValueError("play at least one game")
    scenario = game.scenario
    roles = range(len(game.role_ids))
    outcomes = dict.fromkeys(game.outcome_ids, 0)
    end_reasons: dict[str, int] = {}
    # tallied by position while playing, named once at the end
    shocks = [0] * len(game.shock_ids)
    actions = [0] * len(game.action_ids)
    available = [0] * len(game.action_ids)
    finals: list[list[int]] = [[] for _ in game.var_ids]
    turns: list[int] = []
    scores: list[list[int]] = [[] for _ in roles]
    objectives = [[0] * len(role.objectives) for role in scenario.roles]
    played = 0
    for index, record in enumerate(play_batch(game, games, seed, policies, journal=journal)):
        if each_game is not None:
            each_game(GameResult.of(game, index, record))
        final = record.final
        assert final.outcome is not None and final.end_reason is not None
        outcomes[final.outcome] += 1
        end_reasons[final.end_reason] = end_reasons.get(final.end_reason, 0) + 1
        for s, fired in enumerate(final.fires):
            if fired:
                shocks[s] += 1
        for row in final.uses:
            actions = list(map(add, actions, row))
        for a in record.available:
            available[a] += 1
        for values, value in zip(finals, final.values, strict=True):
            values.append(value)
        turns.append(final.turn)
        view = View(game, final)
        for r in roles:
            met = view.objectives_met_at(r)
            scores[r].append(view.score_of(r, met))
            counts = objectives[r]
            for k, flag in enumerate(met):
                if flag:
                    counts[k] += 1
        played = index + 1
        if progress is not None:
            progress(played, games)
        if stop is not None and stop():
            break
    return SimulationReport(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        games=played,
        seed=seed,
        policies={role: policies[role].name for role in game.role_ids},
        outcomes=outcomes,
        end_reasons=dict(sorted(end_reasons.items())),
        shocks=dict(zip(game.shock_ids, shocks, strict=True)),
        actions=dict(zip(game.action_ids, actions, strict=True)),
        available=dict(zip(game.action_ids, available, strict=True)),
        variables={var: summary_of(values) for var, values in zip(game.var_ids, finals, strict=True)},
        states=state_counts(game, dict(zip(game.var_ids, finals, strict=True))),
        turns=summary_of(turns),
        scores={role: summary_of(values) for role, values in zip(game.role_ids, scores, strict=True)},
        objectives={
            role.id: {objective.id: count for objective, count in zip(role.objectives, counts, strict=True)}
            for role, counts in zip(scenario.roles, objectives, strict=True)
        },
    )
