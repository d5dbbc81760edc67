"""Write conditions, effects and follow-ups in the events-list notation (docs/events-list.md).

The printer works on the scenario's JSON forms, which the loader has already checked, and its
output reads back through `engine.msel.parser` to exactly the same JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine.msel.lexer import quote

BOUNDS = (("equals", "="), ("atLeast", ">="), ("above", ">"), ("atMost", "<="), ("below", "<"))
"""Comparison keys and their operators, in the order they are printed."""

RESERVED = frozenset({"turn", "not", "and", "or"})
"""Words a condition reads as keywords; a variable with one of these ids is written ``var(ID)``."""

NONE = "(none)"
"""A list column's cell for a list that is present but empty."""


def comparison(bounds: Mapping[str, Any]) -> str:
    """Bounds as operators, e.g. ``>= 40, < 60``."""
    return ", ".join(f"{op} {bounds[key]}" for key, op in BOUNDS if key in bounds)


def _variable(var_id: str) -> str:
    return f"var({var_id})" if var_id in RESERVED else var_id


def condition(cond: Mapping[str, Any]) -> str:
    """A condition in the notation, e.g. ``trust >= 40 and not active(boycott)``."""
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        items: Sequence[Mapping[str, Any]] = cond[key]
        if len(items) == 1:
            return f"{key}({condition(items[0])})"
        return f" {'and' if key == 'all' else 'or'} ".join(_operand(item) for item in items)
    if "not" in cond:
        return f"not {_operand(cond['not'])}"
    if "var" in cond:
        return f"{_variable(cond['var'])} {comparison(cond)}"
    if "inBand" in cond:
        return f"{_variable(cond['inBand']['var'])} in {cond['inBand']['band']}"
    if "state" in cond:  # format 2
        ops = (("is", "is"), ("atLeast", ">="), ("atMost", "<="))
        return f"state({cond['state']}) " + ", ".join(f"{op} {cond[key]}" for key, op in ops if key in cond)
    if "resource" in cond:
        return f"{cond['role']}.{cond['resource']} {comparison(cond)}"
    if "uses" in cond:
        by = f" by {cond['role']}" if "role" in cond else ""
        return f"uses({cond['uses']}{by}) {comparison(cond)}"
    if "fired" in cond:
        return f"fired({cond['fired']}) {comparison(cond)}"
    if "score" in cond:
        return f"score({cond['score']}) {comparison(cond)}"
    if "turn" in cond:
        return f"turn {comparison(cond['turn'])}"
    if "active" in cond:
        return f"active({cond['active']})"
    return f"chose({_chose(cond['chose'])})"


def _operand(cond: Mapping[str, Any]) -> str:
    """A condition inside and/or/not: combinations of two or more get parentheses."""
    text = condition(cond)
    several = ("all" in cond and len(cond["all"]) > 1) or ("any" in cond and len(cond["any"]) > 1)
    return f"({text})" if several else text


def _chose(chose: Mapping[str, Any]) -> str:
    parts = []
    if "action" in chose:
        parts.append(chose["action"])
    if "tag" in chose:
        parts.append(f"#{chose['tag']}")
    what = " ".join(parts) or "*"
    if "roles" in chose:  # format 2's joint choice
        return f"{'+'.join(chose['roles'])}: {what}"
    return f"{chose['role']}: {what}" if "role" in chose else what


def number(value: int | float) -> str:
    """A number as JSON would write it, so that it reads back as the same int or float."""
    return repr(value)


def effects(items: Sequence[Mapping[str, Any]]) -> str:
    """A whole effects cell: effects separated by ``;``, or ``(none)`` for an empty list."""
    return "; ".join(effect(item) for item in items) if items else NONE


def _nested(items: Sequence[Mapping[str, Any]]) -> str:
    return "(" + "; ".join(effect(item) for item in items) + ")"


def _signed(amount: int) -> str:
    return f"+{amount}" if amount >= 0 else str(amount)


def effect(item: Mapping[str, Any]) -> str:
    """One effect, e.g. ``trust +5, stability -2`` or ``chance 0.3 then (say "Talks fail")``."""
    if "add" in item:
        return ", ".join(f"{name} {_signed(amount)}" for name, amount in item["add"].items())
    if "set" in item:
        return ", ".join(f"{name} = {amount}" for name, amount in item["set"].items())
    if "setState" in item:  # format 2's named states
        return ", ".join(f"{name} = {state}" for name, state in item["setState"].items())
    if "stepState" in item:
        return ", ".join(f"{name} step {_signed(steps)}" for name, steps in item["stepState"].items())
    if "drift" in item:
        drift = item["drift"]
        return f"drift {drift['var']} toward {drift['toward']} by {drift['by']}"
    if "gain" in item:
        gain = item["gain"]
        return f"{gain['role']}.{gain['resource']} {_signed(gain['amount'])}"
    if "pick" in item:
        options = " | ".join(
            f"{option['weight']} {quote(option['label'])}: " + "; ".join(effect(sub) for sub in option["effects"])
            for option in item["pick"]
        )
        return f"pick({options})"
    if "then" in item:
        head = (
            f"chance {number(item['chance'])}" + (f" {quote(item['label'])}" if "label" in item else "")
            if "chance" in item
            else f"if {condition(item['if'])}"
        )
        tail = f" else {_nested(item['else'])}" if "else" in item else ""
        return f"{head} then {_nested(item['then'])}{tail}"
    if "schedule" in item:
        schedule = item["schedule"]
        after = f" after {schedule['after']}" if "after" in schedule else ""
        return f"schedule {schedule['shock']}{after}"
    if "enable" in item:
        return f"enable {item['enable']}"
    if "disable" in item:
        return f"disable {item['disable']}"
    if "endShock" in item:
        return f"end {item['endShock']}"
    return f"say {quote(item['say'])}"


def follow_ups(items: Sequence[Mapping[str, Any]]) -> str:
    """Follow-ups separated by ``;``, e.g. ``boycott after 1 chance 0.3``."""
    if not items:
        return NONE
    parts = []
    for item in items:
        text = item["shock"]
        if "after" in item:
            text += f" after {item['after']}"
        if "chance" in item:
            text += f" chance {number(item['chance'])}"
        if "enable" in item:
            text += f" enable {'yes' if item['enable'] else 'no'}"
        if "if" in item:  # format 2
            text += f" if {condition(item['if'])}"
        parts.append(text)
    return "; ".join(parts)


def id_list(items: Sequence[str]) -> str:
    """Ids separated by commas, or ``(none)`` for an empty list."""
    return ", ".join(items) if items else NONE
