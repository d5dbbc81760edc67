"""Variables nothing reads: no condition anywhere in the file tests them.

A variable matters to play only through the conditions that read it: requirements, triggers,
objectives, outcomes, end conditions, rules and `if` effects (effect amounts are plain numbers, and
an effect that changes a variable does not read it). One shown to a team still informs the players
on screen, so it is reported as an info; one no team sees informs nobody but the white cell, a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import assert_never

from engine.audience.visibility import Audience, sees_variable
from engine.core import model as m
from engine.lint.findings import Finding


def condition_vars(cond: m.Condition) -> Iterator[str]:
    """The variables a condition reads."""
    match cond:
        case m.VarTest() | m.InBand():
            yield cond.var
        case m.AllOf() | m.AnyOf():
            for item in cond.items:
                yield from condition_vars(item)
        case m.Not():
            yield from condition_vars(cond.item)
        case m.ResourceTest() | m.UsesTest() | m.FiredTest() | m.ScoreTest() | m.TurnTest() | m.ActiveTest() | m.ChoseTest():
            pass  # these read no variable
        case _:
            assert_never(cond)


def effect_conditions(effects: Sequence[m.Effect]) -> Iterator[m.Condition]:
    """The conditions of the `if` effects in a list, through every branch."""
    for effect in effects:
        match effect:
            case m.If():
                yield effect.condition
                yield from effect_conditions(effect.then)
                yield from effect_conditions(effect.otherwise)
            case m.Chance():
                yield from effect_conditions(effect.then)
                yield from effect_conditions(effect.otherwise)
            case m.Pick():
                for option in effect.options:
                    yield from effect_conditions(option.effects)
            case m.Add() | m.SetTo() | m.Drift() | m.Gain() | m.Schedule() | m.Enable() | m.Disable() | m.EndShock() | m.Say():
                pass
            case _:
                assert_never(effect)


def all_conditions(scenario: m.Scenario) -> Iterator[m.Condition]:
    """Every condition written in the scenario."""
    for action in scenario.actions:
        if action.requires is not None:
            yield action.requires
        yield from effect_conditions(action.effects + action.unmatched)
    for shock in scenario.shocks:
        if shock.trigger is not None and shock.trigger.when is not None:
            yield shock.trigger.when
        yield from effect_conditions(shock.effects + shock.ongoing + shock.on_expire)
        yield from (follow.when for follow in shock.follow_ups if follow.when is not None)
    for rule in scenario.rules:
        if rule.when is not None:
            yield rule.when
        yield from effect_conditions(rule.effects)
    for role in scenario.roles:
        yield from (objective.condition for objective in role.objectives)
    yield from (end.when for end in scenario.end_conditions)
    yield from (outcome.when for outcome in scenario.outcomes if outcome.when is not None)


def read_variables(scenario: m.Scenario) -> set[str]:
    """The variables some condition reads."""
    return {var for cond in all_conditions(scenario) for var in condition_vars(cond)}


def _shown_to(scenario: m.Scenario, variable: m.Variable) -> list[str]:
    """The names of the teams that see the variable on screen."""
    return [role.name for role in scenario.roles if sees_variable(Audience.team(role.id), variable)]


def unread_variables(scenario: m.Scenario) -> Iterator[Finding]:
    """Variables no condition reads: an info when teams see them, else a warning."""
    read = read_variables(scenario)
    for i, var in enumerate(scenario.variables):
        if var.id in read:
            continue
        pointer = f"/variables/{i}/id"
        teams = _shown_to(scenario, var)
        why = "no requirement, trigger, objective, outcome, end condition, rule or 'if' effect reads it"
        if teams:
            every = len(teams) == len(scenario.roles) and len(teams) > 1
            seen = "every team sees" if every else " and ".join(teams) + (" sees" if len(teams) == 1 else " see")
            yield Finding(
                pointer,
                "lint-shown-variable-never-read",
                f"{var.label} changes nothing in the game: {why}; {seen} it on screen, so it informs their play only",
                severity="info",
            )
        else:
            yield Finding(
                pointer,
                "lint-variable-never-read",
                f"{var.label} changes nothing in the game: {why}, and no team sees it",
            )
