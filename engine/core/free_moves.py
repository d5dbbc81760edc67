"""Free-form moves (matrix-game arguments): a team argues for an action not on its list, the dice
decide, and on success the facilitator chooses bounded effects on the scenario's variables.

Two commands, so that the effects are chosen knowing the result: `ProposeFreeMove` records the
words and rolls; `SettleFreeMove` applies the effects of a move that succeeded and is still
awaiting them. The state keeps a mark per move (`FreeMoveMark`), so the limit per team per turn
and "effects only after a success" hold across undo, replay and a session stopped between the two.

The roll is keyed like every other: by the seed, the turn, the role and how many free-form moves
the role has made this turn. No other roll reads that key, so a game with a free-form move and
one without see the same dice for everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from engine.core.commands import ProposeFreeMove, PutForwardFreeMove, SettleFreeMove
from engine.core.dice import key_hash, roll
from engine.core.events import Cause, Event, FreeMoveProposed, FreeMoveRolled
from engine.core.refusals import CommandRefused, Reason, RefusalCode, reason
from engine.core.state import AWAITING_EFFECTS, FAILED, SETTLED, FreeMoveMark, ProposalMark, State

if TYPE_CHECKING:
    from engine.core.rules import Game
    from engine.core.work import Work

__all__ = ["RATINGS", "chance_of_rating", "free_move_cause", "proposals_waiting", "propose", "put_forward", "roll_for", "settle"]

RATINGS: tuple[tuple[str, int], ...] = (
    ("very likely", 90),
    ("likely", 70),
    ("even", 50),
    ("unlikely", 30),
    ("very unlikely", 10),
)
"""The room's rating of an argument and the chance of success each stands for, most likely first."""


def chance_of_rating(rating: str) -> int | None:
    """The chance (a percentage) a rating stands for, or None for a word that is not a rating."""
    return dict(RATINGS).get(rating)


def roll_for(seed_h: int, turn: int, role_id: str, index: int) -> int:
    """The roll, 1 to 100, for a role's ``index``-th free-form move (from 0) in a turn."""
    return int(roll(seed_h, turn, key_hash(f"free-move:{role_id}"), index) * 100) + 1


def free_move_cause(role_id: str, action: str) -> Cause:
    """The cause a free-form move's effects carry: the team, and the move in its own words."""
    return Cause("free-move", role=role_id, detail=action)


def _moves_this_turn(work: Work, r: int) -> list[FreeMoveMark]:
    return [mark for mark in work.free_moves if mark.turn == work.turn and mark.role == r]


def _chance_problem(command: ProposeFreeMove) -> str | None:
    """What is wrong with the chance, in words, or None."""
    chance = command.chance
    if isinstance(chance, bool) or not isinstance(chance, int) or not 0 <= chance <= 100:
        return "the chance of success is a whole percentage from 0 to 100"
    if command.rating:
        rated = chance_of_rating(command.rating)
        if rated is None:
            return f"unknown rating {command.rating!r}; use one of {', '.join(name for name, _ in RATINGS)}"
        if rated != chance:
            return f"the rating {command.rating!r} is a chance of {rated}%, not {chance}%"
    return None


def propose(game: Game, work: Work, r: int, command: ProposeFreeMove) -> None:
    """Check a move against the scenario's limits, roll for it and mark it (failed or awaiting effects)."""
    limits = game.scenario.free_moves
    if game.scenario.roles[r].is_actor:
        raise CommandRefused(reason(RefusalCode.ACTOR_FREE_MOVE, game, role=r))
    if not limits.allowed:
        raise CommandRefused(reason(RefusalCode.FREE_MOVES_OFF, game))
    made = _moves_this_turn(work, r)
    if any(mark.stage == AWAITING_EFFECTS for mark in made):
        raise CommandRefused(reason(RefusalCode.FREE_MOVE_AWAITING, game, role=r))
    if len(made) >= limits.per_team_per_turn:
        raise CommandRefused(reason(RefusalCode.FREE_MOVES_USED, game, role=r))
    if not command.action.strip() or not command.reasons.strip():
        raise CommandRefused(reason(RefusalCode.FREE_MOVE_UNARGUED, game, role=r))
    problem = _chance_problem(command)
    if problem is not None:
        raise CommandRefused(reason(RefusalCode.CHANCE_OUT_OF_RANGE, game, role=r, name=problem))
    if command.by == "seat":  # the team's proposal is taken up: it waits no longer
        work.proposals = tuple(mark for mark in work.proposals if mark.role != r)
    role_id = game.role_ids[r]
    rolled = roll_for(work.seed_h, work.turn, role_id, len(made))
    succeeded = rolled <= command.chance
    stage = AWAITING_EFFECTS if succeeded else FAILED
    work.free_moves = (*work.free_moves, FreeMoveMark(work.turn, r, stage, command.action.strip()))
    if work.record:
        work.events.append(
            FreeMoveRolled(
                role_id,
                command.action.strip(),
                command.reasons.strip(),
                command.counter.strip(),
                command.chance,
                rolled,
                succeeded,
                command.rating,
            )
        )


