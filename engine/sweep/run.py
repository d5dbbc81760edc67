"""A what-if sweep: every combination of the ``--vary`` values, each checked, then each played.

Every varied scenario goes through the loader before a single game is played, so a value the
format refuses (a chance of 1.5, a fraction where a whole number belongs) is reported with the
setting that made it, not found an hour in. Each setting plays the same games (same batch seed,
same bots) through `engine.batch.engines`, so the batched engine plays whatever it can and the
differences between rows come from the settings, not from the dice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from engine.batch.engines import choose_engine, simulate_with
from engine.bots.registry import make_bot
from engine.bots.report import SimulationReport
from engine.core.model import Scenario
from engine.core.rules import compile_scenario
from engine.load.diagnostics import InputError
from engine.load.loader import load_scenario_document
from engine.sweep.vary import Number, Vary, VaryError, set_value

MAX_SETTINGS = 1000
"""Combinations one sweep may play."""


@attrs.frozen
class Setting:
    """One combination of values (one per ``--vary``, in order) and its scenario, checked."""

    values: tuple[Number, ...]
    scenario: Scenario

    def words(self, varies: Sequence[Vary]) -> str:
        """The setting as ``path=value, ...``."""
        return ", ".join(f"{vary.path}={value}" for vary, value in zip(varies, self.values, strict=True))


@attrs.frozen
class Played:
    """A setting and the report of its games."""

    setting: Setting
    engine: str
    report: SimulationReport


@attrs.frozen
class Sweep:
    """Every setting's report: what ``whitecell sweep`` prints as a table, JSON or CSV."""

    scenario: Scenario
    varies: tuple[Vary, ...]
    games: int
    seed: int
    policies: dict[str, str]
    rows: tuple[Played, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": {"id": self.scenario.id, "title": self.scenario.title},
            "games": self.games,
            "seed": self.seed,
            "policies": self.policies,
            "vary": [{"path": vary.path, "values": list(vary.values)} for vary in self.varies],
            "settings": [
                {
                    "values": {vary.path: value for vary, value in zip(self.varies, row.setting.values, strict=True)},
                    "engine": row.engine,
                    "report": row.report.to_json(),
                }
                for row in self.rows
            ],
        }


def settings(scenario: Scenario, varies: Sequence[Vary]) -> list[Setting]:
    """Every combination of the values, the first ``--vary`` slowest, each scenario checked by the loader."""
    combinations = 1
    for vary in varies:
        combinations *= len(vary.values)
    if combinations > MAX_SETTINGS:
        raise VaryError(f"the values give {combinations:,} settings; a sweep plays at most {MAX_SETTINGS:,}")
    found = []
    for values in itertools.product(*(vary.values for vary in varies)):
        document: Any = scenario.document
        for vary, value in zip(varies, values, strict=True):
            document = set_value(document, vary, value)
        setting_words = ", ".join(f"{vary.path}={value}" for vary, value in zip(varies, values, strict=True))
        try:
            varied = load_scenario_document(document, scenario.id)
        except InputError as error:
            problem = error.diagnostics[0]
            where = f"{problem.pointer}: " if problem.pointer else ""
            raise VaryError(f"with {setting_words} the scenario is not valid: {where}{problem.message}") from None
        found.append(Setting(tuple(values), varied))
    return found


def run_sweep(
    scenario: Scenario,
    varies: Sequence[Vary],
    games: int,
    seed: int,
    bots: Mapping[str, str],
    *,
    engine: str = "auto",
    workers: int = 1,
    cluster: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Sweep:
    """Check every setting, then play ``games`` games of each with the bots named per role (a role
    ``bots`` leaves out, a white-cell actor say, plays the random bot, as on the command line).

    ``progress(done, total)`` is told after each setting; ``stop``, asked between settings and
    inside each run, ends the sweep early with the settings finished (a cut-short setting is left
    out). ``workers`` processes, or the Dask cluster whose scheduler is at ``cluster``, play each
    setting's chunks where the batched engine plays it (a setting only the scalar engine plays is
    played here).
    """
    checked = settings(scenario, varies)
    bots = {role.id: bots.get(role.id, "random") for role in scenario.roles}
    rows: list[Played] = []
    for number, setting in enumerate(checked):
        game = compile_scenario(setting.scenario)
        policies = {role: make_bot(bots[role]) for role in game.role_ids}
        choice = choose_engine(game, policies, engine)
        if (workers > 1 or cluster is not None) and choice.engine == "batch":
            choice = choose_engine(game, policies, engine, workers=workers, cluster=cluster)
        report = simulate_with(choice, game, games, seed, policies, stop=stop)
        if report.games < games:
            break
        rows.append(Played(setting, choice.engine, report))
        if progress is not None:
            progress(number + 1, len(checked))
        if stop is not None and stop():
            break
    return Sweep(scenario, tuple(varies), games, seed, dict(bots), tuple(rows))
