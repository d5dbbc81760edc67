"""Injects written at the table: the facilitator's own shock, checked and applied.

A scenario's shocks are written beforehand; a white cell also improvises. `WriteInject` carries a
title, a narrative, who is told, a category and effects on the scenario's variables. Its bounds
are checked here, each with a refusal code, so the console can show every problem before the
command is sent and a journal cannot smuggle in what the console would refuse. Its changes carry
the facilitator as cause, naming the inject and whom it was told to, so "why did trust fall?"
names it and `engine.audience.visibility` can keep it from those it was not told to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.commands import WriteInject
from engine.core.events import Cause, InjectWritten
from engine.core.model import SHOCK_CATEGORIES
from engine.core.refusals import CommandRefused, Reason, RefusalCode, reason

if TYPE_CHECKING:
    from engine.core.rules import Game
    from engine.core.work import Work

__all__ = [
    "MOST_EFFECTS",
    "TEXT_LIMITS",
    "amount_bound",
    "inject_cause",
    "inject_problems",
    "write_inject",
]

MOST_EFFECTS = 8
"""How many variables one written inject may move: an improvised event is a headline, not a rulebook."""

TEXT_LIMITS = {"title": 120, "narrative": 2_000, "reason": 500}
"""The longest title, narrative and reason, in characters: a projector line, a card, a record."""


def amount_bound(game: Game, var: int) -> int:
    """The largest amount (either way) an inject may move a variable: the width of its bounds,
    since anything more says nothing more (the value is held within its bounds in any case)."""
    return game.var_max[var] - game.var_min[var]


def inject_problems(game: Game, command: WriteInject) -> list[Reason]:
    """Everything wrong with a written inject, in the order of its fields (empty when it applies)."""
    problems: list[Reason] = []
    if not command.title.strip():
        problems.append(reason(RefusalCode.EMPTY_TITLE, game))
    for field in ("title", "narrative", "reason"):
        if len(getattr(command, field).strip()) > TEXT_LIMITS[field]:
            problems.append(reason(RefusalCode.TEXT_TOO_LONG, game, name=field, amount=TEXT_LIMITS[field]))
    if command.category not in SHOCK_CATEGORIES:
        problems.append(reason(RefusalCode.UNKNOWN_CATEGORY, game, name=command.category))
    told: set[str] = set()
    for role in command.audience:
        if role not in game.role_index:
            problems.append(reason(RefusalCode.UNKNOWN_ROLE, game, name=role))
        elif game.scenario.is_actor(role):
            problems.append(reason(RefusalCode.INJECT_TO_ACTOR, game, name=role))
        elif role in told:
            problems.append(reason(RefusalCode.NAMED_TWICE, game, name=role))
        told.add(role)
    if len(command.effects) > MOST_EFFECTS:
        problems.append(reason(RefusalCode.TOO_MANY_EFFECTS, game, amount=MOST_EFFECTS))
    moved: set[str] = set()
    for var, amount in command.effects:
        i = game.var_index.get(var)
        if i is None:
            problems.append(reason(RefusalCode.UNKNOWN_VARIABLE, game, name=var))
        elif var in moved:
            problems.append(reason(RefusalCode.NAMED_TWICE, game, name=var))
        elif isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= abs(amount) <= amount_bound(game, i):
            told_amount = amount if isinstance(amount, int) else 0
            problems.append(reason(RefusalCode.AMOUNT_OUT_OF_RANGE, game, other=i, amount=told_amount))
        moved.add(var)
    if not command.reason.strip():
        problems.append(reason(RefusalCode.NO_REASON_GIVEN, game, name="write-inject"))
    return problems


def inject_cause(command: WriteInject) -> Cause:
    """The facilitator as cause, naming the inject (its title) and whom it was told to ('+'-joined, empty: everyone)."""
    return Cause("facilitator", command.title.strip(), "+".join(command.audience), command.reason.strip())


def write_inject(game: Game, work: Work, command: WriteInject) -> None:
    """Tell the inject, then apply its effects in order, each held within its variable's bounds.

    Raises CommandRefused, changing nothing, when anything is wrong (see `inject_problems`)."""
    problems = inject_problems(game, command)
    if problems:
        raise CommandRefused(problems)
    cause = inject_cause(command)
    if work.record:
        work.events.append(
            InjectWritten(command.title.strip(), command.category, command.narrative.strip(), tuple(command.audience), cause)
        )
    for var, amount in command.effects:
        work.add_value(game.var_index[var], amount, cause)
