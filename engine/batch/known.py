"""What the batched engine knows how to play: a whitelist of the scenario model's forms and fields.

The batch compiles each condition and effect form by hand, so a form or field added to the
scenario format later is one it does not play yet. Rather than trust a list of what it cannot
do, `unknown_form` walks the scenario and names the first class or field outside this list
(a new field left at its default is not in use, so it does not count). Anything it names makes
`simulate` fall back to the scalar engine, which plays every form: unknown forms go scalar by
construction, never approximated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from engine.core import model as m

KNOWN: Mapping[type, frozenset[str]] = {
    cls: frozenset(fields)
    for cls, fields in {
        m.Scenario: (
            "id", "title", "turns", "roles", "variables", "actions", "shocks", "rules", "end_conditions", "outcomes",
            "version", "author", "summary", "briefing", "document", "digest", "exercise_objectives", "phases",
            "format", "free_moves",
        ),
        m.Turns: ("count", "label", "start", "step", "names", "deadline"),
        m.Role: ("id", "name", "budget", "description", "resources", "objectives", "briefing", "played_by", "audience"),
        m.Resource: ("id", "label", "initial", "max", "min", "per_turn", "description"),
        m.Objective: ("id", "description", "condition", "weight", "check", "visibility"),
        m.Variable: ("id", "label", "min", "max", "initial", "description", "unit", "visibility", "polarity", "bands", "states"),
        m.Band: ("id", "label", "start", "tone"),
        m.Action: (
            "id", "label", "roles", "effects", "description", "tags", "cost", "spend", "requires", "requires_text",
            "unlocked_by", "cooldown", "limit", "joint", "excludes", "unmatched",
        ),
        m.Shock: (
            "id", "title", "category", "narrative", "source", "audience", "trigger", "enabled", "max_fires", "duration",
            "effects", "ongoing", "on_expire", "follow_ups", "expected_actions", "expected_response", "facilitator_notes",
            "tests",
        ),
        m.Trigger: ("at_turn", "start", "end", "when", "chance", "guaranteed"),
        m.FollowUp: ("shock", "after", "chance", "enable", "when"),
        m.ExerciseObjective: ("id", "title", "description", "capability", "criteria", "roles"),  # play nothing
        m.Rule: ("id", "effects", "description", "when"),
        m.EndCondition: ("id", "when", "description", "outcome"),
        m.Outcome: ("id", "title", "description", "when", "tone"),
        m.Comparison: ("at_least", "at_most", "above", "below", "equals"),
        # conditions
        m.VarTest: ("var", "comparison"),
        m.InBand: ("var", "band"),
        m.ResourceTest: ("resource", "role", "comparison"),
        m.UsesTest: ("action", "role", "comparison"),
        m.FiredTest: ("shock", "comparison"),
        m.ScoreTest: ("role", "comparison"),
        m.TurnTest: ("comparison",),
        m.ActiveTest: ("shock",),
        m.ChoseTest: ("role", "action", "tag", "roles"),
        m.AllOf: ("items",),
        m.AnyOf: ("items",),
        m.Not: ("item",),
        # effects
        m.Add: ("changes",),
        m.SetTo: ("values",),
        m.Drift: ("var", "toward", "by"),
        m.Gain: ("role", "resource", "amount"),
        m.Chance: ("probability", "label", "then", "otherwise"),
        m.PickOption: ("weight", "label", "effects"),
        m.Pick: ("options",),
        m.If: ("condition", "then", "otherwise"),
        m.Schedule: ("shock", "after"),
        m.Enable: ("shock",),
        m.Disable: ("shock",),
        m.EndShock: ("shock",),
        m.Say: ("text",),
    }.items()
}  # fmt: skip
"""Per model class the batch plays, the fields whose every value it plays."""

KNOWN_VALUES: Mapping[tuple[type, str], frozenset[object]] = {
    (m.Objective, "check"): frozenset({"end", "ever", "always"}),
    (m.Scenario, "format"): frozenset({1, 2}),
    (m.Role, "played_by"): frozenset({"team", "white-cell"}),
}
"""Fields of a closed set of values: the values the batch plays."""

OPAQUE = frozenset(
    {(m.Scenario, "document"), (m.Scenario, "phases"), (m.Scenario, "free_moves"), (m.Role, "played_by"), (m.Role, "audience")}
)
"""Fields the batch never reads: the scenario's own JSON, kept for journals; its phases (with their
deadlines), which are for the people running a game and change nothing in how it plays
(docs/scenario-guide.md); its free moves, which only teams at a table propose, never a bot; and
who plays a role and who hears of its moves: a white-cell actor is played by its bot in bot games
exactly as a team is (it has no objectives, so it scores 0 in both engines), and its audience
decides only who is told, which bot games do not record."""


def unknown_form(scenario: m.Scenario, known: Mapping[type, frozenset[str]] = KNOWN) -> str | None:
    """The first form or field of the scenario the batch does not know, in words, or None."""
    return _walk(scenario, known)


def _walk(value: Any, known_fields: Mapping[type, frozenset[str]]) -> str | None:
    if isinstance(value, (tuple, list)):
        for item in value:
            found = _walk(item, known_fields)
            if found is not None:
                return found
        return None
    if not attrs.has(type(value)):
        return None
    cls = type(value)
    known = known_fields.get(cls)
    if known is None:
        return f"it uses {cls.__name__}, a form the batched engine does not play yet"
    for field in attrs.fields(cls):
        item = getattr(value, field.name)
        if field.name not in known:
            if field.default is attrs.NOTHING or item != _default(field):
                return f"it uses {cls.__name__}.{field.name}, which the batched engine does not play yet"
            continue
        allowed = KNOWN_VALUES.get((cls, field.name))
        if allowed is not None and item not in allowed:
            return f"it uses {cls.__name__}.{field.name} = {item!r}, which the batched engine does not play yet"
        if (cls, field.name) in OPAQUE:
            continue
        found = _walk(item, known_fields)
        if found is not None:
            return found
    return None


def _default(field: attrs.Attribute[Any]) -> object:
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    return default
