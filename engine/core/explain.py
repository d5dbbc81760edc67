"""Conditions and effects in plain words, for reasons, logs and documents.

`describe` says what a condition requires; `explain` says why it does not hold right now,
with the current values, e.g. "needs Bilateral trust at least 40 (now 32)".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from engine.core import model as m

if TYPE_CHECKING:
    from engine.core.view import Facts


def times(count: int) -> str:
    """A count of occasions in words: once, twice, 3 times."""
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def _count_words(comparison: m.Comparison) -> str:
    """Bounds on a count in words, e.g. 'at least twice'."""
    return comparison.in_words(times, ("exactly", "at least", "more than", "at most", "fewer than"))


def describe(scenario: m.Scenario, cond: m.Condition) -> str:
    """What a condition requires, in words."""
    match cond:
        case m.VarTest():
            variable = scenario.variable(cond.var)
            if variable.states:
                return f"{variable.label} {_state_words(variable, cond.comparison)}"
            return f"{variable.label} {cond.comparison.describe()}"
        case m.InBand():
            variable = scenario.variable(cond.var)
            band = next(b for b in variable.bands if b.id == cond.band)
            return f"{variable.label} in the {band.label} band"
        case m.ResourceTest():
            role = scenario.role(cond.role)
            resource = role.resource(cond.resource)
            return f"{role.name}'s {resource.label} {cond.comparison.describe()}"
        case m.UsesTest():
            who = f" by {scenario.role(cond.role).name}" if cond.role else ""
            return f"{scenario.action(cond.action).label} taken{who} {_count_words(cond.comparison)}"
        case m.FiredTest():
            return f"{scenario.shock(cond.shock).title} has happened {_count_words(cond.comparison)}"
        case m.ScoreTest():
            return f"{scenario.role(cond.role).name}'s score {cond.comparison.describe()}"
        case m.TurnTest():
            return f"{scenario.turns.word} number {cond.comparison.describe()}"
        case m.ActiveTest():
            return f"{scenario.shock(cond.shock).title} in progress"
        case m.ChoseTest():
            what = scenario.action(cond.action).label if cond.action is not None else f"a {cond.tag} action"
            if cond.roles:
                names = [scenario.role(role).name for role in cond.roles]
                every = "both" if len(names) == 2 else "all"
                return f"{', '.join(names[:-1])} and {names[-1]} {every} chose {what}"
            who = scenario.role(cond.role).name if cond.role else "a team"
            return f"{who} chose {what}"
        case m.AllOf():
            return " and ".join(_grouped(scenario, item) for item in cond.items)
        case m.AnyOf():
            return "either " + " or ".join(_grouped(scenario, item) for item in cond.items)
        case m.Not():
            return f"not ({describe(scenario, cond.item)})"
        case _:
            assert_never(cond)


def _state_words(variable: m.Variable, comparison: m.Comparison) -> str:
    """Bounds on a variable of named states by its states' names, e.g. ``at least survival-threatening``."""
    return comparison.in_words(variable.shown, ("is", "at least", "after", "at most", "before"))


def _grouped(scenario: m.Scenario, cond: m.Condition) -> str:
    text = describe(scenario, cond)
    return f"({text})" if isinstance(cond, (m.AllOf, m.AnyOf)) else text


def current_value(work: Facts, cond: m.Condition) -> str | None:
    """The value a leaf condition looks at, as it is now, for explanations."""
    game = work.game
    match cond:
        case m.VarTest():
            return game.scenario.variable(cond.var).shown(work.values[game.var_index[cond.var]])
        case m.InBand():
            value = work.values[game.var_index[cond.var]]
            band = game.scenario.variable(cond.var).band_at(value)
            return f"{value}, {band.label}" if band else str(value)
        case m.ResourceTest():
            r = game.role_index[cond.role]
            return str(work.resources[r][game.resource_index[r][cond.resource]])
        case m.UsesTest():
            a = game.action_index[cond.action]
            if cond.role is not None:
                return times(work.uses[game.role_index[cond.role]][a]).replace("0 times", "never")
            return times(sum(row[a] for row in work.uses)).replace("0 times", "never")
        case m.FiredTest():
            return times(work.fires[game.shock_index[cond.shock]]).replace("0 times", "never")
        case m.ScoreTest():
            return str(work.score_at(game.role_index[cond.role]))
        case m.TurnTest():
            return str(work.turn)
        case m.ActiveTest() | m.ChoseTest() | m.AllOf() | m.AnyOf() | m.Not():
            # not a test of one number: the description alone says what is missing
            return None
        case _:
            assert_never(cond)


def explain(work: Facts, cond: m.Condition) -> str:
    """Why a condition does not hold now, naming the failing part and its current value."""
    scenario = work.game.scenario
    if isinstance(cond, m.AllOf):
        failing = [item for item in cond.items if not work.game.predicate(item)(work)]
        return "; ".join(explain(work, item) for item in failing) or "needs " + describe(scenario, cond)
    now = current_value(work, cond)
    suffix = f" (now {now})" if now is not None else ""
    return f"needs {describe(scenario, cond)}{suffix}"