def put_forward(
    game: Game, state: State, r: int, command: PutForwardFreeMove, *, record: bool = True
) -> tuple[State, tuple[Event, ...]]:
    """A team's proposal from its seat, kept in the state until rolled for or the turn ends (it replaces
    the one waiting); an empty action withdraws it. Refused when the team could not make the move now."""
    limits = game.scenario.free_moves
    if not limits.allowed:
        raise CommandRefused(reason(RefusalCode.FREE_MOVES_OFF, game))
    action, reasons = command.action.strip(), command.reasons.strip()
    others = tuple(mark for mark in state.proposals if mark.role != r)
    if not action:
        if len(others) == len(state.proposals):
            raise CommandRefused(reason(RefusalCode.NO_PROPOSAL_TO_WITHDRAW, game, role=r))
        after = others
    else:
        if not reasons:
            raise CommandRefused(reason(RefusalCode.FREE_MOVE_UNARGUED, game, role=r))
        made = [mark for mark in state.free_moves if mark.turn == state.turn and mark.role == r]
        if len(made) >= limits.per_team_per_turn:
            raise CommandRefused(reason(RefusalCode.FREE_MOVES_USED, game, role=r))
        after = (*others, ProposalMark(r, action, reasons))
    if not record:
        return attrs.evolve(state, proposals=after), ()
    return attrs.evolve(state, proposals=after), (FreeMoveProposed(game.role_ids[r], action, reasons if action else ""),)


def proposals_waiting(game: Game, state: State) -> tuple[tuple[str, str, str], ...]:
    """The free-form moves put forward from seats this turn and not yet rolled for, in the order they
    came: (role id, the move in words, its reasons)."""
    return tuple((game.role_ids[mark.role], mark.action, mark.reasons) for mark in state.proposals)


def effect_problems(game: Game, effects: tuple[tuple[str, int], ...]) -> list[Reason]:
    """Every effect the scenario does not allow: an unknown variable, an amount of 0 or past the largest effect."""
    largest = game.scenario.free_moves.largest_effect
    problems = []
    for var, amount in effects:
        i = game.var_index.get(var)
        if i is None:
            problems.append(reason(RefusalCode.UNKNOWN_VARIABLE, game, name=var))
        elif isinstance(amount, bool) or not isinstance(amount, int) or amount == 0 or abs(amount) > largest:
            problems.append(reason(RefusalCode.EFFECT_TOO_LARGE, game, other=i, amount=amount if isinstance(amount, int) else 0))
    return problems


def settle(game: Game, work: Work, r: int, command: SettleFreeMove) -> None:
    """Apply the effects of the role's move awaiting them (each held within its variable's bounds,
    the move's words as their cause) and mark it settled."""
    marks = list(work.free_moves)
    waiting = next(
        (k for k, mark in enumerate(marks) if mark.turn == work.turn and mark.role == r and mark.stage == AWAITING_EFFECTS), None
    )
    if game.scenario.roles[r].is_actor:
        raise CommandRefused(reason(RefusalCode.ACTOR_FREE_MOVE, game, role=r))
    if waiting is None:
        raise CommandRefused(reason(RefusalCode.NO_FREE_MOVE_TO_SETTLE, game, role=r))
    problems = effect_problems(game, command.effects)
    if problems:
        raise CommandRefused(problems)
    move = marks[waiting]
    marks[waiting] = FreeMoveMark(move.turn, r, SETTLED, move.action)
    work.free_moves = tuple(marks)
    cause = free_move_cause(game.role_ids[r], move.action)
    for var, amount in command.effects:
        work.add_value(game.var_index[var], amount, cause)
