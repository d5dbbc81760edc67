"""Monte Carlo play for authors: many bot games, and what they say about a scenario's balance.

Game ``i`` of a batch uses a seed derived from the batch seed and ``i``, so the same arguments
give the same report byte for byte, and any single game can be replayed on its own.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import attrs

from engine.bots.choosers import chooser
from engine.bots.policies import Policy
from engine.core.availability import available_actions
from engine.core.commands import Command, Resolve, SubmitOrders
from engine.core.dice import derive_seed
from engine.core.rules import Game
from engine.core.state import State
from engine.core.view import View
from engine.playout import Plan, play_out

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
        choosers = [chooser(policies[role], game, role) for role in game.role_ids]
        final = play_out(plan, seed, choosers, seen if track_availability else None)
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
        return cls(
            index=index,
            seed=record.seed,
            outcome=final.outcome,
            end_reason=final.end_reason,
            turns=final.turn,
            variables=final.variables(),
            scores={role: final.score(role) for role in game.role_ids},
            objectives={role: final.objectives_met(role) for role in game.role_ids},
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


@attrs.frozen
class Summary:
    """Mean, lowest and highest of a quantity over the games."""

    mean: float
    min: int
    max: int

    def to_json(self) -> dict[str, float | int]:
        return {"mean": self.mean, "min": self.min, "max": self.max}


def _summary(values: list[int]) -> Summary:
    return Summary(round(sum(values) / len(values), 3), min(values), max(values))


@attrs.frozen
class SimulationReport:
    """The statistics of a batch of bot games."""

    scenario_id: str
    scenario_title: str
    games: int
    seed: int
    policies: dict[str, str]
    outcomes: dict[str, int]
    end_reasons: dict[str, int]
    shocks: dict[str, int]
    actions: dict[str, int]
    available: dict[str, int]
    variables: dict[str, Summary]
    turns: Summary
    scores: dict[str, Summary]
    objectives: dict[str, dict[str, int]]

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON object for scripts."""
        return {
            "scenario": {"id": self.scenario_id, "title": self.scenario_title},
            "games": self.games,
            "seed": self.seed,
            "policies": self.policies,
            "outcomes": self.outcomes,
            "endReasons": self.end_reasons,
            "shocks": self.shocks,
            "actions": self.actions,
            "actionsAvailable": self.available,
            "variables": {key: value.to_json() for key, value in self.variables.items()},
            "turns": self.turns.to_json(),
            "scores": {key: value.to_json() for key, value in self.scores.items()},
            "objectives": self.objectives,
        }


def simulate(
    game: Game,
    games: int,
    seed: int,
    policies: Mapping[str, Policy],
    progress: Progress | None = None,
    *,
    journal: Journaling | None = None,
    each_game: Callable[[GameResult], None] | None = None,
) -> SimulationReport:
    """Play ``games`` bot games and gather their statistics.

    ``journal(index, seed)``, when given, opens the session that journals game ``index``, so
    bot games can be replayed and reported like human ones; the statistics do not change.
    ``each_game``, when given, receives every game's result row in order (for `--per-game`),
    so rows and statistics come from one pass over the same games.
    """
    if games < 1:
        raise ValueError("play at least one game")
    scenario = game.scenario
    outcomes = dict.fromkeys(game.outcome_ids, 0)
    end_reasons: dict[str, int] = {}
    shocks = dict.fromkeys(game.shock_ids, 0)
    actions = dict.fromkeys(game.action_ids, 0)
    available = dict.fromkeys(game.action_ids, 0)
    finals: dict[str, list[int]] = {var: [] for var in game.var_ids}
    turns: list[int] = []
    scores: dict[str, list[int]] = {role: [] for role in game.role_ids}
    objectives = {role.id: dict.fromkeys((obj.id for obj in role.objectives), 0) for role in scenario.roles}
    for index, record in enumerate(play_batch(game, games, seed, policies, journal=journal)):
        if each_game is not None:
            each_game(GameResult.of(game, index, record))
        final = record.final
        assert final.outcome is not None and final.end_reason is not None
        outcomes[final.outcome] += 1
        end_reasons[final.end_reason] = end_reasons.get(final.end_reason, 0) + 1
        for shock in record.shocks_fired(game):
            shocks[shock] += 1
        for a, action in enumerate(game.action_ids):
            actions[action] += sum(row[a] for row in final.uses)
        for action in record.actions_available(game):
            available[action] += 1
        for i, var in enumerate(game.var_ids):
            finals[var].append(final.values[i])
        turns.append(final.turn)
        view = View(game, final)
        for r, role in enumerate(scenario.roles):
            scores[role.id].append(view.score_at(r))
            for objective, met in zip(role.objectives, view.objectives_met_at(r), strict=True):
                if met:
                    objectives[role.id][objective.id] += 1
        if progress is not None:
            progress(index + 1, games)
    return SimulationReport(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        games=games,
        seed=seed,
        policies={role: policies[role].name for role in game.role_ids},
        outcomes=outcomes,
        end_reasons=dict(sorted(end_reasons.items())),
        shocks=shocks,
        actions=actions,
        available=available,
        variables={var: _summary(values) for var, values in finals.items()},
        turns=_summary(turns),
        scores={role: _summary(values) for role, values in scores.items()},
        objectives=objectives,
    )


