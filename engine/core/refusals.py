"""Why a command or an action is refused: a code for programs, and the one place that words it.

Every refusal has a `RefusalCode`, so bots, tests and programs playing a team can tell one
reason from another without reading sentences. `reason` turns a code and what it concerns into
a `Reason` with its sentence, worded against the facts of the moment (a requirement says what it
needs and what the value is now). The sentences are the engine's own: journals record some of
them (orders withdrawn after a facilitator's change), so their wording is part of the format.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

import attrs

from engine.core.commands import MAX_POINTS, NOTE_TAGS, RATINGS
from engine.core.explain import explain
from engine.core.model import SHOCK_CATEGORIES
from engine.core.spelling import closest

if TYPE_CHECKING:
    from engine.core.rules import Game
    from engine.core.view import Facts

__all__ = ["CommandRefused", "Reason", "RefusalCode", "reason"]


class RefusalCode(enum.StrEnum):
    """Every reason the engine refuses something; the values are stable names for programs."""

    # an action is unavailable to a role now
    GAME_ENDED = "game-ended"
    LOCKED = "locked"
    LIMIT_REACHED = "limit-reached"
    COOLING_DOWN = "cooling-down"
    REQUIREMENT_UNMET = "requirement-unmet"
    OVER_BUDGET = "over-budget"
    SHORT_OF_RESOURCE = "short-of-resource"
    # a set of orders is wrong as a whole
    UNKNOWN_ACTION = "unknown-action"
    NOT_THE_ROLES_ACTION = "not-the-roles-action"
    ORDERED_TWICE = "ordered-twice"
    ORDERS_OVER_BUDGET = "orders-over-budget"
    ORDERS_OVERSPEND = "orders-overspend"
    EXCLUSIVE = "exclusive"
    # other commands
    UNKNOWN_ROLE = "unknown-role"
    UNKNOWN_SHOCK = "unknown-shock"
    SHOCK_IN_PROGRESS = "shock-in-progress"
    SHOCK_HELD = "shock-held"
    SHOCK_NOT_HELD = "shock-not-held"
    SHOCK_AT_LIMIT = "shock-at-limit"
    ALREADY_DUE = "already-due"
    NO_TURN_AFTER = "no-turn-after"
    UNKNOWN_VARIABLE = "unknown-variable"
    VALUE_OUT_OF_RANGE = "value-out-of-range"
    NO_REASON_GIVEN = "no-reason-given"
    UNKNOWN_NOTE_TAG = "unknown-note-tag"
    EMPTY_NOTE = "empty-note"
    UNKNOWN_EXERCISE_OBJECTIVE = "unknown-exercise-objective"
    RATING_WITHOUT_OBJECTIVE = "rating-without-objective"
    UNKNOWN_RATING = "unknown-rating"
    NOTE_TURN_NOT_REACHED = "note-turn-not-reached"
    NO_ORDERS_TO_RETURN = "no-orders-to-return"
    # free-form moves
    FREE_MOVES_OFF = "free-moves-off"
    FREE_MOVES_USED = "free-moves-used"
    FREE_MOVE_UNARGUED = "free-move-unargued"
    CHANCE_OUT_OF_RANGE = "chance-out-of-range"
    FREE_MOVE_AWAITING = "free-move-awaiting-effects"
    NO_FREE_MOVE_TO_SETTLE = "no-free-move-to-settle"
    NO_PROPOSAL_TO_WITHDRAW = "no-free-move-proposal"
    EFFECT_TOO_LARGE = "effect-too-large"
    ACTOR_FREE_MOVE = "actor-free-move"
    # an inject written at the table
    EMPTY_TITLE = "empty-title"
    UNKNOWN_CATEGORY = "unknown-category"
    AMOUNT_OUT_OF_RANGE = "amount-out-of-range"
    TOO_MANY_EFFECTS = "too-many-effects"
    TEXT_TOO_LONG = "text-too-long"
    NAMED_TWICE = "named-twice"
    INJECT_TO_ACTOR = "inject-to-actor"
    # the session
    NOTHING_TO_UNDO = "nothing-to-undo"
    NOTHING_TO_REDO = "nothing-to-redo"
    RECORDED_GAME = "recorded-game"


@attrs.frozen
class Reason:
    """One reason for a refusal: its code, its sentence, and the ids it concerns."""

    code: RefusalCode
    text: str
    role: str | None = None
    action: str | None = None
    subject: str | None = None
    """What else it concerns: a resource, a shock, a variable, the other action of a pair, a mistyped id."""

    def __str__(self) -> str:
        return self.text


class CommandRefused(Exception):
    """A command does not apply to the current state: its reasons, each with a code and a sentence."""

    def __init__(self, reasons: Reason | Sequence[Reason], *, orders_of: str | None = None) -> None:
        self.reasons: tuple[Reason, ...] = (reasons,) if isinstance(reasons, Reason) else tuple(reasons)
        if not self.reasons:
            raise ValueError("a refusal needs at least one reason")
        joined = "; ".join(item.text for item in self.reasons)
        self.reason = joined if orders_of is None else f"{orders_of}'s orders are refused: {joined}"
        """The refusal in words, as the console shows it."""
        super().__init__(self.reason)

    @property
    def code(self) -> RefusalCode:
        """The code of the first reason (the one a program usually needs)."""
        return self.reasons[0].code

    @property
    def codes(self) -> tuple[RefusalCode, ...]:
        return tuple(item.code for item in self.reasons)


def _hint(name: str, known: Sequence[str]) -> str:
    guess = closest(name, known)
    return f" (did you mean {guess!r}?)" if guess else ""


def reason(
    code: RefusalCode,
    game: Game,
    facts: Facts | None = None,
    *,
    role: int | None = None,
    action: int | None = None,
    other: int | None = None,
    name: str = "",
    amount: int = 0,
) -> Reason:
    """A reason with its sentence, worded from the game and the facts of the moment.

    ``role``, ``action`` and ``other`` (a second action, a resource of ``role``, a shock or a
    variable, by code; unknown or out of range with a ``role``, a resource) are positions in the game;
    ``name`` is text the command gave (a mistyped id, an outcome, the kind of command that needs
    a reason); ``amount`` a number the check computed (a total cost or spend).
    """
    scenario = game.scenario
    role_id = game.role_ids[role] if role is not None else None
    action_id = game.action_ids[action] if action is not None else None

    def made(text: str, subject: str | None = None) -> Reason:
        return Reason(code, text, role_id, action_id, subject)

    match code:
        case RefusalCode.GAME_ENDED:
            return made(f"the game has ended ({name}); only notes can be added" if name else "the game has ended")
        case RefusalCode.LOCKED:
            assert action is not None
            titles = " or ".join(scenario.shocks[s].title for s in game.action_unlocked_by[action])
            return made(f"only while {titles} is in progress")
        case RefusalCode.LIMIT_REACHED:
            assert facts is not None and role is not None and action is not None
            return made(f"already taken {facts.uses[role][action]} of {game.action_limit[action]} allowed times")
        case RefusalCode.COOLING_DOWN:
            assert facts is not None and role is not None and action is not None
            again = facts.last_used[role][action] + game.action_cooldown[action] + 1
            if again > scenario.turns.count:
                return made(f"cooling down: not available again before the last {scenario.turns.word} is over")
            return made(f"cooling down: available again in {scenario.turns.word} {again}")
        case RefusalCode.REQUIREMENT_UNMET:
            assert facts is not None and action is not None
            declared = scenario.actions[action]
            assert declared.requires is not None
            return made(declared.requires_text or explain(facts, declared.requires))
        case RefusalCode.OVER_BUDGET:
            assert role is not None and action is not None
            points = game.budgets[role] if facts is None else facts.points[role]
            return made(f"costs {game.action_cost[action]} action points; the budget is {points}")
        case RefusalCode.SHORT_OF_RESOURCE:
            assert facts is not None and role is not None and other is not None
            resource = scenario.roles[role].resources[other]
            needed = dict(game.action_spend[(role, action)])[other] if action is not None else amount
            return made(f"needs {needed} {resource.label} (has {facts.resources[role][other]})", resource.id)
        case RefusalCode.UNKNOWN_ACTION:
            assert role is not None
            known = [game.action_ids[x] for x in game.role_actions[role]]
            return made(f"unknown action {name!r}{_hint(name, known)}", name)
        case RefusalCode.NOT_THE_ROLES_ACTION:
            assert role is not None and action is not None
            declared = scenario.actions[action]
            return made(f"{scenario.roles[role].name} cannot take {declared.label}: it is for {', '.join(declared.roles)}")
        case RefusalCode.ORDERED_TWICE:
            assert action is not None
            return made(f"{scenario.actions[action].label} is ordered twice")
        case RefusalCode.ORDERS_OVER_BUDGET:
            assert role is not None
            declared_role = scenario.roles[role]
            points = declared_role.budget if facts is None else facts.points[role]
            return made(f"the orders cost {amount} action points; {declared_role.name}'s budget is {points}")
        case RefusalCode.ORDERS_OVERSPEND:
            assert facts is not None and role is not None and other is not None
            declared_role = scenario.roles[role]
            resource = declared_role.resources[other]
            stock = facts.resources[role][other]
            return made(f"the orders spend {amount} {resource.label}; {declared_role.name} has {stock}", resource.id)
        case RefusalCode.EXCLUSIVE:
            assert action is not None and other is not None
            labels = scenario.actions[action].label, scenario.actions[other].label
            return made(f"{labels[0]} and {labels[1]} cannot both be taken in one turn", game.action_ids[other])
        case RefusalCode.UNKNOWN_ROLE:
            guess = closest(name, game.role_ids)
            hint = f" (did you mean {guess!r}?)" if guess else f"; the roles are {', '.join(game.role_ids)}"
            return made(f"unknown role {name!r}{hint}", name)
        case RefusalCode.UNKNOWN_SHOCK:
            return made(f"unknown shock {name!r}{_hint(name, game.shock_ids)}", name)
        case RefusalCode.SHOCK_IN_PROGRESS:
            assert other is not None
            return made(f"{scenario.shocks[other].title} is already in progress", game.shock_ids[other])
        case RefusalCode.SHOCK_HELD:
            assert other is not None
            title = scenario.shocks[other].title
            held = f"{title} is already held" if name == "hold" else f"{title} is held: release it first"
            return made(held, game.shock_ids[other])
        case RefusalCode.SHOCK_NOT_HELD:
            assert other is not None
            return made(f"{scenario.shocks[other].title} is not held", game.shock_ids[other])
        case RefusalCode.SHOCK_AT_LIMIT:
            assert other is not None
            most = game.shock_max_fires[other]
            return made(
                f"{scenario.shocks[other].title} has already happened the most times allowed ({most})", game.shock_ids[other]
            )
        case RefusalCode.ALREADY_DUE:
            assert other is not None
            return made(
                f"{scenario.shocks[other].title} already happens as the next {scenario.turns.word} opens", game.shock_ids[other]
            )
        case RefusalCode.NO_TURN_AFTER:
            return made(f"there is no {scenario.turns.word} after this one: inject the shock to fire it now")
        case RefusalCode.UNKNOWN_VARIABLE if role is not None:  # a team's resource: its own variable
            known = [resource.id for resource in scenario.roles[role].resources]
            return made(f"{scenario.roles[role].name} has no resource {name!r}{_hint(name, known)}", name)
        case RefusalCode.UNKNOWN_VARIABLE:
            return made(f"unknown variable {name!r}{_hint(name, game.var_ids)}", name)
        case RefusalCode.VALUE_OUT_OF_RANGE if role is not None and other is None:  # a team's action points
            return made(f"{scenario.roles[role].name}'s action points must be a whole number from 0 to {MAX_POINTS}")
        case RefusalCode.VALUE_OUT_OF_RANGE if role is not None:
            assert other is not None
            resource = scenario.roles[role].resources[other]
            low, high = game.resource_min[role][other], game.resource_max[role][other]
            return made(
                f"{scenario.roles[role].name}'s {resource.label} must be a whole number from {low} to {high}", resource.id
            )
        case RefusalCode.VALUE_OUT_OF_RANGE:
            assert other is not None
            low, high = game.var_min[other], game.var_max[other]
            label = scenario.variables[other].label
            return made(f"{label} must be a whole number from {low} to {high}", game.var_ids[other])
        case RefusalCode.NO_REASON_GIVEN:
            wording = {
                "end": "say why the exercise ends early",
                "return": "say why the orders go back: the team reads the note",
                "write-inject": "say why the white cell writes this inject, for the record",
                "hold": "say why the shock is held, for the record",
                "release": "say why the shock is released, for the record",
                "bring-forward": "say why the shock is brought forward, for the record",
            }
            return made(wording.get(name, "an adjustment needs a reason for the record"))
        case RefusalCode.UNKNOWN_NOTE_TAG:
            return made(f"unknown note tag {name!r}; use one of {', '.join(NOTE_TAGS)}", name)
        case RefusalCode.EMPTY_NOTE:
            return made("a note needs some text")
        case RefusalCode.UNKNOWN_EXERCISE_OBJECTIVE:
            known = [objective.id for objective in scenario.exercise_objectives]
            if not known:
                return made(f"the scenario has no exercise objectives to tie a note to ({name!r} given)", name)
            return made(f"unknown exercise objective {name!r}{_hint(name, known)}", name)
        case RefusalCode.RATING_WITHOUT_OBJECTIVE:
            return made("a rating rates an exercise objective: name the objective it rates")
        case RefusalCode.UNKNOWN_RATING:
            return made(f"unknown rating {name!r}; use one of {', '.join(RATINGS)}", name)
        case RefusalCode.NOTE_TURN_NOT_REACHED:
            assert facts is not None
            word = scenario.turns.word
            return made(f"a note can be about this {word} ({word} {facts.turn}) or an earlier one, not {word} {amount}")
        case RefusalCode.NO_ORDERS_TO_RETURN:
            assert role is not None
            return made(f"{scenario.roles[role].name} has no orders in to send back")
        case RefusalCode.FREE_MOVES_OFF:
            return made("this scenario does not allow free-form moves")
        case RefusalCode.FREE_MOVES_USED:
            assert role is not None
            allowed = scenario.free_moves.per_team_per_turn
            moves = "free-form move" if allowed == 1 else "free-form moves"
            return made(f"{scenario.roles[role].name} has made its {allowed} {moves} this {scenario.turns.word}")
        case RefusalCode.FREE_MOVE_UNARGUED:
            return made("a free-form move needs the action in words and the reasons for it")
        case RefusalCode.CHANCE_OUT_OF_RANGE:
            return made(name or "the chance of success is a whole percentage from 0 to 100")
        case RefusalCode.FREE_MOVE_AWAITING:
            assert role is not None
            return made(f"{scenario.roles[role].name}'s free-form move succeeded and awaits its effects: choose them first")
        case RefusalCode.NO_FREE_MOVE_TO_SETTLE:
            assert role is not None
            return made(f"{scenario.roles[role].name} has no free-form move that succeeded and awaits its effects")
        case RefusalCode.NO_PROPOSAL_TO_WITHDRAW:
            assert role is not None
            return made(f"{scenario.roles[role].name} has no proposed free-form move waiting to withdraw")
        case RefusalCode.EFFECT_TOO_LARGE:
            assert other is not None
            largest = scenario.free_moves.largest_effect
            label = scenario.variables[other].label
            asked = f"+{amount}" if amount > 0 else f"−{-amount}" if amount < 0 else "0"
            return made(
                f"{label}: a free-form move's effect is a whole amount from −{largest} to +{largest}, not 0 (asked {asked})",
                game.var_ids[other],
            )
        case RefusalCode.ACTOR_FREE_MOVE:
            assert role is not None
            actor = scenario.roles[role].name
            return made(f"{actor} is played by the white cell: an actor moves from its response menu, not by free-form moves")
        case RefusalCode.EMPTY_TITLE:
            return made("an inject needs a title")
        case RefusalCode.UNKNOWN_CATEGORY:
            listed = ", ".join(SHOCK_CATEGORIES)
            return made(f"unknown category {name!r}{_hint(name, SHOCK_CATEGORIES)}; use one of {listed}", name)
        case RefusalCode.AMOUNT_OUT_OF_RANGE:
            assert other is not None
            span = game.var_max[other] - game.var_min[other]
            label = scenario.variables[other].label
            if amount == 0:
                return made(f"an amount of 0 does not move {label}", game.var_ids[other])
            return made(
                f"{label} can be moved by at most {span} either way, not {amount:+d} (its bounds are "
                f"{game.var_min[other]} to {game.var_max[other]})",
                game.var_ids[other],
            )
        case RefusalCode.TOO_MANY_EFFECTS:
            return made(f"an inject may move at most {amount} variables")
        case RefusalCode.TEXT_TOO_LONG:
            return made(f"the {name} is too long: at most {amount:,} characters", name)
        case RefusalCode.NAMED_TWICE:
            return made(f"{name!r} is named twice", name)
        case RefusalCode.INJECT_TO_ACTOR:
            return made(f"{name!r} is an actor the white cell plays: an inject is told to teams", name)
        case RefusalCode.NOTHING_TO_UNDO:
            return made("there is nothing to undo")
        case RefusalCode.NOTHING_TO_REDO:
            return made("there is nothing to redo")
        case RefusalCode.RECORDED_GAME:
            return made("this is a recorded game: fork it to play on from this step")
        case _:
            assert_never(code)
