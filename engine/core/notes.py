"""What a note tied to an exercise objective must name: an objective the scenario declares, and one for a rating.

A note's objective is kept for the report's evaluation of that objective; an id the scenario
does not declare would evaluate nothing, and a rating (HSEEP's P, S, M, U) rates an objective,
so neither is accepted.
"""

from __future__ import annotations

from engine.core.commands import RATINGS, AddNote
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.rules import Game


def check_note_objective(game: Game, command: AddNote) -> None:
    """Refuse a note naming an unknown exercise objective, a rating of none, or a rating not in RATINGS."""
    if command.objective is not None and command.objective not in {item.id for item in game.scenario.exercise_objectives}:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_EXERCISE_OBJECTIVE, game, name=command.objective))
    if command.rating is not None and command.objective is None:
        raise CommandRefused(reason(RefusalCode.RATING_WITHOUT_OBJECTIVE, game))
    if command.rating is not None and command.rating not in RATINGS:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_RATING, game, name=str(command.rating)))
