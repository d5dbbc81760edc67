"""What a batch of bot games says about a scenario: the report's figures, as text and as JSON.

The scalar `simulate` and the batched engine build the same `SimulationReport`; the command
line adds which engine played and whether the run was cut short, outside the figures, so the
reports of the two engines differ in that line alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from engine.core.rules import Game


@attrs.frozen
class Summary:
    """Mean, lowest and highest of a quantity over the games."""

    mean: float
    min: int
    max: int

    def to_json(self) -> dict[str, float | int]:
        return {"mean": self.mean, "min": self.min, "max": self.max}


def summary_of(values: list[int]) -> Summary:
    return Summary(round(sum(values) / len(values), 3), min(values), max(values))


def state_counts(game: Game, finals: Mapping[str, list[int]]) -> dict[str, dict[str, int]]:
    """Games ending in each named state, per variable of named states (``finals``: each variable's final values)."""
    counts: dict[str, dict[str, int]] = {}
    for var in game.scenario.variables:
        if var.states:
            ending = [0] * len(var.states)
            for value in finals[var.id]:
                ending[value] += 1
            counts[var.id] = dict(zip(var.states, ending, strict=True))
    return counts


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
    states: dict[str, dict[str, int]]
    """For each variable of named states: games that ended in each state, in the states' order."""
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
            # Only where the scenario has variables of named states, so reports of other scenarios keep their form.
            **({"states": self.states} if self.states else {}),
            "turns": self.turns.to_json(),
            "scores": {key: value.to_json() for key, value in self.scores.items()},
            "objectives": self.objectives,
        }


@attrs.frozen
class Run:
    """How a report's games were played: which engine, in words, and how many games were asked for."""

    engine: str
    """``scalar`` or ``batch``."""
    detail: str
    """Why or how, in words: "numpy arrays, 10000 games at a time", or why not the batch."""
    requested: int

    def lines(self, played: int) -> list[str]:
        """The engine's line, and a warning line when fewer games were played than asked for."""
        lines = [f"Engine: {self.engine} ({self.detail})"]
        if played < self.requested:
            lines.append(
                f"Stopped early (Ctrl-C): {played} of {self.requested} games finished; every figure is of those games only"
            )
        return lines

    def to_json(self, played: int) -> dict[str, Any]:
        return {"engine": self.engine, "partial": played < self.requested, "gamesRequested": self.requested}


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


def _state_lines(game: Game, report: SimulationReport) -> list[str]:
    """The block of variables of named states: a mean of their places in the list would mean nothing to a reader."""
    named = [var for var in game.scenario.variables if var.states]
    if not named:
        return []
    lines = ["", "States at the end (games that ended in each)"]
    for var in named:
        lines.append(f"  {_fit(var.label, 60)}")
        for state, count in report.states[var.id].items():
            lines.append(f"    {_fit(state, 32):<32}  {count:>6}  {_percent(count, report.games)}  {_bar(count, report.games)}")
    return lines


def format_report(game: Game, report: SimulationReport, run: Run | None = None) -> str:
    """The report as text for a terminal: outcomes, endings, variables, shocks, actions, objectives.

    ``run``, when given, adds the engine's line (and says so when the run was cut short).
    """
    scenario = game.scenario
    n = report.games
    turns = scenario.turns.counted(scenario.turns.count)
    lines = [
        f"{scenario.title} ({scenario.id})",
        f"{n} {'game' if n == 1 else 'games'}, seed {report.seed}; "
        + ", ".join(f"{role}: {policy}" for role, policy in report.policies.items()),
        f"Game length: mean {report.turns.mean:g} of {turns} (shortest {report.turns.min}, longest {report.turns.max})",
        *(run.lines(n) if run is not None else ()),
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
    numbers = [var for var in scenario.variables if not var.states]
    if numbers:
        lines += ["", "Variables at the end", f"  {'':<36} {'mean':>7} {'min':>7} {'max':>7}"]
    for var in numbers:
        summary = report.variables[var.id]
        lines.append(f"  {_fit(var.label, 36):<36} {summary.mean:>7.1f} {summary.min:>7} {summary.max:>7}")
    lines += _state_lines(game, report)
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
    for role in scenario.teams:  # an actor has no objectives and no score
        score = report.scores[role.id]
        lines.append(f"  {role.name}: score mean {score.mean:g} (min {score.min}, max {score.max})")
        for objective in role.objectives:
            count = report.objectives[role.id][objective.id]
            lines.append(f"    {_fit(objective.description, 62):<62} {_percent(count, n)}")
    return "\n".join(lines) + "\n"


def report_json(report: SimulationReport, run: Run | None = None) -> str:
    """The report as indented JSON text; ``run``, when given, adds the engine and whether it is partial."""
    data = report.to_json()
    if run is not None:
        data = {**{key: data[key] for key in ("scenario", "games", "seed", "policies")}, **run.to_json(report.games), **data}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
