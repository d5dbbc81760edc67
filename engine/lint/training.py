"""Exercise objectives (training objectives) that the game never tests.

An objective is evaluated from the injects that test it: one that no shock lists in its tests
can never be evaluated (a static finding), and one whose testing shocks fired in none of the bot
games may well go untested in the room too (a dynamic finding).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from engine.core.model import Scenario
from engine.lint.findings import Finding


def untested_objectives(scenario: Scenario) -> Iterator[Finding]:
    """Each exercise objective that no shock tests."""
    for k, objective in enumerate(scenario.exercise_objectives):
        if not scenario.testing(objective.id):
            yield Finding(
                f"/exerciseObjectives/{k}/id",
                "lint-objective-untested",
                f"no inject tests the exercise objective {objective.title!r}: add {objective.id!r} to the tests of "
                "the shocks that test it, or drop the objective",
            )


def objectives_never_tested_in_play(scenario: Scenario, fired: Mapping[str, int], games: int, seed: int) -> Iterator[Finding]:
    """Each exercise objective tested only by shocks that fired in none of the bot games (``fired``: shock -> games)."""
    for k, objective in enumerate(scenario.exercise_objectives):
        testing = scenario.testing(objective.id)
        if testing and not any(fired.get(shock.id, 0) for shock in testing):
            names = ", ".join(shock.title for shock in testing)
            yield Finding(
                f"/exerciseObjectives/{k}/id",
                "lint-objective-never-tested",
                f"the exercise objective {objective.title!r} was tested in none of the {games} bot games (seed {seed}): "
                f"the injects that test it ({names}) never fired; the facilitator may have to inject one",
            )
