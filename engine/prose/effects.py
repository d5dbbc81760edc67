"""Effects, triggers and availability in plain words, as a facilitator reads them in the briefing book.

Conditions are worded by `engine.core.explain.describe` and changes by `engine.prose.events.signed`, so the
book says things the same way as the console and the log. Nested effects (chance, pick, if) come
out as a tree of `Phrase` so that each output format can indent them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import assert_never

import attrs

from engine.core import model as m
from engine.core.explain import describe, times
from engine.core.nouns import counted
from engine.prose.values import signed


@attrs.frozen
class Phrase:
    """One line of words, with the lines that depend on it (the branches of a chance, pick or if)."""

    text: str
    children: tuple[Phrase, ...] = ()


def percent(probability: float) -> str:
    """A probability as a percentage: 0.3 is "30%", 1/3 is "33.3%"."""
    return f"{round(probability * 100, 1):g}%"


def turns_later(scenario: m.Scenario, count: int) -> str:
    """ "1 month later", "2 weeks later", in the scenario's own word for a turn."""
    return f"{scenario.turns.counted(count)} later"


def _resource_label(scenario: m.Scenario, role_id: str, resource_id: str) -> str:
    role = scenario.role(role_id)
    found = next((res for res in role.resources if res.id == resource_id), None)
    return found.label if found else resource_id


def _changes(scenario: m.Scenario, changes: Sequence[tuple[str, int]]) -> str:
    return ", ".join(_change(scenario.variable(var), amount) for var, amount in changes)


def _change(variable: m.Variable, amount: int) -> str:
    """A change in words; a variable of named states moves by states ("+1 state")."""
    return f"{variable.label} {signed(amount)}" + (f" {'state' if abs(amount) == 1 else 'states'}" if variable.states else "")


def effect_phrase(scenario: m.Scenario, effect: m.Effect) -> Phrase:
    """One effect in words."""
    match effect:
        case m.Add():
            return Phrase(_changes(scenario, effect.changes))
        case m.SetTo():
            return Phrase(
                ", ".join(
                    f"{scenario.variable(var).label} set to {scenario.variable(var).shown(value)}" for var, value in effect.values
                )
            )
        case m.Drift():
            label = scenario.variable(effect.var).label
            return Phrase(f"{label} moves toward {effect.toward} by at most {effect.by}")
        case m.Gain():
            who = scenario.role(effect.role).name
            return Phrase(f"{who}'s {_resource_label(scenario, effect.role, effect.resource)} {signed(effect.amount)}")
        case m.Chance():
            label = f" ({effect.label})" if effect.label else ""
            branches = [Phrase(f"with a {percent(effect.probability)} chance{label}:", effect_phrases(scenario, effect.then))]
            if effect.otherwise:
                branches.append(Phrase("otherwise:", effect_phrases(scenario, effect.otherwise)))
            return Phrase("a roll of the dice:", tuple(branches))
        case m.Pick():
            total = sum(option.weight for option in effect.options)
            return Phrase(
                "one of these, picked at random:",
                tuple(
                    Phrase(f"{percent(option.weight / total)}: {option.label}", effect_phrases(scenario, option.effects))
                    for option in effect.options
                ),
            )
        case m.If():
            branches = [Phrase(f"if {describe(scenario, effect.condition)}:", effect_phrases(scenario, effect.then))]
            if effect.otherwise:
                branches.append(Phrase("otherwise:", effect_phrases(scenario, effect.otherwise)))
            return Phrase("depending on the situation:", tuple(branches))
        case m.Schedule():
            return Phrase(f"{scenario.shock(effect.shock).title} happens {turns_later(scenario, effect.after)}")
        case m.Enable():
            return Phrase(f"{scenario.shock(effect.shock).title} may now happen by itself (armed)")
        case m.Disable():
            return Phrase(f"{scenario.shock(effect.shock).title} can no longer happen by itself (disarmed)")
        case m.EndShock():
            return Phrase(f"{scenario.shock(effect.shock).title} ends now, without its effects on expiry")
        case m.Say():
            return Phrase(f"the log says: “{effect.text}”")
        case _:
            assert_never(effect)


def effect_phrases(scenario: m.Scenario, effects: Sequence[m.Effect]) -> tuple[Phrase, ...]:
    """Effects in words, in the order they apply; nothing happens is said too."""
    if not effects:
        return (Phrase("nothing happens"),)
    return tuple(effect_phrase(scenario, effect) for effect in effects)


def nested_effects(effects: Sequence[m.Effect]) -> Iterator[m.Effect]:
    """Every effect in a list, including those inside chance, pick and if branches."""
    for effect in effects:
        yield effect
        match effect:
            case m.Add() | m.SetTo() | m.Drift() | m.Gain() | m.Schedule() | m.Enable() | m.Disable() | m.EndShock() | m.Say():
                pass  # no branches
            case m.Chance() | m.If():
                yield from nested_effects(effect.then)
                yield from nested_effects(effect.otherwise)
            case m.Pick():
                for option in effect.options:
                    yield from nested_effects(option.effects)
            case _:
                assert_never(effect)


def turn_words(scenario: m.Scenario, turn: int) -> str:
    """ "month 3", in the scenario's word for a turn."""
    return f"{scenario.turns.word} {turn}"


def trigger_phrase(scenario: m.Scenario, trigger: m.Trigger) -> str:
    """When a trigger lets its shock fire, e.g. "in months 2 to 5, with a 30% chance each month"."""
    label = scenario.turns.word
    parts = []
    if trigger.at_turn is not None:
        parts.append(f"at the start of {turn_words(scenario, trigger.at_turn)}")
    elif trigger.start is not None or trigger.end is not None:
        first, last = trigger.window(scenario.turns.count)
        parts.append(f"in {scenario.turns.plural} {first} to {last}")
    if trigger.when is not None:
        parts.append(f"when {describe(scenario, trigger.when)}")
    if trigger.chance is not None:
        parts.append(f"with a {percent(trigger.chance)} chance each {label}")
    if trigger.guaranteed:
        parts.append(f"and surely by {turn_words(scenario, trigger.window(scenario.turns.count)[1])} if not before")
    return ", ".join(parts) or f"at the start of every {label}"


def role_names(scenario: m.Scenario, role_ids: Sequence[str]) -> str:
    """Role names joined with commas and a final "and"."""
    names = [scenario.role(role_id).name for role_id in role_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def availability_phrases(scenario: m.Scenario, action: m.Action) -> tuple[str, ...]:
    """Everything that limits when an action can be taken, in words."""
    label = scenario.turns.word
    lines = []
    if action.unlocked_by:
        titles = " or ".join(scenario.shock(shock).title for shock in action.unlocked_by)
        lines.append(f"only while {titles} is in progress")
    if action.requires is not None:
        lines.append(
            action.requires_text.rstrip(". ") if action.requires_text else f"only when {describe(scenario, action.requires)}"
        )
    if action.limit is not None:
        lines.append(f"at most {times(action.limit)} per team in a game")
    if action.cooldown:
        lines.append(f"after use, not again for {scenario.turns.counted(action.cooldown)}")
    if action.excludes:
        lines.append(f"not in the same {label} as " + " or ".join(scenario.action(other).label for other in action.excludes))
    return tuple(lines)


def cost_phrase(scenario: m.Scenario, action: m.Action) -> str:
    """What an action costs: action points and resources."""
    points = counted(action.cost, "action point")
    if not action.spend:
        return points
    role_id = action.roles[0]
    spent = ", ".join(f"{amount} {_resource_label(scenario, role_id, resource)}" for resource, amount in action.spend)
    return f"{points} and {spent}"