def _percent(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}%"


def _bar(count: int, total: int, width: int = 24) -> str:
    filled = round(width * count / total) if total else 0
    return "█" * filled + "·" * (width - filled)


def _fit(text: str, width: int) -> str:
    """Text cut to a column's width, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _who(game: Game, action_index: int) -> str:
    roles = game.scenario.actions[action_index].roles
    return "joint" if game.scenario.actions[action_index].joint else "/".join(roles)


def format_report(game: Game, report: SimulationReport) -> str:
    """The report as text for a terminal: outcomes, endings, variables, shocks, actions, objectives."""
    scenario = game.scenario
    n = report.games
    turns = scenario.turns.counted(scenario.turns.count)
    lines = [
        f"{scenario.title} ({scenario.id})",
        f"{n} {'game' if n == 1 else 'games'}, seed {report.seed}; "
        + ", ".join(f"{role}: {policy}" for role, policy in report.policies.items()),
        f"Game length: mean {report.turns.mean:g} of {turns} (shortest {report.turns.min}, longest {report.turns.max})",
        "",
        "Outcomes",
    ]
    width = max(len(outcome.title) for outcome in scenario.outcomes)
    for outcome in scenario.outcomes:
        count = report.outcomes[outcome.id]
        lines.append(f"  {outcome.title:<{width}}  {count:>6}  {_percent(count, n)}  {_bar(count, n)}")
    lines += ["", "How games ended"]
    endings = {end.id: end.description or end.id for end in scenario.end_conditions}
    endings["final-turn"] = f"played all {turns}"
    for reason, count in report.end_reasons.items():
        lines.append(f"  {_fit(endings.get(reason, reason), 48):<48}  {count:>6}  {_percent(count, n)}")
    lines += ["", "Variables at the end", f"  {'':<36} {'mean':>7} {'min':>7} {'max':>7}"]
    for var in scenario.variables:
        summary = report.variables[var.id]
        lines.append(f"  {_fit(var.label, 36):<36} {summary.mean:>7.1f} {summary.min:>7} {summary.max:>7}")
    lines += ["", "Shocks (games in which each fired)"]
    for shock in scenario.shocks:
        count = report.shocks[shock.id]
        lines.append(f"  {_fit(shock.title, 52):<52} {count:>6} {_percent(count, n)}")
    lines += [
        "",
        "Actions (times taken; share of games in which it was available)",
        f"  {'':<44} {'by':<11} {'taken':>7}  {'available':>12}",
    ]
    for a, action in enumerate(scenario.actions):
        available = _percent(report.available[action.id], n)
        lines.append(
            f"  {_fit(action.label, 44):<44} {_fit(_who(game, a), 11):<11} {report.actions[action.id]:>7}  {available:>12}"
        )
    lines += ["", "Objectives (share of games in which each was met)"]
    for role in scenario.roles:
        score = report.scores[role.id]
        lines.append(f"  {role.name}: score mean {score.mean:g} (min {score.min}, max {score.max})")
        for objective in role.objectives:
            count = report.objectives[role.id][objective.id]
            lines.append(f"    {_fit(objective.description, 62):<62} {_percent(count, n)}")
    return "\n".join(lines) + "\n"


def report_json(report: SimulationReport) -> str:
    """The report as indented JSON text."""
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
