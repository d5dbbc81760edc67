"""The report's moves of the white cell's actors: each actor's choices turn by turn.

An actor (a role the white cell plays) is not a team, so its moves get their own section rather
than a place among the teams' scores. Which moves a reader may see is decided where the turns'
decisions are built (`engine.audience.visibility.sees_decision`): an actor's moves are its
audience's and the white cell's, so this section lists only the decisions already kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from engine.documents.kit.html import Html, html_table
from engine.documents.kit.markdown import escape, markdown_table

if TYPE_CHECKING:
    from engine.core.model import Scenario
    from engine.documents.report.model import TurnReport

__all__ = ["INTRO", "ActorMove", "actor_moves", "actor_moves_html", "actor_moves_markdown"]

INTRO = "The third parties the white cell played (or handed to a bot), and what each chose in each turn."


@attrs.frozen
class ActorMove:
    """One actor's move in one resolved turn, as the report tells it."""

    turn: int
    turn_name: str
    actor: str
    played_by: str
    actions: tuple[str, ...]
    """The labels of the actions it took (empty: none)."""


def actor_moves(scenario: Scenario, turns: Sequence[TurnReport]) -> tuple[ActorMove, ...]:
    """The actors' moves of the resolved turns, in order of turn then of the scenario's roles."""
    actors = {role.id for role in scenario.actors}
    return tuple(
        ActorMove(turn.number, turn.name, decision.name, decision.played_by, decision.actions)
        for turn in turns
        if turn.resolved
        for decision in turn.decisions
        if decision.role in actors and not decision.hidden
    )


def _chosen(move: ActorMove) -> str:
    return " · ".join(move.actions) or "no action"


def actor_moves_markdown(moves: tuple[ActorMove, ...]) -> list[str]:
    """The section in Markdown (nothing when no actor's move is the reader's)."""
    if not moves:
        return []
    out = ["## Moves of the white cell's actors", "", escape(INTRO), ""]
    rows = [(escape(move.turn_name), escape(move.actor), escape(move.played_by), escape(_chosen(move))) for move in moves]
    return out + markdown_table(("When", "Actor", "Played by", "Moves"), "llll", rows)


def actor_moves_html(moves: tuple[ActorMove, ...]) -> Html:
    """The section's body in HTML (empty when no actor's move is the reader's)."""
    if not moves:
        return Html()
    table = html_table(
        [("When", ""), ("Actor", ""), ("Played by", ""), ("Moves", "")],
        [(move.turn_name, move.actor, move.played_by, _chosen(move)) for move in moves],
    )
    return Html("<p>{}</p>").format(INTRO) + table
